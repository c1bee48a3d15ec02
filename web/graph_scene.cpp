// See graph_scene.hpp. Sizes are in layout units (CSS px at zoom 1) unless
// named *_px; the view's scale turns them into screen pixels.
#include "graph_scene.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "palette.hpp"

namespace gort::web {
namespace {

using Pt = Layout::Pt;
using Box = Layout::Box;

constexpr float kChipGap = 1;   // chips keep this far apart
constexpr float kHoldStep = 3;  // a held-back chip tries places this far apart
constexpr std::size_t kMaxEdges = 200;

std::uint64_t held_key(std::uint32_t chan, std::uint64_t seq) {
  return (std::uint64_t{chan} << 40) ^ seq;
}

bool overlap(const Box& a, const Box& b, float gap) {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap &&
         b.y < a.y + a.h + gap;
}

Box centred(Pt p, float w, float h) {
  return {p.x - w / 2, p.y - h / 2, w, h};
}

std::uint32_t darker(std::uint32_t c) {
  unsigned r = (c & 0xff) * 3 / 5, g = ((c >> 8) & 0xff) * 3 / 5, b = ((c >> 16) & 0xff) * 3 / 5;
  return palette::rgba(r, g, b, c >> 24);
}

// "g7", "c3": a node's id in the export. (Not "g" + std::to_string: g++ 12
// warns falsely about that expression with -Wrestrict.)
std::string node_id(bool chan, std::uint32_t id) {
  std::string s = chan ? "c" : "g";
  s += std::to_string(id);
  return s;
}

std::string chip_text(const Model& m, const Transfer& t) {
  return t.closed ? "closed" : m.format(t.v);
}

float chip_w(const std::string& text, const TextWidth& width) {
  return text.empty() ? 10.0f : std::clamp(width(text) + 8, 16.0f, Layout::kMaxChipW);
}

float in_x(const Layout::Item& c) {
  return c.dir > 0 ? c.box.x : c.box.x + c.box.w;
}
float out_x(const Layout::Item& c) {
  return c.dir > 0 ? c.box.x + c.box.w : c.box.x;
}
bool near_in(const Layout::Item& c, Pt p) {
  return std::fabs(p.x - in_x(c)) < std::fabs(p.x - out_x(c));
}

Pt along(const std::vector<Pt>& pts, const std::vector<float>& at, float s) {
  if (pts.size() == 1 || s <= 0) return pts.front();
  for (std::size_t i = 1; i < pts.size(); ++i) {
    if (s <= at[i] || i + 1 == pts.size()) {
      const float len = at[i] - at[i - 1];
      const float f = len > 0 ? std::clamp((s - at[i - 1]) / len, 0.0f, 1.0f) : 1.0f;
      return {pts[i - 1].x + (pts[i].x - pts[i - 1].x) * f,
              pts[i - 1].y + (pts[i].y - pts[i - 1].y) * f};
    }
  }
  return pts.back();
}

}  // namespace

std::string channel_status(const Channel& c) {
  std::string s;
  if (c.cap > 0) s = std::to_string(c.buffer.size()) + "/" + std::to_string(c.cap);
  if (c.closed) s += s.empty() ? "closed" : " closed";
  return s;
}

std::string fit_text(const std::string& text, float room, const TextWidth& width) {
  if (width(text) <= room) return text;
  std::string t = text;
  while (!t.empty()) {
    t.pop_back();
    while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xc0) == 0x80) t.pop_back();
    if (width(t + "\xe2\x80\xa6") <= room) return t + "\xe2\x80\xa6";
  }
  return "";
}

int hit_item(const Layout& l, float x, float y) {
  const auto& items = l.items();
  for (std::size_t i = items.size(); i-- > 0;) {
    const Box& b = items[i].box;
    if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return static_cast<int>(i);
  }
  return -1;
}

// ---- chips ------------------------------------------------------------------

