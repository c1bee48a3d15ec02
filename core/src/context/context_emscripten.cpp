// The Emscripten context backend: emscripten_fiber_t on ASYNCIFY (link with
// -sASYNCIFY). A switch unwinds the running wasm call stack into the
// suspended context's asyncify buffer, back out to JavaScript, and rewinds
// the resumed context from its own buffer; the C stack (the part of linear
// memory holding address-taken locals) stays where it is.
//
// Layout of a made context's block [stack_lo, stack_lo + size), low to high:
//   [ C stack, grows down | asyncify buffer | EmState ]
// The C stack gets (size - EmState) * 3/4, the asyncify buffer the rest:
// wasm keeps most locals in wasm locals, which live in the buffer only while
// suspended, so both grow with call depth. kAsyncifyMin keeps even a tiny
// stack able to suspend.
//
// Invariants:
//   - c.impl points at the context's EmState: at the top of its block for a
//     made context, on the heap (with a kThreadAsyncify buffer) for a
//     thread's own context.
//   - c.sp is the C stack pointer at the last switch away from c, so the
//     scheduler's stack check sees an overflowing goroutine as natively. A C
//     stack overflow runs below stack_lo, as natively; an asyncify buffer too
//     small for the call chain traps in asyncify's own bounds check
//     ("unreachable"), never writes past the buffer.
//   - Each context has its own C++ exception state. Emscripten's exceptions
//     (-fexceptions) keep it in JavaScript, per thread: context_emscripten.js
//     swaps it at every switch, and c.eh_uncaught says JS holds some for c.
//   - kContextCanMigrate (context.hpp): single-threaded builds have one
//     thread, so true trivially. With pthreads a rewind must happen on the
//     thread that unwound the fiber (asyncify's rewind ids are per thread:
//     a worker whose first rewind is a fiber started elsewhere fails with
//     "start is not a function"), so false: the scheduler keeps a started
//     goroutine on its own P.
//   - context_thread_exit: with pthreads a worker that ran fibers must end
//     with pthread_exit; returning leaves asyncify's keepalive count (pushed
//     once per fiber started, never popped) above zero and the thread is
//     never joinable.
#include <emscripten/fiber.h>
#include <emscripten/stack.h>
#include <pthread.h>

#include <cstdint>
#include <cstdlib>
#include <new>

#include "context.hpp"

extern "C" {
// context_emscripten.js. Moves the running thread's C++ exception state
// into from's slot and to's into the thread; returns whether from had any.
int gort_eh_switch(void* from, void* to, int to_has_state);
void gort_eh_drop(void* c);
// context_emscripten.js: lets the next pthread on this worker run fibers.
void gort_fiber_thread_exit();
}

namespace gort::detail {

void context_thread_exit() {
#ifdef __EMSCRIPTEN_PTHREADS__
  gort_fiber_thread_exit();
  pthread_exit(nullptr);
#endif
}

namespace {

constexpr std::size_t kAsyncifyMin = 64;
// A thread's own context suspends the whole call chain of whoever drives the
// scheduler (a test body, the browser's frame callback): give it room.
constexpr std::size_t kThreadAsyncify = 64 * 1024;

struct EmState {
  emscripten_fiber_t fiber;
  void (*entry)(void*) = nullptr;
  void* arg = nullptr;
};

EmState& state(Context& c) {
  return *static_cast<EmState*>(c.impl);
}

void start(void* arg) {
  auto* s = static_cast<EmState*>(arg);
  s->entry(s->arg);
  // entry must leave with context_exit; there is nothing to return to.
  std::abort();
}

void switch_eh(Context& from, Context& to) {
  bool to_has = to.eh_uncaught != 0;
  from.eh_uncaught = gort_eh_switch(&from, &to, to_has) != 0;
  to.eh_uncaught = 0;
}

}  // namespace

void context_make(Context& c, void* stack_lo, std::size_t size, void (*entry)(void*), void* arg) {
  c = Context{};
  c.stack_lo = stack_lo;
  c.stack_size = size;
  auto lo = reinterpret_cast<std::uintptr_t>(stack_lo);
  auto* s =
      new (reinterpret_cast<void*>((lo + size - sizeof(EmState)) & ~std::uintptr_t{15})) EmState;
  s->entry = entry;
  s->arg = arg;
  std::size_t avail = reinterpret_cast<std::uintptr_t>(s) - lo;
  std::size_t cstack = (avail / 4 * 3) & ~std::size_t{15};
  if (avail - cstack < kAsyncifyMin) cstack = (avail - kAsyncifyMin) & ~std::size_t{15};
  emscripten_fiber_init(&s->fiber, &start, s, stack_lo, cstack,
                        reinterpret_cast<void*>(lo + cstack), avail - cstack);
  c.impl = s;
}

void context_init_current(Context& c) {
  c = Context{};
  void* mem = std::malloc(sizeof(EmState) + kThreadAsyncify);
  if (!mem) throw std::bad_alloc();
  auto* s = new (mem) EmState;
  emscripten_fiber_init_from_current_context(&s->fiber, s + 1, kThreadAsyncify);
  c.impl = s;
}

void context_swap(Context& from, Context& to) {
  switch_eh(from, to);
  from.sp = reinterpret_cast<void*>(emscripten_stack_get_current());
  emscripten_fiber_swap(&state(from).fiber, &state(to).fiber);
}

void context_exit(Context& from, Context& to) {
  switch_eh(from, to);
  // The swap still unwinds `from` into its own buffer (asyncify can only
  // leave a stack that way); that ends before `to` runs and frees it.
  emscripten_fiber_swap(&state(from).fiber, &state(to).fiber);
  std::abort();
}

void context_destroy(Context& c) {
  if (c.eh_uncaught) gort_eh_drop(&c);
  c.eh_uncaught = 0;
  auto p = reinterpret_cast<std::uintptr_t>(c.impl);
  auto lo = reinterpret_cast<std::uintptr_t>(c.stack_lo);
  if (c.impl != nullptr && (p < lo || p >= lo + c.stack_size)) {
    state(c).~EmState();
    std::free(c.impl);
  }
  c.impl = nullptr;
}

}  // namespace gort::detail
