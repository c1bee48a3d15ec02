// gort::Config: how a program runs. Every field has a usable default; run()
// and Program reject out-of-range values with a clear message instead of
// starting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace gort {

// What a program's clock is.
enum class ClockMode : std::uint8_t {
  Real,     // the monotonic clock (scaled by Config::speed)
  Virtual,  // sleeps and timers take no wall time: when every goroutine is
            // blocked, the clock jumps to the next timer (the Go playground's
            // faketime)
};

// What runs a program's Ps.
enum class SchedMode : std::uint8_t {
  Threads,    // a worker thread per P (where there are threads; see kThreads)
  Simulated,  // every P on the calling thread, one goroutine at a time, the
              // next P drawn from `seed` (Program::run_for drives it in slices)
};

struct Config {
  // Number of Ps (processors that run goroutines at once). 0 = all cores.
  int gomaxprocs = 0;
  // Every combination of the two modes runs. Only Simulated on the Virtual
  // clock is deterministic: the same seed gives the same run, event for
  // event (threads race, and on the real clock the wall time decides which
  // timer fires first). The CLI's --virtual and --deterministic, the
  // playground link's `det` and the JS option `deterministic` set these.
  ClockMode clock = ClockMode::Real;
  SchedMode sched = SchedMode::Threads;
  bool deterministic() const {
    return clock == ClockMode::Virtual && sched == SchedMode::Simulated;
  }
  // Sets both modes to the deterministic combination (or back to the
  // defaults, threads on the real clock).
  void set_deterministic(bool on) {
    clock = on ? ClockMode::Virtual : ClockMode::Real;
    sched = on ? SchedMode::Simulated : SchedMode::Threads;
  }
  // How fast the program's clock runs against the real one (real-clock runs
  // only; virtual time ignores it): sleeps and timers take 1/speed of their
  // duration in wall time, while the program, its trace and time.Now see
  // program time (a 100 ms sleep at speed 10 reports 100 ms, in 10 ms of
  // wall time). kMinSpeed..kMaxSpeed.
  double speed = 1;
  // Seed for select's random choice and the simulated P order. 0 = random.
  std::uint64_t seed = 0;
  // Bytes of stack per goroutine. 0 = kDefaultStackSize.
  std::size_t stack_size = 0;
  // Live goroutines allowed at once before a fatal error. 0 = no limit.
  std::size_t max_goroutines = 0;
  // Record trace events (Program::drain reads them).
  bool trace = false;
  // Events each P's trace ring holds before new ones are dropped and counted.
  std::size_t trace_capacity = 1 << 16;
  // Where the program's standard output and error go; empty = the process's.
  std::function<void(std::string_view)> out, err;

#if defined(__EMSCRIPTEN__)
  // WebAssembly memory has no lazy pages: a stack costs its whole size from
  // the start, so stacks are small. The block holds the C stack and the
  // asyncify buffer (core/src/context/context_emscripten.cpp); 16 KiB runs
  // every gallery pattern with margin. No dynamic linker: no lazy binding.
  static constexpr std::size_t kDefaultStackSize = 16 * 1024;
  static constexpr std::size_t kMinStackSize = 512;
  static constexpr std::size_t kSmallStackSize = kMinStackSize;
#else
  static constexpr std::size_t kDefaultStackSize = 64 * 1024;
  static constexpr std::size_t kMinStackSize = 2048;
  // Below this, the process must bind symbols eagerly (LD_BIND_NOW=1).
  static constexpr std::size_t kSmallStackSize = 8192;
#endif
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  // No threads (single-threaded WebAssembly): every program runs Simulated,
  // whatever `sched` says; Program::simulated() reports it.
  static constexpr bool kThreads = false;
#else
  static constexpr bool kThreads = true;
#endif
  static constexpr std::size_t kMaxStackSize = 64 * 1024 * 1024;
  static constexpr int kMaxProcs = 256;
  static constexpr double kMinSpeed = 0.01, kMaxSpeed = 1e6;
  static constexpr bool speed_ok(double s) {
    return s >= kMinSpeed && s <= kMaxSpeed;
  }
  // "0.01..1000000", for messages.
  static std::string speed_range();
};

}  // namespace gort
