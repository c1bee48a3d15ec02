// The graph and timeline views' logic that needs no GL or ImGui: colours per
// state, the timeline's time <-> x mapping (zoom, pan, following the
// present), span lookup and the graph's pan/zoom. (The graph's picture:
// web_dataflow_test.cpp.)
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "palette.hpp"
#include "shape_batch.hpp"
#include "time_axis.hpp"
#include "view_transform.hpp"
#include "web_test_util.hpp"

using namespace web_test;

TEST_CASE("web views: every state has its own colour and running shows the P") {
  for (const palette::Palette* pal : {&palette::kDark, &palette::kLight}) {
    std::set<std::uint32_t> seen;
    for (int p = 0; p < palette::kMaxProcs; ++p) seen.insert(pal->state_color(GState::Running, p));
    CHECK(seen.size() == palette::kMaxProcs);
    for (GState s : {GState::Runnable, GState::Blocked, GState::Sleeping, GState::Done})
      seen.insert(pal->state_color(s, -1));
    CHECK(seen.size() == palette::kMaxProcs + 4);
    CHECK(pal->state_color(GState::Running, 9) == pal->state_color(GState::Running, 1));
    // Readable text: dark on the light value chips (tests/web_theme_test.cpp
    // checks every pair's contrast).
    CHECK(pal->text_on(pal->value) == pal->text_dark);
  }
  CHECK(palette::kDark.text_on(palette::kDark.done) == palette::kDark.text);
}

TEST_CASE("web views: timeline spans of neighbouring goroutines differ") {
  auto channel = [](std::uint32_t c, int shift) { return static_cast<int>((c >> shift) & 0xff); };
  auto distance = [&](std::uint32_t a, std::uint32_t b) {
    return std::abs(channel(a, 0) - channel(b, 0)) + std::abs(channel(a, 8) - channel(b, 8)) +
           std::abs(channel(a, 16) - channel(b, 16));
  };
  std::set<std::uint32_t> first8;
  for (std::uint32_t g = 1; g <= 1000; g++) {
    CAPTURE(g);
    const std::uint32_t c = palette::goroutine_color(g);
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

TEST_CASE("web views: time ticks are round and far enough apart, times read well") {
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

TEST_CASE("web views: span_at finds the span under the mouse, a running one ends now") {
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

TEST_CASE("web views: zoom keeps the point under the mouse, fit centres the layout") {
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
