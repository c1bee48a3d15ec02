// Compare mode's picture of one run: "one chef vs many chefs". A run of the
// comparison (GOMAXPROCS 1, then N) becomes its P lanes on a clock that
// starts at the run's first event, and its wall time.
//
// When the Ps were simulated on one thread (the single-threaded build,
// where most embeds run), the recorded lanes take turns (only one P runs at
// any moment) and the program only runs in the page's frame slices, so the
// real clock between its events says little. as_parallel() then shows what
// the same work would take with every P on its own core: each P's spans end
// to end, so each lane is its busy time measured on the real clock, and the
// run's wall time is the longest lane's. The picture says "simulated".
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
// (see above). Returns the new wall time: the longest lane's busy time.
std::int64_t as_parallel(std::vector<Lane>& lanes);

// "3.5x faster", "1.1x slower", "" when either wall time is 0.
std::string speedup_text(std::int64_t one, std::int64_t many);

}  // namespace gort::web
