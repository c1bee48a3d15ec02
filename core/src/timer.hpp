// Timers: one min-heap per program, ordered by deadline, guarded by mu.
//
// A timer either wakes a sleeping goroutine or sends the time on a channel
// (after, tick, Timer, Ticker). Timers are fired by a P's scheduler loop,
// on its g0, holding mu; so a Timer/Ticker that stop()s under mu knows its
// callback is not running. next_when mirrors the earliest deadline so the
// scheduler can skip the lock when nothing is due.
#pragma once

#include <atomic>
#include <cstdint>
#include <gort/sync.hpp>
#include <limits>
#include <mutex>
#include <vector>

namespace gort::detail {

struct G;
struct hchan;
struct P;

struct timer {
  std::int64_t when = 0;    // ns on the program's clock
  std::int64_t period = 0;  // > 0: a ticker
  int index = -1;           // position in the heap, -1 when not in it
  G* g = nullptr;           // sleep: the goroutine to wake
  hchan* c = nullptr;       // otherwise: the channel (cap 1) to send the time on
  bool owned = false;       // freed by the runtime once fired (after)
};

class Timers {
 public:
  static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
  SpinLock mu;  // not std::mutex: sleep() locks it on a goroutine and g0 unlocks it

  void add_locked(timer* t);
  bool remove_locked(timer* t);
  std::int64_t next() const noexcept { return next_when_.load(std::memory_order_acquire); }
  bool empty() const noexcept { return next() == kNever; }
  // Fires every timer due at `now`. Takes mu.
  void run_due(P* p, std::int64_t now);
  // Drops every timer (the program ended), freeing the runtime-owned ones.
  void clear();

 private:
  void up(std::size_t i);
  void down(std::size_t i);
  void swap_at(std::size_t i, std::size_t j);
  void update_next() noexcept;
  std::vector<timer*> heap_;
  std::atomic<std::int64_t> next_when_{kNever};
};

}  // namespace gort::detail
