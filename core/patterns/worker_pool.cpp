// worker_pool: a fixed number of workers take jobs from one channel and send
// results on another (Go by Example: Worker Pools).
#include <chrono>
#include <gort/gort.hpp>

#include "pattern.hpp"

namespace gort::patterns {

namespace {

constexpr const char* kGo = R"go(package main

import (
	"fmt"
	"time"
)

const (
	workers = 3
	numJobs = 6
	workMs  = 200
)

func worker(id int, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		fmt.Println("worker", id, "started  job", j)
		time.Sleep(workMs * time.Millisecond)
		fmt.Println("worker", id, "finished job", j)
		results <- j * 2
	}
}

func main() {
	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)
	for w := 1; w <= workers; w++ {
		go worker(w, jobs, results)
	}
	for j := 1; j <= numJobs; j++ {
		jobs <- j
	}
	close(jobs)
	sum := 0
	for i := 1; i <= numJobs; i++ {
		sum += <-results
	}
	fmt.Println("sum of results:", sum)
}
)go";

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
          kGo,
          {{"workers", 1, 16, 3, "worker goroutines"},
           {"numJobs", 1, 100, 6, "jobs to do"},
           {"workMs", 0, 1000, 200, "time each job takes, in ms"}},
          body};
}

}  // namespace gort::patterns
