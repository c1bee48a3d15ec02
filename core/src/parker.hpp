// Where an idle P's thread sleeps: a binary semaphore (at most one pending
// wake-up) whose timed wait ends on time. libstdc++ 12's
// std::binary_semaphore::try_acquire_for sleeps in growing chunks that a
// release() cannot cut short (timers fired late under load: DESIGN.md, 3);
// a condition variable waits on the steady clock and wakes at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace gort::detail {

class Parker {
 public:
  void release() {
    {
      std::lock_guard lk(m_);
      permit_ = true;
    }
    cv_.notify_one();
  }
  void acquire() {
    std::unique_lock lk(m_);
    cv_.wait(lk, [this] { return permit_; });
    permit_ = false;
  }
  // Returns false if d passed without a release().
  bool try_acquire_for(std::chrono::nanoseconds d) {
    std::unique_lock lk(m_);
    if (!cv_.wait_for(lk, d, [this] { return permit_; })) return false;
    permit_ = false;
    return true;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  bool permit_ = false;
};

}  // namespace gort::detail
