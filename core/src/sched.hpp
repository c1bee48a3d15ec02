// The scheduler's data: G (a goroutine), P (a processor: run queue + the
// worker thread that drives it) and Sched (one running program).
//
// Invariants:
//   - A G is in exactly one place: running on one P (p->curg), in one run
//     queue (a P's runnext/runq or inbox, or the global queue), parked (referenced only
//     by the wait queue, timer or select it sleeps on), or dead.
//   - Each P is driven by one thread at a time: its own worker thread in
//     threaded mode, the calling thread in simulated mode. Only that thread
//     touches p->curg, p->after, p->g0, p's stack cache and p's trace ring.
//   - A parking G switches away *before* the lock protecting the queue it
//     sleeps on is released: P::unlockf runs in after_switch(), on whatever
//     context runs next on that thread (g0, or the next G when a G switches
//     straight to the next one). So whoever finds a parked G in a queue can
//     make it runnable at once: its context is saved.
//   - Lock order: Timers::mu -> chan/sync spin locks (several channels by
//     address) -> a P's inbox_mu -> Sched::mu_ -> Sched::gq_mu_. allg_mu_,
//     the string table's and the output's mutexes are leaves.
//   - Where a G may run is the placement policy's (Sched, "placement";
//     pinned.cpp): anywhere, or, pinned, only on its home P once started.
//   - Sched::nidle_ counts Ps that have found no work and are parked or
//     about to park (under mu_). nidle_ == nprocs means no goroutine runs
//     anywhere: only then does virtual time advance or a deadlock get
//     declared.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <gort/config.hpp>
#include <gort/detail/runtime.hpp>
#include <gort/sync.hpp>
#include <gort/trace.hpp>
#include <gort/wait_reason.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "context/context.hpp"
#include "os_thread.hpp"
#include "parker.hpp"
#include "rng.hpp"
#include "string_table.hpp"
#include "timer.hpp"
#include "trace_ring.hpp"

namespace gort::detail {

class Sched;
struct P;

enum class GStatus : std::uint8_t { Runnable, Running, Waiting, Dead };

// A goroutine waiting on a queue (a channel's sendq/recvq, a sync waitq).
// It lives on the waiting goroutine's stack.
struct sudog {
  G* g = nullptr;
  void* elem = nullptr;  // value to send / slot to receive into
  sudog* next = nullptr;
  sudog* prev = nullptr;
  hchan* c = nullptr;  // the channel, for select's cleanup
  bool is_select = false;
  bool success = false;  // a real value was passed (false: woken by close)
};

// A goroutine. It is built at the top of its own stack, closure just below.
struct G {
  int line = 0;  // gort::at, detail::set_line; first, for set_line (runtime.hpp)
  Context ctx;
  std::uint64_t id = 0;
  std::uint64_t parent_id = 0;
  GStatus status = GStatus::Runnable;
  WaitReason reason = WaitReason::None;
  bool started = false;
  bool unwinding = false;                 // the program ended: blocking calls say Unwind
  bool check_parks = false;               // check_parking_rule: gopark checks the rule
  const ParkHooks* park_hooks = nullptr;  // watch_parks: run around each switch away
  std::atomic<std::uint32_t> select_done{0};
  sudog* param = nullptr;  // the sudog whose channel woke this select
  const GoFn* fn = nullptr;
  void* closure = nullptr;
  char* stack_lo = nullptr;
  std::size_t stack_size = 0;
  std::uint32_t name_id = 0;      // a Sched string id, 0 = unnamed
  std::uint32_t creator_id = 0;   // the function that made it (string id): tracebacks' "created by"
  int creator_line = 0;           // and the line of its go statement
  G* schedlink = nullptr;         // global run queue, a P's inbox
  std::atomic<P*> home{nullptr};  // pinned (pinned.cpp): the P it started on
  P* maker = nullptr;             // pinned: the P whose goroutine made it,
  std::uint32_t maker_yields = 0;  // and that P's P::yields then
  G* allnext = nullptr;            // Sched::allg list
  G* allprev = nullptr;
};

// Stack overflow checks, at every switch away from a goroutine. Stacks of
// kLargeStack bytes and more are separated by an untouched gap page, and are
// checked by the saved stack pointer: a canary at their bottom would touch a
// page of its own (doubling the memory of a blocked goroutine). Smaller
// stacks share pages, so their bottom word holds kStackCanary while intact.
// Under Emscripten a call chain too deep for the goroutine's asyncify buffer
// (the part of its stack block that holds wasm locals while suspended) loses
// the context at the switch (context_lost).
inline constexpr std::size_t kLargeStack = 16384;
inline constexpr std::uint64_t kStackCanary = 0x676f72745f737463ULL;
static_assert(std::is_standard_layout_v<G> && offsetof(G, line) == 0,
              "set_line writes G::line at the start of the G");

inline bool stack_overflowed(const G* g) {
  if (context_lost(g->ctx)) return true;
  if (g->stack_size < kLargeStack) {
    return *reinterpret_cast<const std::uint64_t*>(g->stack_lo) != kStackCanary;
  }
  return g->ctx.sp && static_cast<const char*>(g->ctx.sp) < g->stack_lo + 16;
}

inline constexpr std::uint32_t kRunqSize = 256;

struct alignas(64) P {
  int id = 0;
  Sched* s = nullptr;

