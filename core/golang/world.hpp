// Stopping the world for the collector: which goroutines of a run are
// running Go code, and a way to wait until the caller is the only one.
//
// Invariants:
//   - A goroutine counts in `running` from when it starts (enter) to when
//     it ends (leave), except while it is switched away: gort calls the
//     park hooks (detail::watch_parks) around every park, yield and
//     preemption, and between them the goroutine touches no Go value.
//   - While the world is stopped, `running` is 1 (the collector) and every
//     goroutine that wants to run Go code again waits in enter(), so the
//     collector alone reads and writes the heap and every goroutine's slots.
//   - Ordering: enter() adds itself then reads `stop`; stop() sets `stop`
//     then reads `running` (both sequentially consistent), so either the
//     collector counts the goroutine or the goroutine sees the stop.
#pragma once

#include <atomic>
#include <condition_variable>
#include <gort/detail/runtime.hpp>
#include <mutex>

namespace gort::golang {

class World {
 public:
  // A goroutine starts or resumes running Go code: waits while stopped.
  void enter();
  // It parks, yields or ends.
  void leave();
  // Called by a running goroutine at a safe point: stops the world and
  // returns true once the caller is the only goroutine running Go code.
  // False when another goroutine was stopping it (the caller waited for
  // that collection at this safe point) or the world did not stop in time
  // (a goroutine running C++ that does not park; the collection is skipped).
  bool stop();
  void start();  // after stop() returned true
  // The hooks that make a goroutine's parks count (watch_parks).
  const gort::detail::ParkHooks* hooks() const { return &hooks_; }

 private:
  std::atomic<int> running_{0};
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  const gort::detail::ParkHooks hooks_{[](void* w) { static_cast<World*>(w)->leave(); },
                                       [](void* w) { static_cast<World*>(w)->enter(); }, this};
};

}  // namespace gort::golang
