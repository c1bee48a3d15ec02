// ViewTransform: the graph view's pan and zoom, mapping the layout's unit
// space (web/layout.hpp) to screen pixels: screen = origin + world * scale.
// Pure arithmetic, no ImGui.
//
// Invariants: zoom_at() keeps the world point under the given screen point
// where it is; scale stays within [kMinScale, kMaxScale].
#pragma once

#include <algorithm>

namespace gort::web {

struct ViewTransform {
  static constexpr float kMinScale = 0.05f;  // px per layout unit
  static constexpr float kMaxScale = 200.0f;

  float ox = 0, oy = 0;  // screen position of the world origin
  float scale = 40;      // px per layout unit

  float sx(float wx) const { return ox + wx * scale; }
  float sy(float wy) const { return oy + wy * scale; }
  float wx(float sx) const { return (sx - ox) / scale; }
  float wy(float sy) const { return (sy - oy) / scale; }

  void zoom_at(float px, float py, float factor) {
    const float x = wx(px), y = wy(py);
    scale = std::clamp(scale * factor, kMinScale, kMaxScale);
    ox = px - x * scale;
    oy = py - y * scale;
  }
  void pan(float dx, float dy) {
    ox += dx;
    oy += dy;
  }
  // Shows the world box [x0, x1] x [y0, y1] centred in the screen rect, with
  // `margin` px around it and at most `max_scale` px per unit (a handful of
  // goroutines should not fill a big screen).
  void fit(float x0, float y0, float x1, float y1, float rx, float ry, float rw, float rh,
           float margin, float max_scale) {
    const float w = x1 - x0, h = y1 - y0;
    const float aw = std::max(rw - 2 * margin, 1.0f), ah = std::max(rh - 2 * margin, 1.0f);
    scale = std::clamp(std::min(aw / std::max(w, 1e-3f), ah / std::max(h, 1e-3f)), kMinScale,
                       max_scale);
    ox = rx + (rw - w * scale) / 2 - x0 * scale;
    oy = ry + (rh - h * scale) / 2 - y0 * scale;
  }
  // fit(), but never below `min_scale`: a box too big for that shows its
  // top-left corner, `margin` px from the screen rect's.
  void fit_readable(float x0, float y0, float x1, float y1, float rx, float ry, float rw, float rh,
                    float margin, float max_scale, float min_scale) {
    fit(x0, y0, x1, y1, rx, ry, rw, rh, margin, max_scale);
    if (scale >= min_scale) return;
    scale = min_scale;
    ox = rx + margin - x0 * scale;
    oy = ry + margin - y0 * scale;
  }
};

}  // namespace gort::web
