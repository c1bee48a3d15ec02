// TimeAxis: the timeline's mapping between trace time (ns on the run's
// clock) and screen x, and how zoom, pan and "follow the present" move it.
// Pure arithmetic, no ImGui.
//
// Invariants (after update()):
//   - x_of(t_of(x)) == x; time grows to the right at 1/ns_per_px px per ns.
//   - follow: the present (`now`) is at the right edge. It is on until the
//     user pans into the past, and comes back when they pan to the present
//     again (or reset()).
//   - Until the user zooms, the whole run so far fits the width (at least
//     kMinSpan of time), from `start` (the program's first event: not the
//     page's or the worker threads' start-up), so a new run starts readable.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "model.hpp"

namespace gort::web {

class TimeAxis {
 public:
  static constexpr double kMinSpan = 1e6;     // ns shown at least before zooming (1 ms)
  static constexpr double kMinNsPerPx = 1;    // deepest zoom: 1 ns per pixel
  static constexpr double kMaxNsPerPx = 1e9;  // widest: 1 s per pixel

  // Places the axis on a lane area starting at screen x `x0`, `width` px
  // wide, for a run that started at `start` and whose present is `now`.
  void update(float x0, float width, std::int64_t now, std::int64_t start = 0) {
    x0_ = x0;
    width_ = std::max(width, 1.0f);
    now_ = static_cast<double>(now);
    start_ = static_cast<double>(std::min(start, now));
    if (!zoomed_) ns_per_px_ = std::max(now_ - start_, kMinSpan) / width_;
    if (follow_) left_ = now_ - width_ * ns_per_px_;
    if (!zoomed_) left_ = std::max(left_, start_);
  }
  // Zooms by `factor` (> 1 = in) keeping the time under screen x `at` in
  // place, or the present at the right edge while following.
  void zoom(double factor, float at) {
    const double t = t_of(at);
    ns_per_px_ = std::clamp(ns_per_px_ / factor, kMinNsPerPx, kMaxNsPerPx);
    zoomed_ = true;
    left_ = follow_ ? now_ - width_ * ns_per_px_ : t - (at - x0_) * ns_per_px_;
  }
  // Drags the lanes `dx` px to the right (into the past for dx > 0).
  void pan(float dx) {
    zoomed_ = true;  // the scale stays what the user sees now
    left_ -= dx * ns_per_px_;
    if (right() >= now_) {
      follow_ = true;
      left_ = now_ - width_ * ns_per_px_;
    } else {
      follow_ = false;
    }
  }
  // Back to the start state: follow the present, fit the run.
  void reset() {
    follow_ = true;
    zoomed_ = false;
  }

  double x_of(double t) const { return x0_ + (t - left_) / ns_per_px_; }
  double t_of(double x) const { return left_ + (x - x0_) * ns_per_px_; }
  double left() const { return left_; }
  double right() const { return left_ + width_ * ns_per_px_; }
  double ns_per_px() const { return ns_per_px_; }
  bool following() const { return follow_; }
  bool zoomed() const { return zoomed_; }

  // A round tick interval (1, 2 or 5 x 10^k ns) at least `min_px` apart.
  double tick_step(float min_px) const {
    double want = ns_per_px_ * min_px;
    double p = std::pow(10.0, std::floor(std::log10(std::max(want, 1.0))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
      if (p * m >= want) return p * m;
    return p * 10;
  }

 private:
  float x0_ = 0, width_ = 1;
  double now_ = 0, start_ = 0;
  double left_ = 0;
  double ns_per_px_ = kMinSpan;
  bool follow_ = true;
  bool zoomed_ = false;
};

// The span of `lane` covering time t (to within `slop` ns on either side;
// the nearest wins), or -1. A span still running (end = -1) ends at `now`.
int span_at(const Lane& lane, double t, double now, double slop);

// "0", "750 ns", "1.5 µs", "20 ms", "2.5 s": `t` in the largest unit not
// above it (or `step`), with as many decimals as telling values `step`
// apart needs (`step`: a tick interval, or the precision wanted).
std::string format_time(double t, double step);

}  // namespace gort::web
