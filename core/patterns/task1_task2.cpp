// task1_task2: the tutorial's first goroutines, `go task1(); go task2()`,
// with a sync.WaitGroup so that main waits for both.
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

void task1(gort::WaitGroup& wg, int steps, int delay_ms) {
  gort::set_name("task1");
  for (int i = 1; i <= steps; i++) {
    gort::at(17);
    gort::println("task1: step", i);
    gort::at(18);
    gort::sleep(milliseconds(delay_ms));
  }
  gort::at(20);
  wg.done();
}

void task2(gort::WaitGroup& wg, int steps, int delay_ms) {
  gort::set_name("task2");
  for (int i = 1; i <= steps; i++) {
    gort::at(25);
    gort::println("task2: step", i);
    gort::at(26);
    gort::sleep(milliseconds(delay_ms));
  }
  gort::at(28);
  wg.done();
}

void body(const Args& a) {
  const int steps = a["steps"], delay_ms = a["delayMs"];
  gort::at(31);
  gort::WaitGroup wg;
  gort::at(32);
  wg.add(2);
  gort::at(33);
  gort::go([&wg, steps, delay_ms] { task1(wg, steps, delay_ms); });
  gort::at(34);
  gort::go([&wg, steps, delay_ms] { task2(wg, steps, delay_ms); });
  gort::at(36);
  wg.wait();
  gort::at(37);
  gort::println("both tasks done");
}

}  // namespace

Pattern task1_task2_pattern() {
  return {"task1_task2",
          "go task1(); go task2()",
          "Two goroutines take turns printing; a WaitGroup makes main wait for both.",
          go_text(go::task1_task2),
          {{"steps", 1, 20, 3, "steps each task prints"},
           {"delayMs", 0, 1000, 100, "pause after each step, in ms"}},
          body};
}

}  // namespace gort::patterns
