// time: the program's clock, Sleep, After, Tick, Timer and Ticker on top of
// the timer heap. A new timer earlier than the one an idle P is waiting for
// wakes that P, so real-time timers fire on time even while other Ps are busy.
#include <gort/time.hpp>

#include "sched.hpp"

namespace gort {

using namespace detail;

namespace {

// Adds t (timers.mu held) and makes sure some P will wake for it.
void arm_locked(Sched& s, timer* t) {
  s.timers().add_locked(t);
  s.timer_added(t->when);
}

// Takes t out of the heap (so its callback cannot run any more); returns
// whether it was still armed. After the program ended there is no heap.
bool disarm(timer* t) {
  Sched* s = g_sched;
  if (!s) return false;
  std::lock_guard lk(s->timers().mu);
  return s->timers().remove_locked(t);
}

timer* new_chan_timer(Sched& s, const Chan<Time>& c, Duration d, Duration period, bool owned) {
  auto* t = new timer();
  t->when = s.nanotime() + (d.count() > 0 ? d.count() : 0);
  t->period = period.count();
  t->c = c.raw();
  t->owned = owned;
  if (owned) chan_retain(t->c);
  std::lock_guard lk(s.timers().mu);
  arm_locked(s, t);
  return t;
}

}  // namespace

Clock::time_point Clock::now() noexcept {
  Sched* s = g_sched;
  if (!s) {
    return time_point(
        std::chrono::duration_cast<duration>(std::chrono::steady_clock::now().time_since_epoch()));
  }
  return time_point(duration(s->nanotime()));
}

Time now() {
  return Clock::now();
}

Duration since(Time t) {
  return Clock::now() - t;
}

namespace detail {

Status go_sleep(std::int64_t ns) {
  G* g;
  if (Status st = enter_op(&g); st != Status::Ok) return st;
  if (ns <= 0) return Status::Ok;
  Sched& s = *g_sched;
  timer t;
  t.when = s.nanotime() + ns;
  t.g = g;
  s.timers().mu.lock();
  arm_locked(s, &t);
  s.emit(curp(), trace::Kind::GoSleep, g, 0, t.when);
  gopark([](void* m) { static_cast<SpinLock*>(m)->unlock(); }, &s.timers().mu, WaitReason::Sleep);
  if (g->unwinding) {
    s.timers().mu.lock();
    s.timers().remove_locked(&t);
    s.timers().mu.unlock();
  }
  return must_unwind(g) ? Status::Unwind : Status::Ok;
}

}  // namespace detail

Chan<Time> after(Duration d) {
  Sched& s = sched_or_throw();
  auto c = make_chan<Time>(1, "time.After");
  new_chan_timer(s, c, d, Duration(0), true);
  return c;
}

Chan<Time> tick(Duration d) {
  Sched& s = sched_or_throw();
  auto c = make_chan<Time>(1, "time.Tick");
  if (d.count() <= 0) return Chan<Time>();  // Go: Tick returns nil for d <= 0
  new_chan_timer(s, c, d, d, true);
  return c;
}

Timer::Timer(Duration d) : c_(make_chan<Time>(1, "time.Timer")) {
  t_ = new_chan_timer(sched_or_throw(), c_, d, Duration(0), false);
}

Timer::~Timer() {
  disarm(t_);
  delete t_;
}

bool Timer::stop() {
  sched_or_throw();
  return disarm(t_);
}

bool Timer::reset(Duration d) {
  Sched& s = sched_or_throw();
  std::lock_guard lk(s.timers().mu);
  bool active = s.timers().remove_locked(t_);
  t_->when = s.nanotime() + (d.count() > 0 ? d.count() : 0);
  arm_locked(s, t_);
  return active;
}

Ticker::Ticker(Duration d) : c_(make_chan<Time>(1, "time.Ticker")) {
  if (d.count() <= 0) throw std::invalid_argument("non-positive interval for gort::Ticker");
  t_ = new_chan_timer(sched_or_throw(), c_, d, d, false);
}

Ticker::~Ticker() {
  disarm(t_);
  delete t_;
}

void Ticker::stop() {
  sched_or_throw();
  disarm(t_);
}

void Ticker::reset(Duration d) {
  if (d.count() <= 0) throw std::invalid_argument("non-positive interval for gort::Ticker.Reset");
  Sched& s = sched_or_throw();
  std::lock_guard lk(s.timers().mu);
  s.timers().remove_locked(t_);
  t_->period = d.count();
  t_->when = s.nanotime() + d.count();
  arm_locked(s, t_);
}

}  // namespace gort
