// The repaint planner (web/damage.cpp): which draw lists a frame draws
// again and which rects it clears first, for panels side by side, lists
// that overlap, a list that moves, and what forces a whole redraw.
#include <doctest/doctest.h>

#include <vector>

#include "damage.hpp"

using namespace gort::web;

namespace {

// Three panels side by side (0-100, 100-200, 200-300), a fourth inside the
// third (a child window), each its own id.
const int kIds[4] = {};
std::vector<DrawnList> panels() {
  return {{&kIds[0], {0, 0, 100, 50}, 10},
          {&kIds[1], {100, 0, 200, 50}, 11},
          {&kIds[2], {200, 0, 300, 50}, 12},
          {&kIds[3], {210, 10, 290, 40}, 13}};
}

}  // namespace

TEST_CASE("web damage: the first frame, and a frame like the last, draw all and nothing") {
  Damage d;
  Repaint first = d.plan(1, panels());
  CHECK(first.full);
  CHECK(first.lists == std::vector<std::size_t>{0, 1, 2, 3});
  Repaint same = d.plan(1, panels());
  CHECK(same.nothing());
  CHECK(same.clears.empty());
}

TEST_CASE("web damage: a changed panel is cleared and drawn alone") {
  Damage d;
  d.plan(1, panels());
  auto now = panels();
  now[1].hash = 99;
  Repaint r = d.plan(1, now);
  CHECK_FALSE(r.full);
  CHECK(r.lists == std::vector<std::size_t>{1});
  REQUIRE(r.clears.size() == 1);
  CHECK(r.clears[0] == PixelRect{100, 0, 200, 50});
  CHECK(d.plan(1, now).nothing());  // and then it is the last frame
}

TEST_CASE("web damage: lists that overlap are cleared and drawn together, in order") {
  Damage d;
  d.plan(1, panels());
  auto now = panels();
  now[3].hash = 99;  // the child: its window (2) is under it
  Repaint r = d.plan(1, now);
  CHECK(r.lists == std::vector<std::size_t>{2, 3});
  CHECK(r.clears == std::vector<PixelRect>{{200, 0, 300, 50}, {210, 10, 290, 40}});

  // Overlap is transitive: 0 overlaps 1 overlaps 2.
  std::vector<DrawnList> chain = {{&kIds[0], {0, 0, 60, 10}, 1},
                                  {&kIds[1], {50, 0, 110, 10}, 2},
                                  {&kIds[2], {100, 0, 160, 10}, 3},
                                  {&kIds[3], {160, 0, 200, 10}, 4}};  // touches 2, no overlap
  d.plan(2, chain);
  chain[0].hash = 9;
  CHECK(d.plan(2, chain).lists == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("web damage: a list that moves clears where it was, and what was under it") {
  Damage d;
  d.plan(1, panels());
  auto now = panels();
  now[3].rect = {110, 10, 190, 40};  // the child moves over panel 1
  now[3].hash = 99;
  Repaint r = d.plan(1, now);
  // Its old rect joins panel 2's group, its new one panel 1's.
  CHECK(r.lists == std::vector<std::size_t>{1, 2, 3});
  CHECK(r.clears ==
        std::vector<PixelRect>{
            {100, 0, 200, 50}, {200, 0, 300, 50}, {110, 10, 190, 40}, {210, 10, 290, 40}});
  // A list that now draws nothing still clears where it was.
  now = panels();
  d.plan(1, now);
  now[0].rect = {};
  now[0].hash = 7;
  r = d.plan(1, now);
  CHECK(r.lists == std::vector<std::size_t>{0});
  CHECK(r.clears == std::vector<PixelRect>{{0, 0, 100, 50}});
}

TEST_CASE("web damage: a new key, other lists, another order, or forget() redraw all") {
  Damage d;
  d.plan(1, panels());
  CHECK(d.plan(2, panels()).full);  // framebuffer size, scale or clear colour
  auto fewer = panels();
  fewer.pop_back();  // a window closed
  CHECK(d.plan(2, fewer).full);
  auto swapped = fewer;
  std::swap(swapped[0], swapped[1]);  // a window came to the front
  CHECK(d.plan(2, swapped).full);
  CHECK(d.plan(2, swapped).nothing());
  d.forget();  // the canvas lost its pixels
  Repaint r = d.plan(2, swapped);
  CHECK(r.full);
  CHECK(r.lists.size() == 3);
}

TEST_CASE("web damage: pixel rects") {
  const PixelRect a{0, 0, 10, 10}, b{10, 0, 20, 10}, c{9, 9, 11, 11}, none{5, 5, 5, 9};
  CHECK_FALSE(a.overlaps(b));  // edges touch: [0, 10) and [10, 20)
  CHECK(a.overlaps(c));
  CHECK(b.overlaps(c));
  CHECK(none.empty());
  CHECK_FALSE(none.overlaps(a));
  CHECK(a.cover(b) == PixelRect{0, 0, 20, 10});
  CHECK(a.cover(none) == a);
  CHECK(none.cover(b) == b);
}
