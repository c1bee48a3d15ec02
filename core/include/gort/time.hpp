// Time: the runtime's clock, sleeping and timers (Go's time package).
//
// gort::Time is a std::chrono time_point of gort::Clock, which reads the
// running program's clock: the real monotonic clock, or the virtual clock
// that only moves when every goroutine is blocked (ClockMode::Virtual).
// Durations are std::chrono durations.
#pragma once

#include <chrono>
#include <cstdint>
#include <gort/chan.hpp>

namespace gort {

struct Clock {
  using duration = std::chrono::nanoseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<Clock>;
  static constexpr bool is_steady = true;
  static time_point now() noexcept;
};
using Time = Clock::time_point;
using Duration = Clock::duration;

Time now();
// time.Since(t)
Duration since(Time t);
// time.Sleep(d): d <= 0 returns at once.
inline void sleep(Duration d) {
  detail::check(detail::go_sleep(d.count()));
}
// time.After(d): a channel that receives the time once d has passed.
Chan<Time> after(Duration d);
// time.Tick(d): a channel that receives the time every d, forever.
Chan<Time> tick(Duration d);

namespace detail {
struct timer;
}

// time.Timer: fires once on c() after d, unless stopped first.
class Timer {
 public:
  explicit Timer(Duration d);
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  const Chan<Time>& c() const { return c_; }
  // Returns true if the call stopped the timer, false if it had fired or was stopped.
  bool stop();
  // Stops, then arms the timer to fire after d. Returns what stop() would have.
  bool reset(Duration d);

 private:
  Chan<Time> c_;
  detail::timer* t_;
};

// time.Ticker: sends the time on c() every d; a slow receiver misses ticks.
class Ticker {
 public:
  explicit Ticker(Duration d);
  ~Ticker();
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;
  const Chan<Time>& c() const { return c_; }
  void stop();
  void reset(Duration d);

 private:
  Chan<Time> c_;
  detail::timer* t_;
};

}  // namespace gort