  // Go's runq: a bounded lock-free ring. The owner pushes at tail; the owner
  // and thieves take from head with a CAS. runnext holds the G readied most
  // recently, which runs next (it inherits the current time slice).
  std::atomic<std::uint32_t> runqhead{0};
  std::atomic<std::uint32_t> runqtail{0};
  std::atomic<G*> runq[kRunqSize];
  std::atomic<G*> runnext{nullptr};

  Context g0;
  G* curg = nullptr;
  // The G that just switched away, and what after_switch() must finish for it.
  G* prev = nullptr;
  enum class After : std::uint8_t { Park, Yield, Exit } after = After::Park;
  void (*unlockf)(void*) = nullptr;
  void* unlock_arg = nullptr;

  std::uint32_t schedtick = 0;
  std::uint32_t yields = 0;       // pinned: time slices given up here (owner only; place_pinned)
  std::atomic<bool> busy{false};  // pinned: a goroutine runs here (owner writes; place_pinned)
  int direct_budget = 0;          // simulated: direct switches left in this driver step
  bool stopped = false;           // threaded: ProcStop recorded and no ProcStart since (trace)
  Rng rng;
  // Per victim P: the ring head this P last saw there, and since when (see steal_ok).
  struct Watch {
    std::uint32_t head = ~0u;
    std::int64_t since = 0;
  };
  std::vector<Watch> watch;
  TraceRing ring;
  std::vector<char*> stack_cache;

  // Threaded mode: the worker thread and where it sleeps when idle.
  Parker sem;
  OsThread thread;        // not for P0 when run() drives it on the calling thread
  bool attached = false;  // a thread drives this P (under Sched::mu)
  bool idle = false;      // under Sched::mu
  bool spinning = false;

  // Pinned only (pinned.cpp): started Gs homed here that another P readied
  // (or a thief found in this P's ring). The ring has one producer, its
  // owner; others push here and the owner moves them to its ring.
  std::mutex inbox_mu;
  G* inbox_head = nullptr;  // linked by G::schedlink, under inbox_mu
  G* inbox_tail = nullptr;
  std::atomic<int> inbox_size{0};
};

// One running program: its Ps, run queues, timers, goroutines and trace.
// The public part is what Program asks of it (program.cpp) and what the
// runtime's operations need (parking, readying, the clock, the trace);
// everything else, the scheduler's own state, is private.
class Sched {
 public:
  Sched(const Config& cfg, std::function<void()> main);
  ~Sched();  // joins the threads still joinable (join_threads)
  Sched(const Sched&) = delete;
  Sched& operator=(const Sched&) = delete;

