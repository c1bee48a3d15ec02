// The graph view's layout (see layout.hpp for the invariants).
//
// Geometry of the settled map, per band (flowing in direction d = +1 or -1):
// every layer is a column as wide as its widest box plus a pad on each
// side; boxes are centred in it. An edge leaves a box at a port on its side
// (ports of one side are spread over the box's height, sorted by where
// their edges go, so edges leaving one box never cross), runs straight to
// the column's side and a lead further, slants across the gap to a lead
// before the next column, and enters it. A dummy slot is a straight run through
// its column. A loop's turn hooks into its box inside the column's pad.
// Between bands the edges go out to tracks beside the drawing, down, and
// back in; the topmost takes the outermost track, so they nest.
#include "layout.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "layered.hpp"

namespace gort::web {
namespace {

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t x = a * 0x9e3779b97f4a7c15ULL + b + 0x632be59bd9b4e019ULL;
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x | 1;  // 0 means "no key"
}
constexpr std::uint64_t kOrphan = 0x0badc0ffeeULL;
constexpr std::int64_t kNoPlace = INT64_MIN;
constexpr float kMinNodeW = 36;

std::uint64_t edge_key(std::uint64_t gkey, std::uint64_t ckey, bool send) {
  return mix(mix(gkey, ckey), send ? 7 : 3);
}

// Lineage keys for a model's goroutines and channels, in order of
// appearance: main is mix(0, 0); the n-th goroutine made by a goroutine
// with key k is mix(k, 2n), its n-th channel mix(k, 2n + 1).
struct Keys {
  std::unordered_map<std::uint64_t, std::uint32_t>& made;
  std::vector<std::uint64_t>& gk;
  std::vector<std::uint64_t>& ck;

  static std::uint64_t of(const std::vector<std::uint64_t>& v, std::uint32_t id) {
    return id < v.size() ? v[id] : 0;
  }
  std::uint64_t next(std::uint64_t parent, bool chan) {
    const std::uint64_t slot = mix(parent, chan ? 11 : 5);
    const std::uint32_t n = made[slot]++;
    return mix(parent, 2 * std::uint64_t{n} + chan);
  }
  std::uint64_t goroutine(const Goroutine& g) {
    if (g.id >= gk.size()) gk.resize(std::max<std::size_t>(g.id + 1, gk.size() * 2), 0);
    if (!gk[g.id]) {
      const std::uint64_t p = of(gk, g.parent);
      gk[g.id] = g.id == 1 ? mix(0, 0) : next(p ? p : kOrphan, false);
    }
    return gk[g.id];
  }
  std::uint64_t channel(const Channel& c) {
    if (c.id >= ck.size()) ck.resize(std::max<std::size_t>(c.id + 1, ck.size() * 2), 0);
    if (!ck[c.id]) {
      const std::uint64_t p = of(gk, c.creator);
      ck[c.id] = next(p ? p : kOrphan, true);
    }
    return ck[c.id];
  }
};

template <class T>
void grow(std::vector<T>& v, std::size_t id, T fill) {
  if (id >= v.size()) v.resize(std::max<std::size_t>(id + 1, v.size() * 2), fill);
}

// prefix + n (not "g" + std::to_string: g++ 12 warns falsely with -Wrestrict).
std::string tagged(const char* prefix, std::uint64_t n) {
  std::string s = prefix;
  s += std::to_string(n);
  return s;
}

}  // namespace

Layout::Layout() : width_([](std::string_view s) { return 7.5f * static_cast<float>(s.size()); }) {}

std::string Layout::goroutine_label(const Goroutine& g) {
  return g.name.empty() ? tagged("g", g.id) : g.name;
}

std::string Layout::channel_label(const Model& m, const Channel& c) const {
  if (c.name.empty()) return tagged("c", c.id);
  for (const Channel& o : m.channels())
    if (o.id != c.id && o.name == c.name) return c.name + tagged("#", c.id);
  return c.name;
}

float Layout::text_w(std::string_view s) const {
  return width_(s);
}

Layout::Sizes Layout::goroutine_size(std::string_view label) const {
  return {std::max(text_w(label) + 2 * kPad, kMinNodeW), kNodeH, 0};
}

Layout::Sizes Layout::channel_size(const Model& m, const Channel& c, float slot_w) const {
  // Room for the name and the longest status beside it: "16/16", and
  // " closed" only for a channel that gets closed (as the pre-run saw).
  std::string status = c.cap > 0 ? tagged("", c.cap) + "/" + tagged("", c.cap) : "";
  if (c.closed) status += " closed";
  const float name =
      text_w(channel_label(m, c) + "0") + (status.empty() ? 0 : text_w(status) + kPad) + 2 * kPad;
  const float cells = static_cast<float>(slots(c.cap)) * slot_w + 2 * kQueueRoom + 8;
  return {std::max(name, cells), kChanH, slot_w};
}

