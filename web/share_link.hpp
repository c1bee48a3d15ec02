// The share-link codec: a run's options as a URL query string, so a link
// reproduces what its sender saw (DESIGN.md: state lives in the URL).
//
//   ?pattern=worker_pool&workers=3&procs=2&speed=0.5&seed=42&det=1&embed=1
//
// pattern: a gallery id; then the pattern's parameters by name; procs
// (GOMAXPROCS 1..8), speed, seed (0 = random), det (deterministic, 0/1),
// embed (compact mode, 0/1). encode() writes only what differs from the
// defaults, so links stay short; decode() of encode() gives back the same
// options.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "session.hpp"

namespace gort::web {

struct Link {
  RunOptions options;  // params: every parameter of the pattern, in its order
  bool embed = false;
  // ?bench=N: show a synthetic program of N goroutines instead of runs, to
  // measure frame times (web/views_bench.hpp); 0 = off. Never encoded.
  std::size_t bench = 0;
};

std::string encode(const Link& link);
// Parses a query string (with or without the leading '?'). Returns "" and
// fills `out`, or a message saying what is wrong (unknown key or pattern,
// a value that is not a number or out of range) and leaves `out` alone.
// An empty query is valid and gives the first gallery pattern.
std::string decode(std::string_view query, Link& out);

}  // namespace gort::web