  // ---- what Program asks (program.cpp) ----
  // Installs this program as the running one (std::logic_error if another
  // runs) and makes goroutine 1. Threaded: starts the threads that start
  // with the program, P0's own unless p0_on_caller (then run_p0 drives it).
  void start(bool p0_on_caller);
  // Threaded: drives P0 on the calling thread until the program ends, then
  // tears it down.
  void run_p0();
  // Simulated: runs goroutines for at most `budget` of wall time (sleeping
  // for a timer if may_sleep); true once the program ended and is torn down.
  bool run_simulated(std::chrono::nanoseconds budget, bool may_sleep);
  // Joins every P's thread still joinable, but `except`'s. Pinned: only
  // from the thread that started the program (under Emscripten a thread
  // joined elsewhere goes back to the pool only when the main thread yields).
  void join_threads(P* except = nullptr);
  // Joins the threads that have ended, without waiting for the others;
  // true once none is left to join.
  bool try_join_threads();
  bool finished() const { return finished_.load(std::memory_order_acquire); }
  int exit_code() const;
  std::size_t drain(std::vector<trace::Event>& out);  // trace.cpp
  std::uint64_t lost_events();
  std::string output() const;
  std::string string(std::uint32_t id) const { return strings_.text(id); }

  // ---- what the runtime's operations read ----
  const Config& config() const { return cfg_; }
  std::uint64_t seed() const { return seed_; }
  int nprocs() const { return nprocs_; }
  bool simulated() const { return simulated_; }
  bool virtual_time() const { return virtual_time_; }
  bool tracing() const { return tracing_; }
  std::size_t stack_size() const { return stack_size_; }
  // The program has ended: blocking calls unwind. Read on every operation.
  bool ending(std::memory_order o = std::memory_order_relaxed) const { return ending_.load(o); }
  std::size_t goroutines() const { return ngoroutines_.load(std::memory_order_relaxed); }
  std::uint32_t new_chan_id() { return next_chan_id_.fetch_add(1, std::memory_order_relaxed); }
  StringTable& strings() { return strings_; }
  Timers& timers() { return timers_; }
  void set_file(std::string_view name) { file_id_.store(strings_.intern(name)); }

  // ---- clock ----
  std::int64_t nanotime() const {
    if (virtual_time_) return vclock_.load(std::memory_order_relaxed);
    std::int64_t real = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::steady_clock::now() - start_time_)
                            .count();
    return speed_ == 1 ? real : static_cast<std::int64_t>(static_cast<double>(real) * speed_);
  }
  // The wall time a wait of d ns of program time takes (Config::speed).
  std::int64_t wall_ns(std::int64_t d) const {
    return speed_ == 1 ? d : static_cast<std::int64_t>(static_cast<double>(d) / speed_);
  }
  // A timer due at `when` was added (timers().mu held): wakes the P
  // waiting for a later one, so that it fires on time.
  void timer_added(std::int64_t when);

  // ---- trace (trace.cpp) ----
  // Records an event by goroutine g (nullptr: the scheduler) on p's ring
  // (p: the P the calling thread drives, nullptr for none); it carries g's
  // id and current line.
  void emit(P* p, trace::Kind k, const G* g, std::uint32_t obj, std::int64_t value,
            std::uint32_t aux = 0, std::uint8_t flags = 0) {
    if (tracing_) record(p, k, g, obj, value, aux, flags);
  }
  void record(P* p, trace::Kind k, const G* g, std::uint32_t obj, std::int64_t value,
              std::uint32_t aux = 0, std::uint8_t flags = 0);

  // ---- goroutines (goroutine.cpp) ----
  // A new G with its closure storage in *g (Ok), or, after reporting the
  // fatal error, GoroutineLimit (one too many, Config::max_goroutines) or
  // OutOfMemory (no memory left for its stack).
  Status newg(std::size_t closure_size, std::size_t closure_align, void** closure, std::size_t size,
              G** g);
  void freeg(P* p, G* g);
  void start_g(P* p, G* g);

  // ---- parking and readying (proc.cpp) ----
  void ready(P* p, G* g);
  // Switches away from the running g (p->after etc. say why), to the next
  // runnable G or to g0; returns when g resumes.
  void switch_from(P* p, G* g);
  // The next G to run straight from a switching G, or nullptr for g0.
  G* direct_next(P* p);
  // Runs first on whatever context a thread resumes: finishes what the G
  // that switched away asked for.
  void after_switch(P* p);
  // Ends the program with `code` (the first call wins); Program::stop is end(-1).
  void end(int code);
  void end_locked(int code);  // end, with mu_ held
  // A goroutine is about to write a report (a panic, a fatal error, an
  // exit's message) and then call end: false if the program is already
  // ending or another report has begun, and then it writes nothing.
  bool begin_report();
  // Main has returned: ends the program with 0, unless a report has begun,
  // whose end then wins (as in Go, where main's exit waits for a goroutine
  // that is panicking: a printed panic always exits 2).
  void main_returned();

