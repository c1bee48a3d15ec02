// The layout's pre-run: before a program is shown, the same program runs
// once more, deterministically (simulated Ps in a seeded order, virtual
// time), with nothing printed, for at most a budget of running time or a
// number of trace events, and its trace is folded into a Model. The layout
// settles its map on that model (Layout::settle), so the real run is drawn
// on places that do not move. It runs a slice at a time (step), so that a
// page can spread it over frames and keep drawing.
//
// Invariants: works for any program body (a gallery pattern or any other);
// while a Prerun lives and is not over, its program is the process's one
// started program (the real one starts after step() said true, or after the
// Prerun is destroyed, which stops and unwinds it); the same config and body
// give the same model, however the slices fall.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <gort/config.hpp>
#include <gort/run.hpp>
#include <vector>

#include "model.hpp"

namespace gort::web {

inline constexpr std::chrono::milliseconds kPrerunBudget{50};
inline constexpr std::size_t kPrerunEvents = 10000;

class Prerun {
 public:
  // cfg: the real run's config (its GOMAXPROCS and seed are kept; seed 0
  // becomes 1). budget: running time, summed over the slices. An invalid
  // config gives an empty model.
  Prerun(Config cfg, std::function<void()> body, std::chrono::nanoseconds budget = kPrerunBudget,
         std::size_t max_events = kPrerunEvents);
  Prerun(const Prerun&) = delete;
  Prerun& operator=(const Prerun&) = delete;

  // Runs the pre-run (then unwinds its program) for about `slice` of wall
  // time, at least one short run (a call always makes progress); true once
  // it is over: the model is whole and the program gone.
  bool step(std::chrono::nanoseconds slice);
  // The folded trace. It reads the names and values its events refer to
  // from this Prerun (Model::format): use it while the Prerun lives.
  const Model& model() const { return model_; }

 private:
  static Config deterministic(Config cfg);

  Program prog_;
  Model model_;
  Texts texts_;
  std::vector<trace::Event> events_;
  std::size_t applied_ = 0, max_events_;
  std::chrono::nanoseconds left_;  // running time left
  bool stopping_ = false;          // past the budget: the program unwinds
  bool over_ = false;
};

}  // namespace gort::web
