// Microbenchmark: nanoseconds per context_swap for whichever context backend
// the build compiled in. The thread's own context and one fiber ping-pong; a
// round trip is two swaps. Each of 5 trials runs ~0.2 s of round trips (so the
// slow ucontext backend finishes as quickly as the asm one); the median is
// printed, as trials on a shared machine vary.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <new>
#include <vector>

#include "context/context.hpp"

namespace {

using namespace gort::detail;
using Clock = std::chrono::steady_clock;

Context main_ctx, fiber_ctx;
bool stop = false;

void ping(void*) {
  while (!stop) context_swap(fiber_ctx, main_ctx);
  context_exit(fiber_ctx, main_ctx);
}

double trial_ns_per_swap() {
  long round_trips = 0;
  const auto start = Clock::now();
  Clock::duration elapsed;
  do {
    for (int i = 0; i < 1000; ++i) context_swap(main_ctx, fiber_ctx);
    round_trips += 1000;
    elapsed = Clock::now() - start;
  } while (elapsed < std::chrono::milliseconds(200));
  return std::chrono::duration<double, std::nano>(elapsed).count() / (2.0 * round_trips);
}

}  // namespace

int main() {
  constexpr std::size_t kStackSize = 64 * 1024;
  void* stack = ::operator new (kStackSize, std::align_val_t{16});
  context_init_current(main_ctx);
  context_make(fiber_ctx, stack, kStackSize, &ping, nullptr);
  context_swap(main_ctx, fiber_ctx);  // start the fiber outside the timing

  std::vector<double> trials;
  for (int i = 0; i < 5; ++i) trials.push_back(trial_ns_per_swap());
  std::sort(trials.begin(), trials.end());
  std::printf("context_swap: %.1f ns/swap (median of %zu trials, min %.1f)\n", trials[2],
              trials.size(), trials[0]);

  stop = true;
  context_swap(main_ctx, fiber_ctx);
  context_destroy(fiber_ctx);
  context_destroy(main_ctx);
  ::operator delete (stack, std::align_val_t{16});
}
