// The scheduler loop: parking and readying goroutines, finding work, idle
// Ps, the two drivers (worker threads and the simulated single thread), and
// the end of a program.
//
// Invariants (see sched.hpp for the data):
//   - A goroutine only switches to its P's g0 and back; g0 decides what
//     runs next. P::after tells g0 why the goroutine came back.
//   - Readying a G puts it in the current P's runnext. Another P is woken
//     only when this P has more queued work than runnext (or on `go`), so a
//     handoff between two goroutines stays on one thread and costs no wakeup;
//     idle Ps poll every kPollNs while others run, so work stuck behind a
//     goroutine that never blocks is still picked up.
//   - Only a P holding mu with nidle == nprocs (nobody running) may advance
//     virtual time or declare a deadlock.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <gort/run.hpp>
#include <stdexcept>

#include "sched.hpp"

namespace gort::detail {

Sched* g_sched = nullptr;

namespace {
thread_local P* tls_p = nullptr;
thread_local unsigned tl_wake_tries = 0;  // wakep's clock-read throttle

constexpr std::int64_t kSpinNs = 50'000;  // how long an idle P looks for work before parking
// After a fruitless wake, how long not to wake again (doubled for each
// further fruitless one in a row, up to 16x).
constexpr std::int64_t kNoWakeNs = 100'000;
constexpr int kSimDirectSwitches = 16;       // simulated: direct switches per driver step
constexpr std::int64_t kPollNs = 1'000'000;  // a parked P's poll period while others run

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}
}  // namespace

[[gnu::noinline]] P* curp() noexcept {
  asm volatile("" ::: "memory");  // never treated as pure: the thread may differ per call
  return tls_p;
}
[[gnu::noinline]] void set_curp(P* p) noexcept {
  tls_p = p;
}

G* current_g() noexcept {
  return getg();
}

Sched& sched_or_throw() {
  if (!g_sched || !getg()) throw std::logic_error("gort: called outside a running gort program");
  return *g_sched;
}

bool must_unwind(G* g) noexcept {
  if (!g->unwinding) {
    if (!g_sched->ending(std::memory_order_relaxed)) return false;
    g->unwinding = true;
  }
  return std::uncaught_exceptions() == 0;
}

Status enter_op(G** g) noexcept {
  P* p = curp();
  *g = p ? p->curg : nullptr;
  if (!*g) return Status::NoGoroutine;
  return must_unwind(*g) ? Status::Unwind : Status::Ok;
}

namespace {
[[noreturn, gnu::noinline]] void parking_rule_broken(const G* g, int depth) {
  std::fprintf(stderr,
               "gort: goroutine %llu parked with %d JavaScript invoke_* call(s) on its stack, "
               "breaking the parking rule: nothing with a destructor in scope and no try block "
               "open around a call that parks (core/src/sched.hpp, gopark)\n",
               static_cast<unsigned long long>(g->id), depth);
  std::abort();
}
}  // namespace

void check_parking_rule(G* g) noexcept {
  g->check_parks = true;
}

void watch_parks(G* g, const ParkHooks* hooks) noexcept {
  g->park_hooks = hooks;
}

void gopark(void (*unlockf)(void*), void* arg, WaitReason reason, std::uint32_t chan_id) {
  P* p = curp();
  G* g = p->curg;
  if (int depth = context_invoke_depth(); depth > 0 && g->check_parks) {
    parking_rule_broken(g, depth);
  }
  g->status = GStatus::Waiting;
  g->reason = reason;
  p->after = P::After::Park;
  p->unlockf = unlockf;
  p->unlock_arg = arg;
  p->s->emit(p, trace::Kind::GoBlock, g, chan_id, 0, 0, static_cast<std::uint8_t>(reason));
  if (g->park_hooks) g->park_hooks->parking(g->park_hooks->arg);
  p->s->switch_from(p, g);
  // Resumed, perhaps on another thread: p is stale from here on.
  g->reason = WaitReason::None;
  if (g->park_hooks) g->park_hooks->resumed(g->park_hooks->arg);
}

void goready(G* g) {
  P* p = curp();
  p->s->ready(p, g);
}

