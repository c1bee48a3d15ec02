// The playground shell's pure parts: the share-link codec
// (web/share_link.cpp), panel placement (web/panel_rects.cpp), and how
// Playground (web/playground.cpp) reports the end of each run — what
// window.gort's promises are settled from.
#include <doctest/doctest.h>

#include <vector>

#include "panel_rects.hpp"
#include "playground.hpp"
#include "share_link.hpp"
#include "web_test_util.hpp"

using namespace gort::web;

TEST_CASE("web share link: decode(encode(x)) == x, and only non-defaults are written") {
  Link l;
  REQUIRE(decode("", l) == "");
  CHECK(encode(l) == "pattern=" + gort::patterns::all().front().id + "&v=2");

  Link in;
  REQUIRE(decode("?pattern=worker_pool&workers=5&procs=2&speed=0.5&seed=42&det=1&embed=1", in) ==
          "");
  CHECK(in.options.pattern == "worker_pool");
  CHECK(in.options.procs == 2);
  CHECK(in.options.speed == 0.5);
  CHECK(in.options.seed == 42);
  CHECK(in.options.deterministic);
  CHECK(in.embed);
  CHECK(in.bench == 0);
  std::string q = encode(in);
  CHECK(q == "pattern=worker_pool&workers=5&procs=2&speed=0.5&seed=42&det=1&embed=1&v=2");
  Link back;
  REQUIRE(decode(q, back) == "");
  CHECK(back.options.params == in.options.params);
  CHECK(encode(back) == q);
  // Every parameter is present after decoding, defaults filled in.
  CHECK(in.options.params.size() == gort::patterns::find("worker_pool")->params.size());
  // Escapes are decoded.
  REQUIRE(decode("pattern=ping%5Fpong", back) == "");
  CHECK(back.options.pattern == "ping_pong");
  // The frame-time bench is a valid link, and never part of a shared one.
  REQUIRE(decode("bench=1000", back) == "");
  CHECK(back.bench == 1000);
  CHECK(encode(back).find("bench") == std::string::npos);
}

TEST_CASE("web share link: a malformed link says what is wrong and changes nothing") {
  Link l;
  l.options.pattern = "untouched";
  auto says = [&](const char* q, const char* what) {
    INFO(q);
    std::string err = decode(q, l);
    CHECK(err.find(what) != std::string::npos);
    CHECK(l.options.pattern == "untouched");
  };
  says("pattern=nope", "unknown pattern \"nope\"");
  says("pattern=buffered&capacity=banana", "capacity");
  says("pattern=buffered&capacity=99", "out of range");
  says("pattern=buffered&foo=1", "no parameter \"foo\"");
  says("procs=9", "procs");
  says("procs=0", "procs");
  says("bench=lots", "bench");
  says("bench=1000000", "bench");
  says("speed=abc", "speed");
  says("speed=0", "speed");
  says("seed=-1", "seed");
  says("det=maybe", "det");
}

