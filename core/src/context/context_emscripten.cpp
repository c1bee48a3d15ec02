// The Emscripten context backend: fibers on binaryen's asyncify (link with
// -sASYNCIFY), switched entirely inside wasm. A switch unwinds the running
// fiber's wasm call stack into an asyncify buffer, back down to a trampoline
// (run_fibers) that the thread's own context called, and the trampoline
// rewinds the next fiber from its buffer; the C stack (the part of linear
// memory holding address-taken locals) stays where it is.
//
// Why not emscripten_fiber_swap: it does each switch in JavaScript (export
// wrappers, a JS trampoline, rewinds looked up by export name), an order of
// magnitude slower (DESIGN.md, 7.3). The code calls asyncify's own functions by importing them from
// the module "asyncify", which binaryen's pass turns into direct calls (as Ruby's and TinyGo's wasm
// ports do), and binaryen treats the two kinds of callers as its runtime, never instrumenting them:
// swap_leaf (starts an unwind, stops a rewind) and run_fibers (stops an unwind, starts a rewind).
//
// A thread's own context (context_init_current: the scheduler's g0, on the
// stack of whoever drives it, a test body or the browser's frame callback)
// is never unwound: switching from it calls run_fibers, which runs fibers
// on top of it until one switches back to it, and then returns.
//
// An exception escaping a fiber's entry passes through run_fibers and is
// caught in the thread's own context (run_base), which starts the fiber
// over (context.hpp). Catching there rather than at the bottom of each
// fiber is the point: with Emscripten's exceptions a catching frame calls
// through JavaScript (invoke_*), and a switch crosses that call twice, once
// unwinding and once rewinding (DESIGN.md, 4.2).
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
// stack lets a wasm call chain grow), and the trampoline copies the saved
// frames into the context's buffer, or, when they do not fit, marks the
// context lost without writing anything.
//
// Invariants:
//   - c.impl points at the context's EmState: at the top of its block for a
//     made context, on the heap for a thread's own context.
//   - c.sp is the C stack pointer at the last switch away from c, so the
//     scheduler's stack check sees an overflowing goroutine as natively. A C
//     stack overflow runs below stack_lo, as natively.
//   - A fiber runs only inside run_fibers, on a thread whose own context
//     called it (tl_base), and switches only to fibers or to that context.
//     A suspended fiber's asyncify data points into its own buffer.
//   - A lost context (EmState::lost: its frames did not fit) is never
//     resumed: the scheduler reports a stack overflow for it (context_lost).
//   - Each context has its own C++ exception state. Emscripten's exceptions
//     (-fexceptions) keep it in JavaScript, per thread: context_emscripten.js
//     swaps it at a switch when either side has some (tl_eh_held says the
//     thread may; c.eh_uncaught says JS holds some for suspended c).
//   - kContextCanMigrate (context.hpp): the single-threaded build has one
//     thread, so true trivially. With pthreads false (GORT_WASM_MIGRATE=ON
//     makes it true): a suspended fiber holds nothing of its thread but its
//     C++ exception state, so this backend resumes it anywhere
//     (tests/migration_test.cpp: 10,000 migrations, nothing lost), but
//     Emscripten keeps the exceptions being handled in each worker's own
//     JavaScript, out of reach of the next worker, and with ON threaded
//     tests fail for that (DESIGN.md, 4.4): started goroutines stay pinned.
#include <emscripten/stack.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>

#include "context.hpp"

#define GORT_ASYNCIFY(name) __attribute__((import_module("asyncify"), import_name(#name)))

extern "C" {
// binaryen's asyncify runtime, called from inside the module.
void asyncify_start_unwind(void* data) GORT_ASYNCIFY(start_unwind);
void asyncify_stop_unwind() GORT_ASYNCIFY(stop_unwind);
void asyncify_start_rewind(void* data) GORT_ASYNCIFY(start_rewind);
void asyncify_stop_rewind() GORT_ASYNCIFY(stop_rewind);
// compiler-rt (stack_ops.S): the C stack pointer.
void* stackSave();
void stackRestore(void* sp);
// context_emscripten.js. Moves the running thread's C++ exception state
// into from's slot and to's into the thread; returns whether from had any.
int gort_eh_switch(void* from, void* to, int to_has_state);
// context_emscripten.js: `flag` is the calling thread's tl_eh_held.
void gort_eh_init(int* flag);
void gort_eh_drop(void* c);
// context_emscripten.js: binaryen's stack check's copy of the limits, and
// the calling thread's own stack's (debug builds).
void gort_set_stack_check_limits(void* base, void* end);
void gort_thread_stack_limits(void* base, void* end);
// context_emscripten.js (debug builds): the invoke_* wrappers keep the
// calling thread's count of them at `depth`.
void gort_invoke_depth_init(int* depth);
}