bool Chips::path_of(const Model& m, const Layout& l, const Transfer& t, float w, Path& out) {
  out.pts.clear();
  const Layout::Item* c = l.channel(t.chan);
  const Channel* ch = m.channel(t.chan);
  if (!c || !ch) return false;
  const float slot_y = c->box.y + Layout::kNameRow + Layout::kSlotH / 2;
  auto slot_of = [&](std::uint64_t seq) {
    const auto k = seq > ch->buffered_out ? static_cast<int>(seq - ch->buffered_out - 1) : 0;
    return Layout::slot(*c, std::min(k, Layout::slots(ch->cap) - 1));
  };
  std::vector<Pt>& leg = leg_;
  // Into the channel: from the sender, or from the clock (a timer's send).
  if (t.from_g) {
    if (!l.route(t.from_g, t.chan, true, leg)) return false;
    out.pts = leg;
  } else if (t.from_timer) {
    out.pts.push_back({in_x(*c) + c->dir * 6, slot_y});
  }
  const bool into_buffer = t.to_g == 0;
  const bool out_of_buffer = !t.from_g && !t.from_timer && t.seq > 0;
  if (into_buffer) {
    if (out.pts.empty()) return false;
    if (near_in(*c, out.pts.back())) out.pts.push_back(slot_of(t.seq));
  } else {
    if (!l.route(t.to_g, t.chan, false, leg)) return false;
    if (out_of_buffer && !near_in(*c, leg.front())) out.pts.push_back(Layout::slot(*c, 0));
    if (out.pts.empty() && t.closed) out.pts.push_back({c->box.x + c->box.w / 2, slot_y});
    out.pts.insert(out.pts.end(), leg.begin(), leg.end());
  }
  if (out.pts.size() < 2) return false;
  out.at.assign(out.pts.size(), 0);
  for (std::size_t i = 1; i < out.pts.size(); ++i)
    out.at[i] = out.at[i - 1] +
                std::hypot(out.pts[i].x - out.pts[i - 1].x, out.pts[i].y - out.pts[i - 1].y);
  // Clear of the goroutines' boxes at the ends (its own channel's is fine).
  const float total = out.at.back();
  out.s0 = 0;
  out.s1 = total;
  if (const Layout::Item* g = t.from_g ? l.goroutine(t.from_g) : nullptr)
    while (out.s0 < total &&
           overlap(centred(along(out.pts, out.at, out.s0), w, Layout::kChipH), g->box, kChipGap))
      out.s0 += 2;
  if (const Layout::Item* g = t.to_g ? l.goroutine(t.to_g) : nullptr)
    while (out.s1 > out.s0 &&
           overlap(centred(along(out.pts, out.at, out.s1), w, Layout::kChipH), g->box, kChipGap))
      out.s1 -= 2;
  // No room between the boxes for this chip: it is not drawn.
  if (const Layout::Item* g = t.to_g ? l.goroutine(t.to_g) : nullptr)
    if (overlap(centred(along(out.pts, out.at, out.s1), w, Layout::kChipH), g->box, kChipGap))
      return false;
  return true;
}

