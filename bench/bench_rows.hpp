// What gort's benchmark program and its Boost.Fiber peer share: the workload
// sizes (so both measure the same thing; bench/go/main.go repeats them in
// Go), the clock, and the row table with its command line ("[--reps N]
// [row...]", each row printed as "row value unit", timed rows the median of
// their repetitions).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <span>
#include <vector>

namespace bench {

inline constexpr int kSpawnBatch = 1000;
inline constexpr int kSpawnBatches = 100;
inline constexpr int kHandoffTrips = 200'000;
inline constexpr int kBufferedItems = 1'000'000;
inline constexpr int kBufferedCap = 128;
inline constexpr int kSelectItems = 400'000;
inline constexpr int kPoolTasks = 1'000'000;
inline constexpr int kPoolWorkers = 4;
inline constexpr int kSievePrimes = 2000;
inline constexpr int kSieveEndOfInput = -1;
inline constexpr int kMemGoroutines = 100'000;

using Clock = std::chrono::steady_clock;

inline double ns_since(Clock::time_point start) {
  return std::chrono::duration<double, std::nano>(Clock::now() - start).count();
}

struct Row {
  const char* name;
  double (*fn)();  // nullptr: the peer cannot run this row ("-")
  const char* unit;
  bool timed;  // repeated --reps times (else measured once per process)
};

// Parses argv: "--reps N" and row names go to reps and the result (all rows
// when none is named); any other argument is offered to `option` (which may
// consume following ones through i). Returns false on an unknown argument.
inline bool select_rows(int argc, char** argv, std::span<const Row> rows, int& reps,
                        std::vector<const Row*>& selected,
                        const std::function<bool(int& i)>& option = {}) {
  for (int i = 1; i < argc; i++) {
    if (std::strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else if (auto it =
                   std::find_if(rows.begin(), rows.end(),
                                [&](const Row& r) { return std::strcmp(r.name, argv[i]) == 0; });
               it != rows.end()) {
      selected.push_back(&*it);
    } else if (!option || !option(i)) {
      return false;
    }
  }
  if (selected.empty()) {
    for (const Row& r : rows) selected.push_back(&r);
  }
  return true;
}

// The row's figure: the median of `reps` runs if it is timed, else one run.
inline double median_of(const Row& r, int reps) {
  std::vector<double> xs(r.timed ? reps : 1);
  for (double& x : xs) x = r.fn();
  std::nth_element(xs.begin(), xs.begin() + xs.size() / 2, xs.end());
  return xs[xs.size() / 2];
}

inline void print_usage(const char* synopsis, std::span<const Row> rows) {
  std::fprintf(stderr, "usage: %s\nrows:", synopsis);
  for (const Row& r : rows) std::fprintf(stderr, " %s", r.name);
  std::fprintf(stderr, " (default: all)\n");
}

}  // namespace bench
