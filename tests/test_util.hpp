// Helpers shared by the runtime tests: running a program with its output
// captured, running one body under each scheduler mode, a watchdog that
// turns a hung program into a failed test, and an object that counts its
// live instances (to see that unwinding really freed everything).
#pragma once

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <gort/gort.hpp>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "context/context.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define GORT_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define GORT_TEST_SANITIZED 1
#endif
#endif
#ifndef GORT_TEST_SANITIZED
#define GORT_TEST_SANITIZED 0
#endif

namespace gort_test {

using namespace std::chrono_literals;

inline constexpr bool kSanitized = GORT_TEST_SANITIZED != 0;
// False in the single-threaded WebAssembly build: no std::thread, and every
// program runs on simulated Ps.
inline constexpr bool kThreads = gort::Config::kThreads;
// False in the threaded WebAssembly build: a started goroutine resumes only
// on the P it started on (core/src/context/context.hpp), so a goroutine that
// never yields also holds every other goroutine that started on its P.
inline constexpr bool kMigrates = gort::detail::kContextCanMigrate;

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
// No thread to watch from: CTest's timeout catches a hung program.
class Watchdog {
 public:
  explicit Watchdog(std::string, std::chrono::seconds = 30s) {}
};
#else
// Aborts the test process if it is still alive after `limit`: a program that
// hangs (a lost wakeup, a lock-order deadlock) fails loudly instead of
// waiting for CTest's timeout.
class Watchdog {
 public:
  explicit Watchdog(std::string what, std::chrono::seconds limit = 30s)
      : what_(std::move(what)), thread_([this, limit] {
          std::unique_lock lk(mu_);
          auto l = kSanitized ? limit * 4 : limit;
          if (!cv_.wait_for(lk, l, [this] { return done_; })) {
            std::fprintf(stderr, "gort_tests: watchdog: '%s' still running after %llds\n",
                         what_.c_str(), static_cast<long long>(l.count()));
            std::fflush(stderr);
            std::abort();
          }
        }) {}
  ~Watchdog() {
    {
      std::lock_guard lk(mu_);
      done_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  std::string what_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};
#endif

struct Result {
  int code = -100;
  std::string out, err;
  std::chrono::duration<double> wall{};
};

// Runs body as a program's main with stdout and stderr captured by the
// Config sinks (whatever sinks cfg had are replaced).
inline Result run_captured(gort::Config cfg, std::function<void()> body,
                           std::chrono::seconds limit = 30s) {
  Result r;
  cfg.out = [&r](std::string_view s) { r.out.append(s); };
  cfg.err = [&r](std::string_view s) { r.err.append(s); };
  Watchdog wd("gort::run", limit);
  auto t0 = std::chrono::steady_clock::now();
  r.code = gort::run(cfg, std::move(body));
  r.wall = std::chrono::steady_clock::now() - t0;
  return r;
}

// The ways a program can be scheduled. Each semantic is checked in every
// mode it makes sense in.
struct Mode {
  std::string name;
  gort::Config cfg;
};

inline gort::Config threaded(int procs) {
  gort::Config c;
  c.gomaxprocs = procs;
  return c;
}
inline gort::Config simulated(int procs, bool deterministic, std::uint64_t seed = 0) {
  gort::Config c;
  c.gomaxprocs = procs;
  c.sched = gort::SchedMode::Simulated;
  c.clock = deterministic ? gort::ClockMode::Virtual : gort::ClockMode::Real;
  c.seed = seed;
  return c;
}

inline std::vector<Mode> all_modes() {
  return {
      {"threaded gomaxprocs=1", threaded(1)},
      {"threaded gomaxprocs=2", threaded(2)},
      {"threaded gomaxprocs=4", threaded(4)},
      {"simulated gomaxprocs=3 real clock", simulated(3, false)},
      {"deterministic gomaxprocs=3 seed=7", simulated(3, true, 7)},
  };
}

// Modes in which only one goroutine runs at a time: after yield() every
// other runnable goroutine has had a chance to run until it blocks.
inline std::vector<Mode> single_runner_modes() {
  return {
      {"threaded gomaxprocs=1", threaded(1)},
      {"deterministic gomaxprocs=1 seed=3", simulated(1, true, 3)},
  };
}

// Runs f(cfg) once per mode, with the mode's name on every failure.
template <class F>
void for_each_mode(const std::vector<Mode>& modes, F&& f) {
  for (const Mode& m : modes) {
    INFO("mode: ", m.name);
    f(m.cfg);
  }
}
template <class F>
void for_each_mode(F&& f) {
  for_each_mode(all_modes(), std::forward<F>(f));
}

// Counts live instances, so a test can see that unwinding destroyed every
// object a goroutine held (on its stack, in its closure, in a channel).
struct Tracked {
  static inline std::atomic<int> live{0};
  int v = 0;
  Tracked() { live++; }
  explicit Tracked(int x) : v(x) { live++; }
  Tracked(const Tracked& o) : v(o.v) { live++; }
  Tracked(Tracked&& o) noexcept : v(o.v) { live++; }
  Tracked& operator=(const Tracked&) = default;
  Tracked& operator=(Tracked&&) noexcept = default;
  ~Tracked() { live--; }
};

// The number of times `needle` occurs in `hay`.
inline int count_of(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) n++;
  return n;
}

// Where spin_work leaves its result: the empty asm below is no barrier
// under Emscripten, where a call whose result was unused cost nothing.
// Atomic: goroutines on several threads spin at once (TSan).
inline std::atomic<std::uint64_t> spin_sink;

// Busy CPU work the optimizer cannot drop.
inline std::uint64_t spin_work(std::uint64_t iters) {
  std::uint64_t x = 0x9e3779b97f4a7c15ULL;
  for (std::uint64_t i = 0; i < iters; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    asm volatile("" : "+r"(x));
  }
  spin_sink.store(x, std::memory_order_relaxed);
  return x;
}

}  // namespace gort_test