void Chips::update(const Model& m, const Layout& l, std::size_t cursor, double dt, double speed,
                   bool paused) {
  const auto& ts = m.transfers();
  if (cursor < cursor_) {
    // Went back (seek, new run): what is in the model now is history.
    flights_.clear();
    held_.clear();
    next_event_ = ts.empty() ? 0 : ts.back().event + 1;
  }
  cursor_ = cursor;
  const double sp = std::clamp(speed, 0.05, 3.0);
  if (!paused)
    for (Flight& f : flights_) f.progress += dt * sp / kSeconds;
  // New transfers (the newest only, when playback jumps far ahead).
  std::size_t first = ts.size();
  while (first > 0 && ts[first - 1].event >= next_event_ && ts.size() - first < kMaxNewPerFrame)
    --first;
  for (std::size_t i = first; i < ts.size(); ++i) {
    const Transfer& t = ts[i];
    std::uint64_t key = t.event;
    if (t.to_g == 0 && t.seq) {
      held_[held_key(t.chan, t.seq)].key = key;  // its chip in the buffer keeps this order
      const Channel* c = m.channel(t.chan);
      if (c && t.seq <= c->buffered_out) continue;  // gone already: its way out shows it
    } else if (t.seq) {
      auto h = held_.find(held_key(t.chan, t.seq));
      if (h != held_.end()) key = h->second.key;
      // Its way in (if still shown) ends: it leaves from the front now.
      std::erase_if(flights_, [&](const Flight& f) {
        return f.t.chan == t.chan && f.t.seq == t.seq && f.t.to_g == 0;
      });
    }
    flights_.push_back(Flight{t, paused ? 1.0 / 3 : 0.0, -1, key});
  }
  if (!ts.empty()) next_event_ = std::max(next_event_, ts.back().event + 1);
  if (flights_.size() > kMax)
    flights_.erase(flights_.begin(), flights_.begin() + static_cast<long>(flights_.size() - kMax));

  // What to place: flights and buffered values, oldest first.
  struct Want {
    std::uint64_t key;
    int flight;  // index into flights_, or -1: a buffered value
    std::uint32_t chan;
    std::uint64_t seq;
  };
  std::vector<Want> wants;
  wants.reserve(flights_.size() + 16);
  for (std::size_t i = 0; i < flights_.size(); ++i)
    wants.push_back({flights_[i].key, static_cast<int>(i), flights_[i].t.chan, flights_[i].t.seq});
  for (const Channel& c : m.channels()) {
    if (c.buffer.empty() || !l.channel(c.id)) continue;
    const std::size_t shown = std::min<std::size_t>(c.buffer.size(), Layout::kMaxSlots);
    for (std::size_t k = 0; k < shown; ++k) {
      const std::uint64_t seq = c.buffered_out + k + 1;
      bool arriving = false;
      for (const Flight& f : flights_)
        arriving |= f.t.chan == c.id && f.t.seq == seq && f.t.to_g == 0;
      if (arriving) continue;
      auto h = held_.find(held_key(c.id, seq));
      wants.push_back({h == held_.end() ? 0 : h->second.key, -1, c.id, seq});
    }
  }
  std::stable_sort(wants.begin(), wants.end(),
                   [](const Want& a, const Want& b) { return a.key < b.key; });

  chips_.clear();
  std::vector<Box> placed;
  placed.reserve(wants.size());
  auto free_at = [&](const Box& b, std::size_t skip = SIZE_MAX) {
    for (std::size_t i = 0; i < placed.size(); ++i)
      if (i != skip && overlap(b, placed[i], kChipGap)) return false;
    return true;
  };
  // A chip passing a box (other than its channel's) is not drawn there.
  auto clear_of_boxes = [&](const Box& b, std::uint32_t chan) {
    for (const Layout::Item& it : l.items())
      if (!(it.kind == Layout::Item::Kind::Channel && it.id == chan) && overlap(b, it.box, 0))
        return false;
    return true;
  };
  const TextWidth& width = l.text_width();
  // Buffered values first, where they are: the channel's truth is always
  // shown. They slide towards their slots last, into the room left.
  struct Held_at {
    std::size_t chip;
    Held* h;
    Pt target;
  };
  std::vector<Held_at> slides;
  for (const Want& w : wants) {
    if (w.flight >= 0) continue;
    const Layout::Item* c = l.channel(w.chan);
    const Channel* ch = m.channel(w.chan);
    const std::uint64_t k = w.seq - ch->buffered_out - 1;
    const Pt target = Layout::slot(*c, static_cast<int>(k));
    Held& h = held_[held_key(w.chan, w.seq)];
    if (!h.seen) {
      h.x = target.x;
      h.seen = true;
    }
    std::string text = m.format(ch->buffer[static_cast<std::size_t>(k)]);
    const float cw = std::min(chip_w(text, width), c->slot_w - 4);
    const Box b = centred({h.x, target.y}, cw, Layout::kChipH);
    slides.push_back({chips_.size(), &h, target});
    placed.push_back(b);
    chips_.push_back({b, w.chan, fit_text(text, cw - 4, width), false, true});
  }
  std::vector<char> done(flights_.size(), 0);
  for (const Want& w : wants) {
    if (w.flight < 0) continue;
    Flight& f = flights_[static_cast<std::size_t>(w.flight)];
    char& gone = done[static_cast<std::size_t>(w.flight)];
    std::string text = chip_text(m, f.t);
    const float cw = chip_w(text, width);
    if (!path_of(m, l, f.t, cw, path_)) {
      gone = f.progress >= 1;
      continue;
    }
    const float want =
        path_.s0 + static_cast<float>(std::min(f.progress, 1.0)) * (path_.s1 - path_.s0);
    const float lo = std::max(f.s, path_.s0);
    float s = std::max(want, lo);
    Box b = centred(along(path_.pts, path_.at, s), cw, Layout::kChipH);
    while (!free_at(b) && s > lo) {
      s = std::max(lo, s - kHoldStep);
      b = centred(along(path_.pts, path_.at, s), cw, Layout::kChipH);
    }
    if (!free_at(b)) {
      // No room to start: when values come faster than they can be shown
      // one by one, some are not.
      gone = f.progress >= (f.s < 0 ? 0.5 : 2.0);
      continue;
    }
    f.s = s;
    gone = (f.progress >= 1 && s >= path_.s1 - 0.5f) || f.progress >= 2;
    if (f.t.to_g == 0 && f.t.seq) {
      Held& h = held_[held_key(f.t.chan, f.t.seq)];
      h.x = b.x + b.w / 2;
      h.seen = gone;  // arrived: drawn in its slot from now on
    }
    if (!clear_of_boxes(b, f.t.chan)) continue;
    placed.push_back(b);
    chips_.push_back({b, f.t.chan, std::move(text), f.t.closed, false});
  }
  const float step = paused ? 0.0f : static_cast<float>(kSlidePx * dt * sp);
  for (std::size_t i = 0; i < slides.size(); ++i) {
    Held_at& sl = slides[i];
    Box& b = chips_[sl.chip].box;
    const float dir = sl.target.x > sl.h->x ? 1.0f : -1.0f;
    float x = std::fabs(sl.target.x - sl.h->x) <= step ? sl.target.x : sl.h->x + dir * step;
    Box moved = centred({x, sl.target.y}, b.w, Layout::kChipH);
    while (!free_at(moved, i) && std::fabs(x - sl.h->x) > 0.01f) {
      x = std::fabs(x - sl.h->x) <= kHoldStep ? sl.h->x : x - dir * kHoldStep;
      moved = centred({x, sl.target.y}, b.w, Layout::kChipH);
    }
    sl.h->x = x;
    b = moved;
    placed[i] = moved;
  }
  // Flights that arrived go; so do buffered values long gone.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < flights_.size(); ++i)
    if (!done[i]) flights_[kept++] = flights_[i];
  flights_.resize(kept);
  for (auto it = held_.begin(); it != held_.end();) {
    const Channel* ch = m.channel(static_cast<std::uint32_t>(it->first >> 40));
    const std::uint64_t seq = it->first & ((std::uint64_t{1} << 40) - 1);
    bool flying = false;
    for (const Flight& f : flights_) flying |= f.t.seq == seq && f.t.chan == (it->first >> 40);
    if (!ch || (seq <= ch->buffered_out && !flying))
      it = held_.erase(it);
    else
      ++it;
  }
}