  // ---- reports (report.cpp) ----
  void report_deadlock();
  void report_traceback(G* g, std::string_view header);
  void write(bool err, std::string_view text);

 private:
  // Numbers e and pushes it on ring, unless the ring is full (trace.cpp).
  void number_and_push(TraceRing& ring, trace::Event& e);

  // ---- the scheduler loop (proc.cpp) ----
  G* find_runnable(P* p, bool steal_runnext);
  G* find_one(P* p, bool steal_runnext);
  bool run_one(P* p);
  void execute(P* p, G* g);
  void wakep();
  void worker(P* p);
  bool idle(P* p, bool spin);
  bool run_sim(std::chrono::nanoseconds budget, bool may_sleep);
  void start_thread(P* p);
  void teardown();
  void unwind_alive(P* p);
  void teardown_rest();
  void install();
  void uninstall();

  // ---- run queues (runq.cpp) ----
  void runqput(P* p, G* g, bool next);
  G* runqget(P* p);
  G* runqsteal(P* p, P* victim, bool steal_runnext);
  bool steal_ok(P* p, P* victim, std::uint32_t head);
  bool can_steal(P* p);
  bool runqputslow(P* p, G* g, std::uint32_t h, std::uint32_t t);
  void globrunqput(G* batch_head, G* batch_tail, int n);
  G* globrunqget(P* p, int max);
  bool has_work();

  // ---- placement (pinned.cpp): where a goroutine may run ----
  // By default anywhere: a readied G goes to the readying P, a thief may
  // take any queued G, and one thread tears the program down. Pinned
  // (contexts cannot migrate, kContextCanMigrate, and Ps are threads): a
  // started G runs only on its home P, the first that ran it; the global
  // queue and thieves take unstarted Gs only; a G readied or found
  // elsewhere waits in its home's inbox; every P's thread starts with the
  // program, and teardown runs on each P's thread in turn.
  bool pinned() const {
    if constexpr (kContextCanMigrate) {
      return false;
    } else {
      return pinned_;
    }
  }
  // ready(): true if g belongs on another P (and was queued there).
  bool ready_elsewhere(P* p, G* g) { return pinned() && ready_home(p, g); }
  // Before p looks at its own queue: what others readied for it.
  void refill(P* p) {
    if (pinned()) inbox_drain(p);
  }
  // g, never run, is about to start on p. Pinned: where a G first runs it
  // stays, so it starts on a P with less queued work instead when there is
  // one (true: it was queued there). Elsewhere a thief evens the load later.
  bool starts_elsewhere(P* p, G* g) {
    return pinned() && !g->home.load(std::memory_order_relaxed) && place_pinned(p, g);
  }
  // g starts running on p.
  void on_run(P* p, G* g) {
    if (pinned() && !g->home.load(std::memory_order_relaxed)) {
      g->home.store(p, std::memory_order_relaxed);
    }
  }
  // Whether a thief may take g from another P's queue.
  bool may_steal(const G* g) const { return !pinned() || !g->home.load(std::memory_order_relaxed); }
  // Whether victim's ring slots [h, t) hold a G a thief may take (a racy
  // look, checked again after the take).
  bool stealable_in(P* victim, std::uint32_t h, std::uint32_t t) {
    return !pinned() || unstarted_in(victim, h, t);
  }
  // Gs that thief p took but may not run go home; the n - returned others
  // stay, moved to the front of batch.
  std::uint32_t send_home(P* p, G** batch, std::uint32_t n) {
    return pinned() ? send_home_pinned(p, batch, n) : n;
  }
  // An overflowing ring's Gs that may not go to the global queue stay with
  // p; returns how many of batch may (moved to its front).
  std::uint32_t overflow_home(P* p, G** batch, std::uint32_t n) {
    return pinned() ? overflow_pinned(p, batch, n) : n;
  }
  bool inbox_pending(P* p) const {
    return pinned() && p->inbox_size.load(std::memory_order_acquire) > 0;
  }
  void inbox_clear(P* p);
  // Teardown: whether p's thread unwinds g (pinned: only its home's does).
  bool unwinds_here(P* p, const G* g) const;
  // A worker thread (not P0's) left worker(): pinned, it waits for its
  // turn to unwind the goroutines homed on its P.
  void worker_done(P* p);
  // On P0's thread once its worker() returned: every other P's thread has
  // stopped (or been joined), goroutines are unwound, the program torn down.
  void finish_on_p0(P* p0);
  void start_pinned_threads();
  bool ready_home(P* p, G* g);
  void inbox_put(P* home, G* g);
  void inbox_drain(P* p);
  bool unstarted_in(P* victim, std::uint32_t h, std::uint32_t t);
  bool place_pinned(P* p, G* g);
  std::uint32_t send_home_pinned(P* p, G** batch, std::uint32_t n);
  std::uint32_t overflow_pinned(P* p, G** batch, std::uint32_t n);
  void teardown_turn(P* p);

