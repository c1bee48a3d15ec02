// Damage: see damage.hpp.
#include "damage.hpp"

#include <algorithm>
#include <numeric>

namespace gort::web {

PixelRect PixelRect::cover(const PixelRect& o) const {
  if (o.empty()) return *this;
  if (empty()) return o;
  return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
}

Repaint Damage::plan(std::uint64_t key, const std::vector<DrawnList>& lists) {
  Repaint r;
  bool same = known_ && key == key_ && lists.size() == last_.size();
  for (std::size_t i = 0; same && i < lists.size(); ++i) same = lists[i].id == last_[i].id;
  if (!same) {
    r.full = true;
    r.lists.resize(lists.size());
    std::iota(r.lists.begin(), r.lists.end(), std::size_t{0});
  } else {
    const std::size_t n = lists.size();
    std::vector<bool> changed(n);
    for (std::size_t i = 0; i < n; ++i)
      changed[i] = lists[i].hash != last_[i].hash || !(lists[i].rect == last_[i].rect);
    // What list i touches: its rect, and last frame's if it changed.
    auto touches = [&](std::size_t i, const PixelRect& p) {
      return lists[i].rect.overlaps(p) || (changed[i] && last_[i].rect.overlaps(p));
    };
    // Groups by overlap (union-find, a handful of lists).
    std::vector<std::size_t> group(n);
    std::iota(group.begin(), group.end(), std::size_t{0});
    auto root = [&](std::size_t i) {
      while (group[i] != i) i = group[i] = group[group[i]];
      return i;
    };
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j)
        if (touches(i, lists[j].rect) || (changed[j] && touches(i, last_[j].rect)))
          group[root(i)] = root(j);
    std::vector<bool> dirty(n);
    for (std::size_t i = 0; i < n; ++i)
      if (changed[i]) dirty[root(i)] = true;
    for (std::size_t i = 0; i < n; ++i) {
      if (!dirty[root(i)]) continue;
      r.lists.push_back(i);
      if (!lists[i].rect.empty()) r.clears.push_back(lists[i].rect);
      if (changed[i] && !last_[i].rect.empty() && !(last_[i].rect == lists[i].rect))
        r.clears.push_back(last_[i].rect);
    }
  }
  known_ = true;
  key_ = key;
  last_ = lists;
  return r;
}

}  // namespace gort::web
