// The stats panel: goroutines alive/total, channels, channel ops/s and
// events/s, events recorded/played and lost, frame time, and the build:
// threaded or single-threaded and the GOMAXPROCS in effect.
//
// Invariant: the numbers that change every frame (the frame's times, the
// model's cost, the rates) are shown as sampled at most every kEvery
// seconds, so they can be read, and a frame in which nothing else changed
// draws nothing (web/repaint.hpp); the counts are always the frame's own.
#pragma once

namespace gort::web {

class Playground;

struct FrameTimes {
  double interval_ms = 0;  // between frames (what a person sees), smoothed
  double cpu_ms = 0;       // the frame's own work on the main thread, smoothed
};

class StatsView {
 public:
  static constexpr double kEvery = 0.25;
  // Draws the panel's table at `now` (seconds, ImGui's clock).
  void draw(const Playground& pg, const FrameTimes& frame, double now);

 private:
  double at_ = -1;  // when the numbers below were sampled; -1: never
  FrameTimes frame_;
  double fold_ms_ = 0, chan_ops_per_s_ = 0, events_per_s_ = 0;
};

}  // namespace gort::web
