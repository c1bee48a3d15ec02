// The layered drawing (see layered.hpp): cycle breaking, layering, dummy
// slots, crossing reduction and vertical placement, in that order.
//
//   - Cycles: an edge whose reverse is also an edge (a goroutine that both
//     sends on and receives from a channel) is flipped to run alongside it;
//     then a depth-first search from the root, then from every node in
//     order, reverses the edges that close a cycle (they become loops).
//   - Layers: longest path from the sources; a source with successors moves
//     right next to its nearest one; a node without edges goes one layer
//     right of its `after` node.
//   - Order: barycenter sweeps down and up, keeping the best order seen,
//     then swaps of neighbours while they remove crossings. A loop's turn
//     slot always stays next to its node.
//   - y: each sweep moves slots towards the mean y of their neighbours in
//     the layer before (or after), keeping their order and gaps, by
//     isotonic regression (pool adjacent violators).
#include "layered.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_set>

namespace gort::web::layered {
namespace {

enum class Kind : std::uint8_t { Node, Dummy, Turn };

struct SlotInfo {
  int layer;
  int node;  // Node: the node; Turn: the node it turns at
  int edge;  // Dummy, Turn: its edge
  Kind kind;
  float rank;                    // initial order
  std::vector<int> left, right;  // neighbour slots in layer - 1 / + 1
};

struct Work {
  std::vector<SlotInfo> slots;
  std::vector<std::vector<int>> order;  // per layer: slot ids, top to bottom
  std::vector<int> pos;                 // per slot: index in its layer's order
  std::vector<float> y;                 // per slot: centre
  std::vector<float> h;                 // per slot: height

  void index() {
    for (auto& o : order)
      for (std::size_t i = 0; i < o.size(); ++i)
        pos[static_cast<std::size_t>(o[i])] = static_cast<int>(i);
  }

  // Crossings between layer l and l + 1: inversions among the segments
  // sorted by their left end (a Fenwick tree over right positions).
  int crossings(std::size_t l) const {
    std::vector<std::pair<int, int>> segs;
    for (int s : order[l])
      for (int r : slots[static_cast<std::size_t>(s)].right)
        segs.emplace_back(pos[static_cast<std::size_t>(s)], pos[static_cast<std::size_t>(r)]);
    std::sort(segs.begin(), segs.end());
    const std::size_t n = order[l + 1].size() + 1;
    std::vector<int> tree(n + 1, 0);
    int count = 0, seen = 0;
    for (const auto& sg : segs) {
      // Segments seen so far whose right end is greater than this one's.
      int le = 0;
      for (std::size_t i = static_cast<std::size_t>(sg.second) + 1; i > 0; i -= i & (~i + 1))
        le += tree[i];
      count += seen - le;
      for (std::size_t i = static_cast<std::size_t>(sg.second) + 1; i <= n; i += i & (~i + 1))
        tree[i]++;
      seen++;
    }
    return count;
  }
  int crossings() const {
    int c = 0;
    for (std::size_t l = 0; l + 1 < order.size(); ++l) c += crossings(l);
    return c;
  }

  float gap(int a, int b) const {
    const auto& sa = slots[static_cast<std::size_t>(a)];
    const auto& sb = slots[static_cast<std::size_t>(b)];
    const bool na = sa.kind == Kind::Node, nb = sb.kind == Kind::Node;
    const float g = na && nb ? kNodeGap : na || nb ? kDummyGap : kDummyDummyGap;
    return (h[static_cast<std::size_t>(a)] + h[static_cast<std::size_t>(b)]) / 2 + g;
  }

