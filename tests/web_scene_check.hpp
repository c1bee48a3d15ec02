// What the picture promises, checked on a SceneExport (the same data
// window.gort.scene() returns): no two boxes overlap (a chip may overlap
// its own channel), and edge polylines do not cross; and play(), which
// plays a gallery run frame by frame as the page does and hands each
// frame's picture to a check. Shared by the native dataflow and theme
// tests; tests/e2e/scene.mjs checks the browser's scene the same way.
#pragma once

#include <string>
#include <vector>

#include "graph_scene.hpp"
#include "web_test_util.hpp"

namespace web_test {

// Pairs of boxes that overlap by more than `tol` px, described.
inline std::vector<std::string> overlaps(const gort::web::SceneExport& s, float tol = 0.5f) {
  struct B {
    std::string what, chan;  // chan: the channel a chip may overlap
    float x, y, w, h;
  };
  std::vector<B> bs;
  for (const auto& n : s.nodes) bs.push_back({n.id + " " + n.label, "", n.x, n.y, n.w, n.h});
  for (const auto& c : s.chips) bs.push_back({"chip " + c.value, c.chan, c.x, c.y, c.w, c.h});
  std::vector<std::string> out;
  for (std::size_t i = 0; i < bs.size(); ++i)
    for (std::size_t j = i + 1; j < bs.size(); ++j) {
      const B &a = bs[i], &b = bs[j];
      const float ox = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
      const float oy = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
      if (ox <= tol || oy <= tol) continue;
      // A chip may overlap its own channel (in its buffer, or passing through).
      const bool chip_a = !a.chan.empty(), chip_b = !b.chan.empty();
      if (chip_a != chip_b) {
        const B& chip = chip_a ? a : b;
        const B& node = chip_a ? b : a;
        if (node.what.compare(0, chip.chan.size() + 1, chip.chan + " ") == 0) continue;
      }
      out.push_back(a.what + " / " + b.what);
    }
  return out;
}

inline bool segments_cross(gort::web::Layout::Pt a, gort::web::Layout::Pt b,
                           gort::web::Layout::Pt c, gort::web::Layout::Pt d) {
  auto cross = [](gort::web::Layout::Pt o, gort::web::Layout::Pt p, gort::web::Layout::Pt q) {
    return (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x);
  };
  const float d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  const float e = 1e-3f;
  return ((d1 > e && d2 < -e) || (d1 < -e && d2 > e)) &&
         ((d3 > e && d4 < -e) || (d3 < -e && d4 > e));
}

// Pairs of edges whose polylines cross.
inline int crossings(const gort::web::SceneExport& s, std::vector<std::string>* what = nullptr) {
  int n = 0;
  for (std::size_t i = 0; i < s.edges.size(); ++i)
    for (std::size_t j = i + 1; j < s.edges.size(); ++j) {
      const auto &p = s.edges[i].points, &q = s.edges[j].points;
      bool hit = false;
      for (std::size_t a = 1; a < p.size() && !hit; ++a)
        for (std::size_t b = 1; b < q.size() && !hit; ++b)
          hit = segments_cross(p[a - 1], p[a], q[b - 1], q[b]);
      if (hit) {
        n++;
        if (what)
          what->push_back(s.edges[i].from + ">" + s.edges[i].to + " x " + s.edges[j].from + ">" +
                          s.edges[j].to);
      }
    }
  return n;
}

// A stand-in for the graph font at Layout::kFont px: DejaVu Sans averages
// about 7.5 px a character there.
inline float width75(std::string_view t) {
  return 7.5f * static_cast<float>(t.size());
}

// The graph canvas a play() draws on.
struct Canvas {
  const char* name;
  float w, h;
};
struct Frame {
  SceneExport scene;
  std::vector<Label> labels;
  std::vector<std::string> overlaps;
  int crossings = 0;
  const ShapeBatch* shapes = nullptr;  // the frame's shapes, labels drawn over them
};

// Plays `opts` (deterministic, run to its end first) at `speed` in frames of
// 1/60 s, building the scene as GraphView does (in `colors`), and calls
// check(frame) on every `every`-th frame and the last.
template <class Check>
void play(RunOptions opts, double speed, const Canvas& cv, int every, Check check,
          const gort::web::palette::Palette* colors = &gort::web::palette::kDark) {
  Session s;
  s.layout().set_text_width(width75);
  run_program(s, opts);
  Playback& pb = s.playback();
  pb.seek(0);
  pb.resume();
  pb.set_speed(speed);
  Layout& l = s.layout();
  l.restart();
  Chips chips;
  ViewTransform v;
  ShapeBatch shapes;
  std::vector<Label> labels;
  for (int f = 0;; ++f) {
    const bool end = pb.at_end();
    pb.advance(1.0 / 60);
    l.update(pb.model());
    l.arrange(pb.model(), cv.w - 2 * kFitMargin, cv.h - 2 * kFitMargin);
    chips.update(pb.model(), l, pb.cursor(), 1.0 / 60, speed, false);
    if (f % every == 0 || end) {
      const Layout::Box b = l.bounds();
      v.fit_readable(b.x, b.y, b.x + b.w, b.y + b.h, 0, 0, cv.w, cv.h, kFitMargin, kMaxFitScale,
                     kMinTextPx / Layout::kFont);
      Frame fr;
      SceneInput in{pb.model(), l, v, chips.chips(), 0, 0, 0, 0, cv.w, cv.h, width75, colors};
      build_scene(in, shapes, labels, &fr.scene);
      fr.labels = labels;
      fr.overlaps = overlaps(fr.scene);
      fr.crossings = crossings(fr.scene);
      fr.shapes = &shapes;
      check(fr);
    }
    if (end || f > 20000) break;
  }
}

}  // namespace web_test
