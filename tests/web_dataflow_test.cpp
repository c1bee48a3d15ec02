// The graph view's dataflow picture (web/layered, web/layout, web/graph_scene)
// on every gallery pattern, frame by frame as the page plays it, on the
// graph canvases of a 1440x900 page and an 800x500 embed: no two boxes
// overlap, no edges cross where the program's dataflow is planar (pipeline,
// prime_sieve, ping_pong, worker_pool), text stays readable, and nothing
// moves while the program runs.
#include <doctest/doctest.h>

#include <algorithm>
#include <gort/golang.hpp>
#include <map>
#include <patterns/pattern.hpp>
#include <set>

#include "layered.hpp"
#include "panel_rects.hpp"
#include "prerun.hpp"
#include "web_scene_check.hpp"
#include "web_test_util.hpp"

using namespace web_test;

namespace {

// The graph canvas of a page: its panel minus the window's title bar and
// padding, the legend above the drawing and the help line below it (the e2e
// tests check the real one).
Canvas canvas(const char* name, float w, float h, bool embed) {
  const Rect r = panel_rects(w, h, embed).graph;
  return {name, r.w - 16, r.h - 21 - 8 - 24 - 21};
}

const std::set<std::string> kPlanar = {"pipeline", "prime_sieve", "ping_pong", "worker_pool"};

}  // namespace

TEST_CASE("web dataflow: a layered drawing puts a chain in a line and loops a cycle around") {
  using namespace gort::web::layered;
  Input in;
  // 0 -> 1 -> 2 -> 3, and 3 -> 0 closes a cycle; 4 has no edges, follows 2.
  in.height = {20, 20, 20, 20, 20};
  in.after = {-1, -1, -1, -1, 2};
  in.edges = {{0, 1}, {1, 2}, {2, 3}, {3, 0}};
  const Output out = draw(in);
  CHECK(out.layer == std::vector<int>{0, 1, 2, 3, 3});
  CHECK(out.crossings == 0);
  // The chain is straight.
  const float y0 = out.layers[0][static_cast<std::size_t>(out.index[0])].y;
  for (int v = 1; v < 4; ++v)
    CHECK(out.layers[static_cast<std::size_t>(out.layer[static_cast<std::size_t>(v)])]
                    [static_cast<std::size_t>(out.index[static_cast<std::size_t>(v)])]
                        .y == doctest::Approx(y0));
  // The back edge is a loop: turns beside both ends, a dummy in every layer.
  const Path& back = out.paths[3];
  CHECK(back.reversed);
  CHECK(back.loop);
  REQUIRE(back.at.size() == 6);
  CHECK(back.at.front().first == 0);
  CHECK(back.at[1].first == 0);
  CHECK(back.at[4].first == 3);
  CHECK(back.at.back().first == 3);
  // A goroutine that sends and receives on one channel: side by side, no loop.
  Input two;
  two.height = {20, 40};
  two.after = {-1, -1};
  two.edges = {{0, 1}, {1, 0}};
  const Output o2 = draw(two);
  CHECK(o2.layer[0] + 1 == o2.layer[1]);
  CHECK_FALSE(o2.paths[0].reversed);
  CHECK(o2.paths[1].reversed);
  CHECK_FALSE(o2.paths[1].loop);
}

TEST_CASE("web dataflow: the pre-run settles a map that the real run matches, ids or not") {
  const auto* pat = gort::patterns::find("worker_pool");
  REQUIRE(pat);
  gort::patterns::Args args;
  REQUIRE(gort::patterns::make_args(*pat, {}, args) == "");
  gort::Config cfg;
  cfg.gomaxprocs = 2;
  auto body = [pat, args] { pat->body(args); };
  // A generous budget: a loaded machine must not cut the pre-run short here.
  Prerun run(cfg, body, std::chrono::seconds(20));
  REQUIRE(run.step(std::chrono::seconds(20)));
  const Model& pre = run.model();
  REQUIRE(pre.exited());
  CHECK(pre.goroutines().size() == 4);
  CHECK(pre.channels().size() == 2);
  CHECK(pre.flows().size() >= 8);  // main -> jobs -> 3 workers -> results -> main
  CHECK(pre.console().empty());    // the pre-run prints nothing

  Layout l;
  l.set_text_width(width75);
  l.settle(pre);
  CHECK(l.settled());
  CHECK(l.crossings() == 0);
  // A real run at another seed and GOMAXPROCS finds every item on the map.
  Session s;
  s.layout().set_text_width(width75);
  RunOptions o = det("worker_pool", 3);
  o.seed = 77;
  run_program(s, o);
  s.playback().seek_end();
  s.layout().update(s.model());
  s.layout().arrange(s.model(), 700, 500);
  for (const Layout::Item& it : s.layout().items()) {
    INFO("item ", it.id);
    CHECK(it.settled);
  }
}

