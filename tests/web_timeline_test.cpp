// The timeline's clock (web/time_axis.hpp): it starts at the program's
// first event, not at the page's or the worker threads' start-up.
#include <doctest/doctest.h>

#include "time_axis.hpp"

using namespace gort::web;

TEST_CASE("web views: the timeline's clock starts at the program's first event") {
  TimeAxis a;
  // Worker threads took 300 ms to start: the run is 300..350 ms on its clock.
  a.update(100, 500, 350'000'000, 300'000'000);
  CHECK(a.left() == doctest::Approx(300'000'000));
  CHECK(a.x_of(300'000'000) == doctest::Approx(100));
  CHECK(a.x_of(350'000'000) == doctest::Approx(600));
}
