// TimelineView: the "Timeline" panel, like `go tool trace`'s "by proc"
// view: one lane per P showing which goroutine ran when (spans coloured per
// goroutine, labelled where wide enough), goroutines blocking (red marks at
// a lane's top) and being woken (green marks at its bottom), time ticks,
// and a cursor line at the playback position. Wheel zooms, drag pans,
// double-click returns to the present; while following, the present stays
// at the right edge. Click a span to select its goroutine.
//
// The axis starts at the program's first event, follows the present while
// the program runs and fits the whole run once it has ended.
//
// Invariants: drawing cost is bounded by the panel's width per lane (spans
// and marks narrower than a pixel merge into the pixel already drawn), not
// by the length of the run; a span is never drawn narrower than kMinSpanPx;
// shapes go out in one draw call.
#pragma once

#include <cstddef>
#include <cstdint>

#include "compare_run.hpp"
#include "playback.hpp"
#include "renderer.hpp"
#include "shape_batch.hpp"
#include "time_axis.hpp"
#include "widget_rects.hpp"

namespace gort::web {

class TimelineView {
 public:
  // Draws in the current ImGui window's remaining content region. With a
  // comparison (`one`: the GOMAXPROCS=1 run, `many`: the current one),
  // both runs' lanes are stacked on one time scale, each under its wall
  // time, with the speed-up ("simulated" when the Ps were); each lane is
  // recorded in `rects` as "compare.<GOMAXPROCS>.P<n>".
  void draw(const Playback& pb, Renderer& renderer, WidgetRects& rects, std::uint32_t& selected,
            const CompareRun* one = nullptr, const CompareRun* many = nullptr);

 private:
  void draw_compare(const Playback& pb, Renderer& renderer, WidgetRects& rects,
                    std::uint32_t& selected, const CompareRun& one, const CompareRun& many);

  TimeAxis axis_;
  ShapeBatch shapes_;
  std::size_t events_seen_ = 0;  // to notice a new run (the event list restarts)
  bool exited_ = false;          // the run had ended at the last frame
  bool dragged_ = false;
};

}  // namespace gort::web
