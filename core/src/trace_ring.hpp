// A P's trace ring: one writer (the thread driving the P), one reader
// (Program::drain, under its own lock). Bounded: when full, new events are
// dropped and counted, so recording never waits for the reader. The writer
// asks full() before it numbers an event (Sched::record), so that every
// number it takes is pushed: the numbers have no gaps.
#pragma once

#include <atomic>
#include <cstdint>
#include <gort/trace.hpp>
#include <memory>
#include <vector>

namespace gort::detail {

class TraceRing {
 public:
  void init(std::size_t capacity) {
    std::size_t n = 1;
    while (n < capacity) n <<= 1;
    buf_.reset(new trace::Event[n]);  // not zeroed: pages are touched as events arrive
    mask_ = n - 1;
  }
  // Whether push would find no room; then the event is dropped and counted.
  bool full() noexcept {
    if (tail_.load(std::memory_order_relaxed) - head_.load(std::memory_order_acquire) <= mask_) {
      return false;
    }
    lost_.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  // After full() said false: only the reader frees room, so there still is.
  void push(const trace::Event& e) noexcept {
    std::uint64_t t = tail_.load(std::memory_order_relaxed);
    buf_[t & mask_] = e;
    tail_.store(t + 1, std::memory_order_release);
  }
  template <class Out>
  void drain(Out& out) {
    std::uint64_t h = head_.load(std::memory_order_relaxed);
    std::uint64_t t = tail_.load(std::memory_order_acquire);
    for (; h != t; h++) out.push_back(buf_[h & mask_]);
    head_.store(h, std::memory_order_release);
  }
  std::uint64_t lost() const noexcept { return lost_.load(std::memory_order_relaxed); }

 private:
  std::unique_ptr<trace::Event[]> buf_;
  std::uint64_t mask_ = 0;
  std::atomic<std::uint64_t> head_{0}, tail_{0};
  std::atomic<std::uint64_t> lost_{0};
};

}  // namespace gort::detail
