// done_cancel: cancelling goroutines by closing a done channel. A receive on
// a closed channel never blocks, so one close reaches every worker's select.
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

struct Empty {};  // Go's struct{}

void worker(int id, gort::Chan<Empty> done, gort::WaitGroup& wg, int tick_ms) {
  gort::set_name("worker");
  bool stop = false;
  for (int i = 1; !stop; i++) {
    gort::at(18);
    gort::select(gort::case_recv(done,
                                 [&stop, id] {
                                   gort::at(20);
                                   gort::println("worker", id, "stopping");
                                   gort::at(21);
                                   stop = true;
                                 }),
                 gort::case_recv(gort::after(milliseconds(tick_ms)), [id, i] {
                   gort::at(23);
                   gort::println("worker", id, "tick", i);
                 }));
  }
  gort::at(26);
  wg.done();
}

void body(const Args& a) {
  const int workers = a["workers"], tick_ms = a["tickMs"], run_ms = a["runMs"];
  gort::at(29);
  auto done = gort::make_chan<Empty>("done");
  gort::at(30);
  gort::WaitGroup wg;
  for (int id = 1; id <= workers; id++) {
    gort::at(32);
    wg.add(1);
    gort::at(33);
    gort::go([id, done, &wg, tick_ms] { worker(id, done, wg, tick_ms); });
  }
  gort::at(35);
  gort::sleep(milliseconds(run_ms));
  gort::at(36);
  done.close();
  gort::at(37);
  wg.wait();
  gort::at(38);
  gort::println("all workers stopped");
}

}  // namespace

Pattern done_cancel_pattern() {
  return {"done_cancel",
          "Cancellation with a done channel",
          "Closing a done channel stops every worker at once: a broadcast.",
          go_text(go::done_cancel),
          {{"workers", 1, 16, 3, "worker goroutines"},
           {"tickMs", 1, 1000, 100, "each worker's work period, in ms"},
           {"runMs", 0, 2000, 350, "how long main lets them run, in ms"}},
          body};
}

}  // namespace gort::patterns
