// ViewsBench: a synthetic program that keeps `n` goroutines alive and busy,
// for measuring the graph and timeline views (and the model and layout they
// read) at sizes no gallery pattern reaches: the page's `?bench=N` mode.
// It writes trace events the way the runtime does (create, start, block on
// a channel, sleep, yield, wake, buffered sends and receives) into its own
// Playback; nothing runs.
//
// Invariants: after start(), exactly n worker goroutines plus main are
// alive, spread over every state; each frame() appends and applies the
// events of dt seconds (at most kOpsPerFrame goroutine switches), so the
// cost measured per frame is that of a busy program, not of a replay.
#pragma once

#include <cstddef>
#include <cstdint>
#include <gort/trace.hpp>
#include <vector>

#include "layout.hpp"
#include "playback.hpp"

namespace gort::web {

class ViewsBench {
 public:
  static constexpr std::size_t kOpsPerFrame = 200;

  void start(std::size_t goroutines, int procs);
  void frame(double dt_seconds);

  const Playback& playback() const { return pb_; }
  Layout& layout() { return layout_; }
  std::size_t goroutines() const { return n_; }

 private:
  enum : std::uint8_t { kRunnable, kRunning, kBlocked, kSleeping };
  void emit(trace::Kind k, std::uint32_t g, std::uint32_t obj, std::int64_t value, std::uint16_t p,
            std::uint8_t flags = 0, std::uint32_t aux = 0);
  void stop_on(int p, std::uint64_t r);

  Playback pb_;
  Layout layout_;
  std::vector<trace::Event> out_;
  std::vector<std::uint8_t> state_;     // per goroutine id
  std::vector<std::uint32_t> running_;  // per P
  std::size_t n_ = 0;
  int procs_ = 1;
  std::int64_t ts_ = 0;
  std::uint64_t seq_ = 0, op_ = 0, value_ = 0;
  std::size_t buffered_ = 0;  // values in the "jobs" channel
  std::uint32_t next_ = 2;    // next goroutine to run, round robin
};

}  // namespace gort::web
