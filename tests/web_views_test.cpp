// The graph and timeline views' logic that needs no GL or ImGui: colours per
// state, the timeline's time <-> x mapping (zoom, pan, following the
// present), span lookup, the graph's pan/zoom, hit-testing, values in
// flight, and the scene built from real pattern runs (cells hold the
// channel's values, labels only where they fit, never overlapping).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "graph_scene.hpp"
#include "palette.hpp"
#include "shape_batch.hpp"
#include "time_axis.hpp"
#include "view_transform.hpp"
#include "web_test_util.hpp"

using namespace web_test;

namespace {

// A monospace stand-in for ImGui's font: 7 px per byte.
float width7(std::string_view t) {
  return 7.0f * static_cast<float>(t.size());
}

// Steps `pb` until `pred(model)` holds; false if the trace ends first.
template <class Pred>
bool step_until(Playback& pb, Pred pred) {
  while (!pred(pb.model()))
    if (!pb.step()) return false;
  return true;
}

const Channel* channel_named(const Model& m, const std::string& name) {
  for (const Channel& c : m.channels())
    if (c.name == name) return &c;
  return nullptr;
}

struct Scene {
  ShapeBatch shapes;
  std::vector<Label> labels;
};

Scene scene_at(const Model& m, const Layout& l, const ViewTransform& v,
               const std::vector<Flight>& flights = {}) {
  Scene s;
  SceneInput in{m, l, v, flights, 0, 0, 0, 0, 1600, 1000, 15, width7};
  build_scene(in, s.shapes, s.labels);
  return s;
}

bool has_label(const Scene& s, const std::string& text) {
  return std::any_of(s.labels.begin(), s.labels.end(),
                     [&](const Label& l) { return l.text == text; });
}

}  // namespace

TEST_CASE("web views: every state has its own colour and running shows the P") {
  std::set<std::uint32_t> seen;
  for (int p = 0; p < palette::kMaxProcs; ++p)
    seen.insert(palette::state_color(GState::Running, p));
  CHECK(seen.size() == palette::kMaxProcs);
  for (GState s : {GState::Runnable, GState::Blocked, GState::Sleeping, GState::Done})
    seen.insert(palette::state_color(s, -1));
  CHECK(seen.size() == palette::kMaxProcs + 4);
  CHECK(palette::state_color(GState::Running, 9) == palette::state_color(GState::Running, 1));
  // Readable text: dark on the light value chips, light on the done grey.
  CHECK(palette::text_on(palette::kValue) == palette::kTextDark);
  CHECK(palette::text_on(palette::kDone) == palette::kText);
}