Layout::Pt Layout::slot(const Item& c, int k) {
  const float y = c.box.y + kNameRow + kSlotH / 2;
  const float end = c.dir > 0 ? c.box.x + c.box.w - kQueueRoom - 4 : c.box.x + kQueueRoom + 4;
  return {end - c.dir * (static_cast<float>(k) + 0.5f) * c.slot_w, y};
}

// ---- the map ----------------------------------------------------------------

void Layout::settle(const Model& pre) {
  snodes_.clear();
  sedges_.clear();
  spaths_.clear();
  sreversed_.clear();
  sloop_.clear();
  slot_y_.clear();
  slot_node_.clear();
  snode_of_key_.clear();
  sedge_of_key_.clear();
  crossings_ = 0;
  restart();
  if (pre.goroutines().empty()) return;

  std::unordered_map<std::uint64_t, std::uint32_t> made;
  std::vector<std::uint64_t> gk, ck;
  Keys keys{made, gk, ck};
  layered::Input in;
  std::vector<int> node_of_g(1, -1), node_of_c(1, -1);
  // Widest value each channel held, for its slots.
  std::unordered_map<std::uint32_t, float> widest;
  for (const Transfer& t : pre.transfers()) {
    float& w = widest[t.chan];
    w = std::max(w, text_w(pre.format(t.v)));
  }
  for (const Goroutine& g : pre.goroutines()) {
    const std::uint64_t key = keys.goroutine(g);
    grow(node_of_g, g.id, -1);
    node_of_g[g.id] = static_cast<int>(snodes_.size());
    snode_of_key_[key] = static_cast<std::uint32_t>(snodes_.size());
    const Sizes s = goroutine_size(goroutine_label(g) + "0");
    snodes_.push_back({key, false, s.w, s.h, 0, 0, 0, {}, 1});
    in.height.push_back(s.h);
    in.after.push_back(g.parent < node_of_g.size() ? node_of_g[g.parent] : -1);
  }
  for (const Channel& c : pre.channels()) {
    const std::uint64_t key = keys.channel(c);
    grow(node_of_c, c.id, -1);
    node_of_c[c.id] = static_cast<int>(snodes_.size());
    snode_of_key_[key] = static_cast<std::uint32_t>(snodes_.size());
    auto wi = widest.find(c.id);
    const float slot_w = std::clamp((wi == widest.end() ? 0.0f : wi->second) + 8, 24.0f, 72.0f);
    const Sizes s = channel_size(pre, c, slot_w);
    snodes_.push_back({key, true, s.w, s.h, s.slot_w, 0, 0, {}, 1});
    in.height.push_back(s.h);
    in.after.push_back(c.creator < node_of_g.size() ? node_of_g[c.creator] : -1);
  }
  for (const Flow& l : pre.flows()) {
    const int g = l.g < node_of_g.size() ? node_of_g[l.g] : -1;
    const int c = l.chan < node_of_c.size() ? node_of_c[l.chan] : -1;
    if (g < 0 || c < 0) continue;
    in.edges.push_back(l.send ? layered::Edge{g, c} : layered::Edge{c, g});
    sedge_of_key_[edge_key(gk[l.g], ck[l.chan], l.send)] =
        static_cast<std::uint32_t>(sedges_.size());
    auto wi = widest.find(l.chan);
    const float chip = std::clamp((wi == widest.end() ? 0.0f : wi->second) + 8, kChipH, kMaxChipW);
    sedges_.push_back({gk[l.g], ck[l.chan], l.send, chip, {}});
  }
  in.root = node_of_g.size() > 1 ? node_of_g[1] : -1;

  const layered::Output out = layered::draw(in);
  crossings_ = out.crossings;
  for (std::size_t v = 0; v < snodes_.size(); ++v) {
    snodes_[v].layer = out.layer[v];
    snodes_[v].index = out.index[v];
  }
  for (const auto& layer : out.layers) {
    slot_y_.emplace_back();
    slot_node_.emplace_back();
    for (const layered::Slot& s : layer) {
      slot_y_.back().push_back(s.y);
      slot_node_.back().push_back(s.node);
    }
  }
  for (const layered::Path& p : out.paths) {
    spaths_.push_back(p.at);
    sreversed_.push_back(p.reversed);
    sloop_.push_back(p.loop);
  }
  arranged_w_ = arranged_h_ = 0;  // arrange() must run again
}

