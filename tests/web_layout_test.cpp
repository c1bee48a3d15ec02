// The graph view's layout without a settled map (web/layout.cpp): what the
// pre-run did not see goes into a grid in order of appearance, places stay
// put as goroutines come and go, places of ended goroutines are reused,
// many live goroutines are clustered by what they do.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <utility>

#include "web_test_util.hpp"

using namespace web_test;

namespace {

// Goroutine 1 makes channel 1, then creates goroutines first..first+n-1,
// each of which starts and blocks receiving on channel 1.
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
    layout.settle(Model());
  }
  void to(const TraceBuilder& b) {
    for (; at < b.ev.size(); at++) m.apply(b.ev[at], texts);
    layout.update(m);
    layout.arrange(m, 800, 600);
  }
};

bool overlap(const Layout::Box& a, const Layout::Box& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

}  // namespace

TEST_CASE("web layout: grid places stay put as goroutines appear and end") {
  TraceBuilder b;
  b.add(Kind::GoStart, 1);
  b.add(Kind::ChanMake, 1, 1, 3);
  spawn_blocked(b, 2, 20);
  Folder f;
  f.to(b);
  CHECK_FALSE(f.layout.clustered());
  CHECK_FALSE(f.layout.settled());
  REQUIRE(f.layout.items().size() == 22);  // 21 goroutines and the channel
  std::map<std::uint32_t, std::pair<float, float>> pos;
  const auto& items = f.layout.items();
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::size_t j = i + 1; j < items.size(); ++j)
      CHECK_FALSE(overlap(items[i].box, items[j].box));
    if (items[i].kind == Layout::Item::Kind::Goroutine)
      pos[items[i].id] = {items[i].box.x, items[i].box.y};
  }
  REQUIRE(f.layout.channel(1));
  // Goroutines 3 and 4 are woken and end; 30 more appear.
  for (std::uint32_t g : {3u, 4u}) {
    b.add(Kind::GoUnblock, 1, g);
    b.add(Kind::GoStart, g, 0, 0, 0, 1);
    b.add(Kind::GoEnd, g, 0, 0, 0, 1);
  }
  f.to(b);
  CHECK(f.layout.goroutine(3) != nullptr);  // still drawn, as done
  spawn_blocked(b, 22, 30);
  f.to(b);
  for (const auto& entry : pos) {  // not a structured binding: clang 14 rejects INFO's capture
    std::uint32_t g = entry.first;
    if (g == 3 || g == 4) continue;
    INFO("goroutine ", g);
    REQUIRE(f.layout.goroutine(g));
    CHECK(f.layout.goroutine(g)->box.x == entry.second.first);
    CHECK(f.layout.goroutine(g)->box.y == entry.second.second);
  }
  // The first two newcomers took the places of the goroutines that ended.
  CHECK_FALSE(f.layout.goroutine(3));
  CHECK(f.layout.goroutine(22)->box.y == pos[3].second);
  CHECK(f.layout.goroutine(23)->box.y == pos[4].second);
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
  // main (running), one cluster of every blocked worker, and the channel.
  REQUIRE(f.layout.items().size() == 3);
  const auto* c = f.layout.goroutine(2);
  REQUIRE(c);
  CHECK(c->count == n);
  CHECK(f.layout.goroutine(n + 1) == c);
  // Wake most of them: below the lower threshold the layout goes back to single nodes.
  for (std::uint32_t g = 2; g < n - 100; g++) {
    b.add(Kind::GoUnblock, 1, g);
    b.add(Kind::GoStart, g, 0, 0, 0, 1);
    b.add(Kind::GoEnd, g, 0, 0, 0, 1);
  }
  f.to(b);
  CHECK_FALSE(f.layout.clustered());
  CHECK(f.layout.goroutine(n)->count == 1);
}

TEST_CASE("web layout: a model that went back (seek) restarts the layout") {
  TraceBuilder b;
  b.add(Kind::GoStart, 1);
  b.add(Kind::ChanMake, 1, 1, 0);
  spawn_blocked(b, 2, 10);
  Folder f;
  f.to(b);
  CHECK(f.layout.items().size() == 12);
  Folder g;
  g.layout = f.layout;
  TraceBuilder half;
  half.ev.assign(b.ev.begin(), b.ev.begin() + 10);
  g.to(half);
  CHECK(g.layout.items().size() == g.m.goroutines().size() + g.m.channels().size());
  CHECK(g.layout.items().size() < 12);
}
