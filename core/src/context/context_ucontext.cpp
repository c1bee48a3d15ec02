// The portable context backend: getcontext/makecontext/swapcontext. Slow
// (swapcontext also saves and restores the signal mask, a system call) but
// independent of the CPU; the asm backend is the fast path.
//
// Invariants:
//   - c.impl points at the context's UState: at the top of its own stack for
//     a made context, on the heap for a thread's own context.
//   - Before every switch the switcher records itself (or nullptr from
//     context_exit) and the thread's exception globals in the resumed
//     context's UState, the only place values can cross swapcontext; the
//     resumed side reads them at once, on the same thread.
//   - A context may resume on any thread: glibc's swapcontext leaves the
//     thread pointer (TLS) alone, and all our threads share one signal mask.
#include "context.hpp"

#include <ucontext.h>

#include <cstdint>
#include <cstdlib>
#include <new>

#include "context_entry.hpp"
#include "exception_state.hpp"
#include "sanitizer_fiber.hpp"

namespace gort::detail {

void context_thread_exit() {}

namespace {

struct UState {
  ucontext_t uc{};  // zeroed: ASan's swapcontext reads uc_stack even of a thread's own context
  // Set by whoever switches here: the context it left (nullptr from
  // context_exit) and the running thread's exception globals.
  Context* prev = nullptr;
  EhGlobals* eh = nullptr;
  void (*entry)(void*) = nullptr;
  void* arg = nullptr;
};

UState& state(Context& c) {
  return *static_cast<UState*>(c.impl);
}

// Decided without reading the UState: a finished context's stack may already
// serve another context when it is destroyed.
bool state_on_heap(const Context& c) {
  auto p = reinterpret_cast<std::uintptr_t>(c.impl);
  auto lo = reinterpret_cast<std::uintptr_t>(c.stack_lo);
  return p < lo || p >= lo + c.stack_size;
}

// makecontext passes only int arguments, so the UState address arrives split
// in two halves.
void start(unsigned hi, unsigned lo) {
  auto* s = reinterpret_cast<UState*>((std::uintptr_t{hi} << 32) | lo);
  san_finish_switch(nullptr, s->prev);
  eh_reset(s->eh);
  // uc_link is null: were entry to return, the whole thread would end.
  run_entry(s->entry, s->arg);
}

}  // namespace

void context_make(Context& c, void* stack_lo, std::size_t size, void (*entry)(void*), void* arg) {
  c = Context{};
  c.stack_lo = stack_lo;
  c.stack_size = size;
  san_make(c);
  auto top = reinterpret_cast<std::uintptr_t>(stack_lo) + size;
  auto* s = new (reinterpret_cast<void*>((top - sizeof(UState)) & ~(alignof(UState) - 1))) UState;
  s->entry = entry;
  s->arg = arg;
  // getcontext also captures the creator's floating-point control, which the
  // new context starts with, as a new thread would.
  if (getcontext(&s->uc) != 0) std::abort();
  s->uc.uc_link = nullptr;
  s->uc.uc_stack.ss_sp = stack_lo;
  s->uc.uc_stack.ss_size =
      reinterpret_cast<std::uintptr_t>(s) - reinterpret_cast<std::uintptr_t>(stack_lo);
  auto p = reinterpret_cast<std::uintptr_t>(s);
  // void(*)() is the type makecontext takes, and the one a function pointer
  // may be cast to without -Wcast-function-type.
  makecontext(&s->uc, reinterpret_cast<void (*)()>(&start), 2, static_cast<unsigned>(p >> 32),
              static_cast<unsigned>(p));
  c.impl = s;
}

void context_init_current(Context& c) {
  c = Context{};
  c.impl = new UState;
  eh_init_current(c);
  san_init_current(c);
}

void context_swap(Context& from, Context& to) {
  EhGlobals* eh = eh_of_thread(from, to);
  eh_save(from, eh);
  state(to).prev = &from;
  state(to).eh = eh;
  san_start_switch(from, to, false);
  if (swapcontext(&state(from).uc, &state(to).uc) != 0) std::abort();
  san_finish_switch(from.asan_fake, state(from).prev);
  eh_restore(from, state(from).eh);
}

void context_exit(Context& from, Context& to) {
  state(to).prev = nullptr;
  state(to).eh = eh_of_thread(from, to);
  san_start_switch(from, to, true);
  setcontext(&state(to).uc);
  std::abort();  // setcontext returns only on failure
}

void context_destroy(Context& c) {
  san_destroy(c);
  if (c.impl != nullptr && state_on_heap(c)) delete &state(c);
  c.impl = nullptr;
}

}  // namespace gort::detail