  // Sorts layer l by the mean position of each slot's neighbours on one
  // side (slots without any keep their place), then puts turns back next
  // to their nodes.
  void sort_layer(std::size_t l, bool from_left) {
    auto& o = order[l];
    std::vector<std::pair<float, int>> keyed;
    keyed.reserve(o.size());
    for (std::size_t i = 0; i < o.size(); ++i) {
      const auto& s = slots[static_cast<std::size_t>(o[i])];
      const auto& nb = from_left ? s.left : s.right;
      float k = static_cast<float>(i);
      if (!nb.empty()) {
        float sum = 0;
        for (int x : nb) sum += static_cast<float>(pos[static_cast<std::size_t>(x)]);
        k = sum / static_cast<float>(nb.size());
        // Relative to the other layer's size, so both kinds of key compare.
        const std::size_t other = from_left ? l - 1 : l + 1;
        k = k * static_cast<float>(o.size()) /
            static_cast<float>(std::max<std::size_t>(order[other].size(), 1));
      }
      keyed.emplace_back(k, o[i]);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < o.size(); ++i) o[i] = keyed[i].second;
    fix_turns(l);
    for (std::size_t i = 0; i < o.size(); ++i)
      pos[static_cast<std::size_t>(o[i])] = static_cast<int>(i);
  }

  // A turn slot sits right above or below its node (on the side it sorted
  // to); several turns at one node nest in the order they had.
  void fix_turns(std::size_t l) {
    auto& o = order[l];
    bool any = false;
    for (int s : o) any |= slots[static_cast<std::size_t>(s)].kind == Kind::Turn;
    if (!any) return;
    std::vector<int> rest, above, below;
    for (std::size_t i = 0; i < o.size(); ++i) {
      const auto& s = slots[static_cast<std::size_t>(o[i])];
      if (s.kind != Kind::Turn) rest.push_back(o[i]);
    }
    std::vector<int> out;
    out.reserve(o.size());
    for (int r : rest) {
      const auto& rs = slots[static_cast<std::size_t>(r)];
      above.clear();
      below.clear();
      if (rs.kind == Kind::Node) {
        bool past = false;
        for (int s : o) {
          if (s == r) past = true;
          const auto& ss = slots[static_cast<std::size_t>(s)];
          if (ss.kind == Kind::Turn && ss.node == rs.node) (past ? below : above).push_back(s);
        }
      }
      out.insert(out.end(), above.begin(), above.end());
      out.push_back(r);
      out.insert(out.end(), below.begin(), below.end());
    }
    o = std::move(out);
  }

  // Swaps neighbours in a layer while that lowers the crossings around it;
  // a turn never leaves its node. Returns whether anything changed.
  bool transpose() {
    bool changed = false;
    for (std::size_t l = 0; l < order.size(); ++l) {
      auto& o = order[l];
      for (std::size_t i = 0; i + 1 < o.size(); ++i) {
        const auto& a = slots[static_cast<std::size_t>(o[i])];
        const auto& b = slots[static_cast<std::size_t>(o[i + 1])];
        if (a.kind == Kind::Turn || b.kind == Kind::Turn) continue;
        int before = around(l);
        std::swap(o[i], o[i + 1]);
        pos[static_cast<std::size_t>(o[i])] = static_cast<int>(i);
        pos[static_cast<std::size_t>(o[i + 1])] = static_cast<int>(i + 1);
        fix_turns(l);
        index_layer(l);
        if (around(l) < before) {
          changed = true;
        } else {
          std::swap(o[i], o[i + 1]);
          pos[static_cast<std::size_t>(o[i])] = static_cast<int>(i);
          pos[static_cast<std::size_t>(o[i + 1])] = static_cast<int>(i + 1);
          fix_turns(l);
          index_layer(l);
        }
      }
    }
    return changed;
  }
  void index_layer(std::size_t l) {
    for (std::size_t i = 0; i < order[l].size(); ++i)
      pos[static_cast<std::size_t>(order[l][i])] = static_cast<int>(i);
  }
  int around(std::size_t l) const {
    return (l > 0 ? crossings(l - 1) : 0) + (l + 1 < order.size() ? crossings(l) : 0);
  }

