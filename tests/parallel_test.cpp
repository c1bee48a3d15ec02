// Real parallelism (core/src/proc.cpp: worker threads, wakep, stealing):
// two CPU-bound goroutines at gomaxprocs 2 finish in about half the wall
// time they take at gomaxprocs 1. Timing-sensitive: CTest runs it alone
// (RUN_SERIAL, label "timing"), and sanitizer builds skip it.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "test_util.hpp"

using namespace gort_test;
using namespace std::chrono_literals;

namespace {

// Wall time for two goroutines each doing `iters` of work, and how many
// threads ran them.
std::pair<std::chrono::duration<double>, std::size_t> two_workers(int procs, std::uint64_t iters) {
  std::set<std::thread::id> threads;
  std::mutex mu;
  Watchdog wd("parallel workers", 60s);
  auto t0 = std::chrono::steady_clock::now();
  int code = gort::run(threaded(procs), [&] {
    gort::WaitGroup wg;
    wg.add(2);
    for (int i = 0; i < 2; i++) {
      gort::go([&] {
        {
          std::lock_guard lk(mu);
          threads.insert(std::this_thread::get_id());
        }
        spin_work(iters);  // never yields
        wg.done();
      });
    }
    wg.wait();
  });
  auto wall = std::chrono::steady_clock::now() - t0;
  REQUIRE(code == 0);
  return {wall, threads.size()};
}

// The same work on two plain std::threads, or one after the other on the
// calling thread: how much parallelism the machine gives right now.
std::chrono::duration<double> two_threads(bool parallel, std::uint64_t iters) {
  auto t0 = std::chrono::steady_clock::now();
  if (parallel) {
    std::thread a(spin_work, iters), b(spin_work, iters);
    a.join();
    b.join();
  } else {
    spin_work(iters);
    spin_work(iters);
  }
  return std::chrono::steady_clock::now() - t0;
}

}  // namespace

// Skipped without threads (single-threaded WebAssembly build): nothing runs
// in parallel. When the machine gives plain threads no parallelism either,
// the test says SKIPPED (CTest then reports it skipped, tests/run lists it)
// instead of passing without checking its claim.
TEST_CASE("parallel: two CPU-bound goroutines at gomaxprocs 2 take about half the time" *
          doctest::test_suite("timing") * doctest::skip(kSanitized || !kThreads)) {
  if (std::thread::hardware_concurrency() < 2) {
    MESSAGE("SKIPPED: one core only, nothing runs in parallel");
    return;
  }
  // About 150 ms of work per goroutine.
  auto c0 = std::chrono::steady_clock::now();
  spin_work(10'000'000);
  std::chrono::duration<double> per10m = std::chrono::steady_clock::now() - c0;
  auto iters = static_cast<std::uint64_t>(10'000'000 * (0.15 / std::max(per10m.count(), 1e-4)));

  // Other processes may hold the cores: an attempt counts only when plain
  // threads get real parallelism just before and just after gort's runs.
  double best = 1e9;
  int counted = 0;
  std::size_t threads_used = 0;
  for (int attempt = 0; attempt < 5 && best >= 0.8; attempt++) {
    double before = two_threads(true, iters) / two_threads(false, iters);
    auto [serial, t1] = two_workers(1, iters);
    auto [parallel, t2] = two_workers(2, iters);
    double after = two_threads(true, iters) / two_threads(false, iters);
    REQUIRE(t1 == 1);  // REQUIRE: a failure must end the test before it can say SKIPPED
    threads_used = std::max(threads_used, t2);
    MESSAGE("threads: ", before, " then ", after, " of serial; gort gomaxprocs 1: ", serial.count(),
            " s, gomaxprocs 2: ", parallel.count(), " s");
    if (std::max(before, after) < 0.65) {
      counted++;
      best = std::min(best, parallel / serial);
    }
  }
  REQUIRE(threads_used == 2);
  if (counted == 0) {
    MESSAGE("SKIPPED: in 5 attempts the machine gave no parallelism to plain threads either");
    return;
  }
  CHECK(best < 0.8);
}
