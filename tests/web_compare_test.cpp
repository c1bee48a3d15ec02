// Compare mode (web/compare_run.cpp, Session's two runs, links).
#include <doctest/doctest.h>

#include "compare_run.hpp"
#include "playground.hpp"
#include "share_link.hpp"
#include "web_test_util.hpp"

using namespace web_test;

TEST_CASE("web compare: simulated Ps that took turns are re-timed as if each had a core") {
  // On one thread P0 and P1 alternate 10 ns turns, with a 20 ns pause (the
  // page's frame) in the middle: 60 ns on the real clock.
  std::vector<Lane> lanes(2);
  lanes[0].spans = {{2, 0, 10}, {2, 40, 50}};
  lanes[1].spans = {{3, 10, 20}, {3, 50, 60}};
  CHECK(as_parallel(lanes) == 20);
  CHECK(lanes[0].spans[0].start == 0);
  CHECK(lanes[0].spans[1].start == 10);
  CHECK(lanes[0].spans[1].end == 20);
  CHECK(lanes[1].spans[0].start == 0);
  CHECK(lanes[1].spans[1].end == 20);
  CHECK(speedup_text(400, 100) == "4.0x faster");
  CHECK(speedup_text(100, 200) == "2.0x slower");
  CHECK(speedup_text(0, 200).empty());
}

TEST_CASE("web compare: one chef, then four, the second run ends the comparison") {
  Session s;
  RunOptions o;
  o.pattern = "concurrency_vs_parallelism";
  o.params = {{"chefs", 4}, {"chunks", 3}};
  o.procs = 4;
  o.deterministic = true;  // simulated Ps (on the real clock)
  o.seed = 1;
  o.compare = true;
  REQUIRE(s.start(o) == "");
  CHECK(s.compare_stage() == 1);
  CHECK(s.procs() == 1);
  for (int i = 0; i < 100000 && !s.finished(); i++) s.frame(0.05);
  REQUIRE(s.finished());
  CHECK(s.compare_stage() == 2);
  CHECK(s.procs() == 4);
  REQUIRE(s.compared() != nullptr);
  const CompareRun& one = *s.compared();
  const CompareRun many = s.compare_current();
  CHECK(one.procs == 1);
  CHECK(one.lanes.size() == 1);
  CHECK(many.lanes.size() == 4);
  CHECK(one.done);
  CHECK(many.done);
  CHECK(many.simulated);
  // CPU-bound chefs on four (simulated) Ps: well under the one chef's time.
  CHECK(one.wall_ns > 0);
  CHECK(many.wall_ns * 3 / 2 < one.wall_ns);
  const std::string out = s.output();
  CHECK(out.find("--- GOMAXPROCS=1 ---") == 0);
  CHECK(out.find("--- GOMAXPROCS=4 ---") != std::string::npos);
  CHECK(out.find("all dishes in") != out.rfind("all dishes in"));  // both runs printed it
}

TEST_CASE("web compare: links carry compare mode, the gallery's chefs open in it") {
  Link in;
  REQUIRE(decode("?pattern=concurrency_vs_parallelism&compare=1", in) == "");
  CHECK(in.options.compare);
  CHECK(encode(in).find("compare=1") != std::string::npos);
  CHECK(decode("?compare=2", in).find("compare") != std::string::npos);
  Playground pg;
  REQUIRE(pg.choose("concurrency_vs_parallelism"));
  CHECK(pg.next.compare);
  REQUIRE(pg.choose("pipeline"));
  CHECK_FALSE(pg.next.compare);
}
