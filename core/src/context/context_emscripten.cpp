// The Emscripten context backend: emscripten_fiber_t on ASYNCIFY (link with
// -sASYNCIFY). A switch unwinds the running wasm call stack into an asyncify
// buffer, back out to JavaScript, and rewinds the resumed context from its
// own buffer; the C stack (the part of linear memory holding address-taken
// locals) stays where it is.
//
// Layout of a made context's block [stack_lo, stack_lo + size), low to high:
//   [ C stack, grows down | asyncify buffer | EmState ]
// The C stack gets (size - EmState) * 3/4, the asyncify buffer the rest:
// wasm keeps most locals in wasm locals, which live in the buffer only while
// suspended, so both grow with call depth. kAsyncifyMin keeps even a tiny
// stack able to suspend.
//
// Asyncify checks its buffer's end only once an unwind has finished
// (binaryen's asyncify_stop_unwind traps "unreachable"), after writing past
// it. So a switch never unwinds straight into a context's own buffer: it
// unwinds into its thread's scratch buffer (kScratch, as deep as V8's own
// stack lets a wasm call chain grow), and the context that runs next copies
// the saved frames into the suspended context's buffer (finish_unwind), or,
// when they do not fit, marks that context lost without writing anything.
//
// Invariants:
//   - c.impl points at the context's EmState: at the top of its block for a
//     made context, on the heap (with a kThreadAsyncify buffer) for a
//     thread's own context.
//   - c.sp is the C stack pointer at the last switch away from c, so the
//     scheduler's stack check sees an overflowing goroutine as natively. A C
//     stack overflow runs below stack_lo, as natively.
//   - A suspended context's asyncify data points into its own buffer; the
//     running context's, while it unwinds, into the thread's scratch buffer.
//     tl_pending names the context unwound last on this thread until the
//     next context to run there (at the end of context_swap, or in start)
//     finishes its unwind. A lost context (EmState::lost: its frames did not
//     fit) is never resumed: the scheduler reports a stack overflow for it
//     (context_lost); a thread's own context that does not fit is fatal.
//   - Each context has its own C++ exception state. Emscripten's exceptions
//     (-fexceptions) keep it in JavaScript, per thread: context_emscripten.js
//     swaps it at every switch, and c.eh_uncaught says JS holds some for c.
//   - kContextCanMigrate (context.hpp): single-threaded builds have one
//     thread, so true trivially. With pthreads a rewind must happen on the
//     thread that unwound the fiber (asyncify's rewind ids are per thread:
//     a worker whose first rewind is a fiber started elsewhere fails with
//     "start is not a function"), so false: the scheduler keeps a started
//     goroutine on its own P. Measured with migration allowed plus the
//     stable-rewind-id fix (every export registered in one order on every
//     thread) and a never-inlined finish_unwind: 8 of 8 Node runs at 4
//     workers completed (about 2,000 migrations), and select at 2 workers
//     ran 3.2 µs instead of 18-23 µs pinned on a loaded machine. Not yet run
//     in Chromium nor through the whole suite, so pinning stays the rule.
//   - context_thread_exit: with pthreads a worker that ran fibers must end
//     with pthread_exit; returning leaves asyncify's keepalive count (pushed
//     once per fiber started, never popped) above zero and the thread is
//     never joinable.
#include <emscripten/fiber.h>
#include <emscripten/stack.h>
#include <pthread.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

