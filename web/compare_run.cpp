// Compare mode's runs (see compare_run.hpp).
#include "compare_run.hpp"

#include <algorithm>
#include <cstdio>

namespace gort::web {

std::int64_t as_parallel(std::vector<Lane>& lanes, std::int64_t end) {
  // Every span of every lane, in time order: on one thread they never overlap.
  struct At {
    std::int64_t start, end;
    std::size_t lane, index;
  };
  std::vector<At> all;
  for (std::size_t l = 0; l < lanes.size(); ++l)
    for (std::size_t i = 0; i < lanes[l].spans.size(); ++i) {
      const Span& s = lanes[l].spans[i];
      all.push_back({s.start, s.end < 0 ? end : s.end, l, i});
    }
  std::sort(all.begin(), all.end(), [](const At& a, const At& b) { return a.start < b.start; });
  // busy: total time any P ran before `t`; mine[l]: time lane l ran before it.
  // Lane l's clock at t is t - (busy - mine[l]): the others' turns removed.
  std::vector<std::int64_t> mine(lanes.size(), 0);
  std::int64_t busy = 0;
  for (const At& a : all) {
    Span& s = lanes[a.lane].spans[a.index];
    const std::int64_t len = std::max<std::int64_t>(a.end - a.start, 0);
    const std::int64_t at = a.start - (busy - mine[a.lane]);
    s.start = at;
    s.end = at + len;
    busy += len;
    mine[a.lane] += len;
  }
  // The run ends when the latest lane's clock reaches the real end.
  const std::int64_t most = mine.empty() ? 0 : *std::max_element(mine.begin(), mine.end());
  return std::max<std::int64_t>(end - (busy - most), 0);
}

CompareRun compare_run(const Model& m, std::int64_t first, std::int64_t now, bool simulated) {
  CompareRun r;
  r.procs = m.procs();
  r.simulated = simulated;
  r.done = m.exited();
  r.lanes.resize(m.lanes().size());
  for (std::size_t l = 0; l < m.lanes().size(); ++l)
    for (const Span& s : m.lanes()[l].spans)
      r.lanes[l].spans.push_back({s.g, s.start - first, s.end < 0 ? -1 : s.end - first});
  const std::int64_t end = std::max<std::int64_t>(now - first, 0);
  r.wall_ns = simulated && r.procs > 1 ? as_parallel(r.lanes, end) : end;
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