namespace gort::detail {

namespace {

constexpr std::size_t kAsyncifyMin = 64;
// Where every unwind on a thread lands first. V8 stops a wasm call chain at
// about 1 MB of its own (native) stack with a RangeError, and a wasm frame
// there holds at least the locals asyncify saves for it, so no unwind should
// outgrow this; one that did would still end in asyncify_stop_unwind's trap.
constexpr std::size_t kScratch = 1 << 20;

// What binaryen's asyncify reads and writes: where to save (or read back)
// frames next, and where the buffer ends.
struct AsyncifyData {
  char* ptr;
  char* limit;
};

struct EmState {
  AsyncifyData data{};
  void* sp = nullptr;          // C stack pointer while suspended
  void* stack_base = nullptr;  // C stack limits (emscripten_stack_set_limits)
  void* stack_end = nullptr;
  void (*entry)(void*) = nullptr;  // nullptr: a thread's own context
  void* arg = nullptr;
  char* buf = nullptr;  // the context's own asyncify buffer
  std::size_t buf_size = 0;
  bool started = false;
  bool exiting = false;  // context_exit: nothing of it is kept
  bool lost = false;
};

thread_local char* tl_scratch = nullptr;
thread_local EmState* tl_base = nullptr;     // the thread context running run_fibers
thread_local EmState* tl_running = nullptr;  // the fiber run_fibers runs
thread_local EmState* tl_next = nullptr;     // where it switches to
thread_local bool tl_rewinding = false;      // run_fibers started a rewind
// 1 while this thread's JavaScript may hold C++ exception state (kept so by
// context_emscripten.js).
thread_local int tl_eh_held = 0;
#ifdef GORT_WASM_DEBUG_CHECKS
// The invoke_* wrappers on this thread's stack (kept by
// context_emscripten.js), and how many of them are below run_fibers, in the
// thread's own context: the rest are the running fiber's.
thread_local int tl_invoke_depth = 0;
thread_local int tl_base_invoke_depth = 0;
#endif

EmState& state(Context& c) {
  return *static_cast<EmState*>(c.impl);
}

void switch_eh(Context& from, Context& to) {
  if (!tl_eh_held && !to.eh_uncaught) return;  // nothing to move either way
  bool to_has = to.eh_uncaught != 0;
  from.eh_uncaught = gort_eh_switch(&from, &to, to_has) != 0;
  to.eh_uncaught = 0;
}

[[noreturn]] void fatal(const char* what) {
  std::fprintf(stderr, "fatal error: %s\n", what);
  std::abort();
}

// The innermost frame of a switching fiber, in binaryen's runtime: it is
// not instrumented; its caller's frames are what the unwind saves. Entered
// again when the fiber resumes (its caller's rewind reaches the call), and
// then it only ends the rewind.
void swap_leaf(EmState* from, EmState* to) {
  if (tl_rewinding) {
    tl_rewinding = false;
    asyncify_stop_rewind();
    return;
  }
  tl_next = to;
  from->sp = stackSave();
  from->data = AsyncifyData{tl_scratch, tl_scratch + kScratch};
  asyncify_start_unwind(&from->data);
}

// Binaryen optimizes, and inlines regardless of noinline, before its
// asyncify pass runs; swap_leaf or run_fibers inlined into context_swap would
// make context_swap part of the runtime, never instrumented. So both are
// called through pointers it cannot see through.
using SwitchFn = void (*)(EmState*, EmState*);

// Copies n bytes, rounded up to 8, between 8-aligned buffers whose sizes
// are multiples of 8 (a context's buffer: 16; the scratch), inside wasm:
// Emscripten's memcpy hands 512 bytes and more to JavaScript
// (emscripten_memcpy_big), and a goroutine's saved frames are often that
// big. no_builtin keeps the loop from being turned back into memcpy.
[[clang::no_builtin("memcpy")]] void copy_words(char* dst, const char* src, std::size_t n) {
  for (std::size_t i = 0; i < n; i += 8) {
    std::uint64_t w;
    __builtin_memcpy(&w, src + i, 8);
    __builtin_memcpy(dst + i, &w, 8);
  }
}

// Moves the frames the unwind of `s` left in the scratch buffer into its
// own buffer, or marks it lost when they do not fit.
void keep_frames(EmState* s) {
  auto n = static_cast<std::size_t>(s->data.ptr - tl_scratch);
  if (n > s->buf_size) {
    s->lost = true;
    return;
  }
  copy_words(s->buf, tl_scratch, n);
  s->data = AsyncifyData{s->buf + n, s->buf + s->buf_size};
}

// Makes s's C stack the running one. Its limits are what
// emscripten_stack_get_free and -sSTACK_OVERFLOW_CHECK=1 check against;
// binaryen's check at every stack pointer move (=2, GORT_WASM_DEBUG_CHECKS)
// keeps its own copy. Limits first: the new stack pointer is checked
// against them. (No EM_ASM here: its arguments go on the C stack, which
// the check would see on the old stack under the new limits.)
void enter_stack(EmState* s) {
  emscripten_stack_set_limits(s->stack_base, s->stack_end);
#ifdef GORT_WASM_DEBUG_CHECKS
  gort_set_stack_check_limits(s->stack_base, s->stack_end);
#endif
  stackRestore(s->sp);
}

// The trampoline, in binaryen's runtime (not instrumented): runs fibers on
// top of the thread context `base`, first `f`, until one switches to base.
void run_fibers(EmState* base, EmState* f) {
  if (tl_base) fatal("a thread context switched to a fiber while its fibers were running");
  tl_base = base;
#ifdef GORT_WASM_DEBUG_CHECKS
  tl_base_invoke_depth = tl_invoke_depth;
#endif
  base->sp = stackSave();
  for (;;) {
    tl_running = f;
    enter_stack(f);
    if (!f->started) {
      f->started = true;
    } else {
      tl_rewinding = true;
      asyncify_start_rewind(&f->data);
    }
    // The bottom of the fiber's instrumented call chain, which a rewind
    // re-enters. Returns when the fiber has unwound (or, wrongly, when entry
    // returned: tl_next tells them apart).
    f->entry(f->arg);
    EmState* next = tl_next;
    if (!next) fatal("a goroutine's entry function returned");
    asyncify_stop_unwind();
    tl_next = nullptr;
    if (f->exiting) {
      f->exiting = false;
    } else {
      keep_frames(f);
    }
    if (next == base) break;
    if (!next->entry) fatal("a fiber switched to another thread's own context");
    f = next;
  }
  enter_stack(base);
  tl_base = nullptr;
}

SwitchFn volatile swap_leaf_ptr = &swap_leaf;
SwitchFn volatile run_fibers_ptr = &run_fibers;

// A thread context's switch to fiber f: run_fibers, which returns once a
// fiber switches back to base. An exception escaping a fiber's entry ends
// up here, with the fiber's frames gone (run_fibers has no landing pads):
// the fiber starts over, from the top of its stack, with the exception in
// tl_context_escaped.
void run_base(EmState* base, EmState* f) {
  for (;;) {
    try {
      run_fibers_ptr(base, f);
      return;
    } catch (...) {
      tl_context_escaped = std::current_exception();
    }
    f = tl_running;
    tl_base = nullptr;
    enter_stack(base);
    f->started = false;
    f->sp = f->stack_base;
  }
}

}  // namespace

void context_thread_exit() {
  std::free(tl_scratch);
  tl_scratch = nullptr;
}

#ifdef GORT_WASM_DEBUG_CHECKS
int context_invoke_depth() noexcept {
  return tl_base ? tl_invoke_depth - tl_base_invoke_depth : 0;
}
#endif

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
  s->stack_base = reinterpret_cast<void*>(lo + cstack);
  s->stack_end = stack_lo;
  s->sp = s->stack_base;
  c.impl = s;
}