namespace {

constexpr std::size_t kAsyncifyMin = 64;
// A thread's own context suspends the whole call chain of whoever drives the
// scheduler (a test body, the browser's frame callback): give it room.
constexpr std::size_t kThreadAsyncify = 64 * 1024;
// Where every unwind on a thread lands first. V8 stops a wasm call chain at
// about 1 MB of its own (native) stack with a RangeError, and a wasm frame
// there holds at least the locals asyncify saves for it, so no unwind should
// outgrow this; one that did would still end in asyncify_stop_unwind's trap.
constexpr std::size_t kScratch = 1 << 20;

struct EmState {
  emscripten_fiber_t fiber;
  void (*entry)(void*) = nullptr;
  void* arg = nullptr;
  char* buf = nullptr;  // the context's own asyncify buffer
  std::size_t buf_size = 0;
  bool lost = false;
};

thread_local char* tl_scratch = nullptr;
thread_local EmState* tl_pending = nullptr;

EmState& state(Context& c) {
  return *static_cast<EmState*>(c.impl);
}

void set_buffer(EmState& s, char* at, std::size_t size) {
  s.fiber.asyncify_data.stack_ptr = at;
  s.fiber.asyncify_data.stack_limit = at + size;
}

// The context about to switch away unwinds into the scratch buffer.
void prepare_unwind(EmState& s) {
  set_buffer(s, tl_scratch, kScratch);
  tl_pending = &s;
}

// Runs first in whatever context a thread resumes: moves the frames that
// the last unwind on this thread saved into that context's own buffer.
// Never inlined: a context may resume on another thread than it left, and a
// caller could otherwise reuse the thread_local addresses it computed before
// the switch (the other thread's).
[[gnu::noinline]] void finish_unwind() {
  EmState* s = tl_pending;
  if (!s) return;
  tl_pending = nullptr;
  auto n =
      static_cast<std::size_t>(static_cast<char*>(s->fiber.asyncify_data.stack_ptr) - tl_scratch);
  if (n > s->buf_size) {
    s->lost = true;
    if (!s->entry) {
      std::fprintf(stderr,
                   "fatal error: a thread's call chain (%zu bytes of wasm frames) does not "
                   "fit its %zu-byte asyncify buffer\n",
                   n, s->buf_size);
      std::abort();
    }
    return;
  }
  std::memcpy(s->buf, tl_scratch, n);
  s->fiber.asyncify_data.stack_ptr = s->buf + n;
  s->fiber.asyncify_data.stack_limit = s->buf + s->buf_size;
}

void start(void* arg) {
  finish_unwind();
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

void context_thread_exit() {
#ifdef __EMSCRIPTEN_PTHREADS__
  std::free(tl_scratch);
  tl_scratch = nullptr;
  gort_fiber_thread_exit();
  pthread_exit(nullptr);
#endif
}

bool context_lost(const Context& c) {
  return c.impl && static_cast<const EmState*>(c.impl)->lost;
}

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
  s->buf = reinterpret_cast<char*>(lo + cstack);
  s->buf_size = avail - cstack;
  emscripten_fiber_init(&s->fiber, &start, s, stack_lo, cstack, s->buf, s->buf_size);
  c.impl = s;
}

void context_init_current(Context& c) {
  c = Context{};
  if (!tl_scratch) {
    tl_scratch = static_cast<char*>(std::malloc(kScratch));
    if (!tl_scratch) throw std::bad_alloc();
  }
  void* mem = std::malloc(sizeof(EmState) + kThreadAsyncify);
  if (!mem) throw std::bad_alloc();
  auto* s = new (mem) EmState;
  s->buf = reinterpret_cast<char*>(s + 1);
  s->buf_size = kThreadAsyncify;
  emscripten_fiber_init_from_current_context(&s->fiber, s->buf, s->buf_size);
  c.impl = s;
}

void context_swap(Context& from, Context& to) {
  switch_eh(from, to);
  from.sp = reinterpret_cast<void*>(emscripten_stack_get_current());
  prepare_unwind(state(from));
  emscripten_fiber_swap(&state(from).fiber, &state(to).fiber);
  finish_unwind();
}

void context_exit(Context& from, Context& to) {
  switch_eh(from, to);
  // The swap still unwinds `from` (asyncify can only leave a stack that
  // way), into the scratch buffer; nothing is kept of it.
  set_buffer(state(from), tl_scratch, kScratch);
  tl_pending = nullptr;
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