void Layout::arrange_settled() {
  const std::size_t nl = slot_y_.size();
  content_ = {0, 0, 0, 0};
  bands_ = 1;
  if (nl == 0) return;
  // Columns: the widest box, a pad each side (wider where a loop turns).
  std::vector<float> pad(nl, kColumnPad), colw(nl, 0), ylo(nl, 1e30f), yhi(nl, -1e30f);
  for (std::size_t e = 0; e < spaths_.size(); ++e)
    if (sloop_[e]) {
      pad[static_cast<std::size_t>(spaths_[e].front().first)] = kTurnPad;
      pad[static_cast<std::size_t>(spaths_[e].back().first)] = kTurnPad;
    }
  for (std::size_t l = 0; l < nl; ++l) {
    for (std::size_t i = 0; i < slot_y_[l].size(); ++i) {
      const int v = slot_node_[l][i];
      const float h = v >= 0 ? snodes_[static_cast<std::size_t>(v)].h : kChipH;
      if (v >= 0) colw[l] = std::max(colw[l], snodes_[static_cast<std::size_t>(v)].w);
      ylo[l] = std::min(ylo[l], slot_y_[l][i] - h / 2);
      yhi[l] = std::max(yhi[l], slot_y_[l][i] + h / 2);
    }
    colw[l] += 2 * pad[l];
    if (ylo[l] > yhi[l]) ylo[l] = yhi[l] = 0;
  }
  // Gaps: an edge runs straight out of its column for `lead` before it
  // bends, far enough that the widest chip crossing there clears the
  // column's boxes. between[l]: edges from layer l to l + 1 (a U turn if a
  // band ends there).
  std::vector<int> between(nl, 0);
  std::vector<float> lead(nl, 4);
  float widest = kChipH;
  for (std::size_t e = 0; e < spaths_.size(); ++e) {
    const auto& at = spaths_[e];
    widest = std::max(widest, sedges_[e].chip);
    for (std::size_t i = 1; i < at.size(); ++i)
      if (at[i].first == at[i - 1].first + 1) {
        const auto l = static_cast<std::size_t>(at[i - 1].first);
        between[l]++;
        lead[l] = std::max(lead[l],
                           sedges_[e].chip / 2 - std::min(pad[l], pad[l + 1 < nl ? l + 1 : l]) + 2);
      }
  }
  std::vector<float> gap(nl, 0);
  for (std::size_t l = 0; l + 1 < nl; ++l) gap[l] = 2 * lead[l] + kSlant;
  const float turn_lead = widest / 2 - kColumnPad + 2;
  auto margin = [&](std::size_t l) {
    return turn_lead + static_cast<float>(between[l]) * kTrack + 4;
  };

  // Bands: cut the layers into k runs of about equal width. Each band more
  // is a turn to follow: keep the fewest that make the drawing readable
  // (kMinScale). If none does, keep the one that is readable across, the
  // canvas's width (it overflows downwards only), with the least height;
  // failing that, the one at the largest scale.
  float total = 0;
  for (std::size_t l = 0; l < nl; ++l) total += colw[l] + gap[l];
  std::vector<int> best_band(nl, 0);
  int best_rank = -1;  // 2: readable, 1: readable across, 0: neither
  float best_scale = -1, best_h = 0;
  const std::size_t max_k = std::min<std::size_t>(nl, 12);
  std::vector<int> band(nl);
  for (std::size_t k = 1; k <= max_k; ++k) {
    float acc = 0;
    std::vector<char> used(k, 0);
    for (std::size_t l = 0; l < nl; ++l) {
      const float mid = acc + (colw[l] + gap[l]) / 2;
      band[l] =
          std::min(static_cast<int>(k) - 1, static_cast<int>(mid * static_cast<float>(k) / total));
      used[static_cast<std::size_t>(band[l])] = 1;
      acc += colw[l] + gap[l];
    }
    if (std::count(used.begin(), used.end(), 0)) continue;  // a wide layer spans a band
    std::vector<float> iw(k, 0), lo(k, 1e30f), hi(k, -1e30f);
    float ml = 0, mr = 0;
    for (std::size_t l = 0; l < nl; ++l) {
      const auto bb = static_cast<std::size_t>(band[l]);
      iw[bb] += colw[l];
      lo[bb] = std::min(lo[bb], ylo[l]);
      hi[bb] = std::max(hi[bb], yhi[l]);
      if (l + 1 == nl) break;
      if (band[l + 1] == band[l])
        iw[bb] += gap[l];
      else
        (bb % 2 == 0 ? mr : ml) = std::max(bb % 2 == 0 ? mr : ml, margin(l));
    }
    float w = 0, h = kBandGap * static_cast<float>(k - 1);
    for (std::size_t bb = 0; bb < k; ++bb) {
      w = std::max(w, iw[bb]);
      h += hi[bb] - lo[bb];
    }
    w += ml + mr;
    const float sw = arranged_w_ / std::max(w, 1.0f), sh = arranged_h_ / std::max(h, 1.0f);
    const float scale = std::min(sw, sh);
    const int rank = scale >= kMinScale ? 2 : sw >= kMinScale ? 1 : 0;
    const bool better = rank > best_rank || (rank == best_rank && rank == 1 && h < best_h) ||
                        (rank == best_rank && rank == 0 && scale > best_scale);
    if (better) {
      best_rank = rank;
      best_scale = scale;
      best_h = h;
      best_band.assign(band.begin(), band.end());
      bands_ = static_cast<int>(k);
    }
  }

  // Place the bands.
  const auto nb = static_cast<std::size_t>(bands_);
  std::vector<float> iw(nb, 0), lo(nb, 1e30f), hi(nb, -1e30f);
  float ml = 0, mr = 0;
  std::vector<std::vector<std::pair<float, std::pair<std::size_t, std::size_t>>>> turns(nb);
  for (std::size_t l = 0; l < nl; ++l) {
    const auto bb = static_cast<std::size_t>(best_band[l]);
    iw[bb] += colw[l];
    lo[bb] = std::min(lo[bb], ylo[l]);
    hi[bb] = std::max(hi[bb], yhi[l]);
    if (l + 1 == nl) break;
    if (best_band[l + 1] == best_band[l])
      iw[bb] += gap[l];
    else
      (bb % 2 == 0 ? mr : ml) = std::max(bb % 2 == 0 ? mr : ml, margin(l));
  }
  float cw = 0;
  for (float w : iw) cw = std::max(cw, w);
  std::vector<float> by(nb, 0);
  for (std::size_t bb = 1; bb < nb; ++bb) by[bb] = by[bb - 1] + hi[bb - 1] - lo[bb - 1] + kBandGap;
  std::vector<float> colx(nl), dir(nl);
  {
    float acc = 0;
    for (std::size_t l = 0; l < nl; ++l) {
      if (l > 0 && best_band[l] != best_band[l - 1]) acc = 0;
      const auto bb = static_cast<std::size_t>(best_band[l]);
      dir[l] = bb % 2 == 0 ? 1.0f : -1.0f;
      colx[l] = dir[l] > 0 ? ml + acc : ml + cw - acc - colw[l];
      acc += colw[l] + gap[l];
    }
  }
  auto gy = [&](std::size_t l, std::size_t i) {
    const auto bb = static_cast<std::size_t>(best_band[l]);
    const float y = slot_y_[l][i];
    return dir[l] > 0 ? by[bb] + (y - lo[bb]) : by[bb] + (hi[bb] - y);
  };
  auto col_in = [&](std::size_t l) { return dir[l] > 0 ? colx[l] : colx[l] + colw[l]; };
  auto col_out = [&](std::size_t l) { return dir[l] > 0 ? colx[l] + colw[l] : colx[l]; };
  for (SNode& n : snodes_) {
    const auto l = static_cast<std::size_t>(n.layer);
    const float cy = gy(l, static_cast<std::size_t>(n.index));
    n.box = {colx[l] + (colw[l] - n.w) / 2, cy - n.h / 2, n.w, n.h};
    n.dir = dir[l];
  }
  auto in_x = [&](const SNode& n) { return n.dir > 0 ? n.box.x : n.box.x + n.box.w; };
  auto out_x = [&](const SNode& n) { return n.dir > 0 ? n.box.x + n.box.w : n.box.x; };

  // Ports: per node and side, sorted by where the edge goes next.
  struct End {
    float key;
    std::size_t edge;
    bool last;  // the path's right end
  };
  std::vector<std::vector<End>> side(snodes_.size() * 2);  // node * 2 + (out side)
  std::vector<float> nest(spaths_.size() * 2, 0);          // a turn's depth at each end
  for (std::size_t e = 0; e < spaths_.size(); ++e) {
    const auto& at = spaths_[e];
    const std::size_t k = at.size() - 1;
    for (int end = 0; end < 2; ++end) {
      const auto& me = at[end ? k : 0];
      const int v =
          slot_node_[static_cast<std::size_t>(me.first)][static_cast<std::size_t>(me.second)];
      const auto l = static_cast<std::size_t>(me.first);
      const auto& nb = at[end ? k - 1 : 1];
      float key;
      bool out_side;
      if (sloop_[e]) {
        // A hook at the turn next to it: the outermost port on its side,
        // inner turns outside outer ones (so hooks nest without crossing).
        const float depth = static_cast<float>(std::abs(nb.second - me.second) - 1);
        nest[e * 2 + static_cast<std::size_t>(end)] = depth;
        const bool above =
            gy(l, static_cast<std::size_t>(nb.second)) < gy(l, static_cast<std::size_t>(me.second));
        key = above ? -1e9f + depth : 1e9f - depth;
        out_side = end == 1;
      } else {
        const auto nl2 = static_cast<std::size_t>(nb.first);
        const float y = gy(nl2, static_cast<std::size_t>(nb.second));
        key = best_band[nl2] == best_band[l] ? y : -y;  // across a U turn the order flips
        out_side = end == 0;
      }
      side[static_cast<std::size_t>(v) * 2 + out_side].push_back({key, e, end == 1});
    }
  }
  std::vector<float> port(spaths_.size() * 2, 0);  // per edge end: port y
  for (std::size_t s = 0; s < side.size(); ++s) {
    auto& ends = side[s];
    if (ends.empty()) continue;
    std::stable_sort(ends.begin(), ends.end(),
                     [](const End& a, const End& b) { return a.key < b.key; });
    const SNode& n = snodes_[s / 2];
    const float top = n.chan ? n.box.y + kNameRow + 3 : n.box.y + 5;
    const float bot = n.chan ? n.box.y + kNameRow + kSlotH - 3 : n.box.y + n.box.h - 5;
    for (std::size_t i = 0; i < ends.size(); ++i)
      port[ends[i].edge * 2 + ends[i].last] =
          top + (bot - top) * (static_cast<float>(i) + 0.5f) / static_cast<float>(ends.size());
  }
  // U turns: at each band's end the edges that cross it, the topmost outermost.
  auto exit_y = [&](std::size_t e, std::size_t i) {  // y where segment i-1 -> i leaves
    const auto& p = spaths_[e][i - 1];
    return i - 1 == 0 ? port[e * 2]
                      : gy(static_cast<std::size_t>(p.first), static_cast<std::size_t>(p.second));
  };
  std::vector<float> track(0);
  std::unordered_map<std::uint64_t, float> track_x;  // (edge, segment) -> x
  for (std::size_t e = 0; e < spaths_.size(); ++e)
    for (std::size_t i = 1; i < spaths_[e].size(); ++i) {
      const auto l = static_cast<std::size_t>(spaths_[e][i - 1].first);
      if (spaths_[e][i].first == spaths_[e][i - 1].first + 1 && best_band[l + 1] != best_band[l])
        turns[static_cast<std::size_t>(best_band[l])].push_back({exit_y(e, i), {e, i}});
    }
  for (std::size_t bb = 0; bb < nb; ++bb) {
    auto& t = turns[bb];
    std::sort(t.begin(), t.end());
    for (std::size_t i = 0; i < t.size(); ++i) {
      const float off = turn_lead + static_cast<float>(t.size() - 1 - i) * kTrack;
      track_x[(std::uint64_t{t[i].second.first} << 20) | t[i].second.second] =
          bb % 2 == 0 ? ml + cw + off : ml - off;
    }
  }

  // Routes.
  for (std::size_t e = 0; e < spaths_.size(); ++e) {
    const auto& at = spaths_[e];
    std::vector<Pt>& pts = sedges_[e].pts;
    pts.clear();
    auto node_at = [&](const std::pair<int, int>& p) -> const SNode& {
      return snodes_[static_cast<std::size_t>(
          slot_node_[static_cast<std::size_t>(p.first)][static_cast<std::size_t>(p.second)])];
    };
    const SNode& a = node_at(at.front());
    const SNode& b = node_at(at.back());
    std::size_t i;
    float cur;
    if (sloop_[e]) {
      const auto l = static_cast<std::size_t>(at[0].first);
      const float ty = gy(l, static_cast<std::size_t>(at[1].second));
      const float hx = in_x(a) - a.dir * (3 + 4 * nest[e * 2]);
      pts = {{in_x(a), port[e * 2]}, {hx, port[e * 2]}, {hx, ty}, {col_out(l), ty}};
      i = 2;
      cur = ty;
    } else {
      const auto l = static_cast<std::size_t>(at[0].first);
      pts = {{out_x(a), port[e * 2]}, {col_out(l), port[e * 2]}};
      i = 1;
      cur = port[e * 2];
    }
    for (; i < at.size(); ++i) {
      const auto l = static_cast<std::size_t>(at[i].first),
                 lp = static_cast<std::size_t>(at[i - 1].first);
      const bool last = i + 1 == at.size();
      const bool turn_v = sloop_[e] && i + 2 == at.size();
      const float ey = last ? port[e * 2 + 1] : gy(l, static_cast<std::size_t>(at[i].second));
      if (best_band[l] == best_band[lp]) {
        pts.push_back({col_out(lp) + dir[lp] * lead[lp], cur});
        pts.push_back({col_in(l) - dir[l] * lead[lp], ey});
      } else {
        const float tx = track_x[(std::uint64_t{e} << 20) | i];
        pts.push_back({tx, cur});
        pts.push_back({tx, ey});
      }
      pts.push_back({col_in(l), ey});
      if (turn_v) {
        const float hx = out_x(b) + b.dir * (3 + 4 * nest[e * 2 + 1]);
        pts.push_back({hx, ey});
        pts.push_back({hx, port[e * 2 + 1]});
        pts.push_back({out_x(b), port[e * 2 + 1]});
        break;
      }
      if (last) {
        pts.push_back({in_x(b), ey});
        break;
      }
      pts.push_back({col_out(l), ey});
      cur = ey;
    }
    if (sreversed_[e]) std::reverse(pts.begin(), pts.end());
    pts.erase(std::unique(pts.begin(), pts.end(),
                          [](const Pt& p, const Pt& q) {
                            return std::fabs(p.x - q.x) < 0.01f && std::fabs(p.y - q.y) < 0.01f;
                          }),
              pts.end());
  }

  // The box around it all.
  float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
  auto add = [&](float ax, float ay, float bx, float byy) {
    x0 = std::min(x0, ax), y0 = std::min(y0, ay), x1 = std::max(x1, bx), y1 = std::max(y1, byy);
  };
  for (const SNode& n : snodes_) add(n.box.x, n.box.y, n.box.x + n.box.w, n.box.y + n.box.h);
  for (const SEdge& s : sedges_)
    for (const Pt& p : s.pts)
      add(p.x - kChipH / 2, p.y - kChipH / 2, p.x + kChipH / 2, p.y + kChipH / 2);
  content_ = {x0, y0, x1 - x0, y1 - y0};
}

