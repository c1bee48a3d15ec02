// The context shim: the one interface the scheduler uses to switch stacks.
//
// A Context is a suspended execution: a stack plus the registers needed to
// resume it. There are exactly three operations: make a context that will run
// entry(arg) on a given stack, capture the calling thread's own context (the
// scheduler's g0), and swap from the running context to a suspended one.
//
// Invariants:
//   - entry(arg) never returns; a finished context leaves with context_exit(),
//     after which it must never be swapped to again (its stack may be reused
//     by a later context_make).
//   - An exception escaping entry(arg) ends all of entry's frames (their
//     destructors run), and the context calls entry(arg) again, from the top
//     of its stack; there context_take_escaped() returns the exception. The
//     backend catches it, not entry: with Emscripten's exceptions a catching
//     frame is a call through JavaScript that every switch of the context
//     crosses (context_emscripten.cpp), so a goroutine keeps none.
//   - context_swap(from, to): `from` must be the context running now, `to` a
//     suspended one. Exactly one thread runs a given context at a time.
//   - Backends are chosen by the build (one source file each), never by
//     #ifdef in the scheduler. kContextCanMigrate says whether a suspended
//     context may be resumed on a thread other than the one that suspended it.
//   - Sanitizer fiber annotations (ASan, TSan) happen here and nowhere else.
//   - Each context has its own C++ exception state (std::uncaught_exceptions,
//     the exceptions being handled), as a thread has; it moves with it.
#pragma once

#include <cstddef>
#include <exception>
#include <utility>

namespace gort::detail {

struct Context {
  void* sp = nullptr;    // asm backends: saved stack pointer
  void* impl = nullptr;  // other backends: their own state (ucontext_t, fiber)
  void* stack_lo = nullptr;
  std::size_t stack_size = 0;
  void* eh_caught = nullptr;   // C++ exceptions being handled while suspended
  unsigned eh_uncaught = 0;    // C++ exceptions in flight while suspended
  void* eh_thread = nullptr;   // thread's own context: that thread's exception globals
  void* tsan_fiber = nullptr;  // TSan: this context's fiber handle
  void* asan_fake = nullptr;   // ASan: fake-stack save slot while suspended
  bool owns_tsan_fiber = false;
};

// Whether a suspended context may resume on another thread. A compile-time
// constant so that the scheduler's pinning code (sched.hpp, P::inbox) is not
// even compiled where contexts migrate. Emscripten with pthreads: false
// unless the build defines GORT_WASM_MIGRATE=1 (CMake option
// GORT_WASM_MIGRATE), see context_emscripten.cpp; every other backend: true.
#if defined(__EMSCRIPTEN_PTHREADS__) && !(defined(GORT_WASM_MIGRATE) && GORT_WASM_MIGRATE)
inline constexpr bool kContextCanMigrate = false;
#else
inline constexpr bool kContextCanMigrate = true;
#endif

// Prepares c to run entry(arg) on [stack_lo, stack_lo + size) when first
// swapped to. The stack is 16-byte aligned; the backend may keep its own state
// at the top of the stack.
void context_make(Context& c, void* stack_lo, std::size_t size, void (*entry)(void*), void* arg);

// Makes c describe the calling thread's own (native) stack, so that it can be
// swapped away from and back to. Call once per thread before the first swap.
void context_init_current(Context& c);

// Suspends `from` (the running context) and resumes `to`.
void context_swap(Context& from, Context& to);

// Like context_swap, but `from` has finished for good: sanitizers release it.
[[noreturn]] void context_exit(Context& from, Context& to);

// Set by the backend just before a made context's entry starts over.
inline thread_local std::exception_ptr tl_context_escaped;

// What escaped the running context's entry before it started over; null on
// its first start. Entry takes it first thing, before it can switch.
inline std::exception_ptr context_take_escaped() noexcept {
  return std::exchange(tl_context_escaped, nullptr);
}

// Releases what context_make or context_init_current acquired (not the stack).
void context_destroy(Context& c);

// Whether c's last switch away could not save it: Emscripten, its call chain
// did not fit its asyncify buffer, and the switch went on to `to` without it
// (context_emscripten.cpp). Such a context can never be resumed; the
// scheduler reports it as a stack overflow. Native backends save a context
// in registers and on its own stack: never lost.
#if defined(__EMSCRIPTEN__)
bool context_lost(const Context& c);
#else
inline bool context_lost(const Context&) {
  return false;
}
#endif

// How many JavaScript invoke_* wrappers are on the running context's stack
// (context_emscripten.js counts them in the debug-checks WebAssembly build,
// GORT_WASM_DEBUG_CHECKS; 0 everywhere else). The parking rule's check
// reads it (gopark, sched.hpp).
#if defined(__EMSCRIPTEN__) && defined(GORT_WASM_DEBUG_CHECKS)
int context_invoke_depth() noexcept;
#else
inline int context_invoke_depth() noexcept {
  return 0;
}
#endif

// The last call of a thread the runtime created to run contexts: frees what
// the backend keeps per thread (Emscripten: the scratch buffer unwinds land
// in). The thread then returns as usual.
void context_thread_exit();

}  // namespace gort::detail
