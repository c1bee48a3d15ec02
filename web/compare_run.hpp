// Compare mode's picture of one run: "one chef vs many chefs". A run of the
// comparison (GOMAXPROCS 1, then N) becomes its P lanes on a clock that
// starts at the run's first event, and its wall time.
//
// When the Ps were simulated on one thread (the single-threaded build,
// where most embeds run), the recorded lanes take turns: only one P runs at
// any moment. as_parallel() then shows what the same work would look like
// with every P on its own core: each P's clock advances only while that P
// runs or while no P does, so each lane keeps its own busy time, measured
// on the real clock, and the run's wall time is the longest lane's. The
// picture says "simulated".
//
// Invariants: spans stay in order and never overlap within a lane; the
// lanes of a real run are only shifted; a simulated run's busy time per
// lane is kept exactly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model.hpp"

namespace gort::web {

struct CompareRun {
  int procs = 1;
  bool simulated = false;    // lanes re-timed as if the Ps ran at once
  bool done = false;         // the run has ended
  std::int64_t wall_ns = 0;  // first event to the end (or to now)
  std::vector<Lane> lanes;   // spans in ns from the first event; markers dropped
};

// The run folded into m so far, its first event at `first` and its present
// at `now` (the exit once it ended).
CompareRun compare_run(const Model& m, std::int64_t first, std::int64_t now, bool simulated);

// The lanes of a simulated run re-timed as if every P had its own core
// (see above); `end` is where the run ended (or now). Returns the new end.
std::int64_t as_parallel(std::vector<Lane>& lanes, std::int64_t end);

// "3.5x faster", "1.1x slower", "" when either wall time is 0.
std::string speedup_text(std::int64_t one, std::int64_t many);

}  // namespace gort::web
