// concurrency_vs_parallelism: chefs doing CPU-bound work in chunks, taking
// turns (runtime.Gosched) between chunks. With GOMAXPROCS=1 they only take
// turns (concurrency); with more Ps they also cook at the same time
// (parallelism) and the total wall time drops.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

}  // namespace

// Outside the anonymous namespace: a global nobody reads, with internal
// linkage, let clang (Emscripten) drop the stores to it and so the whole
// loop (80 chunks took 1 ms in the browser, and the chefs had no work). A
// slot per chef (up to the parameter's 16), as the Go text's sink.
std::atomic<std::uint64_t> chop_sink[16 + 1];

namespace {

void chop(int id) {
  gort::at(19);
  std::uint64_t x = 88172645463325252u;
  for (int i = 0; i < 100'000; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  gort::at(25);
  chop_sink[id].store(x, std::memory_order_relaxed);
}

void chef(int id, gort::WaitGroup& wg, int chunks) {
  gort::set_name("chef");
  gort::at(30);
  gort::Time start = gort::now();
  for (int c = 0; c < chunks; c++) {
    gort::at(32);
    chop(id);
    gort::at(33);
    gort::yield();
  }
  gort::at(35);
  gort::println("chef", id, "done in", std::chrono::round<milliseconds>(gort::since(start)));
  gort::at(36);
  wg.done();
}

void body(const Args& a) {
  const int chefs = a["chefs"], chunks = a["chunks"];
  gort::at(39);
  gort::Time start = gort::now();
  gort::at(40);
  gort::WaitGroup wg;
  for (int id = 1; id <= chefs; id++) {
    gort::at(42);
    wg.add(1);
    gort::at(43);
    gort::go([id, &wg, chunks] { chef(id, wg, chunks); });
  }
  gort::at(45);
  wg.wait();
  gort::at(46);
  gort::println("all dishes in", std::chrono::round<milliseconds>(gort::since(start)));
}

}  // namespace

Pattern concurrency_vs_parallelism_pattern() {
  return {"concurrency_vs_parallelism",
          "Concurrency vs parallelism",
          "CPU-bound chefs take turns on one P; compare the wall time at GOMAXPROCS 1 and N.",
          go_text(go::concurrency_vs_parallelism),
          {{"chefs", 1, 16, 4, "goroutines doing CPU-bound work"},
           {"chunks", 1, 100, 15, "chunks of work per chef (about 20 ms each in the browser)"}},
          body};
}

}  // namespace gort::patterns
