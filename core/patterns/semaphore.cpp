// semaphore: a buffered channel of capacity limit used as a counting
// semaphore: sending takes a slot, receiving gives it back, so at most limit
// workers run at once.
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

struct Empty {};  // Go's struct{}

void worker(int id, gort::Chan<Empty> sem, gort::WaitGroup& wg, int work_ms) {
  gort::set_name("worker");
  gort::at(17);
  sem.send(Empty{});
  gort::at(18);
  gort::println("worker", id, "working");
  gort::at(19);
  gort::sleep(milliseconds(work_ms));
  gort::at(20);
  gort::println("worker", id, "done");
  gort::at(21);
  sem.recv();
  gort::at(22);
  wg.done();
}

void body(const Args& a) {
  const int workers = a["workers"], limit = a["limit"], work_ms = a["workMs"];
  gort::at(25);
  auto sem = gort::make_chan<Empty>(limit, "sem");
  gort::at(26);
  gort::WaitGroup wg;
  for (int id = 1; id <= workers; id++) {
    gort::at(28);
    wg.add(1);
    gort::at(29);
    gort::go([id, sem, &wg, work_ms] { worker(id, sem, wg, work_ms); });
  }
  gort::at(31);
  wg.wait();
  gort::at(32);
  gort::println("all workers done");
}

}  // namespace

Pattern semaphore_pattern() {
  return {"semaphore",
          "Semaphore (buffered channel)",
          "A buffered channel's capacity limits how many workers run at once.",
          go_text(go::semaphore),
          {{"workers", 1, 16, 6, "worker goroutines"},
           {"limit", 1, 16, 2, "workers allowed at once: cap of the channel"},
           {"workMs", 0, 1000, 150, "time each worker works, in ms"}},
          body};
}

}  // namespace gort::patterns
