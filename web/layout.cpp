// The graph view's layout (see layout.hpp for the invariants).
#include "layout.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string_view>

namespace gort::web {

void Layout::place(std::size_t k, float& x, float& y) {
  // Shell s holds places s*s .. (s+1)*(s+1)-1: down column s, then along row s.
  auto s = static_cast<std::size_t>(std::sqrt(static_cast<double>(k)));
  while (s * s > k) s--;
  while ((s + 1) * (s + 1) <= k) s++;
  std::size_t d = k - s * s, col, row;
  if (d <= s) {
    col = s;
    row = d;
  } else {
    col = d - s - 1;
    row = s;
  }
  x = (static_cast<float>(col) + 0.5f) * kCell;
  y = (static_cast<float>(row) + 0.5f) * kCell;
}

void Layout::clear() {
  nodes_.clear();
  pipes_.clear();
  node_of_g_.clear();
  pipe_of_c_.clear();
  place_of_g_.clear();
  owner_.clear();
  free_.clear();
  live_.clear();
  cluster_place_.clear();
  cluster_node_.clear();
  seen_ = 0;
  events_ = 0;
  clustered_ = false;
  min_x_ = max_x_ = max_y_ = 0;
}

const Layout::Node* Layout::node_of(std::uint32_t g) const {
  return g < node_of_g_.size() && node_of_g_[g] ? &nodes_[node_of_g_[g] - 1] : nullptr;
}

const Layout::Pipe* Layout::pipe_of(std::uint32_t chan) const {
  return chan < pipe_of_c_.size() && pipe_of_c_[chan] ? &pipes_[pipe_of_c_[chan] - 1] : nullptr;
}

// The lowest free place (taking it from the Done goroutine that held it), or a new one.
std::size_t Layout::take_place(std::uint32_t g) {
  std::size_t k;
  if (!free_.empty()) {
    std::pop_heap(free_.begin(), free_.end(), std::greater<>());
    k = free_.back();
    free_.pop_back();
    place_of_g_[owner_[k]] = 0;
    owner_[k] = g;
  } else {
    k = owner_.size();
    owner_.push_back(g);
  }
  if (g >= place_of_g_.size())
    place_of_g_.resize(std::max<std::size_t>(g + 1, place_of_g_.size() * 2));
  place_of_g_[g] = static_cast<std::uint32_t>(k + 1);
  return k;
}

void Layout::update(const Model& m) {
  const auto& gs = m.goroutines();
  if (m.counters().events < events_ || gs.size() < seen_) clear();
  events_ = m.counters().events;

  // Places: free those of goroutines that ended, then give new ones theirs
  // (in that order, so a goroutine that replaces one that just ended reuses its place).
  std::size_t kept = 0;
  for (std::uint32_t id : live_) {
    if (m.goroutine(id)->state == GState::Done) {
      free_.push_back(place_of_g_[id] - 1);
      std::push_heap(free_.begin(), free_.end(), std::greater<>());
    } else {
      live_[kept++] = id;
    }
  }
  live_.resize(kept);
  for (; seen_ < gs.size(); seen_++) {
    const Goroutine& g = gs[seen_];
    take_place(g.id);
    if (g.state != GState::Done) {
      live_.push_back(g.id);
    } else {
      free_.push_back(place_of_g_[g.id] - 1);
      std::push_heap(free_.begin(), free_.end(), std::greater<>());
    }
  }

  std::size_t alive = m.counters().alive;
  if (!clustered_ && alive > kClusterAbove) clustered_ = true;
  if (clustered_ && alive < kClusterBelow) clustered_ = false;

  if (node_of_g_.size() < place_of_g_.size()) node_of_g_.resize(place_of_g_.size());
  std::fill(node_of_g_.begin(), node_of_g_.end(), 0);
  nodes_.clear();
  max_x_ = max_y_ = 0;
  if (clustered_) {
    layout_clusters(m);
  } else {
    layout_singles(m);
  }
  layout_pipes(m);
}

void Layout::layout_singles(const Model& m) {
  for (std::size_t k = 0; k < owner_.size(); k++) {
    std::uint32_t id = owner_[k];
    const Goroutine* g = id ? m.goroutine(id) : nullptr;
    if (!g || place_of_g_[id] != k + 1) continue;
    Node n{id, 1, g->state, g->reason, g->chan, g->p, 0, 0, kNodeRadius};
    place(k, n.x, n.y);
    max_x_ = std::max(max_x_, n.x + kCell / 2);
    max_y_ = std::max(max_y_, n.y + kCell / 2);
    nodes_.push_back(n);
    node_of_g_[id] = static_cast<std::uint32_t>(nodes_.size());
  }
}

void Layout::layout_clusters(const Model& m) {
  cluster_node_.clear();
  for (std::uint32_t id : live_) {
    const Goroutine& g = *m.goroutine(id);
    std::uint64_t key = std::hash<std::string_view>()(g.name);
    key = key * 31 + static_cast<std::uint64_t>(g.state);
    key = key * 31 + static_cast<std::uint64_t>(g.reason);
    key = key * 1000003 + g.chan;
    auto [it, fresh] = cluster_node_.try_emplace(key, 0);
    if (fresh) {
      auto [pl, new_place] =
          cluster_place_.try_emplace(key, static_cast<std::uint32_t>(cluster_place_.size()));
      (void)new_place;
      Node n{id, 0, g.state, g.reason, g.chan, g.p, 0, 0, kNodeRadius};
      place(pl->second, n.x, n.y);
      max_x_ = std::max(max_x_, n.x + kCell / 2);
      max_y_ = std::max(max_y_, n.y + kCell / 2);
      nodes_.push_back(n);
      it->second = static_cast<std::uint32_t>(nodes_.size());
    }
    Node& n = nodes_[it->second - 1];
    if (++n.count > 1) n.p = -1;
    node_of_g_[id] = it->second;
  }
  for (Node& n : nodes_) {
    // Bigger clusters look bigger, within their grid cell.
    n.r = std::min(kCell / 2, kNodeRadius * (1 + 0.1f * std::log2(static_cast<float>(n.count))));
  }
}

void Layout::layout_pipes(const Model& m) {
  const auto& cs = m.channels();
  pipes_.clear();
  min_x_ = 0;
  for (std::size_t k = 0; k < cs.size(); k++) {
    const Channel& c = cs[k];
    int slots = std::clamp(c.cap, 1, kMaxSlots);
    float w = static_cast<float>(slots) * kSlot;
    auto col = static_cast<float>(k / kPipeRows), row = static_cast<float>(k % kPipeRows);
    float right = -2.0f - col * kPipeColumn;  // room for the senders' queue before the goroutines
    Pipe p{c.id, right - w, row * kPipeRow + 0.5f, w, kSlot, slots};
    min_x_ = std::min(min_x_, right - kPipeColumn + 2.0f);
    max_y_ = std::max(max_y_, p.y + p.h + 0.5f);
    pipes_.push_back(p);
    if (c.id >= pipe_of_c_.size()) pipe_of_c_.resize(c.id + 1 + pipe_of_c_.size());
    pipe_of_c_[c.id] = static_cast<std::uint32_t>(pipes_.size());
  }
}

}  // namespace gort::web