// ---- the run ----------------------------------------------------------------

void Layout::restart() {
  g_key_.clear();
  c_key_.clear();
  g_place_.clear();
  c_place_.clear();
  children_.clear();
  cells_.clear();
  free_cells_.clear();
  live_.clear();
  cluster_cell_.clear();
  seen_g_ = seen_c_ = 0;
  events_ = 0;
  generation_ = 0;
  clustered_ = false;
  items_.clear();
  item_of_g_.clear();
  item_of_c_.clear();
  dirty_ = true;
}

std::size_t Layout::take_cell(std::uint64_t owner) {
  if (!free_cells_.empty()) {
    std::pop_heap(free_cells_.begin(), free_cells_.end(), std::greater<>());
    const std::size_t k = free_cells_.back();
    free_cells_.pop_back();
    // The Done goroutine that had it is no longer drawn.
    const auto old = static_cast<std::uint32_t>(cells_[k]);
    if (old < g_place_.size()) g_place_[old] = kNoPlace;
    cells_[k] = owner;
    return k;
  }
  cells_.push_back(owner);
  return cells_.size() - 1;
}

Layout::Box Layout::cell_box(std::size_t k, float w, float h) const {
  std::size_t col, row;
  if (settled()) {
    const auto cols = static_cast<std::size_t>(grid_cols_);
    col = k % cols;
    row = k / cols;
  } else {
    // A square that grows outward: place k never moves as k grows. Shell
    // s holds places s*s .. (s+1)*(s+1)-1: down column s, then along row s.
    auto s = static_cast<std::size_t>(std::sqrt(static_cast<double>(k)));
    while (s * s > k) s--;
    while ((s + 1) * (s + 1) <= k) s++;
    const std::size_t d = k - s * s;
    col = d <= s ? s : d - s - 1;
    row = d <= s ? d : s;
  }
  const float ox = settled() ? content_.x : 0;
  const float oy = settled() ? content_.y + content_.h + kBandGap : 0;
  w = std::min(w, kCellW - 12);
  return {ox + static_cast<float>(col) * kCellW + (kCellW - w) / 2,
          oy + static_cast<float>(row) * kCellH + (kCellH - h) / 2, w, h};
}

