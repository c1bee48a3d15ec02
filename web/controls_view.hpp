// The controls panel: run, pause/resume, step (one event), restart, stop;
// playback speed (log scale, slow motion to full speed); GOMAXPROCS 1..8
// ('simulated' when the Ps are not threads); seed; deterministic switch.
// Pause, step and speed act on playback (DESIGN.md: execution and display
// are decoupled); procs, seed and deterministic take effect at the next run.
#pragma once

namespace gort::web {

class Playground;
class WidgetRects;

// Draws inside the current ImGui window. Records "run", "pause", "step",
// "restart", "stop", "speed", "procs", "seed", "deterministic", "scrub".
// compact: one toolbar row (the embed layout): the buttons, speed,
// GOMAXPROCS and "Open in playground" ("open_playground") only.
void draw_controls(Playground& pg, WidgetRects& rects, bool compact = false);

}  // namespace gort::web
