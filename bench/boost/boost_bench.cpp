// The Boost.Fiber peer of gort's benchmark suite: the rows of
// bench/gort_bench.cpp on Boost.Fiber 1.74, one thread, round_robin scheduler
// (it sleeps on a condition variable when idle rather than spinning).
// Each row prints one line "row value unit"; timed rows report the median of
// --reps repetitions.
//
// Fairness choices, each because Boost's defaults would measure something
// else than fiber switching:
//   - Stacks are 16 KB, malloc'd once and then reused (CachedStacks): the
//     default 128 KB stacks are mmap'd and unmapped per fiber, and
//     fixedsize_stack(16 KB) frees to malloc, which trims the heap top back
//     to the OS, so every batch page-faults its stacks in again (5 µs per
//     spawn here instead of 0.2 µs).
//   - buffered_channel's capacity must be a power of two and it holds
//     capacity - 1 items: "cap 128" is buffered_channel(128), 127 items.
//   - There is no select: that row prints "-".
//   - No unbuffered_channel is ever closed (closing one during a handoff
//     crashed 1.74): loops run to known counts and the sieve passes an
//     end-of-input value down its chain.
#include <unistd.h>

#include <algorithm>
#include <boost/fiber/all.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

#include "../bench_rows.hpp"

namespace fibers = boost::fibers;

namespace {

using namespace bench;

// 16 KB stacks from malloc, kept on a free list when their fiber ends.
// Boost's own pooled_fixedsize_stack reuses stacks too, but its free list
// links through the first bytes of every pooled stack, which touches one page
// per stack that the fiber never uses and inflates the mem row by 4 KB.
class CachedStacks {
 public:
  static constexpr std::size_t kSize = 16 * 1024;

  boost::context::stack_context allocate() {
    void* lo;
    if (free_.empty()) {
      lo = std::malloc(kSize);
      if (!lo) throw std::bad_alloc();
    } else {
      lo = free_.back();
      free_.pop_back();
    }
    boost::context::stack_context sc;
    sc.size = kSize;
    sc.sp = static_cast<char*>(lo) + kSize;
    return sc;
  }

  void deallocate(boost::context::stack_context& sc) noexcept {
    free_.push_back(static_cast<char*>(sc.sp) - sc.size);
  }

 private:
  // One list for the whole (single-threaded) program: fibers copy their
  // allocator, and every copy must return stacks to the same place.
  static inline std::vector<void*> free_;
};

template <typename F>
fibers::fiber go(F&& f) {
  return fibers::fiber(std::allocator_arg, CachedStacks{}, std::forward<F>(f));
}

// Go's sync.WaitGroup, which Boost.Fiber lacks.
class WaitGroup {
 public:
  void add(int n) {
    std::lock_guard<fibers::mutex> lk(mu_);
    n_ += n;
  }
  void done() {
    std::lock_guard<fibers::mutex> lk(mu_);
    if (--n_ == 0) cv_.notify_all();
  }
  void wait() {
    std::unique_lock<fibers::mutex> lk(mu_);
    cv_.wait(lk, [this] { return n_ == 0; });
  }