void Layout::place_goroutine(const Goroutine& g) {
  Keys keys{children_, g_key_, c_key_};
  const std::uint64_t key = keys.goroutine(g);
  grow(g_place_, g.id, kNoPlace);
  auto it = snode_of_key_.find(key);
  if (it != snode_of_key_.end() && !snodes_[it->second].chan) {
    g_place_[g.id] = it->second;
    return;
  }
  g_place_[g.id] = -1 - static_cast<std::int64_t>(take_cell(g.id));
  if (g.state == GState::Done) {
    free_cells_.push_back(static_cast<std::size_t>(-1 - g_place_[g.id]));
    std::push_heap(free_cells_.begin(), free_cells_.end(), std::greater<>());
  } else {
    live_.push_back(g.id);
  }
}

void Layout::place_channel(const Channel& c) {
  Keys keys{children_, g_key_, c_key_};
  const std::uint64_t key = keys.channel(c);
  grow(c_place_, c.id, kNoPlace);
  auto it = snode_of_key_.find(key);
  if (it != snode_of_key_.end() && snodes_[it->second].chan) {
    c_place_[c.id] = it->second;
    return;
  }
  c_place_[c.id] = -1 - static_cast<std::int64_t>(take_cell(~std::uint64_t{0}));  // never freed
}

