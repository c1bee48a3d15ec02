// The layout's pre-run: before a program is shown, the same program runs
// once more, deterministically (simulated Ps in a seeded order, virtual
// time), with nothing printed, for at most kBudget of wall time or
// kMaxEvents trace events, and its trace is folded into a Model. The
// layout settles its map on that model (Layout::settle), so the real run
// is drawn on places that do not move.
//
// Invariants: works for any program body (a gallery pattern or any other);
// the pre-run's program is gone (unwound) when prerun() returns, so the
// real one can start (one program per process at a time); the same config
// and body give the same model.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <gort/config.hpp>

#include "model.hpp"

namespace gort::web {

inline constexpr std::chrono::milliseconds kPrerunBudget{50};
inline constexpr std::size_t kPrerunEvents = 10000;

// cfg: the real run's config (its GOMAXPROCS and seed are kept; seed 0
// becomes 1). An invalid config gives an empty model. `texts` receives the
// names and values the events refer to: the model reads them (Model::format)
// as long as it lives.
Model prerun(Config cfg, std::function<void()> body, Texts& texts,
             std::chrono::milliseconds budget = kPrerunBudget,
             std::size_t max_events = kPrerunEvents);

}  // namespace gort::web
