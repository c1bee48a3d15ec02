// mutex_counter: workers increment a shared counter; a sync.Mutex keeps each
// read-modify-write whole even though the worker sleeps in the middle of it.
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

struct Counter {
  gort::Mutex mu;
  int n = 0;
};

void worker(Counter& c, gort::WaitGroup& wg, int increments, int work_ms) {
  gort::set_name("worker");
  for (int i = 0; i < increments; i++) {
    gort::at(23);
    c.mu.lock();
    gort::at(24);
    int n = c.n;
    gort::at(25);
    gort::sleep(milliseconds(work_ms));
    gort::at(26);
    c.n = n + 1;
    gort::at(27);
    c.mu.unlock();
  }
  gort::at(29);
  wg.done();
}

void body(const Args& a) {
  const int workers = a["workers"], increments = a["increments"], work_ms = a["workMs"];
  gort::at(32);
  Counter c;
  gort::at(33);
  gort::WaitGroup wg;
  for (int w = 1; w <= workers; w++) {
    gort::at(35);
    wg.add(1);
    gort::at(36);
    gort::go([&c, &wg, increments, work_ms] { worker(c, wg, increments, work_ms); });
  }
  gort::at(38);
  wg.wait();
  gort::at(39);
  gort::println("counter:", c.n, "want:", workers * increments);
}

}  // namespace

Pattern mutex_counter_pattern() {
  return {"mutex_counter",
          "sync.Mutex counter",
          "A mutex guards a shared counter; the others wait in Lock while one holds it.",
          go_text(go::mutex_counter),
          {{"workers", 1, 16, 4, "goroutines incrementing the counter"},
           {"increments", 1, 100, 20, "increments per worker"},
           {"workMs", 1, 100, 5, "time the lock is held per increment, in ms"}},
          body};
}

}  // namespace gort::patterns