void Layout::update(const Model& m) {
  if (m.counters().events < events_ || m.goroutines().size() < seen_g_ ||
      m.channels().size() < seen_c_)
    restart();
  events_ = m.counters().events;
  bool changed = dirty_ || m.generation() != generation_;
  generation_ = m.generation();
  if (changed) {
    // Cells of goroutines that ended become free (their goroutine stays
    // drawn, as done, until a newcomer takes the cell).
    std::size_t kept = 0;
    for (std::uint32_t id : live_) {
      const Goroutine* g = m.goroutine(id);
      if (g && g->state == GState::Done && g_place_[id] < 0 && g_place_[id] != kNoPlace) {
        free_cells_.push_back(static_cast<std::size_t>(-1 - g_place_[id]));
        std::push_heap(free_cells_.begin(), free_cells_.end(), std::greater<>());
      } else {
        live_[kept++] = id;
      }
    }
    live_.resize(kept);
    const auto& gs = m.goroutines();
    for (; seen_g_ < gs.size(); ++seen_g_) place_goroutine(gs[seen_g_]);
    const auto& cs = m.channels();
    for (; seen_c_ < cs.size(); ++seen_c_) place_channel(cs[seen_c_]);
  }
  const std::size_t alive = m.counters().alive;
  const bool was = clustered_;
  if (!clustered_ && alive > kClusterAbove) clustered_ = true;
  if (clustered_ && alive < kClusterBelow) clustered_ = false;
  if (changed || clustered_ || was != clustered_) build_items(m);
  dirty_ = false;
}

