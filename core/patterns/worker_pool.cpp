// worker_pool: a fixed number of workers take jobs from one channel and send
// results on another (Go by Example: Worker Pools).
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

void worker(int id, gort::Chan<int> jobs, gort::Chan<int> results, int work_ms) {
  gort::set_name("worker");
  gort::at(15);
  for (int j : jobs) {
    gort::at(16);
    gort::println("worker", id, "started  job", j);
    gort::at(17);
    gort::sleep(milliseconds(work_ms));
    gort::at(18);
    gort::println("worker", id, "finished job", j);
    gort::at(19);
    results.send(j * 2);
    gort::at(15);
  }
}

void body(const Args& a) {
  const int workers = a["workers"], num_jobs = a["numJobs"], work_ms = a["workMs"];
  gort::at(24);
  auto jobs = gort::make_chan<int>(num_jobs, "jobs");
  gort::at(25);
  auto results = gort::make_chan<int>(num_jobs, "results");
  for (int w = 1; w <= workers; w++) {
    gort::at(27);
    gort::go([=] { worker(w, jobs, results, work_ms); });
  }
  for (int j = 1; j <= num_jobs; j++) {
    gort::at(30);
    jobs.send(j);
  }
  gort::at(32);
  jobs.close();
  gort::at(33);
  int sum = 0;
  for (int i = 1; i <= num_jobs; i++) {
    gort::at(35);
    sum += results.recv();
  }
  gort::at(37);
  gort::println("sum of results:", sum);
}

}  // namespace

Pattern worker_pool_pattern() {
  return {"worker_pool",
          "Worker pool",
          "Workers share a jobs channel; main sends the jobs, closes it and collects the results.",
          go_text(go::worker_pool),
          {{"workers", 1, 16, 3, "worker goroutines"},
           {"numJobs", 1, 100, 6, "jobs to do"},
           {"workMs", 0, 1000, 200, "time each job takes, in ms"}},
          body};
}

}  // namespace gort::patterns
