// A run's limits (gort::golang::Limits): where the VM counts each one, and
// the fatal error that ends a run reaching it.
//
// Invariants:
//   - Nothing here parks: these run inside ops and natives with objects to
//     destroy in scope. Ending the program (Thread::end) only marks it
//     ending; every goroutine then stops at its next check.
//   - The hot paths pay nothing new: steps and run time are counted once a
//     quantum (at preemption), memory where the heap takes a chunk, the
//     stack where a frame is pushed (as its depth was checked before).
#include <gort/go.hpp>
#include <string>

#include "vm.hpp"

namespace gort::golang {

namespace {

// d as Go's time.Duration prints it ("500ms", "10s", "1m30s", "1.5s").
std::string duration_text(std::chrono::milliseconds d) {
  auto ms = d.count();
  if (ms < 1000) return std::to_string(ms) + "ms";
  std::string s;
  auto h = ms / 3'600'000, m = ms / 60'000 % 60;
  if (h) s += std::to_string(h) + "h";
  if (h || m) s += std::to_string(m) + "m";
  s += std::to_string(ms / 1000 % 60);
  if (auto frac = ms % 1000) {
    std::string f = std::to_string(frac + 1000);  // "1500": ".5"
    f[0] = '.';
    s += f.substr(0, f.find_last_not_of('0') + 1);
  }
  return s + "s";
}

}  // namespace

bool Thread::fatal(std::string_view msg, std::string_view before) {
  if (exiting) return false;  // a fatal error or an exit already ends the program
  count_steps();
  budget = quantum = 0;
  end(2, std::string(before) + "fatal error: " + std::string(msg) + "\n\ngoroutine " +
             std::to_string(gort::goid()) + " [running]:\n" + traceback() + "exit status 2\n");
  return false;
}

void Thread::count_steps() {
  run->steps.fetch_add(static_cast<std::uint64_t>(quantum - budget), std::memory_order_relaxed);
  quantum = budget;
}

bool Thread::next_quantum() {
  const Limits& l = run->limits;
  std::uint64_t used = static_cast<std::uint64_t>(quantum - budget);
  std::uint64_t steps = run->steps.fetch_add(used, std::memory_order_relaxed) + used;
  budget = quantum = kQuantum;
  if (l.max_steps) {
    if (steps > l.max_steps) {
      return fatal("gort: program exceeded " + std::to_string(l.max_steps) + " steps");
    }
    // The next preemption comes at the first step past the limit.
    if (l.max_steps - steps < kQuantum) {
      budget = quantum = static_cast<std::int32_t>(l.max_steps - steps);
    }
  }
  if (l.max_run_time.count() && std::chrono::steady_clock::now() - run->start > l.max_run_time) {
    return fatal("gort: program exceeded " + duration_text(l.max_run_time) + " of run time");
  }
  return true;
}

bool Thread::write(bool err, std::string_view text) {
  if (exiting) return false;
  if (std::size_t max = run->limits.max_output) {
    std::size_t before = run->output.fetch_add(text.size(), std::memory_order_relaxed);
    if (before + text.size() > max) {
      std::string_view fits = text.substr(0, before < max ? max - before : 0);
      if (!fits.empty()) err ? rt::write_err(fits) : rt::write_out(fits);
      return fatal("gort: program exceeded " + std::to_string(max) + " bytes of output");
    }
  }
  err ? rt::write_err(text) : rt::write_out(text);
  return true;
}

bool Thread::can_alloc(std::uint64_t bytes) {
  std::uint64_t max = run->heap.limit();
  if (!max || (bytes <= max && run->heap.bytes() <= max - bytes)) return true;
  return fatal("runtime: out of memory");
}

bool Thread::stack_overflow() {
  return fatal("stack overflow",
               "runtime: goroutine stack exceeds " + std::to_string(max_stack) + "-byte limit\n");
}

}  // namespace gort::golang