void Layout::arrange(const Model& m, float width, float height) {
  if (std::fabs(width - arranged_w_) < 0.5f && std::fabs(height - arranged_h_) < 0.5f) return;
  arranged_w_ = std::max(width, 1.0f);
  arranged_h_ = std::max(height, 1.0f);
  arrange_settled();
  grid_cols_ = std::max(1, static_cast<int>(std::max(content_.w, 4 * kCellW) / kCellW));
  update(m);
  build_items(m);
}

void Layout::build_items(const Model& m) {
  items_.clear();
  std::fill(item_of_g_.begin(), item_of_g_.end(), 0);
  std::fill(item_of_c_.begin(), item_of_c_.end(), 0);
  float x0 = content_.x, y0 = content_.y, x1 = content_.x + content_.w,
        y1 = content_.y + content_.h;
  bool any = settled();
  auto add = [&](const Item& it) {
    items_.push_back(it);
    const Box& b = it.box;
    if (!any) x0 = b.x, y0 = b.y, x1 = b.x + b.w, y1 = b.y + b.h, any = true;
    x0 = std::min(x0, b.x), y0 = std::min(y0, b.y);
    x1 = std::max(x1, b.x + b.w), y1 = std::max(y1, b.y + b.h);
    return static_cast<std::uint32_t>(items_.size());
  };
  if (clustered_) {
    std::unordered_map<std::uint64_t, std::uint32_t> node;  // this frame: cluster key -> item
    for (std::uint32_t id : live_) {
      const Goroutine& g = *m.goroutine(id);
      if (g.state == GState::Done) continue;
      std::uint64_t key = std::hash<std::string_view>()(g.name);
      key = key * 31 + static_cast<std::uint64_t>(g.state);
      key = key * 31 + static_cast<std::uint64_t>(g.reason);
      key = key * 1000003 + g.chan;
      auto [it, fresh] = node.try_emplace(key, 0);
      if (fresh) {
        auto [pl, added] = cluster_cell_.try_emplace(key, 0);
        if (added) pl->second = static_cast<std::uint32_t>(take_cell(~std::uint64_t{1}));
        const Sizes s = goroutine_size(goroutine_label(g) +
                                       " \xc3\x97"
                                       "0000");
        it->second =
            add({Item::Kind::Goroutine, id, 0, cell_box(pl->second, s.w, s.h), 1, 0, false});
      }
      items_[it->second - 1].count++;
      grow(item_of_g_, id, 0u);
      item_of_g_[id] = it->second;
    }
  } else {
    for (const Goroutine& g : m.goroutines()) {
      if (g.id >= g_place_.size() || g_place_[g.id] == kNoPlace) continue;
      const std::int64_t p = g_place_[g.id];
      Item it{Item::Kind::Goroutine, g.id, 1, {}, 1, 0, p >= 0};
      if (p >= 0) {
        const SNode& n = snodes_[static_cast<std::size_t>(p)];
        it.box = n.box;
        it.dir = n.dir;
      } else {
        const Sizes s = goroutine_size(goroutine_label(g));
        it.box = cell_box(static_cast<std::size_t>(-1 - p), s.w, s.h);
      }
      grow(item_of_g_, g.id, 0u);
      item_of_g_[g.id] = add(it);
    }
  }
  for (const Channel& c : m.channels()) {
    if (c.id >= c_place_.size() || c_place_[c.id] == kNoPlace) continue;
    const std::int64_t p = c_place_[c.id];
    Item it{Item::Kind::Channel, c.id, 1, {}, 1, 28, p >= 0};
    if (p >= 0) {
      const SNode& n = snodes_[static_cast<std::size_t>(p)];
      it.box = n.box;
      it.dir = n.dir;
      it.slot_w = n.slot_w;
    } else {
      const Sizes s = channel_size(m, c, it.slot_w);
      it.box = cell_box(static_cast<std::size_t>(-1 - p), s.w, s.h);
      // A narrow cell shows fewer slots; the name row says how many are full.
      it.slot_w =
          std::min(it.slot_w, (it.box.w - 2 * kQueueRoom - 8) / static_cast<float>(slots(c.cap)));
    }
    grow(item_of_c_, c.id, 0u);
    item_of_c_[c.id] = add(it);
  }
  bounds_ = any ? Box{x0, y0, x1 - x0, y1 - y0} : Box{0, 0, 1, 1};
}

