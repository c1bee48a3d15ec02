// The graph view's layout (web/layout.cpp): positions are stable as
// goroutines come and go, places of ended goroutines are reused, many live
// goroutines are clustered by what they do, channels get pipes.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <utility>

#include "web_test_util.hpp"

using namespace web_test;

namespace {

// Goroutine 1 makes channel 1, then creates goroutines 2..n+1, each of which
// starts and blocks receiving on channel 1.
void spawn_blocked(TraceBuilder& b, std::uint32_t first, std::uint32_t n) {
  for (std::uint32_t g = first; g < first + n; g++) {
    b.add(Kind::GoCreate, 1, g);
    b.add(Kind::GoStart, g, 0, 0, 0, 1);
    b.add(Kind::GoName, g, 0, 1);
    b.add(Kind::GoBlock, g, 1, 0, 0, 1, TraceBuilder::reason(gort::WaitReason::ChanReceive));
  }
}

struct Folder {
  Model m;
  Texts texts;
  Layout layout;
  std::size_t at = 0;
  Folder() {
    m.reset(2);
    texts.strings = {"", "worker"};
  }
  void to(const TraceBuilder& b) {
    for (; at < b.ev.size(); at++) m.apply(b.ev[at], texts);
    layout.update(m);
  }
};

}  // namespace

TEST_CASE("web layout: nodes keep their places as goroutines appear and end") {
  TraceBuilder b;
  b.add(Kind::GoStart, 1);
  b.add(Kind::ChanMake, 1, 1, 3);
  spawn_blocked(b, 2, 20);
  Folder f;
  f.to(b);
  CHECK_FALSE(f.layout.clustered());
  REQUIRE(f.layout.nodes().size() == 21);
  std::map<std::uint32_t, std::pair<float, float>> pos;
  std::set<std::pair<float, float>> taken;
  for (const auto& n : f.layout.nodes()) {
    CHECK(n.count == 1);
    CHECK(n.x >= 0);
    CHECK(n.x <= f.layout.max_x());
    CHECK(n.y <= f.layout.max_y());
    pos[n.g] = {n.x, n.y};
    CHECK(taken.insert({n.x, n.y}).second);  // no two nodes in one place
  }
  CHECK(f.layout.node_of(5)->state == GState::Blocked);
  CHECK(f.layout.node_of(5)->chan == 1);
  // Goroutines 3 and 4 are woken and end; 30 more appear.
  for (std::uint32_t g : {3u, 4u}) {
    b.add(Kind::GoUnblock, 1, g);
    b.add(Kind::GoStart, g, 0, 0, 0, 1);
    b.add(Kind::GoEnd, g, 0, 0, 0, 1);
  }
  f.to(b);
  CHECK(f.layout.node_of(3)->state == GState::Done);  // still drawn, as done
  spawn_blocked(b, 22, 30);
  f.to(b);
  for (const auto& entry : pos) {  // not a structured binding: clang 14 rejects INFO's capture
    std::uint32_t g = entry.first;
    auto xy = entry.second;
    if (g == 3 || g == 4) continue;
    INFO("goroutine ", g);
    REQUIRE(f.layout.node_of(g));
    CHECK(f.layout.node_of(g)->x == xy.first);
    CHECK(f.layout.node_of(g)->y == xy.second);
  }
  // The first two newcomers took the places of the goroutines that ended.
  CHECK_FALSE(f.layout.node_of(3));
  CHECK(f.layout.node_of(22)->x == pos[3].first);
  CHECK(f.layout.node_of(22)->y == pos[3].second);
  CHECK(f.layout.node_of(23)->x == pos[4].first);
  REQUIRE(f.layout.pipe_of(1));
  const auto* pipe = f.layout.pipe_of(1);
  CHECK(pipe->slots == 3);
  CHECK(pipe->x + pipe->w < 0);  // channels left of the goroutines
  CHECK(pipe->x >= f.layout.min_x());
}

TEST_CASE("web layout: above the threshold goroutines are clustered by name, state and channel") {
  TraceBuilder b;
  b.add(Kind::GoStart, 1);
  b.add(Kind::ChanMake, 1, 1, 0);
  auto n = static_cast<std::uint32_t>(Layout::kClusterAbove + 100);
  spawn_blocked(b, 2, n);
  Folder f;
  f.to(b);
  CHECK(f.layout.clustered());
  // main (running) and one cluster of every blocked worker.
  REQUIRE(f.layout.nodes().size() == 2);
  const auto* c = f.layout.node_of(2);
  REQUIRE(c);
  CHECK(c->count == n);
  CHECK(c->state == GState::Blocked);
  CHECK(c->chan == 1);
  CHECK(f.layout.node_of(n + 1) == c);
  CHECK(c->r > f.layout.node_of(1)->r);
  // Wake most of them: below the lower threshold the layout goes back to single nodes.
  for (std::uint32_t g = 2; g < n - 100; g++) {
    b.add(Kind::GoUnblock, 1, g);
    b.add(Kind::GoStart, g, 0, 0, 0, 1);
    b.add(Kind::GoEnd, g, 0, 0, 0, 1);
  }
  f.to(b);
  CHECK_FALSE(f.layout.clustered());
  CHECK(f.layout.node_of(n)->count == 1);
}

TEST_CASE("web layout: a model that went back (seek) restarts the layout") {
  TraceBuilder b;
  b.add(Kind::GoStart, 1);
  b.add(Kind::ChanMake, 1, 1, 0);
  spawn_blocked(b, 2, 10);
  Folder f;
  f.to(b);
  CHECK(f.layout.nodes().size() == 11);
  Folder g;
  g.layout = f.layout;
  TraceBuilder half;
  half.ev.assign(b.ev.begin(), b.ev.begin() + 10);
  g.to(half);
  CHECK(g.layout.nodes().size() == g.m.goroutines().size());
  CHECK(g.layout.nodes().size() < 11);
}
