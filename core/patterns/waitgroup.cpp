// waitgroup: main starts workers and waits for all of them with a
// sync.WaitGroup (Go by Example: WaitGroups).
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

void worker(int id, gort::WaitGroup& wg, int work_ms) {
  gort::set_name("worker");
  gort::at(16);
  gort::println("worker", id, "starting");
  gort::at(17);
  gort::sleep(milliseconds(id * work_ms));
  gort::at(18);
  gort::println("worker", id, "done");
  gort::at(19);
  wg.done();
}

void body(const Args& a) {
  const int workers = a["workers"], work_ms = a["workMs"];
  gort::at(22);
  gort::WaitGroup wg;
  for (int id = 1; id <= workers; id++) {
    gort::at(24);
    wg.add(1);
    gort::at(25);
    gort::go([id, &wg, work_ms] { worker(id, wg, work_ms); });
  }
  gort::at(27);
  wg.wait();
  gort::at(28);
  gort::println("all workers done");
}

}  // namespace

Pattern waitgroup_pattern() {
  return {"waitgroup",
          "sync.WaitGroup",
          "main waits for every worker: Add before go, Done when finished, Wait for zero.",
          go_text(go::waitgroup),
          {{"workers", 1, 16, 5, "worker goroutines; worker i works i*workMs"},
           {"workMs", 0, 1000, 100, "work time per worker number, in ms"}},
          body};
}

}  // namespace gort::patterns