const Layout::Item* Layout::goroutine(std::uint32_t id) const {
  return id < item_of_g_.size() && item_of_g_[id] ? &items_[item_of_g_[id] - 1] : nullptr;
}

const Layout::Item* Layout::channel(std::uint32_t id) const {
  return id < item_of_c_.size() && item_of_c_[id] ? &items_[item_of_c_[id] - 1] : nullptr;
}

bool Layout::route(std::uint32_t g, std::uint32_t chan, bool send, std::vector<Pt>& out) const {
  out.clear();
  const Item* gi = goroutine(g);
  const Item* ci = channel(chan);
  if (!gi || !ci) return false;
  if (gi->settled && ci->settled && gi->count == 1) {
    auto it = sedge_of_key_.find(edge_key(g_key_[g], c_key_[chan], send));
    if (it != sedge_of_key_.end()) {
      out = sedges_[it->second].pts;
      return !out.empty();
    }
  }
  // Straight, between the facing sides of the two boxes.
  const Item* a = send ? gi : ci;
  const Item* b = send ? ci : gi;
  auto mid_y = [](const Item* i) {
    return i->kind == Item::Kind::Channel ? i->box.y + kNameRow + kSlotH / 2
                                          : i->box.y + i->box.h / 2;
  };
  const bool right = b->box.x + b->box.w / 2 >= a->box.x + a->box.w / 2;
  out.push_back({right ? a->box.x + a->box.w : a->box.x, mid_y(a)});
  out.push_back({right ? b->box.x : b->box.x + b->box.w, mid_y(b)});
  return true;
}

}  // namespace gort::web