  // ---- configuration ----
  Config cfg_;
  std::uint64_t seed_ = 0;  // Config::seed, or the one drawn when it was 0
  int nprocs_ = 1;
  bool simulated_ = false;
  bool virtual_time_ = false;
  bool tracing_ = false;
  bool pinned_ = false;  // see pinned()
  double speed_ = 1;     // Config::speed: program ns per wall ns on the real clock
  std::size_t stack_size_ = 0;
  std::function<void()> main_fn_;
  bool p0_on_caller_ = false;  // start(true): the caller drives P0 (run_p0)
  std::vector<std::unique_ptr<P>> ps_;

  // ---- the end of the program ----
  std::atomic<bool> ending_{false};
  int exit_code_ = 0;                       // under mu_; valid once ending
  bool reporting_ = false;                  // under mu_: begin_report was called
  std::atomic<bool> out_of_memory_{false};  // a stack could not be had
  std::atomic<bool> finished_{false};       // every P stopped and the program is torn down

  // ---- idle Ps and the timer waiter ----
  mutable std::mutex mu_;  // idle Ps, timer waiter, exit code
  std::atomic<int> nidle_{0};
  std::atomic<int> nspinning_{0};
  std::atomic<std::int64_t> no_wake_until_{0};  // steady ns: a woken P just found nothing
  std::atomic<int> wake_fails_{0};              // fruitless wakes in a row (at most 4)
  std::atomic<bool> wake_backoff_{false};       // no_wake_until_ may be in the future
  P* timer_waiter_ = nullptr;
  std::int64_t timer_wait_until_ = 0;

  // ---- the global run queue ----
  std::mutex gq_mu_;
  G* gq_head_ = nullptr;
  G* gq_tail_ = nullptr;
  std::atomic<int> gq_size_{0};

  // ---- goroutines ----
  SpinLock allg_mu_;  // every G not yet freed, for tracebacks and teardown
  G* allg_ = nullptr;
  std::atomic<std::uint64_t> next_goid_{1};
  std::atomic<std::size_t> ngoroutines_{0};
  std::atomic<std::uint32_t> next_chan_id_{1};

  Timers timers_;

  // ---- pinned teardown: on each P's own thread in turn (P0 first) ----
  std::mutex td_mu_;
  std::condition_variable td_cv_;
  int td_stopped_ = 0;  // Ps other than P0 that left worker()
  int td_turn_ = -1;    // the P whose turn it is, -1 when none

  // ---- clocks ----
  std::chrono::steady_clock::time_point start_time_;
  std::atomic<std::int64_t> vclock_{0};  // ns since start, virtual time only
  Rng sim_rng_;                          // simulated mode's P order

  // ---- output (report.cpp) and strings ----
  mutable std::mutex out_mu_;
  std::string output_;
  StringTable strings_;
  std::atomic<std::uint32_t> file_id_{0};  // gort::set_file's name (0: main.go)