TEST_CASE("web dataflow: the pre-run folds one model however it is stepped, and can be dropped") {
  // A page steps it once a frame; a newer program may drop it midway. The
  // Go text, as the page runs it.
  const auto* pat = gort::patterns::find("prime_sieve");
  REQUIRE(pat);
  const gort::golang::Compiled go = gort::golang::compile(pat->go_source, "prog.go");
  REQUIRE(go.ok());
  gort::Config cfg;
  cfg.gomaxprocs = 3;
  cfg.seed = 5;
  auto body = [program = go.program] { program->main({}); };
  // Budgets in events, not time, so that both end at the same event.
  const auto generous = std::chrono::seconds(20);
  Prerun whole(cfg, body, generous, 300);
  REQUIRE(whole.step(generous));
  REQUIRE(whole.model().counters().events == 300);
  const std::string want = dump(whole.model());
  Prerun sliced(cfg, body, generous, 300);
  while (!sliced.step(std::chrono::nanoseconds(1))) {
  }
  CHECK(dump(sliced.model()) == want);
  // Dropped (a newer start): its program unwinds and the next can start.
  { Prerun dropped(cfg, body, generous, 300); }
  Prerun again(cfg, body, generous, 300);
  REQUIRE(again.step(generous));
  CHECK(dump(again.model()) == want);
}

TEST_CASE("web dataflow: nothing moves while a program runs") {
  for (const char* id : {"pipeline", "prime_sieve", "fan_out_fan_in", "worker_pool"}) {
    INFO(id);
    std::map<std::string, std::pair<float, float>> seen;
    play(det(id, 4), 1, canvas("1440x900", 1440, 900, false), 3, [&](const Frame& f) {
      for (const auto& n : f.scene.nodes) {
        auto [it, fresh] = seen.try_emplace(n.id, n.x, n.y);
        if (!fresh) {
          CHECK(it->second.first == doctest::Approx(n.x));
          CHECK(it->second.second == doctest::Approx(n.y));
        }
      }
    });
  }
}

TEST_CASE("web dataflow: every goroutine and channel drawn has its label, whole or elided") {
  for (const char* id : {"worker_pool", "pipeline", "select_timeout", "fan_in"}) {
    play(det(id, 4), 1, canvas("embed", 800, 500, true), 10, [&](const Frame& f) {
      // Labels are drawn inside their boxes: a box's label has its centre
      // (goroutines) or its left end (channels' names) inside it.
      for (const auto& n : f.scene.nodes) {
        const bool found = std::any_of(f.labels.begin(), f.labels.end(), [&](const Label& l) {
          return !l.text.empty() && l.x >= n.x && l.x <= n.x + n.w && l.y >= n.y &&
                 l.y <= n.y + n.h;
        });
        INFO(id << ": " << n.id << " " << n.label);
        CHECK(found);
      }
    });
  }
}

TEST_CASE("web dataflow: every pattern, both page sizes: no overlaps, planar ones never cross") {
  const Canvas sizes[] = {canvas("1440x900", 1440, 900, false),
                          canvas("embed 800x500", 800, 500, true)};
  for (const auto& p : gort::patterns::all()) {
    for (const Canvas& cv : sizes) {
      int frames = 0, overlapping = 0, crossing = 0;
      float font = 1e9f;
      std::string first;
      for (double speed : {1.0, 0.3}) {
        play(det(p.id, 4), speed, cv, 4, [&](const Frame& f) {
          frames++;
          font = std::min(font, f.scene.font_px);
          if (!f.overlaps.empty()) {
            overlapping++;
            if (first.empty()) first = f.overlaps.front();
          }
          if (f.crossings) crossing++;
        });
      }
      MESSAGE(p.id << " @ " << std::string(cv.name) << ": " << frames << " frames, " << overlapping
                   << " with overlaps" << (first.empty() ? "" : " (" + first + ")") << ", "
                   << crossing << " with crossings, text " << font << " px");
      INFO(p.id << " @ " << std::string(cv.name) << ": " << first);
      CHECK(overlapping == 0);
      if (kPlanar.count(p.id)) CHECK(crossing == 0);
    }
  }
}
