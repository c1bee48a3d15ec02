// The gallery: every pattern, in the order the UI and `gort list` show them.
// An explicit list, because a static library drops objects that only
// register themselves.
#include "pattern.hpp"

namespace gort::patterns {

Pattern task1_task2_pattern();
Pattern concurrency_vs_parallelism_pattern();
Pattern ping_pong_pattern();
Pattern buffered_pattern();
Pattern worker_pool_pattern();
Pattern pipeline_pattern();
Pattern fan_in_pattern();
Pattern fan_out_fan_in_pattern();
Pattern select_timeout_pattern();
Pattern select_default_pattern();
Pattern close_range_pattern();
Pattern waitgroup_pattern();
Pattern mutex_counter_pattern();
Pattern semaphore_pattern();
Pattern rwmutex_pattern();
Pattern once_pattern();
Pattern ticker_pattern();
Pattern done_cancel_pattern();
Pattern nil_channel_pattern();
Pattern prime_sieve_pattern();
Pattern deadlock_pattern();
Pattern goroutine_leak_pattern();

const std::vector<Pattern>& all() {
  // One pattern a line, in gallery order.
  // clang-format off
  static const std::vector<Pattern> patterns = {
      task1_task2_pattern(),
      concurrency_vs_parallelism_pattern(),
      ping_pong_pattern(),
      buffered_pattern(),
      worker_pool_pattern(),
      pipeline_pattern(),
      fan_in_pattern(),
      fan_out_fan_in_pattern(),
      select_timeout_pattern(),
      select_default_pattern(),
      close_range_pattern(),
      waitgroup_pattern(),
      mutex_counter_pattern(),
      semaphore_pattern(),
      rwmutex_pattern(),
      once_pattern(),
      ticker_pattern(),
      done_cancel_pattern(),
      nil_channel_pattern(),
      prime_sieve_pattern(),
      deadlock_pattern(),
      goroutine_leak_pattern(),
  };
  // clang-format on
  return patterns;
}

const Pattern* find(std::string_view id) {
  for (const Pattern& p : all()) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace gort::patterns
