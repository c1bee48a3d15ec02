// gort's benchmark suite: the rows that bench/go/main.go and
// bench/boost/boost_bench.cpp measure for the peers, on gort. Each row prints
// one line "row value unit"; timed rows report the median of --reps
// repetitions. bench/run runs this at --procs 1 and 2 and prints the table.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <gort/gort.hpp>
#include <stdexcept>
#include <vector>

#include "bench_rows.hpp"

namespace {

using namespace bench;

constexpr int kCpuTasks = 2000;
constexpr int kCpuWarmTasks = 400;
// Rounds of cpu_work per CPU-bound task: about 50 µs each on this kind of
// machine (in Node, after warm-up); the row reports the total, so the exact
// figure only matters for the ratio of work to channel traffic.
constexpr int kCpuRounds = 60'000;

// Every row waits (untimed) for its goroutines to return, so that nothing is
// left for the next row or for the program's end to unwind: unwinding throws,
// and bench/run --wasm also runs a build whose throws abort (no EH column).

// ns per goroutine started and finished.
double spawn() {
  auto start = Clock::now();
  gort::WaitGroup wg;
  for (int b = 0; b < kSpawnBatches; b++) {
    wg.add(kSpawnBatch);
    for (int i = 0; i < kSpawnBatch; i++) gort::go([&wg] { wg.done(); });
    wg.wait();
  }
  return ns_since(start) / (kSpawnBatch * kSpawnBatches);
}

// ns per one-way handoff; a round trip is two.
double handoff() {
  auto ping = gort::make_chan<int>();
  auto pong = gort::make_chan<int>();
  gort::WaitGroup done;
  done.add(1);
  gort::go([=, &done] {
    for (int i = 0; i < kHandoffTrips; i++) pong.send(ping.recv());
    done.done();
  });
  auto start = Clock::now();
  for (int i = 0; i < kHandoffTrips; i++) {
    ping.send(i);
    pong.recv();
  }
  double ns = ns_since(start);
  done.wait();
  return ns / (2.0 * kHandoffTrips);
}

// ns per item through a channel of capacity 128.
double buffered() {
  auto ch = gort::make_chan<int>(kBufferedCap);
  gort::WaitGroup done;
  done.add(1);
  auto start = Clock::now();
  gort::go([=, &done] {
    for (int i = 0; i < kBufferedItems; i++) ch.send(i);
    done.done();
  });
  for (int i = 0; i < kBufferedItems; i++) ch.recv();
  double ns = ns_since(start);
  done.wait();
  return ns / kBufferedItems;
}

// ns per select over 4 unbuffered channels, each fed by its own producer.
double select_row() {
  std::vector<gort::Chan<int>> chs;
  gort::WaitGroup done;
  done.add(4);
  for (int c = 0; c < 4; c++) {
    chs.push_back(gort::make_chan<int>());
    gort::go([ch = chs.back(), &done] {
      for (int j = 0; j < kSelectItems / 4; j++) ch.send(j);
      done.done();
    });
  }
  auto start = Clock::now();
  long long sum = 0;
  auto add = [&sum](int v) { sum += v; };
  for (int i = 0; i < kSelectItems; i++) {
    gort::select(gort::case_recv(chs[0], add), gort::case_recv(chs[1], add),
                 gort::case_recv(chs[2], add), gort::case_recv(chs[3], add));
  }
  double ns = ns_since(start);
  done.wait();
  constexpr long long kPer = kSelectItems / 4;
  if (sum != 4 * kPer * (kPer - 1) / 2) throw std::runtime_error("select: lost items");
  return ns / kSelectItems;
}

// ms for 1M tasks through jobs -> 4 workers -> results, both of capacity 128.
double pool() {
  auto start = Clock::now();
  auto jobs = gort::make_chan<int>(kBufferedCap);
  auto results = gort::make_chan<int>(kBufferedCap);
  gort::WaitGroup workers;
  workers.add(kPoolWorkers);
  for (int w = 0; w < kPoolWorkers; w++) {
    gort::go([=, &workers] {
      for (int j : jobs) results.send(j * 2);
      workers.done();
    });
  }
  gort::go([=] {
    for (int i = 0; i < kPoolTasks; i++) jobs.send(i);
    jobs.close();
  });
  long long sum = 0;
  for (int i = 0; i < kPoolTasks; i++) sum += results.recv();
  double ns = ns_since(start);
  // Not timed: lets the workers leave before the next repetition starts.
  workers.wait();
  if (sum != static_cast<long long>(kPoolTasks) * (kPoolTasks - 1)) {
    throw std::runtime_error("pool: lost results");
  }
  return ns / 1e6;
}

// Goroutines the mem row blocks (--goroutines; bench/run --wasm's mem_1m
// row blocks 1,000,000).
int g_mem_goroutines = kMemGoroutines;

// Where cpupool's results go, so that the compiler must compute them.
volatile std::uint64_t g_cpu_sink;

// Real computation the compiler cannot fold away (a xorshift-multiply chain).
std::uint64_t cpu_work(std::uint64_t x) {
  for (int i = 0; i < kCpuRounds; i++) {
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    x *= 2685821657736338717ULL;
  }
  return x;
}

// The pool with CPU-bound tasks: `tasks` tasks of ~50 µs through 4 workers.
// Returns the checksum of the results, so that the work is used.
std::uint64_t run_cpu_pool(int tasks) {
  auto jobs = gort::make_chan<int>(kBufferedCap);
  auto results = gort::make_chan<std::uint64_t>(kBufferedCap);
  gort::WaitGroup workers;
  workers.add(kPoolWorkers);
  for (int w = 0; w < kPoolWorkers; w++) {
    gort::go([=, &workers] {
      for (int j : jobs) results.send(cpu_work(static_cast<std::uint64_t>(j) + 1));
      workers.done();
    });
  }
  gort::go([=] {
    for (int i = 0; i < tasks; i++) jobs.send(i);
    jobs.close();
  });
  std::uint64_t sum = 0;
  for (int i = 0; i < tasks; i++) sum += results.recv();
  workers.wait();
  return sum;
}

// ms for kCpuTasks CPU-bound tasks through the pool: the row where more Ps
// must pay off. A smaller untimed run comes first, on every P, so that each
// thread's code is warm (Node compiles wasm per thread, in tiers: a worker's
// first milliseconds run unoptimized code and would make P=2 look slow).
double cpupool() {
  std::uint64_t warm = run_cpu_pool(kCpuWarmTasks);
  auto start = Clock::now();
  std::uint64_t sum = run_cpu_pool(kCpuTasks);
  double ns = ns_since(start);
  g_cpu_sink = warm + sum;
  return ns / 1e6;
}

// ms to find 2000 primes with one filter goroutine per prime, including the
// time to wind the chain down. The chain ends by passing kSieveEndOfInput
// down, as in the peers (Boost.Fiber cannot safely close its unbuffered
// channels mid-handoff).
double sieve() {
  auto start = Clock::now();
  std::atomic<bool> stop{false};
  gort::WaitGroup done;
  auto ch = gort::make_chan<int>();
  done.add(1);
  gort::go([ch, &stop, &done] {
    for (int i = 2; !stop.load(std::memory_order_relaxed); i++) ch.send(i);
    ch.send(kSieveEndOfInput);
    done.done();
  });
  int last = 0;
  for (int n = 0; n < kSievePrimes; n++) {
    last = ch.recv();
    if (n == kSievePrimes - 1) break;
    auto next = gort::make_chan<int>();
    done.add(1);
    gort::go([in = ch, out = next, prime = last, &done] {
      for (;;) {
        int i = in.recv();
        if (i == kSieveEndOfInput) {
          out.send(i);
          done.done();
          return;
        }
        if (i % prime != 0) out.send(i);
      }
    });
    ch = next;
  }
  stop.store(true, std::memory_order_relaxed);
  while (ch.recv() != kSieveEndOfInput) {
  }
  double ns = ns_since(start);
  done.wait();
  if (last != 17389) throw std::runtime_error("sieve: wrong 2000th prime");
  return ns / 1e6;
}

#ifdef __EMSCRIPTEN__
// WebAssembly has no /proc and no lazy pages: the memory a program uses is
// its linear memory, which only grows. The figure is the malloc heap's break
// (sbrk(0)): everything gort allocates (goroutine blocks, stacks, asyncify
// buffers, channels) lies below it, and memory.grow is asked for exactly the
// pages the break needs, plus Emscripten's growth slack (up to 20% more,
// capped at 96 MB per step), which would blur the per-goroutine figure.
// bench/run-wasm's Go column measures Go's linear memory, which Go grows
// page by page as its heap needs, without slack. --wasm-memory-size reports
// memory.size instead (slack included).
bool g_wasm_memory_size = false;
double rss_bytes() {
  if (g_wasm_memory_size) return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536;
  return static_cast<double>(reinterpret_cast<std::uintptr_t>(sbrk(0)));
}
#else
// Reads /proc/self/statm with plain syscalls: with --stack 2048 this runs on
// a 2 KB goroutine stack, which stdio's scanf would overflow.
double rss_bytes() {
  char buf[128];
  int fd = ::open("/proc/self/statm", O_RDONLY);
  ssize_t n = fd < 0 ? -1 : ::read(fd, buf, sizeof buf - 1);
  if (fd >= 0) ::close(fd);
  if (n <= 0) throw std::runtime_error("cannot read /proc/self/statm");
  buf[n] = '\0';
  const char* resident = std::strchr(buf, ' ');  // the second field, in pages
  if (!resident) throw std::runtime_error("cannot parse /proc/self/statm");
  return static_cast<double>(std::strtol(resident, nullptr, 10)) * sysconf(_SC_PAGESIZE);
}
#endif

// Bytes of RSS (wasm: of linear memory) per goroutine blocked on a channel receive. Measured once
// per process: a second round would reuse the first round's memory, so bench/run repeats the
// process instead.
double mem() {
  auto ch = gort::make_chan<int>();
  gort::WaitGroup started, finished;
  started.add(g_mem_goroutines);
  finished.add(g_mem_goroutines);
  double before = rss_bytes();
  for (int i = 0; i < g_mem_goroutines; i++) {
    gort::go([ch, &started, &finished] {
      started.done();
      ch.recv();
      finished.done();
    });
  }
  started.wait();
  double after = rss_bytes();
  for (int i = 0; i < g_mem_goroutines; i++) ch.send(i);
  finished.wait();
  return (after - before) / g_mem_goroutines;
}

const Row kRows[] = {
    {"spawn", spawn, "ns", true},       {"handoff", handoff, "ns", true},
    {"buffered", buffered, "ns", true}, {"select", select_row, "ns", true},
    {"pool", pool, "ms", true},         {"sieve", sieve, "ms", true},
    {"cpupool", cpupool, "ms", true},   {"mem", mem, "B", false},
};

}  // namespace

