// call_on_thread_stack (gort/detail/runtime.hpp): a borrowed stack for libc
// calls too deep for a goroutine's in WebAssembly. One 64 KiB stack per
// thread, made on first use; fn never parks, so nothing else runs on it
// while it is borrowed, and a call already on it runs in place.
#include <gort/detail/runtime.hpp>

#ifdef __EMSCRIPTEN__
#include <emscripten/stack.h>

#include <cstdint>
#include <memory>

extern "C" {
std::uintptr_t stackSave(void);
void stackRestore(std::uintptr_t sp);
// context_emscripten.js: binaryen's stack check's copy of the limits.
void gort_set_stack_check_limits(void* base, void* end);
}
#endif

namespace gort::detail {

#ifdef __EMSCRIPTEN__

namespace {

void set_limits(std::uintptr_t base, std::uintptr_t end) {
  emscripten_stack_set_limits(reinterpret_cast<void*>(base), reinterpret_cast<void*>(end));
#ifdef GORT_WASM_DEBUG_CHECKS
  gort_set_stack_check_limits(reinterpret_cast<void*>(base), reinterpret_cast<void*>(end));
#endif
}

}  // namespace

void call_on_thread_stack(void (*fn)(void*), void* arg) {
  constexpr std::size_t kSize = 64 * 1024;
  struct alignas(16) Stack {
    unsigned char bytes[kSize];
  };
  thread_local std::unique_ptr<Stack> stack;
  if (!stack) stack = std::make_unique<Stack>();
  auto lo = reinterpret_cast<std::uintptr_t>(stack->bytes), hi = lo + kSize;
  std::uintptr_t sp = stackSave();
  if (sp > lo && sp <= hi) return fn(arg);
  std::uintptr_t base = emscripten_stack_get_base(), end = emscripten_stack_get_end();
  // Limits first, both ways: each stack pointer move is checked against
  // them (binaryen's check, debug-checks build).
  set_limits(hi, lo);
  stackRestore(hi - 16);
  fn(arg);
  set_limits(base, end);
  stackRestore(sp);
}

#else

void call_on_thread_stack(void (*fn)(void*), void* arg) {
  fn(arg);
}

#endif

}  // namespace gort::detail
