// Compare mode's runs (see compare_run.hpp).
#include "compare_run.hpp"

#include <algorithm>
#include <cstdio>

namespace gort::web {

std::int64_t as_parallel(std::vector<Lane>& lanes) {
  // Each P's clock runs only while that P does: its spans end to end, in order.
  std::int64_t wall = 0;
  for (Lane& l : lanes) {
    std::int64_t at = 0;
    for (Span& s : l.spans) {
      const std::int64_t len = std::max<std::int64_t>(s.end - s.start, 0);
      s.start = at;
      s.end = at + len;
      at += len;
    }
    wall = std::max(wall, at);
  }
  return wall;
}

CompareRun compare_run(const Model& m, std::int64_t first, std::int64_t now, bool simulated) {
  CompareRun r;
  r.procs = m.procs();
  r.simulated = simulated;
  r.done = m.exited();
  r.lanes.resize(m.lanes().size());
  for (std::size_t l = 0; l < m.lanes().size(); ++l)
    for (const Span& s : m.lanes()[l].spans)
      r.lanes[l].spans.push_back({s.g, s.start - first, (s.end < 0 ? now : s.end) - first});
  r.wall_ns = simulated ? as_parallel(r.lanes) : std::max<std::int64_t>(now - first, 0);
  return r;
}

std::string speedup_text(std::int64_t one, std::int64_t many) {
  if (one <= 0 || many <= 0) return "";
  const double x = static_cast<double>(one) / static_cast<double>(many);
  char buf[48];
  std::snprintf(buf, sizeof buf, x >= 1 ? "%.1fx faster" : "%.1fx slower", x >= 1 ? x : 1 / x);
  return buf;
}

}  // namespace gort::web
