// Live statistics of a session: counts from the model, rates measured over a
// sliding window of wall time (about one second), and what the CPU side of
// a frame cost (draining the trace, folding it into the model, the layout).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

namespace gort::web {

struct Stats {
  std::size_t goroutines_alive = 0, goroutines_total = 0, channels = 0;
  double chan_ops_per_s = 0;  // channel operations played back per second
  double events_per_s = 0;    // trace events recorded per second
  std::uint64_t events = 0;   // events recorded by this run so far
  std::uint64_t played = 0;   // events applied (playback cursor)
  std::uint64_t lost = 0;     // events a full trace ring dropped
  double fold_ms = 0;         // last frame: drain + fold + layout, ms of CPU (wall) time
};

// Turns per-frame counters into per-second rates.
class StatsMeter {
 public:
  static constexpr double kWindowSeconds = 1.0;
  // Records one frame: dt seconds elapsed, the running totals now.
  void add(double dt, std::uint64_t events, std::uint64_t chan_ops);
  void clear() {
    samples_.clear();
    span_ = 0;
  }
  double events_per_s() const;
  double chan_ops_per_s() const;

 private:
  struct Sample {
    double dt;
    std::uint64_t events, chan_ops;
  };
  std::deque<Sample> samples_;  // newest at the back, spanning about kWindowSeconds
  double span_ = 0;             // seconds from the oldest sample to the newest
};

}  // namespace gort::web
