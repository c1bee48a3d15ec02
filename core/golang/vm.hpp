// The VM: a Run (one execution of a Program: its heap and globals) and its
// Threads (one per goroutine: a stack of frames over segmented slot
// stacks, its defers and panics), and the run loop that executes them.
//
// Invariants:
//   - A Go call pushes a Frame on the goroutine's own frame stack; the run
//     loop (exec) is one C frame however deep the Go calls go, so a
//     goroutine switch in wasm unwinds that one frame plus the runtime's.
//     Natives calling back into Go (Thread::call) run a nested exec.
//   - A frame's slots never move: when a segment has no room for a callee,
//     the callee's frame starts a new segment (its arguments copied there,
//     its results copied back on return). So natives may hold a pointer to
//     their frame across a callback.
//   - Nothing with a destructor is in scope in exec, or around a runtime call
//     that parks (gort's rule for goroutine switches under Emscripten).
//   - No C++ exception crosses exec: the runtime returns a Status, and when
//     the program is ending (Thread::exiting) every exec on the goroutine
//     returns at once, natives too, without running deferred calls.
//   - Threads belong to their Run; the Run outlives them all (it is freed
//     when the Program runs again or is destroyed).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <gort/detail/runtime.hpp>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "bytecode.hpp"
#include "heap.hpp"
#include "program.hpp"
#include "rt.hpp"
#include "world.hpp"

namespace gort::golang {

struct Run;

constexpr std::int32_t kQuantum = 2000;  // back-edges and calls between preemptions

struct Frame {
  const FuncCode* fn;
  Closure* clos;
  Value* base;
  const Instr* pc;           // where the frame resumes once its callee returns
  std::uint32_t defer_base;  // the thread's defers below this belong to callers
  std::uint16_t flags;
  Value* copy_back;     // a frame that started a new segment: where its results go
  struct Segment* seg;  // the thread's newest segment before this frame was pushed
};

enum FrameFlag : std::uint16_t {
  kDeferRet = 1,    // a deferred call run by its function's return
  kDeferPanic = 2,  // a deferred call run by a panic (recover works in it)
  kBoundary = 4,    // started by Thread::call: its return ends that exec
};

struct DeferRec {
  Closure* fn;
  Value* args;  // the frame's first nslots slots (results, then arguments)
  std::uint32_t nslots;
};

struct PanicRec {
  Value val;  // an interface value
  bool recovered = false;
  bool aborted = false;
  PanicRec* link = nullptr;
  std::string traceback;  // the goroutine's frames where it panicked
};

struct Segment {
  Value* lo;
  Value* hi;
  Segment* prev;
};

struct Thread {
  Thread(Run* run, std::size_t first_segment_slots);
  ~Thread();
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;

  Run* run;
  const Program::Impl* prog;
  // A deque: pushing a frame (a native calling back into Go) never moves the
  // others, which the run loops below it point at.
  std::deque<Frame> frames;
  std::vector<DeferRec> defers;
  PanicRec* panic = nullptr;
  Segment* seg = nullptr;        // the newest segment
  Segment* spare = nullptr;      // one freed segment kept for the next overflow
  std::int32_t budget = 0;       // back-edges and calls until the next preemption
  std::int32_t quantum = 0;      // the budget as last counted (Limits::max_steps)
  std::size_t seg_bytes = 0;     // bytes of the segments in use (Limits::max_stack)
  std::size_t max_stack;         // Limits::max_stack, SIZE_MAX for none
  gort::detail::G* g = nullptr;  // its goroutine, set when it starts (for set_line)
  Thread* next = nullptr;        // Run's list
  Thread* prev = nullptr;

