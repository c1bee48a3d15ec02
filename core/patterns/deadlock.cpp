// deadlock: an intentional one. The worker cannot hand over its first result
// because main only receives results after sending every job, and main cannot
// send the next job because the worker is stuck: the runtime reports
// "all goroutines are asleep - deadlock!" and the program exits with code 2.
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

void worker(gort::Chan<int> jobs, gort::Chan<int> results) {
  gort::set_name("worker");
  gort::at(8);
  for (int j : jobs) {
    gort::at(9);
    results.send(j * 2);
    gort::at(8);
  }
}

void body(const Args& a) {
  const int items = a["items"];
  gort::at(14);
  auto jobs = gort::make_chan<int>("jobs");
  gort::at(15);
  auto results = gort::make_chan<int>("results");
  gort::at(16);
  gort::go([jobs, results] { worker(jobs, results); });
  for (int j = 1; j <= items; j++) {
    gort::at(18);
    jobs.send(j);
  }
  gort::at(20);
  jobs.close();
  for (int j = 1; j <= items; j++) {
    gort::at(22);
    gort::println(results.recv());
  }
}

}  // namespace

Pattern deadlock_pattern() {
  return {"deadlock",
          "Deadlock (intentional)",
          "Main and a worker each wait for the other: the runtime detects it and exits with 2.",
          go_text(go::deadlock),
          {{"items", 2, 100, 3, "jobs main tries to send (2 or more deadlock)"}},
          body,
          2};
}

}  // namespace gort::patterns