// ---- the scene ----------------------------------------------------------------

std::string SceneExport::json() const {
  std::string out = "{\"fontPx\":";
  char buf[160];
  std::snprintf(buf, sizeof buf, "%.2f", font_px);
  out += buf;
  auto str = [&](const std::string& s) {
    out += '"';
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) < 0x20) continue;
      out += c;
    }
    out += '"';
  };
  out += ",\"nodes\":[";
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    out += i ? ",{\"id\":" : "{\"id\":";
    str(n.id);
    out += n.channel ? ",\"kind\":\"channel\",\"label\":" : ",\"kind\":\"goroutine\",\"label\":";
    str(n.label);
    out += ",\"state\":";
    str(n.state);
    std::snprintf(buf, sizeof buf, ",\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"h\":%.2f}", n.x, n.y, n.w,
                  n.h);
    out += buf;
  }
  out += "],\"edges\":[";
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const Edge& e = edges[i];
    out += i ? ",{\"from\":" : "{\"from\":";
    str(e.from);
    out += ",\"to\":";
    str(e.to);
    out += e.waiting ? ",\"waiting\":true,\"points\":[" : ",\"waiting\":false,\"points\":[";
    for (std::size_t k = 0; k < e.points.size(); ++k) {
      std::snprintf(buf, sizeof buf, "%s{\"x\":%.2f,\"y\":%.2f}", k ? "," : "", e.points[k].x,
                    e.points[k].y);
      out += buf;
    }
    out += "]}";
  }
  out += "],\"chips\":[";
  for (std::size_t i = 0; i < chips.size(); ++i) {
    const ChipBox& c = chips[i];
    out += i ? ",{\"value\":" : "{\"value\":";
    str(c.value);
    out += ",\"chan\":";
    str(c.chan);
    std::snprintf(buf, sizeof buf, ",\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"h\":%.2f}", c.x, c.y, c.w,
                  c.h);
    out += buf;
  }
  out += "]}";
  return out;
}