  // ---- for natives ----
  Heap& heap();
  Value str(std::string_view s);  // a new string
  ObjHeader* alloc(std::size_t payload, HeapKind k, const Type* t);
  Value box(Value v, const Type* t);  // an interface holding v of type t
  // Panics with a runtime error ("runtime error: " + msg), a plain one
  // (msg as it is: "send on closed channel") or a value. The native must
  // return at once.
  void panic_runtime(std::string_view msg);
  void panic_plain(std::string_view msg);
  void panic_value(Value iface);
  // What a runtime call that may park said: true for Ok and Closed; a panic
  // status panics (as panic_plain), Unwind and the fatal errors end the
  // goroutine (as end). The native must return at once when false.
  bool status(gort::detail::Status s);
  // The program is ending (os.Exit, a fatal error, a panic nobody
  // recovered): ends it with `code` after writing stderr_text, unless it is
  // already ending; the goroutine then returns at once, running no defers.
  void end(int code, std::string_view stderr_text = {});
  // Calls a Go func value: args are its parameters, results receives its
  // results. false: it panicked (the native must return at once).
  bool call(const Closure* f, const Value* args, int nargs, Value* results, int nres);
  // Calls method `name` of interface value iface with no arguments and one
  // result (String(), Error()); false if it has no such method or panicked.
  bool call_method0(Value iface, std::string_view name, Value* result);
  // recover() for a native whose callback panicked (call returned false,
  // not exiting): the newest panic's value, that panic ended.
  Value recover_callback();
  // ---- limits (vm_limits.cpp) ----
  // Ends the program on a fatal error as Go reports one: `before` (lines
  // of its own), "fatal error: " + msg, then this goroutine's traceback.
  // Stops the goroutine's quantum so that code that cannot fail stops at
  // its next backward jump or call. Returns false, for `return th.fatal(...)`.
  bool fatal(std::string_view msg, std::string_view before = {});
  // Adds the steps spent since the last count to the run's.
  void count_steps();
  // At a preemption: counts the quantum, checks the step and run-time
  // limits, and gives the next one. false: a limit ended the program.
  bool next_quantum();
  // Writes the program's output (standard error if err) within max_output.
  bool write(bool err, std::string_view text);
  // Before an allocation of `bytes` whose size the program chose (make; in
  // 64 bits, as it may not fit a 32-bit size_t): false when it would pass
  // max_memory (the program is ending).
  bool can_alloc(std::uint64_t bytes);
  // The stack passed max_stack (stack_bytes() > max_stack): the fatal error.
  bool stack_overflow();
  std::size_t stack_bytes() const { return frames.size() * sizeof(Frame) + seg_bytes; }
  // The source line the goroutine is at (its innermost Go frame).
  int current_line() const;
  std::string traceback() const;

  // Where a frame of n slots wanted at `at` starts: `at`, or the start of
  // a new segment holding a copy of its first `copy` slots (*copy_back =
  // at then: the frame's results go back there when it returns).
  Value* frame_at(Value* at, std::size_t n, std::size_t copy, Value** copy_back);
  // [at, at + n) in a segment: `at`, or the start of a new segment.
  Value* reserve(Value* at, std::size_t n);
  // The first free slot above the top frame.
  Value* top() const;
  void pop_segment();
  // Pops the top frame: results copied back, segments it pushed released.
  void pop_frame();

  Closure* native_start = nullptr;  // a goroutine that is one native call (go fmt.Println(...))
  bool raised = false;              // a panic was raised since the last native call began
  bool exiting = false;             // the program is ending: unwind every exec at once
  std::vector<Value> scratch;       // select's cases
  // Output buffers for natives (owned here: a native formatting a value may
  // call String() and park, with nothing of its own to destroy).
  std::string& buffer();
  void release_buffer() { buf_depth--; }
  std::deque<std::string> bufs;  // stable references while nested natives add more
  std::size_t buf_depth = 0;
};

struct Run {
  Run(const Program::Impl* p, const Limits& limits);
  ~Run();
  const Program::Impl* prog;
  const Limits limits;
  const std::chrono::steady_clock::time_point start;
  std::atomic<std::uint64_t> steps{0};   // counted at preemptions and goroutine ends
  std::atomic<std::size_t> output{0};    // bytes written (when max_output is set)
  std::atomic<std::size_t> nthreads{0};  // live goroutines
  Heap heap;
  World world;  // stopped by the collector (gc.cpp)
  std::vector<Value> globals;
  std::atomic<std::uint64_t> rng;  // map iteration order, math/rand
  bool tracing;                    // the program records a trace (rt::SentTexts)
  std::mutex threads_mu;
  Thread* threads = nullptr;
  std::mutex chans_mu;
  std::vector<rt::hchan*> chans;  // every channel made by make: the collector reads their buffers
  void add(Thread* t);
  void remove(Thread* t);
  std::uint64_t next_random();
};

// Runs the top frames of th until the frame stack is back to `stop` frames:
// true when they returned, false when a panic unwound to there (its frames
// above `stop` popped, or left when the program is ending).
bool exec(Thread& th, std::size_t stop);
// The function of a goroutine that `go` started (its closure holds its
// Thread*): exec's loop inlined, so that a goroutine parked in Go code has
// one frame fewer on its stack for a switch to unwind under asyncify
// (DESIGN.md §4.1).
void go_main(void* closure);

// At a safe point of th (a preemption, runtime.GC: all its values are in
// its slots): stops the world, frees what no root reaches (gc.cpp), starts
// the world.
void collect(Thread& th);

// Starts the program: package initialisation, then main.main, on the
// calling goroutine (goroutine 1), within limits.
void run_program(const Program::Impl& prog, const Limits& limits);

}  // namespace gort::golang