void Sched::ready(P* p, G* g) {
  g->status = GStatus::Runnable;
  emit(p, trace::Kind::GoUnblock, p->curg, static_cast<std::uint32_t>(g->id), 0);
  if (ready_elsewhere(p, g)) return;
  runqput(p, g, true);
  if (!simulated_ && nidle_.load(std::memory_order_relaxed) > 0 &&
      nspinning_.load(std::memory_order_relaxed) == 0 &&
      p->runqtail.load(std::memory_order_relaxed) != p->runqhead.load(std::memory_order_relaxed)) {
    wakep();
  }
}

// The next G for p to run (nullptr: none), after placement (starts_elsewhere).
G* Sched::find_runnable(P* p, bool steal_runnext) {
  for (;;) {
    G* g = find_one(p, steal_runnext);
    if (!g || !starts_elsewhere(p, g)) return g;
  }
}

G* Sched::find_one(P* p, bool steal_runnext) {
  refill(p);
  // Now and then look at the global queue first, so it cannot starve.
  if (++p->schedtick % 61 == 0 && gq_size_.load(std::memory_order_relaxed) > 0) {
    if (G* g = globrunqget(p, 1)) return g;
  }
  if (G* g = runqget(p)) return g;
  if (gq_size_.load(std::memory_order_relaxed) > 0) {
    if (G* g = globrunqget(p, 0)) return g;
  }
  if (nprocs_ > 1) {
    std::uint32_t start = p->rng.below(static_cast<std::uint32_t>(nprocs_));
    for (int i = 0; i < nprocs_; i++) {
      P* v = ps_[(start + i) % nprocs_].get();
      if (v == p) continue;
      if (G* g = runqsteal(p, v, steal_runnext)) return g;
    }
  }
  return nullptr;
}

void Sched::execute(P* p, G* g) {
  if (p->stopped) {
    p->stopped = false;
    emit(p, trace::Kind::ProcStart, nullptr, 0, 0);
  }
  g->status = GStatus::Running;
  g->started = true;
  on_run(p, g);
  p->curg = g;
  p->direct_budget = kSimDirectSwitches;
  emit(p, trace::Kind::GoStart, g, 0, 0);
  if (pinned()) p->busy.store(true, std::memory_order_relaxed);
  context_swap(p->g0, g->ctx);
  if (pinned()) p->busy.store(false, std::memory_order_relaxed);
  p->curg = nullptr;
  after_switch(p);
}

// The next G to run straight from a switching G, skipping g0: the head of
// this P's queue, unless g0 has something to do first (timers, the global
// queue's turn, the end of the program) or the Ps are simulated (the
// driver chooses which P runs each step).
// Returns it marked running on p, or nullptr to go through g0.
G* Sched::direct_next(P* p) {
  if (!timers_.empty() || ending_.load(std::memory_order_relaxed)) return nullptr;
  // Simulated: a step of the driver is a short chain of switches on one P,
  // so the driver still picks the next P and checks its time budget often.
  if (simulated_ && p->direct_budget-- <= 0) return nullptr;
  if (++p->schedtick % 61 == 0) return nullptr;
  refill(p);
  G* next = runqget(p);
  while (next && starts_elsewhere(p, next)) next = runqget(p);
  if (next) {
    next->status = GStatus::Running;
    next->started = true;
    on_run(p, next);
    p->curg = next;
    emit(p, trace::Kind::GoStart, next, 0, 0);
  }
  return next;
}

// Switches away from the running G (p->after etc. already say why): to the
// next runnable G when there is one, else to g0. Returns when g resumes.
void Sched::switch_from(P* p, G* g) {
  p->prev = g;
  if (G* next = direct_next(p)) {
    context_swap(g->ctx, next->ctx);
  } else {
    context_swap(g->ctx, p->g0);
  }
  P* now = curp();
  now->s->after_switch(now);
}

// Runs first on whatever context a thread resumes: finishes what the G that
// switched away asked for (release its lock, requeue it, free it).
void Sched::after_switch(P* p) {
  G* g = p->prev;
  if (!g) return;
  p->prev = nullptr;
  if (stack_overflowed(g)) {
    // The goroutine wrote below its stack: it cannot be resumed safely.
    g->status = GStatus::Waiting;
    g->fn = nullptr;  // teardown frees it without resuming it
    if (p->after == P::After::Park && p->unlockf) p->unlockf(p->unlock_arg);
    p->unlockf = nullptr;
    if (!ending_.load(std::memory_order_acquire)) {
      write(true, "runtime: goroutine stack exceeds " + std::to_string(g->stack_size) +
                      "-byte limit\nfatal error: stack overflow\n\n");
      report_traceback(g, "running");
      end(2);
    }
    return;
  }
  switch (p->after) {
    case P::After::Park:
      if (p->unlockf) {
        auto f = p->unlockf;
        p->unlockf = nullptr;
        f(p->unlock_arg);
      }
      break;
    case P::After::Yield:
      if (pinned()) p->yields++;
      g->status = GStatus::Runnable;
      runqput(p, g, false);
      break;
    case P::After::Exit:
      freeg(p, g);
      break;
  }
}