void build_scene(const SceneInput& in, ShapeBatch& shapes, std::vector<Label>& labels,
                 SceneExport* out) {
  shapes.clear();
  labels.clear();
  if (out) *out = SceneExport{};
  const Model& m = in.model;
  const Layout& l = in.layout;
  const ViewTransform& v = in.view;
  const palette::Palette& pal = *in.colors;
  const float s = v.scale;
  const float font_px = Layout::kFont * s;
  const bool text = font_px >= kMinLabelPx;
  if (out) out->font_px = font_px;
  auto screen = [&](const Box& b) { return Box{v.sx(b.x), v.sy(b.y), b.w * s, b.h * s}; };
  auto visible = [&](const Box& b) {
    return b.x + b.w >= in.clip_x0 && b.x <= in.clip_x1 && b.y + b.h >= in.clip_y0 &&
           b.y <= in.clip_y1;
  };
  // Widths at the drawn size (text_width measures at kFont px).
  auto fit = [&](const std::string& t, float room_px) {
    return fit_text(t, room_px / s, in.text_width);
  };

  // ---- edges: recent links, and the ones goroutines wait on.
  std::vector<Layout::Pt> pts;
  std::vector<std::uint64_t> drawn;  // (item, chan, send) already drawn (clusters share one)
  const std::int64_t now = m.now();
  auto edge = [&](std::uint32_t g, std::uint32_t chan, bool send, bool waiting) {
    if (drawn.size() >= kMaxEdges) return;
    const Layout::Item* gi = l.goroutine(g);
    if (!gi) return;
    const std::uint64_t key = (static_cast<std::uint64_t>(gi - l.items().data()) << 33) |
                              (std::uint64_t{chan} << 1) | send;
    if (std::find(drawn.begin(), drawn.end(), key) != drawn.end()) return;
    if (!l.route(g, chan, send, pts)) return;
    drawn.push_back(key);
    const std::uint32_t color = waiting ? palette::with_alpha(pal.blocked, 210) : pal.edge;
    const float w = std::max(1.0f, (waiting ? 2.0f : 1.5f) * s);
    for (std::size_t i = 1; i < pts.size(); ++i)
      shapes.segment(v.sx(pts[i - 1].x), v.sy(pts[i - 1].y), v.sx(pts[i].x), v.sy(pts[i].y), w,
                     color);
    // An arrowhead where values arrive.
    const Pt a = pts[pts.size() - 2], b = pts.back();
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    if (len > 0) {
      const float ux = (b.x - a.x) / len, uy = (b.y - a.y) / len, k = 6;
      for (float side : {-1.0f, 1.0f}) {
        const float hx = b.x - k * (ux * 0.9f - side * uy * 0.5f),
                    hy = b.y - k * (uy * 0.9f + side * ux * 0.5f);
        shapes.segment(v.sx(hx), v.sy(hy), v.sx(b.x), v.sy(b.y), w, color);
      }
    }
    if (out) {
      SceneExport::Edge e;
      const std::string gid = node_id(false, gi->id), cid = node_id(true, chan);
      e.from = send ? gid : cid;
      e.to = send ? cid : gid;
      e.waiting = waiting;
      for (const Pt& p : pts) e.points.push_back({v.sx(p.x), v.sy(p.y)});
      out->edges.push_back(std::move(e));
    }
  };
  for (const Channel& c : m.channels()) {
    for (std::uint32_t g : c.senders) edge(g, c.id, true, true);
    for (std::uint32_t g : c.receivers) edge(g, c.id, false, true);
  }
  for (const Flow& k : m.flows())
    if (k.last_ts >= now - kRecentNs) edge(k.g, k.chan, k.send, false);

  // ---- boxes.
  for (const Layout::Item& it : l.items()) {
    const Box b = screen(it.box);
    if (!visible(b) && !out) continue;
    if (it.kind == Layout::Item::Kind::Goroutine) {
      const Goroutine* g = m.goroutine(it.id);
      if (!g) continue;
      const GState st = g->state;
      const std::uint32_t fill = pal.state_color(st, g->p);
      const bool sel = it.id == in.selected && it.count == 1;
      const bool hov = it.id == in.hovered;
      const std::uint32_t stroke = sel ? pal.selected : hov ? pal.hovered : darker(fill);
      const float border = sel ? std::max(2.5f, 2.0f * s) : hov ? 2.0f : std::max(1.0f, s);
      shapes.box(b.x + b.w / 2, b.y + b.h / 2, b.w / 2, b.h / 2, std::min(b.h / 2, 6 * s), fill,
                 stroke, border);
      std::string label = Layout::goroutine_label(*g);
      if (it.count > 1) label += " \xc3\x97" + std::to_string(it.count);  // ×N
      if (text) {
        std::string t = fit(label, b.w - 2 * Layout::kPad * s);
        if (!t.empty())
          labels.push_back({b.x + b.w / 2, b.y + b.h / 2, std::move(t),
                            st == GState::Done ? pal.done_text : pal.text_on(fill)});
      }
      if (out)
        out->nodes.push_back({node_id(false, it.id), false, label,
                              std::string(state_text(g->state)), b.x, b.y, b.w, b.h});
      continue;
    }
    const Channel* c = m.channel(it.id);
    if (!c) continue;
    const std::uint32_t border = c->closed ? pal.pipe_dim : pal.pipe_border;
    shapes.box(b.x + b.w / 2, b.y + b.h / 2, b.w / 2, b.h / 2, std::min(b.h / 2, 4 * s), pal.pipe,
               border, std::max(1.0f, s));
    // Slots (an unbuffered channel's one cell is where the handoff happens).
    const int n = Layout::slots(c->cap);
    for (int k = 0; k < n; ++k) {
      const Pt p = Layout::slot(it, k);
      const float hw = (it.slot_w / 2 - 2) * s, hh = (Layout::kSlotH / 2 - 2) * s;
      if (hw <= 0.5f || hh <= 0.5f) break;
      if (c->cap == 0)
        shapes.box(v.sx(p.x), v.sy(p.y), hw, hh, 3 * s, palette::rgba(0, 0, 0, 0),
                   palette::with_alpha(pal.pipe_border, 150), std::max(1.0f, s));
      else
        shapes.box(v.sx(p.x), v.sy(p.y), hw, hh, 3 * s, pal.slot_empty);
    }
    // Goroutines queued: senders at the end values enter by, receivers at the other.
    for (int end = 0; end < 2; ++end) {
      const std::size_t q = end == 0 ? c->senders.size() : c->receivers.size();
      const float x = end == 0 ? (it.dir > 0 ? it.box.x + Layout::kQueueRoom / 2 + 1
                                             : it.box.x + it.box.w - Layout::kQueueRoom / 2 - 1)
                               : (it.dir > 0 ? it.box.x + it.box.w - Layout::kQueueRoom / 2 - 1
                                             : it.box.x + Layout::kQueueRoom / 2 + 1);
      const float y = it.box.y + Layout::kNameRow + Layout::kSlotH / 2;
      for (std::size_t k = 0; k < q && k < 3; ++k)
        shapes.circle(v.sx(x), v.sy(y + (static_cast<float>(k) - 1) * 6), std::max(2.2f * s, 1.0f),
                      pal.blocked);
    }
    const std::string name = l.channel_label(m, *c);
    const std::string status = channel_status(*c);
    if (text) {
      const float row_y = b.y + (Layout::kNameRow / 2 + 1) * s;
      const float room = b.w - 2 * Layout::kPad * s;
      const float sw = status.empty() ? 0 : in.text_width(status) * s;
      std::string t = fit(name, room - (sw > 0 ? sw + Layout::kPad * s : 0));
      if (!t.empty())
        labels.push_back(
            {b.x + Layout::kPad * s, row_y, std::move(t), pal.pipe_text, Label::Align::Left});
      if (sw > 0 && sw <= room)
        labels.push_back({b.x + b.w - Layout::kPad * s, row_y, status,
                          c->closed ? pal.closed : pal.pipe_dim, Label::Align::Right});
    }
    if (out)
      out->nodes.push_back({node_id(true, it.id), true, status.empty() ? name : name + " " + status,
                            c->closed ? "closed" : "open", b.x, b.y, b.w, b.h});
  }

  // ---- chips, on top.
  for (const Chip& c : in.chips) {
    const Box b = screen(c.box);
    if (out) out->chips.push_back({c.text, node_id(true, c.chan), b.x, b.y, b.w, b.h});
    if (!visible(b)) continue;
    const std::uint32_t fill = c.closed ? pal.closed_value : pal.value;
    shapes.box(b.x + b.w / 2, b.y + b.h / 2, b.w / 2, b.h / 2, std::min(4 * s, b.h / 2), fill,
               pal.value_border, 1.0f);
    if (text && !c.text.empty()) {
      std::string t = c.buffered ? c.text : fit(c.text, b.w - 4 * s);
      if (!t.empty())
        labels.push_back({b.x + b.w / 2, b.y + b.h / 2, std::move(t), pal.text_on(fill)});
    }
  }
}

}  // namespace gort::web
