// See time_axis.hpp.
#include "time_axis.hpp"

#include <algorithm>
#include <cstdio>

namespace gort::web {

std::string format_time(double t, double step) {
  if (t == 0) return "0";
  struct Unit {
    double ns;
    const char* name;
  };
  static constexpr Unit units[] = {{1e9, "s"}, {1e6, "ms"}, {1e3, "\xc2\xb5s"}, {1, "ns"}};
  const Unit* u = &units[3];
  const double size = std::max(std::fabs(t), step);
  for (const Unit& c : units)
    if (size >= c.ns) {
      u = &c;
      break;
    }
  // Decimals: enough to tell ticks `step` apart in this unit.
  int decimals = 0;
  for (double s = step / u->ns; s < 0.999 && decimals < 3; s *= 10) ++decimals;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f %s", decimals, t / u->ns, u->name);
  return buf;
}

int span_at(const Lane& lane, double t, double now, double slop) {
  const auto& spans = lane.spans;
  // Spans are in time order and never overlap: the candidates are the last
  // one starting before t + slop and its predecessor.
  auto it = std::upper_bound(spans.begin(), spans.end(), t + slop, [](double v, const Span& s) {
    return v < static_cast<double>(s.start);
  });
  int best = -1;
  double best_d = slop;
  for (int k = 0; k < 2 && it != spans.begin(); ++k) {
    --it;
    const double a = static_cast<double>(it->start);
    const double b = it->end < 0 ? now : static_cast<double>(it->end);
    const double d = t < a ? a - t : t > b ? t - b : 0;
    if (d <= best_d) {
      best_d = d;
      best = static_cast<int>(it - spans.begin());
      if (d == 0) break;
    }
  }
  return best;
}

}  // namespace gort::web