bool Sched::run_one(P* p) {
  if (!timers_.empty()) {
    std::int64_t now = nanotime();
    if (timers_.next() <= now) timers_.run_due(p, now);
  }
  G* g = find_runnable(p, false);
  if (!g) return false;
  if (p->spinning) {
    p->spinning = false;
    wake_fails_.store(0, std::memory_order_relaxed);
    // The last spinner found work: there may be more, so let another look.
    if (nspinning_.fetch_sub(1, std::memory_order_acq_rel) == 1 && has_work()) wakep();
  }
  execute(p, g);
  return true;
}

void Sched::wakep() {
  if (wake_backoff_.load(std::memory_order_relaxed)) {
    // ready() may call this for every handoff: read the clock only now and then.
    if (++tl_wake_tries % 64 != 0) return;
    if (mono_ns() < no_wake_until_.load(std::memory_order_relaxed)) return;
    wake_backoff_.store(false, std::memory_order_relaxed);
  }
  int expected = 0;
  if (!nspinning_.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) return;
  std::lock_guard lk(mu_);
  P* v = nullptr;
  if (!ending_.load(std::memory_order_relaxed)) {
    for (auto& q : ps_) {
      if (q->idle) {
        v = q.get();
        break;
      }
    }
  }
  if (!v) {
    nspinning_.fetch_sub(1, std::memory_order_acq_rel);
    return;
  }
  v->idle = false;
  v->spinning = true;  // it owns the nspinning_ count taken above
  nidle_.fetch_sub(1, std::memory_order_relaxed);
  if (v->attached) {
    v->sem.release();
  } else {
    v->attached = true;
    start_thread(v);
  }
}

void Sched::start_thread(P* p) {
  p->thread.start([this, p] {
    set_curp(p);
    context_init_current(p->g0);
    worker(p);
    worker_done(p);
    context_destroy(p->g0);
    set_curp(nullptr);
    context_thread_exit();
  });
}

void Sched::worker(P* p) {
  emit(p, trace::Kind::ProcStart, nullptr, 0, 0);
  bool poll = false;
  while (!ending_.load(std::memory_order_acquire)) {
    if (poll) {
      poll = false;
      if (G* g = find_runnable(p, true)) {
        execute(p, g);
        continue;
      }
      // A fruitless poll: back to sleep at once. Spinning here, as a P that
      // just ran out of work does, would keep the Ps of a deadlocked program
      // polling out of step, so that they are never all idle at once and the
      // deadlock goes unreported.
      if (!run_one(p)) poll = idle(p, false);
      continue;
    }
    if (run_one(p)) continue;
    poll = idle(p, true);
  }
}

