// The layout's pre-run (see prerun.hpp).
#include "prerun.hpp"

#include <algorithm>
#include <string_view>

namespace gort::web {

Config Prerun::deterministic(Config cfg) {
  cfg.set_deterministic(true);
  if (cfg.seed == 0) cfg.seed = 1;
  cfg.trace = true;
  cfg.out = cfg.err = [](std::string_view) {};
  return cfg;
}

Prerun::Prerun(Config cfg, std::function<void()> body, std::chrono::nanoseconds budget,
               std::size_t max_events)
    : prog_(deterministic(std::move(cfg)), std::move(body)),
      max_events_(max_events),
      left_(budget) {
  over_ = !prog_.valid();
  if (over_) return;
  model_.reset(prog_.procs());
  prog_.start();
}

bool Prerun::step(std::chrono::nanoseconds slice) {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  // Runs of at most 2 ms: the event cap is checked between them.
  constexpr std::chrono::nanoseconds kRun = std::chrono::milliseconds(2);
  // At least one run, however short the slice: every step makes progress.
  while (!over_) {
    if (stopping_) {  // the stopped program's goroutines unwind
      over_ = prog_.run_for(kRun);
      break;
    }
    const auto r0 = clock::now();
    const bool done = prog_.run_for(std::min({kRun, slice, left_}));
    left_ -= clock::now() - r0;
    events_.clear();
    prog_.drain(events_);
    for (const trace::Event& e : events_) {
      if (applied_ == max_events_) break;
      const std::uint32_t id = string_id(e);
      if (id) {
        if (id >= texts_.strings.size()) texts_.strings.resize(id + 1);
        if (texts_.strings[id].empty()) texts_.strings[id] = prog_.string(id);
      }
      model_.apply(e, texts_);
      applied_++;
    }
    if (done) {
      over_ = true;
    } else if (applied_ == max_events_ || left_ <= left_.zero()) {
      prog_.stop();
      stopping_ = true;
    }
    if (clock::now() - t0 >= slice) break;
  }
  return over_;
}

}  // namespace gort::web