TEST_CASE("web panels: every rect is inside the display, none overlap, together they cover it") {
  using namespace panel;
  // An embed's panels (embed_panels.hpp): all, and subsets that leave out each kind.
  const unsigned kSets[] = {kAll,
                            kGraph | kConsole | kControls,
                            kGraph,
                            kConsole | kTimeline,
                            kTimeline,
                            kControls | kTimeline,
                            kGraph | kTimeline};
  for (int mode = 0; mode < 4 * 7; mode++) {
    const bool embed = mode & 1, compare = mode & 2;
    const unsigned panels = kSets[mode / 4];
    if (!embed && panels != kAll) continue;
    for (auto wh : std::vector<std::pair<float, float>>{
             {1280, 800}, {800, 600}, {800, 500}, {2560, 1440}, {420, 700}}) {
      // Not a structured binding: clang 14 cannot capture one in INFO.
      const float w = wh.first, h = wh.second;
      INFO("embed ", embed, " compare ", compare, " panels ", text(panels), " ", w, "x", h);
      PanelRects r = panel_rects(w, h, embed, compare, panels);
      if (embed) {
        CHECK((r.graph.w * r.graph.h > 0) == bool(panels & kGraph));
        CHECK((r.console.w * r.console.h > 0) == bool(panels & kConsole));
        CHECK((r.timeline.w * r.timeline.h > 0) == bool(panels & kTimeline));
        CHECK((r.controls.w * r.controls.h > 0) == bool(panels & kControls));
      }
      std::vector<Rect> all = {r.gallery, r.controls, r.console, r.stats, r.graph, r.timeline};
      float area = 0;
      for (std::size_t i = 0; i < all.size(); i++) {
        const Rect& a = all[i];
        if (a.w == 0 || a.h == 0) continue;
        CHECK(a.w > 0);
        CHECK(a.h > 0);
        CHECK(a.x >= 0);
        CHECK(a.y >= 0);
        CHECK(a.x + a.w <= w + 0.01f);
        CHECK(a.y + a.h <= h + 0.01f);
        area += a.w * a.h;
        for (std::size_t j = i + 1; j < all.size(); j++) {
          const Rect& b = all[j];
          bool apart = a.x + a.w <= b.x + 0.01f || b.x + b.w <= a.x + 0.01f ||
                       a.y + a.h <= b.y + 0.01f || b.y + b.h <= a.y + 0.01f;
          CHECK(apart);
        }
      }
      CHECK(area == doctest::Approx(w * h).epsilon(0.001));
      if (embed) CHECK(r.gallery.w == 0);
      // An embed's timeline holds two runs' lanes in compare mode: it takes
      // more than half of what is below the toolbar from the graph.
      if (embed && compare && panels == kAll) CHECK(r.timeline.h > (h - r.controls.h) / 2);
    }
  }
}

TEST_CASE("web playground: each run ends exactly once, stopped or finished") {
  Playground pg;
  std::vector<RunEnd> ends;
  pg.on_end = [&](const RunEnd& e) { ends.push_back(e); };
  auto settle = [&] {
    for (int i = 0; i < 100000 && pg.run_open(); i++) pg.frame(1.0);
  };

  std::string err;
  RunOptions o = web_test::det("ticker");
  o.speed = 1e6;
  int first = pg.run(o, err);
  REQUIRE(err == "");
  REQUIRE(first == 1);
  pg.frame(0);
  // A second run stops the first: it ends stopped, with what it showed.
  RunOptions d = web_test::det("deadlock");
  d.speed = 1e6;
  int second = pg.run(d, err);
  REQUIRE(second == 2);
  REQUIRE(ends.size() == 1);
  CHECK(ends[0].run == 1);
  CHECK(ends[0].stopped);
  CHECK_FALSE(ends[0].exit_code.has_value());

  settle();
  REQUIRE(ends.size() == 2);
  CHECK(ends[1].run == 2);
  CHECK_FALSE(ends[1].stopped);
  CHECK(ends[1].exit_code == 2);
  CHECK(ends[1].output.find("fatal error: all goroutines are asleep - deadlock!") !=
        std::string::npos);
  CHECK(ends[1].out.empty());
  CHECK(ends[1].err.find("fatal error: all goroutines are asleep - deadlock!\n") == 0);
  for (int i = 0; i < 10; i++) pg.frame(1.0);
  CHECK(ends.size() == 2);  // a finished run is not reported again

  // A refused run leaves everything as it was and reports nothing.
  CHECK(pg.run(web_test::det("nosuch"), err) == 0);
  CHECK(err.find("nosuch") != std::string::npos);
  CHECK(pg.current_run() == 2);
  CHECK(ends.size() == 2);

  // stop() ends an open run as stopped.
  REQUIRE(pg.run(o, err) == 3);
  pg.stop();
  REQUIRE(ends.size() == 3);
  CHECK(ends[2].stopped);
  CHECK_FALSE(pg.run_open());
}

TEST_CASE("web playground: choose() gives a pattern's defaults and refuses unknown ids") {
  Playground pg;
  REQUIRE(pg.choose("worker_pool"));
  const auto* p = gort::patterns::find("worker_pool");
  REQUIRE(pg.next.params.size() == p->params.size());
  for (std::size_t i = 0; i < p->params.size(); i++) {
    CHECK(pg.next.params[i].first == p->params[i].name);
    CHECK(pg.next.params[i].second == p->params[i].value);
  }
  CHECK_FALSE(pg.choose("nosuch"));
  CHECK(pg.next.pattern == "worker_pool");
}