// p found nothing to run. Spins briefly, then parks until woken, until the
// next timer (if it is the timer waiter) or for kPollNs while others run.
// Returns true if it woke to poll (and may then steal a runnext).
// ProcStop is recorded when p parks and ProcStart when it next runs a
// goroutine (execute), so polls that find nothing leave no trace.
bool Sched::idle(P* p, bool spin) {
  for (std::int64_t until = spin ? mono_ns() + kSpinNs : 0; mono_ns() < until;) {
    if (ending_.load(std::memory_order_relaxed) || can_steal(p)) return false;
    if (!timers_.empty() && timers_.next() <= nanotime()) return false;
    for (int i = 0; i < 16; i++) cpu_relax();
  }
  std::int64_t wait = -1;  // ns; -1 = until woken
  {
    std::unique_lock lk(mu_);
    if (p->spinning) {
      p->spinning = false;
      nspinning_.fetch_sub(1, std::memory_order_acq_rel);
      // Wakes keep failing while one P alone has all the (fine-grained) work:
      // back off longer each time, up to 16x, so that it pays for few.
      int fails = wake_fails_.load(std::memory_order_relaxed);
      wake_fails_.store(std::min(fails + 1, 4), std::memory_order_relaxed);
      no_wake_until_.store(mono_ns() + (kNoWakeNs << fails), std::memory_order_relaxed);
      wake_backoff_.store(true, std::memory_order_relaxed);
    }
    if (ending_.load(std::memory_order_relaxed) || can_steal(p)) return false;
    p->idle = true;
    int n = nidle_.fetch_add(1, std::memory_order_acq_rel) + 1;
    if (n == nprocs_ && has_work()) {  // cannot be: every P saw its own queue empty
      p->idle = false;
      nidle_.fetch_sub(1, std::memory_order_relaxed);
      return false;
    }
    if (n == nprocs_) {
      // Nobody runs anywhere, and nothing is queued.
      if (timers_.empty()) {
        p->idle = false;
        nidle_.fetch_sub(1, std::memory_order_relaxed);
        lk.unlock();
        report_deadlock();
        end(2);
        return false;
      }
      if (virtual_time_) {
        p->idle = false;
        nidle_.fetch_sub(1, std::memory_order_relaxed);
        std::int64_t next = timers_.next();
        if (next > vclock_.load(std::memory_order_relaxed))
          vclock_.store(next, std::memory_order_release);
        return false;
      }
    }
    if (!timers_.empty() && (!timer_waiter_ || timer_waiter_ == p)) {
      timer_waiter_ = p;
      timer_wait_until_ = timers_.next();
      wait = std::max<std::int64_t>(0, wall_ns(timer_wait_until_ - nanotime()));
    } else if (n < nprocs_) {
      wait = kPollNs;
    }
    if (!p->stopped) {
      p->stopped = true;
      emit(p, trace::Kind::ProcStop, nullptr, 0, 0);
    }
  }
  bool timed_out = false;
  if (wait < 0) {
    p->sem.acquire();
  } else if (!p->sem.try_acquire_for(std::chrono::nanoseconds(wait))) {
    std::unique_lock lk(mu_);
    if (p->idle) {
      p->idle = false;
      nidle_.fetch_sub(1, std::memory_order_relaxed);
      timed_out = true;
    } else {
      lk.unlock();
      p->sem.acquire();  // a wake raced with the timeout: take its permit
    }
  }
  {
    std::lock_guard lk(mu_);
    if (timer_waiter_ == p) timer_waiter_ = nullptr;
  }
  return timed_out;
}

// Simulated mode: every P driven by the calling thread, one goroutine run
// at a time, the P chosen by the seeded generator. Returns true once ended.
bool Sched::run_sim(std::chrono::nanoseconds budget, bool may_sleep) {
  auto deadline = std::chrono::steady_clock::now() + budget;
  for (std::uint32_t iter = 0;; iter++) {
    if (ending_.load(std::memory_order_relaxed)) {
      teardown();
      return true;
    }
    if ((iter & 7) == 7 && std::chrono::steady_clock::now() >= deadline) return false;
    std::uint32_t start = nprocs_ > 1 ? sim_rng_.below(static_cast<std::uint32_t>(nprocs_)) : 0;
    bool ran = false;
    for (int i = 0; i < nprocs_ && !ran; i++) {
      P* p = ps_[(start + i) % nprocs_].get();
      set_curp(p);
      ran = run_one(p);
    }
    if (ran) continue;
    if (timers_.empty()) {
      report_deadlock();
      end(2);
      continue;
    }
    std::int64_t next = timers_.next();
    if (virtual_time_) {
      if (next > vclock_.load(std::memory_order_relaxed)) vclock_.store(next);
      continue;
    }
    std::int64_t wait = wall_ns(next - nanotime());
    if (wait <= 0) continue;
    auto now = std::chrono::steady_clock::now();
    if (!may_sleep || now >= deadline) return false;
    std::this_thread::sleep_for(
        std::min<std::chrono::nanoseconds>(std::chrono::nanoseconds(wait), deadline - now));
  }
}

void Sched::timer_added(std::int64_t when) {
  std::lock_guard lk(mu_);
  if (timer_waiter_ && when < timer_wait_until_ && timer_waiter_->idle) {
    P* w = timer_waiter_;
    w->idle = false;
    nidle_.fetch_sub(1, std::memory_order_relaxed);
    timer_waiter_ = nullptr;
    w->sem.release();
  }
}