 private:
  fibers::mutex mu_;
  fibers::condition_variable cv_;
  int n_ = 0;
};

// ns per fiber started and finished.
double spawn() {
  auto start = Clock::now();
  WaitGroup wg;
  for (int b = 0; b < kSpawnBatches; b++) {
    wg.add(kSpawnBatch);
    for (int i = 0; i < kSpawnBatch; i++) go([&wg] { wg.done(); }).detach();
    wg.wait();
  }
  return ns_since(start) / (kSpawnBatch * kSpawnBatches);
}

// ns per one-way handoff; a round trip is two.
double handoff() {
  fibers::unbuffered_channel<int> ping, pong;
  auto echo = go([&] {
    for (int i = 0; i < kHandoffTrips; i++) pong.push(ping.value_pop());
  });
  auto start = Clock::now();
  for (int i = 0; i < kHandoffTrips; i++) {
    ping.push(i);
    pong.value_pop();
  }
  double ns = ns_since(start);
  echo.join();
  return ns / (2.0 * kHandoffTrips);
}

// ns per item through a buffered channel.
double buffered() {
  fibers::buffered_channel<int> ch(kBufferedCap);
  auto start = Clock::now();
  auto producer = go([&] {
    for (int i = 0; i < kBufferedItems; i++) ch.push(i);
  });
  for (int i = 0; i < kBufferedItems; i++) ch.value_pop();
  double ns = ns_since(start);
  producer.join();
  return ns / kBufferedItems;
}

// ms for 1M tasks through jobs -> 4 workers -> results.
double pool() {
  auto start = Clock::now();
  fibers::buffered_channel<int> jobs(kBufferedCap), results(kBufferedCap);
  std::vector<fibers::fiber> workers;
  for (int w = 0; w < kPoolWorkers; w++) {
    workers.push_back(go([&] {
      for (int j : jobs) results.push(j * 2);
    }));
  }
  auto producer = go([&] {
    for (int i = 0; i < kPoolTasks; i++) jobs.push(i);
    jobs.close();
  });
  long long sum = 0;
  for (int i = 0; i < kPoolTasks; i++) sum += results.value_pop();
  double ns = ns_since(start);
  producer.join();
  for (auto& w : workers) w.join();
  if (sum != static_cast<long long>(kPoolTasks) * (kPoolTasks - 1)) {
    throw std::runtime_error("pool: lost results");
  }
  return ns / 1e6;
}

// ms to find 2000 primes with one filter fiber per prime, including the time
// to wind the chain down.
double sieve() {
  auto start = Clock::now();
  bool stop = false;  // one thread: no atomics needed
  std::vector<std::unique_ptr<fibers::unbuffered_channel<int>>> chans;
  chans.push_back(std::make_unique<fibers::unbuffered_channel<int>>());
  std::vector<fibers::fiber> chain;
  chain.push_back(go([&stop, out = chans.back().get()] {
    for (int i = 2; !stop; i++) out->push(i);
    out->push(kSieveEndOfInput);
  }));
  int last = 0;
  for (int n = 0; n < kSievePrimes; n++) {
    last = chans.back()->value_pop();
    if (n == kSievePrimes - 1) break;
    auto* in = chans.back().get();
    chans.push_back(std::make_unique<fibers::unbuffered_channel<int>>());
    chain.push_back(go([in, out = chans.back().get(), prime = last] {
      for (;;) {
        int i = in->value_pop();
        if (i == kSieveEndOfInput) {
          out->push(i);
          return;
        }
        if (i % prime != 0) out->push(i);
      }
    }));
  }
  stop = true;
  while (chans.back()->value_pop() != kSieveEndOfInput) {
  }
  double ns = ns_since(start);
  for (auto& f : chain) f.join();
  if (last != 17389) throw std::runtime_error("sieve: wrong 2000th prime");
  return ns / 1e6;
}

double rss_bytes() {
  long size = 0, resident = 0;
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f || std::fscanf(f, "%ld %ld", &size, &resident) != 2) {
    throw std::runtime_error("cannot read /proc/self/statm");
  }
  std::fclose(f);
  return static_cast<double>(resident) * sysconf(_SC_PAGESIZE);
}

// Bytes of RSS per fiber blocked on a channel receive. Measured once per
// process: a second round would reuse the first round's memory, so bench/run
// repeats the process instead.
double mem() {
  fibers::unbuffered_channel<int> ch;
  WaitGroup started, finished;
  started.add(kMemGoroutines);
  finished.add(kMemGoroutines);
  double before = rss_bytes();
  for (int i = 0; i < kMemGoroutines; i++) {
    go([&] {
      started.done();
      ch.value_pop();
      finished.done();
    }).detach();
  }
  started.wait();
  double after = rss_bytes();
  for (int i = 0; i < kMemGoroutines; i++) ch.push(i);
  finished.wait();
  return (after - before) / kMemGoroutines;
}

const Row kRows[] = {
    {"spawn", spawn, "ns", true},       {"handoff", handoff, "ns", true},
    {"buffered", buffered, "ns", true}, {"select", nullptr, "ns", true},
    {"pool", pool, "ms", true},         {"sieve", sieve, "ms", true},
    {"mem", mem, "B", false},
};

}  // namespace

int main(int argc, char** argv) {
  int reps = 5;
  std::vector<const Row*> selected;
  if (!select_rows(argc, argv, kRows, reps, selected)) {
    print_usage("boost_bench [--reps N] [row...]", kRows);
    return 2;
  }
  for (const Row* r : selected) {
    if (!r->fn) {
      std::printf("%s - %s\n", r->name, r->unit);
      continue;
    }
    std::printf("%s %.1f %s\n", r->name, median_of(*r, reps), r->unit);
    std::fflush(stdout);
  }
  return 0;
}
