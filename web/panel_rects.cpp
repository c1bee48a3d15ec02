// Panel placement: see panel_rects.hpp.
#include "panel_rects.hpp"

#include <algorithm>

namespace gort::web {

namespace {
// An embed's timeline while it compares two runs: 1 + N lanes under three
// rows of text (ticks and each run's title). At 800x500 and N = 4 this
// gives lanes of about 30 px; the usual strip (100 px there) left 3 px lanes.
constexpr float kCompareShare = 0.55f;

float clampf(float v, float lo, float hi) {
  return std::max(lo, std::min(v, hi));
}
}  // namespace

PanelRects panel_rects(float w, float h, bool embed, bool compare, unsigned panels) {
  PanelRects r;
  w = std::max(w, 1.0f);
  h = std::max(h, 1.0f);
  if (embed) {
    // The graph gets most of a small frame: the controls are one toolbar row.
    const bool graph = panels & panel::kGraph, console = panels & panel::kConsole;
    float top = panels & panel::kControls ? std::min(kToolbarH, h * 0.15f) : 0;
    float right = !console ? 0 : graph ? clampf(w * 0.28f, std::min(180.0f, w * 0.4f), 320.0f) : w;
    float strip = !(panels & panel::kTimeline) ? 0
                  : !graph && !console         ? h - top
                  : compare                    ? (h - top) * kCompareShare
                            : std::min(clampf(h * 0.2f, 70.0f, 160.0f), (h - top) * 0.35f);
    r.controls = {0, 0, w, top};
    r.graph = {0, top, w - right, h - top - strip};
    r.console = {w - right, top, right, h - top - strip};
    r.timeline = {0, h - strip, w, strip};
    return r;
  }
  float left = clampf(w * 0.2f, std::min(230.0f, w * 0.3f), 340.0f);
  float right = clampf(w * 0.25f, std::min(240.0f, w * 0.3f), 420.0f);
  float mid = std::max(w - left - right, 1.0f);
  float controls = std::min(250.0f, h * 0.4f);
  float strip = clampf(h * 0.25f, std::min(140.0f, h * 0.3f), 280.0f);
  float stats = std::min(262.0f, h * 0.3f);
  r.gallery = {0, 0, left, h - controls};
  r.controls = {0, h - controls, left, controls};
  r.graph = {left, 0, mid, h - strip};
  r.timeline = {left, h - strip, mid, strip};
  r.console = {left + mid, 0, right, h - stats};
  r.stats = {left + mid, h - stats, right, stats};
  return r;
}

}  // namespace gort::web