int main(int argc, char** argv) {
  gort::Config cfg;
  cfg.gomaxprocs = 1;
  int reps = 5;
  bool trace = false;
  std::vector<const Row*> selected;
  bool ok = select_rows(argc, argv, kRows, reps, selected, [&](int& i) {
    bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--procs") == 0 && has_value) {
      cfg.gomaxprocs = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--stack") == 0 && has_value) {
      cfg.stack_size = std::strtoul(argv[++i], nullptr, 10);
#ifdef __EMSCRIPTEN__
    } else if (std::strcmp(argv[i], "--wasm-memory-size") == 0) {
      g_wasm_memory_size = true;
#endif
    } else if (std::strcmp(argv[i], "--trace") == 0) {
      trace = true;
    } else if (std::strcmp(argv[i], "--goroutines") == 0 && has_value) {
      g_mem_goroutines = std::max(1, std::atoi(argv[++i]));
    } else {
      return false;
    }
    return true;
  });
  if (!ok) {
    print_usage(
        "gort_bench [--procs N] [--stack BYTES] [--goroutines N] [--trace] [--reps N] [row...]",
        kRows);
    std::fprintf(stderr,
                 "--trace: record the trace, drained every millisecond as the playground does\n");
#ifdef __EMSCRIPTEN__
    std::fprintf(stderr, "--wasm-memory-size: mem counts memory.size, not the heap break\n");
#endif
    return 2;
  }
  // Printing waits until run() returns, for the same reason as rss_bytes.
  std::vector<double> medians(selected.size());
  auto body = [&] {
    for (std::size_t k = 0; k < selected.size(); k++) medians[k] = median_of(*selected[k], reps);
  };
  int rc = 0;
  if (trace) {
    cfg.trace = true;
    gort::Program prog(cfg, body);
    std::vector<gort::trace::Event> events;
    prog.start();
    for (bool done = false; !done;) {
      done = prog.run_for(std::chrono::milliseconds(1));
      events.clear();
      prog.drain(events);
    }
    rc = prog.wait();
  } else {
    rc = gort::run(cfg, body);
  }
  if (rc != 0) return rc;
  for (std::size_t k = 0; k < selected.size(); k++) {
    std::printf("%s %.1f %s\n", selected[k]->name, medians[k], selected[k]->unit);
  }
  return 0;
}
