// The stats panel: goroutines alive/total, channels, channel ops/s and
// events/s, events recorded/played and lost, frame time, and the build:
// threaded or single-threaded and the GOMAXPROCS in effect.
#pragma once

namespace gort::web {

class Playground;

struct FrameTimes {
  double interval_ms = 0;  // between frames (what a person sees), smoothed
  double cpu_ms = 0;       // the frame's own work on the main thread, smoothed
};

void draw_stats(const Playground& pg, const FrameTimes& frame);

}  // namespace gort::web
