// pipeline: stages connected by channels (the Go blog's "Pipelines"): gen
// emits numbers, each sq stage squares them, main prints what comes out.
// Closing a stage's output ends the range loop of the next stage.
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

gort::Chan<int> gen(int n, int delay_ms) {
  gort::at(14);
  auto out = gort::make_chan<int>("out");
  gort::at(15);
  gort::go([=] {
    gort::set_name("gen.func1");
    for (int i = 1; i <= n; i++) {
      gort::at(17);
      out.send(i);
      gort::at(18);
      gort::sleep(milliseconds(delay_ms));
    }
    gort::at(20);
    out.close();
  });
  gort::at(22);
  return out;
}

gort::Chan<int> sq(gort::Chan<int> in) {
  gort::at(26);
  auto out = gort::make_chan<int>("out");
  gort::at(27);
  gort::go([=] {
    gort::set_name("sq.func1");
    gort::at(28);
    for (int n : in) {
      gort::at(29);
      out.send(n * n);
      gort::at(28);
    }
    gort::at(31);
    out.close();
  });
  gort::at(33);
  return out;
}

void body(const Args& a) {
  const int items = a["items"], delay_ms = a["delayMs"];
  gort::at(37);
  auto c = sq(sq(gen(items, delay_ms)));
  gort::at(37);
  for (int n : c) {
    gort::at(38);
    gort::println(n);
    gort::at(37);
  }
}

}  // namespace

Pattern pipeline_pattern() {
  return {"pipeline",
          "Pipeline",
          "gen -> sq -> sq -> main: each stage is a goroutine, each link a channel.",
          go_text(go::pipeline),
          {{"items", 1, 100, 5, "numbers gen emits"},
           {"delayMs", 0, 1000, 100, "pause after each number gen sends, in ms"}},
          body};
}

}  // namespace gort::patterns