void context_init_current(Context& c) {
  c = Context{};
  if (!tl_scratch) {
    tl_scratch = static_cast<char*>(std::malloc(kScratch));
    if (!tl_scratch) throw std::bad_alloc();
    gort_eh_init(&tl_eh_held);
#ifdef GORT_WASM_DEBUG_CHECKS
    gort_invoke_depth_init(&tl_invoke_depth);
#endif
  }
  auto* s = new EmState;
  s->stack_base = reinterpret_cast<void*>(emscripten_stack_get_base());
  s->stack_end = reinterpret_cast<void*>(emscripten_stack_get_end());
#ifdef GORT_WASM_DEBUG_CHECKS
  gort_thread_stack_limits(s->stack_base, s->stack_end);
#endif
  c.impl = s;
}

void context_swap(Context& from, Context& to) {
  switch_eh(from, to);
  from.sp = stackSave();
  EmState* f = &state(from);
  if (!f->entry) {
    run_base(f, &state(to));
  } else {
    swap_leaf_ptr(f, &state(to));
  }
}

void context_exit(Context& from, Context& to) {
  switch_eh(from, to);
  // The switch still unwinds `from` (asyncify can only leave a stack that
  // way), into the scratch buffer; nothing is kept of it.
  state(from).exiting = true;
  swap_leaf_ptr(&state(from), &state(to));
  std::abort();
}

void context_destroy(Context& c) {
  if (c.eh_uncaught) gort_eh_drop(&c);
  c.eh_uncaught = 0;
  if (c.impl && !state(c).entry) delete &state(c);  // a thread's own: on the heap
  c.impl = nullptr;
}

}  // namespace gort::detail