void Sched::end(int code) {
  std::lock_guard lk(mu_);
  end_locked(code);
}

bool Sched::begin_report() {
  std::lock_guard lk(mu_);
  if (reporting_ || ending_.load(std::memory_order_relaxed)) return false;
  reporting_ = true;
  return true;
}

void Sched::main_returned() {
  std::lock_guard lk(mu_);
  if (!reporting_) end_locked(0);
}

void Sched::end_locked(int code) {
  if (ending_.load(std::memory_order_relaxed)) return;
  exit_code_ = code;
  ending_.store(true, std::memory_order_release);
  P* p = curp();
  emit(p, trace::Kind::Exit, nullptr, 0, code);
  for (auto& q : ps_) {
    if (q->idle && q->attached) {
      q->idle = false;
      nidle_.fetch_sub(1, std::memory_order_relaxed);
      q->sem.release();
    }
  }
}

// Runs on one thread after every P has stopped: unwinds the goroutines that
// are still alive (their destructors run), then drops what is left.
void Sched::teardown() {
  unwind_alive(ps_[0].get());
  teardown_rest();
}

// Unwinds (or drops) every goroutine still alive, on p's thread. Pinned Ps:
// a started goroutine only on its home P (teardown_pinned gives each P a turn).
void Sched::unwind_alive(P* p) {
  set_curp(p);
  std::vector<G*> alive;
  {
    std::lock_guard lk(allg_mu_);
    for (G* g = allg_; g; g = g->allnext) alive.push_back(g);
  }
  std::sort(alive.begin(), alive.end(), [](G* a, G* b) { return a->id < b->id; });
  for (G* g : alive) {
    if (!unwinds_here(p, g)) continue;  // another P's thread unwinds it
    if (!g->started || !g->fn || g->stack_size < Config::kSmallStackSize) {
      // Never ran, or its stack is too small for the C++ unwinder (which
      // needs a few KiB): drop its closure from here and free it. Objects
      // in the frames of a dropped goroutine are not destroyed.
      if (g->fn) g->fn->destroy(g->closure);
      freeg(p, g);
      continue;
    }
    g->unwinding = true;
    execute(p, g);
    if (p->after != P::After::Exit) {
      // It blocked again while unwinding (a destructor waited on a
      // channel): abandon it rather than hang. Its stack is not reused.
      std::lock_guard lk(allg_mu_);
      if (g->allprev)
        g->allprev->allnext = g->allnext;
      else
        allg_ = g->allnext;
      if (g->allnext) g->allnext->allprev = g->allprev;
    }
  }
}

// What teardown ends with, once no goroutine is left to unwind: empties the
// queues and timers and returns cached stacks to the pool (and, after an
// out-of-memory end, the pool's memory to the process).
void Sched::teardown_rest() {
  P* p = ps_[0].get();
  set_curp(p);
  for (auto& q : ps_) {
    inbox_clear(q.get());
    q->runnext.store(nullptr);
    q->runqhead.store(0);
    q->runqtail.store(0);
  }
  gq_head_ = gq_tail_ = nullptr;
  gq_size_.store(0);
  timers_.clear();
  for (auto& q : ps_) stack_flush(q.get());
  if (out_of_memory_.load(std::memory_order_relaxed)) stack_release();
  set_curp(nullptr);
}

namespace {
// Switches to g0 (yielding means letting the queue run first), which puts
// the goroutine back on its P's queue.
Status yield_as(trace::Kind k) {
  G* g;
  if (Status s = enter_op(&g); s != Status::Ok) return s;
  P* p = curp();
  p->after = P::After::Yield;
  p->s->emit(p, k, g, 0, 0);
  p->prev = g;
  if (g->park_hooks) g->park_hooks->parking(g->park_hooks->arg);
  context_swap(g->ctx, p->g0);
  P* now = curp();
  now->s->after_switch(now);
  if (g->park_hooks) g->park_hooks->resumed(g->park_hooks->arg);
  return must_unwind(g) ? Status::Unwind : Status::Ok;
}
}  // namespace

Status go_yield() {
  return yield_as(trace::Kind::GoYield);
}

Status go_preempt() {
  return yield_as(trace::Kind::GoPreempt);
}

}  // namespace gort::detail