  // ---- trace (trace.cpp) ----
  // Events are numbered (Event::seq) by one counter, in the order they
  // happen: an event recorded under a lock (a channel's, a queue's) is
  // numbered under it, and an event caused by another comes after it in
  // some thread's program order, so the numbers order every channel's
  // operations, a wake after its cause and each goroutine's own events
  // exactly, in threaded runs too. A number is taken only for an event that
  // will be pushed, so they have no gaps: drain hands events out only up to
  // the first number still missing (taken by a thread that has not pushed
  // yet), holding the rest back.
  std::atomic<std::uint64_t> trace_seq_{0};
  std::mutex ext_mu_;  // ext_ring_: events by a thread that drives no P (Program::stop)
  TraceRing ext_ring_;
  std::mutex drain_mu_;             // the reader's side: held_, next_seq_
  std::vector<trace::Event> held_;  // drained, waiting for a missing number
  std::uint64_t next_seq_ = 0;      // the next number drain hands out
};

// The steady clock in ns, for the scheduler's own timing (spinning, steal
// delays, wake backoff): never the program's clock (Sched::nanotime).
inline std::int64_t mono_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Stacks (stack.cpp): fixed-size blocks reused for the life of the process.
char* stack_get(P* p, std::size_t size);  // nullptr: out of memory
void stack_put(P* p, char* lo, std::size_t size);
void stack_flush(P* p);  // gives a P's cached stacks back to the shared pool
// Unmaps the size classes none of whose blocks is in use (after a program
// ran out of memory, so the next one has it).
void stack_release();

// Appends g to the list head..tail linked by G::schedlink (the global queue,
// a P's inbox, a batch being built).
inline void glist_push(G*& head, G*& tail, G* g) {
  g->schedlink = nullptr;
  if (tail) {
    tail->schedlink = g;
  } else {
    head = g;
  }
  tail = g;
}

// The running program, if any (one at a time per process).
extern Sched* g_sched;

// The P driven by the calling thread. Never inlined: a goroutine may resume
// on another thread, and a compiler may otherwise keep the address of a
// thread_local from before a switch.
P* curp() noexcept;
void set_curp(P* p) noexcept;
inline G* getg() noexcept {
  P* p = curp();
  return p ? p->curg : nullptr;
}

// Parks the running goroutine with `reason`; unlockf(arg) runs on g0 once its
// context is saved. Returns when another goroutine has made it runnable
// (or the program's end resumes it to be unwound: G::unwinding).
//
// The parking rule: nothing with a destructor is in scope, and no try block
// is open, in any frame of the goroutine between its entry and a park,
// except where the goroutine's own code puts them. Under Emscripten's
// exceptions a call that may throw from inside such a scope leaves wasm
// through a JavaScript invoke_* wrapper, and a switch unwinds and rewinds
// every such call on the goroutine's stack: twice the cost of a JavaScript
// round trip, on every park. So the runtime's paths from an entry point to
// here keep nothing to clean up (sudogs and selects' bookkeeping are
// trivially destructible and live on the stack; references are dropped by
// hand), report failure by Status rather than by throwing, and the C++
// API throws only from its inline wrappers, after the switch is over.
// The debug-checks WebAssembly build (GORT_WASM_DEBUG_CHECKS) counts the
// invoke_* wrappers on the stack, and a goroutine that asked for the check
// (check_parking_rule: an interpreter's, whose frames keep the rule) aborts
// if it parks under one, naming the rule. A C++ goroutine's own code
// usually has handles in scope; the check is not for it.
void gopark(void (*unlockf)(void*), void* arg, WaitReason reason, std::uint32_t chan_id = 0);
// Makes g runnable on the calling thread's P.
void goready(G* g);
// Whether the running goroutine g must stop and be unwound because its
// program has ended (this sets G::unwinding). Never while a C++ exception is
// in flight on g: a destructor run by unwinding may still block, and
// throwing from it would terminate.
bool must_unwind(G* g) noexcept;
// At the start of every goroutine operation: *g = the running goroutine,
// and Ok; NoGoroutine outside one; Unwind if it must unwind.
Status enter_op(G** g) noexcept;
// Whether enter_op would say Ok: a goroutine is running and is not being
// unwound (its program has not ended). Inline, for the buffered fast path.
inline bool enter_op_quiet() noexcept {
  G* g = getg();
  return g && !g->unwinding && !g_sched->ending();
}
// The running program, or std::logic_error when called outside one.
Sched& sched_or_throw();
// A fatal error: unless the program is already ending, prints Go's
// "fatal error: msg" and the running goroutine's traceback, and ends the
// program (exit code 2). The caller returns the error's Status.
void fatal_report(std::string_view msg);

}  // namespace gort::detail