TEST_CASE("web views: timeline spans of neighbouring goroutines differ; their dark labels read") {
  auto channel = [](std::uint32_t c, int shift) { return static_cast<int>((c >> shift) & 0xff); };
  auto distance = [&](std::uint32_t a, std::uint32_t b) {
    return std::abs(channel(a, 0) - channel(b, 0)) + std::abs(channel(a, 8) - channel(b, 8)) +
           std::abs(channel(a, 16) - channel(b, 16));
  };
  // WCAG's contrast ratio of two colours (1 to 21).
  auto luminance = [&](std::uint32_t c) {
    double l[3];
    for (int i = 0; i < 3; i++) {
      double v = channel(c, 8 * i) / 255.0;
      l[i] = v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  };
  auto contrast = [&](std::uint32_t a, std::uint32_t b) {
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
  };
  std::set<std::uint32_t> first8;
  for (std::uint32_t g = 1; g <= 1000; g++) {
    CAPTURE(g);
    const std::uint32_t c = palette::goroutine_color(g);
    // The timeline labels every span in kTextDark.
    CHECK(contrast(c, palette::kTextDark) >= 3.5);
    CHECK(distance(c, palette::goroutine_color(g + 1)) >= 60);  // ids side by side tell apart
    if (g <= 8) first8.insert(c);
  }
  CHECK(first8.size() == 8);
}

TEST_CASE("web views: shapes pack as the shader unpacks them") {
  ShapeBatch b;
  b.circle(10, 20, 5, palette::rgba(0x12, 0x34, 0x56, 0x78), palette::rgba(1, 2, 3), 2);
  b.segment(0, 0, 30, 40, 3, palette::rgba(255, 0, 0));
  REQUIRE(b.size() == 2);
  const auto& d = b.data();
  CHECK(d[0] == 10);
  CHECK(d[2] == 5);  // a circle is a box with half size r...
  CHECK(d[9] == 5);  // ...and corner radius r
  CHECK(d[4] == static_cast<float>(0x123456));
  CHECK(d[5] == 0x78);
  CHECK(d[6] == static_cast<float>(0x010203));
  CHECK(d[8] == 2);
  CHECK(d[11] == 0);
  CHECK(d[12 + 11] == 1);  // kind: segment
  CHECK(d[12 + 8] == 3);   // its thickness
}

TEST_CASE("web views: the timeline fits the run, then follows the present at the right edge") {
  TimeAxis a;
  a.update(100, 500, 20'000'000);  // 20 ms so far on a 500 px lane area
  CHECK(a.following());
  CHECK(a.left() == 0);
  CHECK(a.x_of(0) == doctest::Approx(100));
  CHECK(a.x_of(20'000'000) == doctest::Approx(600));
  CHECK(a.t_of(a.x_of(1234567)) == doctest::Approx(1234567));
  // Before any zoom a young run still shows kMinSpan, from 0.
  a.update(100, 500, 1000);
  CHECK(a.left() == 0);
  CHECK(a.right() == doctest::Approx(TimeAxis::kMinSpan));

  // Zooming in while following keeps the present at the right edge.
  a.update(100, 500, 20'000'000);
  a.zoom(4, 300);
  CHECK(a.following());
  CHECK(a.x_of(20'000'000) == doctest::Approx(600));
  CHECK(a.ns_per_px() == doctest::Approx(10'000));
  a.update(100, 500, 30'000'000);  // time goes on: the window moves with it
  CHECK(a.x_of(30'000'000) == doctest::Approx(600));

  // Dragging into the past stops following; the window then stays put.
  a.pan(200);
  CHECK_FALSE(a.following());
  const double left = a.left();
  a.update(100, 500, 40'000'000);
  CHECK(a.left() == left);
  // Zooming while not following keeps the time under the mouse in place.
  const double t = a.t_of(250);
  a.zoom(2, 250);
  CHECK(a.t_of(250) == doctest::Approx(t));
  // Dragging back to the present follows again.
  a.pan(-1e9f);
  CHECK(a.following());
  CHECK(a.right() == doctest::Approx(40'000'000));
  // reset: fit the whole run again.
  a.reset();
  a.update(100, 500, 40'000'000);
  CHECK(a.left() == 0);
  CHECK_FALSE(a.zoomed());
}

TEST_CASE("web views: time ticks are round and far enough apart; times read well") {
  TimeAxis a;
  a.update(0, 1000, 3'000'000'000);  // 3 s on 1000 px: 3 ms per px
  const double step = a.tick_step(90);
  CHECK(step >= 90 * a.ns_per_px());
  CHECK(step == 500'000'000);  // 1, 2 or 5 x 10^k
  CHECK(format_time(0, step) == "0");
  CHECK(format_time(1.5e9, 5e8) == "1.5 s");
  CHECK(format_time(2e9, 1e9) == "2 s");
  CHECK(format_time(250e3, 50e3) == "250 \xc2\xb5s");
  CHECK(format_time(1.25e6, 0.05e6) == "1.25 ms");
  CHECK(format_time(40, 10) == "40 ns");
}

TEST_CASE("web views: span_at finds the span under the mouse; a running one ends now") {
  Lane lane;
  lane.spans = {{1, 100, 200}, {2, 300, 400}, {3, 500, -1}};
  CHECK(span_at(lane, 150, 1000, 0) == 0);
  CHECK(span_at(lane, 350, 1000, 0) == 1);
  CHECK(span_at(lane, 900, 1000, 0) == 2);    // still running
  CHECK(span_at(lane, 1100, 1000, 0) == -1);  // after now
  CHECK(span_at(lane, 250, 1000, 0) == -1);   // a gap
  CHECK(span_at(lane, 290, 1000, 20) == 1);   // near enough: the nearest
  CHECK(span_at(lane, 210, 1000, 20) == 0);
  CHECK(span_at(lane, 50, 1000, 20) == -1);
  CHECK(span_at(Lane{}, 50, 1000, 20) == -1);
}

TEST_CASE("web views: zoom keeps the point under the mouse; fit centres the layout") {
  ViewTransform v;
  v.ox = 10, v.oy = 20, v.scale = 30;
  const float wx = v.wx(200), wy = v.wy(150);
  v.zoom_at(200, 150, 1.7f);
  CHECK(v.scale == doctest::Approx(51));
  CHECK(v.sx(wx) == doctest::Approx(200));
  CHECK(v.sy(wy) == doctest::Approx(150));
  v.zoom_at(0, 0, 1e6f);
  CHECK(v.scale == ViewTransform::kMaxScale);

  // A 10 x 5 box with x from -4: fitted into 400 x 400 at (100, 50).
  v.fit(-4, 0, 6, 5, 100, 50, 400, 400, 0, 1000);
  CHECK(v.scale == doctest::Approx(40));
  CHECK(v.sx(-4) == doctest::Approx(100));
  CHECK(v.sx(6) == doctest::Approx(500));
  CHECK((v.sy(0) + v.sy(5)) / 2 == doctest::Approx(250));  // centred vertically
  v.fit(-4, 0, 6, 5, 100, 50, 400, 400, 0, 12);            // a few items stay small
  CHECK(v.scale == 12);
}

TEST_CASE(
    "web views: a buffered channel's cells show its values; labels appear only where they fit") {
  Session s;
  run_program(s, det("buffered"));
  Playback& pb = s.playback();
  REQUIRE(step_until(pb, [](const Model& m) {
    const Channel* c = channel_named(m, "ch");
    return c && c->buffer.size() == 3;
  }));
  Layout l;
  l.update(pb.model());
  const Channel* ch = channel_named(pb.model(), "ch");
  REQUIRE(l.pipe_of(ch->id) != nullptr);
  CHECK(l.pipe_of(ch->id)->slots == 3);

  ViewTransform v;
  float x0, y0, x1, y1;
  scene_bounds(l, x0, y0, x1, y1);
  v.fit(x0, y0, x1, y1, 0, 0, 1600, 1000, 20, 48);
  Scene big = scene_at(pb.model(), l, v);
  for (const Value& val : ch->buffer) CHECK(has_label(big, pb.model().format(val)));
  CHECK(has_label(big, "ch  3/3"));
  CHECK(has_label(big, "g1"));  // main's id inside its node
  // One shape per node at least, plus the pipe and its three cells.
  CHECK(big.shapes.size() >= l.nodes().size() + 4);

  // Zoomed far out: the same shapes, but no text squeezed into them.
  v.fit(x0, y0, x1, y1, 0, 0, 80, 50, 0, 48);
  Scene small = scene_at(pb.model(), l, v);
  CHECK(small.labels.empty());
  CHECK(small.shapes.size() == big.shapes.size());
}

TEST_CASE("web views: labels never overlap in the worker pool at any zoom") {
  Session s;
  run_program(s, det("worker_pool", 4));
  Playback& pb = s.playback();
  Layout l;
  // Look at several moments: with queues, full buffers and many workers.
  for (std::size_t at : {pb.size() / 4, pb.size() / 2, 3 * pb.size() / 4}) {
    pb.seek(at);
    l.update(pb.model());
    float x0, y0, x1, y1;
    scene_bounds(l, x0, y0, x1, y1);
    for (float w : {300.0f, 800.0f, 1600.0f, 3200.0f}) {
      ViewTransform v;
      v.fit(x0, y0, x1, y1, 0, 0, w, w * 0.6f, 10, 200);
      Scene sc = scene_at(pb.model(), l, v);
      // At the size of the scene's clip rect (1600 x 1000) every goroutine
      // and channel has room for its label.
      if (w == 1600.0f) CHECK(sc.labels.size() >= l.nodes().size() + pb.model().channels().size());
      struct Box {
        float x0, y0, x1, y1;
      };
      std::vector<Box> boxes;
      for (const Label& lb : sc.labels) {
        const float tw = width7(lb.text);
        const float left = lb.align == Label::Align::Center ? lb.x - tw / 2
                           : lb.align == Label::Align::Left ? lb.x
                                                            : lb.x - tw;
        boxes.push_back({left, lb.y - 7, left + tw, lb.y + 7});
      }
      for (std::size_t i = 0; i < boxes.size(); ++i)
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
          const Box &a = boxes[i], &b = boxes[j];
          const bool overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
          if (overlap)
            INFO("'" << sc.labels[i].text << "' and '" << sc.labels[j].text << "' at width " << w);
          CHECK_FALSE(overlap);
        }
    }
  }
}

TEST_CASE("web views: hit-testing finds the node and the pipe under the mouse") {
  Session s;
  run_program(s, det("buffered"));
  Playback& pb = s.playback();
  pb.seek(pb.size() / 2);
  Layout l;
  l.update(pb.model());
  REQUIRE(!l.nodes().empty());
  REQUIRE(!l.pipes().empty());
  for (std::size_t i = 0; i < l.nodes().size(); ++i) {
    const Layout::Node& n = l.nodes()[i];
    CHECK(hit_node(l, n.x, n.y) == static_cast<int>(i));
    CHECK(hit_node(l, n.x + n.r * 0.9f, n.y) == static_cast<int>(i));
    CHECK(hit_node(l, n.x + n.r * 0.75f, n.y + n.r * 0.75f) == -1);  // outside the circle
  }
  const Layout::Pipe& p = l.pipes()[0];
  CHECK(hit_pipe(l, p.x + p.w / 2, p.y + p.h / 2) == 0);
  CHECK(hit_pipe(l, p.x - 0.01f, p.y + p.h / 2) == -1);
  CHECK(hit_node(l, p.x + p.w / 2, p.y + p.h / 2) == -1);
}

TEST_CASE("web views: values fly with playback time, freeze when paused, restart after a seek") {
  Session s;
  run_program(s, det("ping_pong"));
  Playback& pb = s.playback();
  Flights f;
  f.update(pb.model(), pb.cursor(), 0, 1, false);
  REQUIRE(step_until(pb, [](const Model& m) { return !m.transfers().empty(); }));
  // A step (one event, paused) shows the new value half-way.
  f.update(pb.model(), pb.cursor(), 0.1, 1, true);
  REQUIRE(f.active().size() == 1);
  CHECK(f.active()[0].progress == doctest::Approx(0.5));
  f.update(pb.model(), pb.cursor(), 0.1, 1, true);  // paused: frozen
  CHECK(f.active()[0].progress == doctest::Approx(0.5));
  f.update(pb.model(), pb.cursor(), 0.06, 1, false);  // playing at speed 1
  CHECK(f.active()[0].progress == doctest::Approx(0.5 + 0.06 / Flights::kSeconds));
  f.update(pb.model(), pb.cursor(), 0.06, 0.25, false);  // slow motion: a quarter
  CHECK(f.active()[0].progress == doctest::Approx(0.5 + 0.075 / Flights::kSeconds));
  f.update(pb.model(), pb.cursor(), 1.0, 1, false);  // arrived: gone
  CHECK(f.active().empty());

  // Where a handoff flies: from the sender's node to the receiver's.
  const Transfer& t = pb.model().transfers().back();
  Layout l;
  l.update(pb.model());
  float x = 0, y = 0;
  const Layout::Node* from = l.node_of(t.from_g ? t.from_g : t.to_g);
  const Layout::Node* to = l.node_of(t.to_g);
  REQUIRE(to != nullptr);
  REQUIRE(flight_position(l, t, 1, x, y));
  CHECK(x == doctest::Approx(to->x));
  CHECK(y == doctest::Approx(to->y));
  if (t.from_g) {
    REQUIRE(flight_position(l, t, 0, x, y));
    CHECK(x == doctest::Approx(from->x));
  }

  // Going back (a seek) forgets what was flying and does not replay history.
  REQUIRE(step_until(pb, [&](const Model& m) { return m.transfers().size() >= 3; }));
  f.update(pb.model(), pb.cursor(), 0, 1, false);
  CHECK(!f.active().empty());
  pb.seek(pb.cursor() - 1);
  f.update(pb.model(), pb.cursor(), 0, 1, false);
  CHECK(f.active().empty());
}