  // Moves layer l's slots towards the mean y of their neighbours on the
  // chosen sides, keeping order and gaps (isotonic regression).
  void place_layer(std::size_t l, bool use_left, bool use_right) {
    const auto& o = order[l];
    const std::size_t n = o.size();
    if (n == 0) return;
    std::vector<float> target(n), sep(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& s = slots[static_cast<std::size_t>(o[i])];
      float sum = 0;
      int cnt = 0;
      if (use_left)
        for (int x : s.left) sum += y[static_cast<std::size_t>(x)], cnt++;
      if (use_right)
        for (int x : s.right) sum += y[static_cast<std::size_t>(x)], cnt++;
      const float want = cnt ? sum / static_cast<float>(cnt) : y[static_cast<std::size_t>(o[i])];
      if (i > 0) sep[i] = sep[i - 1] + gap(o[i - 1], o[i]);
      target[i] = want - sep[i];
    }
    // Pool adjacent violators: blocks of equal z with the mean of their targets.
    std::vector<float> sum;
    std::vector<int> count;
    for (std::size_t i = 0; i < n; ++i) {
      sum.push_back(target[i]);
      count.push_back(1);
      while (sum.size() > 1 && sum[sum.size() - 2] / static_cast<float>(count[count.size() - 2]) >=
                                   sum.back() / static_cast<float>(count.back())) {
        sum[sum.size() - 2] += sum.back();
        count[count.size() - 2] += count.back();
        sum.pop_back();
        count.pop_back();
      }
    }
    std::size_t i = 0;
    for (std::size_t b = 0; b < sum.size(); ++b) {
      const float z = sum[b] / static_cast<float>(count[b]);
      for (int k = 0; k < count[b]; ++k, ++i) y[static_cast<std::size_t>(o[i])] = z + sep[i];
    }
  }
};

}  // namespace

Output draw(const Input& in) {
  const std::size_t n = in.height.size();
  const std::size_t m = in.edges.size();
  Output out;
  out.layer.assign(n, 0);
  out.index.assign(n, 0);
  out.paths.resize(m);
  if (n == 0) return out;

  // ---- cycles: flip 2-cycles, then reverse the edges that close a cycle.
  std::vector<char> flipped(m, 0), looped(m, 0);
  {
    std::unordered_set<std::uint64_t> seen;
    auto key = [](int a, int b) {
      return (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint32_t>(b);
    };
    for (std::size_t e = 0; e < m; ++e) {
      if (seen.count(key(in.edges[e].to, in.edges[e].from))) flipped[e] = 1;
      seen.insert(key(in.edges[e].from, in.edges[e].to));
    }
  }
  // DAG direction of each edge before the search: flipped ones run backwards.
  auto src = [&](std::size_t e) { return flipped[e] ? in.edges[e].to : in.edges[e].from; };
  auto dst = [&](std::size_t e) { return flipped[e] ? in.edges[e].from : in.edges[e].to; };
  std::vector<std::vector<int>> outs(n);
  for (std::size_t e = 0; e < m; ++e)
    outs[static_cast<std::size_t>(src(e))].push_back(static_cast<int>(e));
  {
    std::vector<char> state(n, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<std::pair<int, std::size_t>> stack;
    auto visit = [&](int r) {
      if (state[static_cast<std::size_t>(r)]) return;
      state[static_cast<std::size_t>(r)] = 1;
      stack.emplace_back(r, 0);
      while (!stack.empty()) {
        auto& [v, i] = stack.back();
        const auto& es = outs[static_cast<std::size_t>(v)];
        if (i == es.size()) {
          state[static_cast<std::size_t>(v)] = 2;
          stack.pop_back();
          continue;
        }
        const int e = es[i++];
        const int w = dst(static_cast<std::size_t>(e));
        if (state[static_cast<std::size_t>(w)] == 1) {
          looped[static_cast<std::size_t>(e)] = 1;
        } else if (state[static_cast<std::size_t>(w)] == 0) {
          state[static_cast<std::size_t>(w)] = 1;
          stack.emplace_back(w, 0);
        }
      }
    };
    if (in.root >= 0 && static_cast<std::size_t>(in.root) < n) visit(in.root);
    for (std::size_t v = 0; v < n; ++v) visit(static_cast<int>(v));
  }
  // Final DAG direction: a looped edge runs backwards once more. A flipped
  // edge that closes a cycle so runs forwards after all: no turns for it.
  auto from = [&](std::size_t e) { return looped[e] ? dst(e) : src(e); };
  auto to = [&](std::size_t e) { return looped[e] ? src(e) : dst(e); };
  auto loop = [&](std::size_t e) { return looped[e] && !flipped[e]; };

  // ---- layers: longest path (Kahn, in node order), sources pulled right.
  std::vector<std::vector<int>> succ(n), pred(n);
  for (std::size_t e = 0; e < m; ++e) {
    if (from(e) == to(e)) continue;
    succ[static_cast<std::size_t>(from(e))].push_back(to(e));
    pred[static_cast<std::size_t>(to(e))].push_back(from(e));
  }
  std::vector<int>& layer = out.layer;
  {
    std::vector<int> indeg(n);
    for (std::size_t v = 0; v < n; ++v) indeg[v] = static_cast<int>(pred[v].size());
    std::vector<int> queue, topo;
    for (std::size_t v = 0; v < n; ++v)
      if (!indeg[v]) queue.push_back(static_cast<int>(v));
    for (std::size_t qi = 0; qi < queue.size(); ++qi) {
      const int v = queue[qi];
      topo.push_back(v);
      for (int w : succ[static_cast<std::size_t>(v)]) {
        layer[static_cast<std::size_t>(w)] =
            std::max(layer[static_cast<std::size_t>(w)], layer[static_cast<std::size_t>(v)] + 1);
        if (--indeg[static_cast<std::size_t>(w)] == 0) queue.push_back(w);
      }
    }
    for (std::size_t v = 0; v < n; ++v) {
      if (!pred[v].empty() || succ[v].empty()) continue;
      int lo = 1 << 30;
      for (int w : succ[v]) lo = std::min(lo, layer[static_cast<std::size_t>(w)]);
      layer[v] = lo - 1;
    }
    // Nodes without edges: one layer right of the node they follow.
    std::vector<char> done(n, 0);
    for (std::size_t v = 0; v < n; ++v) done[v] = !pred[v].empty() || !succ[v].empty();
    for (std::size_t v = 0; v < n; ++v) {
      std::vector<int> chain;
      int x = static_cast<int>(v);
      while (x >= 0 && !done[static_cast<std::size_t>(x)] && chain.size() <= n) {
        chain.push_back(x);
        x = in.after.size() > static_cast<std::size_t>(x) ? in.after[static_cast<std::size_t>(x)]
                                                          : -1;
      }
      int base =
          x >= 0 && done[static_cast<std::size_t>(x)] ? layer[static_cast<std::size_t>(x)] : -1;
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        layer[static_cast<std::size_t>(*it)] = ++base;
        done[static_cast<std::size_t>(*it)] = 1;
      }
    }
    const int lo = *std::min_element(layer.begin(), layer.end());
    for (int& l : layer) l -= lo;
  }
  const int nlayers = *std::max_element(layer.begin(), layer.end()) + 1;

  // ---- slots: nodes, then each edge's dummies (and a loop's turns).
  Work w;
  w.order.resize(static_cast<std::size_t>(nlayers));
  std::vector<int> node_slot(n);
  for (std::size_t v = 0; v < n; ++v) {
    node_slot[v] = static_cast<int>(w.slots.size());
    w.slots.push_back(
        {layer[v], static_cast<int>(v), -1, Kind::Node, static_cast<float>(v), {}, {}});
    w.h.push_back(in.height[v]);
  }
  std::vector<std::vector<int>> path_slots(m);
  for (std::size_t e = 0; e < m; ++e) {
    const int a = from(e), b = to(e);
    const float rank = static_cast<float>(a) + 0.5f + static_cast<float>(e) * 1e-4f;
    auto& ps = path_slots[e];
    auto dummy = [&](int l, Kind k, int node) {
      ps.push_back(static_cast<int>(w.slots.size()));
      w.slots.push_back({l, node, static_cast<int>(e), k, rank, {}, {}});
      w.h.push_back(0);
    };
    ps.push_back(node_slot[static_cast<std::size_t>(a)]);
    if (loop(e)) dummy(layer[static_cast<std::size_t>(a)], Kind::Turn, a);
    for (int l = layer[static_cast<std::size_t>(a)] + 1; l < layer[static_cast<std::size_t>(b)];
         ++l)
      dummy(l, Kind::Dummy, -1);
    if (loop(e)) dummy(layer[static_cast<std::size_t>(b)], Kind::Turn, b);
    ps.push_back(node_slot[static_cast<std::size_t>(b)]);
    for (std::size_t i = 0; i + 1 < ps.size(); ++i) {
      auto& s0 = w.slots[static_cast<std::size_t>(ps[i])];
      auto& s1 = w.slots[static_cast<std::size_t>(ps[i + 1])];
      if (s1.layer == s0.layer + 1) {
        s0.right.push_back(ps[i + 1]);
        s1.left.push_back(ps[i]);
      }
    }
  }
  for (std::size_t s = 0; s < w.slots.size(); ++s)
    w.order[static_cast<std::size_t>(w.slots[s].layer)].push_back(static_cast<int>(s));
  for (auto& o : w.order)
    std::stable_sort(o.begin(), o.end(), [&](int a, int b) {
      return w.slots[static_cast<std::size_t>(a)].rank < w.slots[static_cast<std::size_t>(b)].rank;
    });
  w.pos.assign(w.slots.size(), 0);
  for (std::size_t l = 0; l < w.order.size(); ++l) w.fix_turns(l);
  w.index();

  // ---- order: barycenter sweeps, the best kept; then transposition.
  const bool small = w.slots.size() <= 600;
  int best = w.crossings();
  auto best_order = w.order;
  for (int it = 0; it < (small ? 24 : 6) && best > 0; ++it) {
    const bool down = it % 2 == 0;
    if (down) {
      for (std::size_t l = 1; l < w.order.size(); ++l) w.sort_layer(l, true);
    } else {
      for (std::size_t l = w.order.size(); l-- > 1;) w.sort_layer(l - 1, false);
    }
    const int c = w.crossings();
    if (c < best) {
      best = c;
      best_order = w.order;
    }
  }
  w.order = best_order;
  w.index();
  if (small)
    for (int round = 0; round < 8 && best > 0 && w.transpose(); ++round) best = w.crossings();
  out.crossings = w.crossings();

  // ---- y: stacked, then pulled towards the neighbours.
  w.y.assign(w.slots.size(), 0);
  for (const auto& o : w.order)
    for (std::size_t i = 1; i < o.size(); ++i)
      w.y[static_cast<std::size_t>(o[i])] =
          w.y[static_cast<std::size_t>(o[i - 1])] + w.gap(o[i - 1], o[i]);
  for (int it = 0; it < 10; ++it) {
    const bool both = it >= 8;
    if (it % 2 == 0 || both) {
      for (std::size_t l = 1; l < w.order.size(); ++l) w.place_layer(l, true, both);
    }
    if (it % 2 == 1 || both) {
      for (std::size_t l = w.order.size(); l-- > 1;) w.place_layer(l - 1, both, true);
    }
  }
  float top = 1e30f;
  for (std::size_t s = 0; s < w.slots.size(); ++s) top = std::min(top, w.y[s] - w.h[s] / 2);
  for (float& y : w.y) y -= top;

  // ---- the answer.
  out.layers.resize(w.order.size());
  for (std::size_t l = 0; l < w.order.size(); ++l) {
    for (int s : w.order[l]) {
      const auto& si = w.slots[static_cast<std::size_t>(s)];
      Slot slot;
      slot.node = si.kind == Kind::Node ? si.node : -1;
      slot.edge = si.edge;
      slot.y = w.y[static_cast<std::size_t>(s)];
      if (si.kind == Kind::Node)
        out.index[static_cast<std::size_t>(si.node)] = static_cast<int>(out.layers[l].size());
      out.layers[l].push_back(slot);
    }
  }
  for (std::size_t e = 0; e < m; ++e) {
    Path& p = out.paths[e];
    p.loop = loop(e);
    p.reversed = from(e) != in.edges[e].from;
    for (int s : path_slots[e])
      p.at.emplace_back(w.slots[static_cast<std::size_t>(s)].layer,
                        w.pos[static_cast<std::size_t>(s)]);
  }
  return out;
}

}  // namespace gort::web::layered
