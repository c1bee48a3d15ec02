// See graph_scene.hpp. Sizes are in layout units (a node has radius 0.5, a
// buffer cell is 1 unit) unless named *_px.
#include "graph_scene.hpp"

#include <algorithm>
#include <cmath>

#include "palette.hpp"

namespace gort::web {
namespace {

// Queued goroutines at a pipe's ends: the layout leaves 2 units between a
// pipe's right end and the goroutines, room for three.
constexpr float kQueueGap = 0.6f;  // spacing
constexpr float kQueueR = 0.26f;   // radius
constexpr std::size_t kQueueShown = 3;
constexpr float kQueueRoom = kQueueGap * (kQueueShown + 0.5f);
constexpr std::size_t kMaxEdges = 48;  // wait lines drawn for every waiter up to this many
constexpr float kTimerOffset = 1.2f;   // where a timer's send comes from (above right)

struct Pt {
  float x, y;
};

Pt queue_pos(const Layout::Pipe& p, bool sender, std::size_t i) {
  const float y = p.y + p.h / 2;
  const float d = kQueueGap * (0.75f + static_cast<float>(i));
  return sender ? Pt{p.x + p.w + d, y} : Pt{p.x - d, y};
}

// The legs of a flight's path; returns the number of points (0 = none).
int flight_path(const Layout& l, const Transfer& t, Pt pts[4]) {
  int n = 0;
  const Layout::Pipe* p = t.chan ? l.pipe_of(t.chan) : nullptr;
  const Layout::Node* from = t.from_g ? l.node_of(t.from_g) : nullptr;
  const Layout::Node* to = t.to_g ? l.node_of(t.to_g) : nullptr;
  if (from) {
    pts[n++] = {from->x, from->y};
  } else if (p && t.from_timer) {
    pts[n++] = {p->x + p->w + kTimerOffset, p->y - kTimerOffset};
  }
  if (p) {
    if (t.from_g || t.from_timer) pts[n++] = {p->x + p->w, p->y + p->h / 2};
    if (t.to_g) pts[n++] = {p->x, p->y + p->h / 2};
  }
  if (to) pts[n++] = {to->x, to->y};
  return n >= 2 ? n : 0;
}

bool visible(const SceneInput& in, float x, float y, float rx, float ry) {
  return x + rx >= in.clip_x0 && x - rx <= in.clip_x1 && y + ry >= in.clip_y0 &&
         y - ry <= in.clip_y1;
}

std::uint32_t darker(std::uint32_t c) {
  unsigned r = (c & 0xff) * 3 / 5, g = ((c >> 8) & 0xff) * 3 / 5, b = ((c >> 16) & 0xff) * 3 / 5;
  return palette::rgba(r, g, b, c >> 24);
}

// prefix + n. (Not `"g" + std::to_string(n)`: g++ 12 warns falsely about
// that expression with -Wrestrict.)
std::string tagged(const char* prefix, std::uint64_t n) {
  std::string s = prefix;
  s += std::to_string(n);
  return s;
}

}  // namespace

std::string goroutine_label(const Goroutine& g) {
  return g.name.empty() ? tagged("g", g.id) : g.name;
}

std::string goroutine_label(const Model& m, std::uint32_t id) {
  const Goroutine* g = m.goroutine(id);
  return g ? goroutine_label(*g) : tagged("g", id);
}

std::string channel_label(const Channel& c) {
  return c.name.empty() ? tagged("c", c.id) : c.name;
}

void Flights::update(const Model& m, std::size_t cursor, double dt, double speed, bool paused) {
  const auto& ts = m.transfers();
  if (cursor < cursor_) {
    // Went back (seek, new run): what is in the model now is history.
    active_.clear();
    next_event_ = ts.empty() ? 0 : ts.back().event + 1;
  }
  cursor_ = cursor;
  if (!paused) {
    const float step = static_cast<float>(dt * std::clamp(speed, 0.05, 3.0) / kSeconds);
    for (Flight& f : active_) f.progress += step;
    std::erase_if(active_, [](const Flight& f) { return f.progress >= 1; });
  }
  // New transfers: those completed by events not seen yet (the newest ones
  // only, when playback jumps far ahead).
  std::size_t first = ts.size();
  while (first > 0 && ts[first - 1].event >= next_event_ && ts.size() - first < kMaxNewPerFrame)
    --first;
  for (std::size_t i = first; i < ts.size(); ++i)
    active_.push_back(Flight{ts[i], paused ? 0.5f : 0.0f});
  if (!ts.empty()) next_event_ = std::max(next_event_, ts.back().event + 1);
  if (active_.size() > kMax)
    active_.erase(active_.begin(), active_.begin() + static_cast<long>(active_.size() - kMax));
}

bool flight_position(const Layout& l, const Transfer& t, float progress, float& x, float& y) {
  Pt pts[4];
  const int n = flight_path(l, t, pts);
  if (n == 0) return false;
  float len[3], total = 0;
  for (int i = 0; i + 1 < n; ++i) {
    len[i] = std::hypot(pts[i + 1].x - pts[i].x, pts[i + 1].y - pts[i].y);
    total += len[i];
  }
  float d = std::clamp(progress, 0.0f, 1.0f) * total;
  for (int i = 0; i + 1 < n; ++i) {
    if (d <= len[i] || i + 2 == n) {
      const float f = len[i] > 0 ? std::min(d / len[i], 1.0f) : 1.0f;
      x = pts[i].x + (pts[i + 1].x - pts[i].x) * f;
      y = pts[i].y + (pts[i + 1].y - pts[i].y) * f;
      return true;
    }
    d -= len[i];
  }
  return false;
}

void scene_bounds(const Layout& l, float& x0, float& y0, float& x1, float& y1) {
  bool any = false;
  auto add = [&](float a0, float b0, float a1, float b1) {
    x0 = any ? std::min(x0, a0) : a0;
    y0 = any ? std::min(y0, b0) : b0;
    x1 = any ? std::max(x1, a1) : a1;
    y1 = any ? std::max(y1, b1) : b1;
    any = true;
  };
  for (const Layout::Node& n : l.nodes()) add(n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r);
  // A pipe with its name above it and its queues at both ends.
  for (const Layout::Pipe& p : l.pipes())
    add(p.x - kQueueRoom, p.y - 1, p.x + p.w + kQueueRoom, p.y + p.h + 0.5f);
  if (!any) x0 = y0 = 0, x1 = y1 = 1;
}

int hit_node(const Layout& l, float x, float y) {
  const auto& ns = l.nodes();
  for (std::size_t i = ns.size(); i-- > 0;) {
    const float dx = x - ns[i].x, dy = y - ns[i].y;
    if (dx * dx + dy * dy <= ns[i].r * ns[i].r) return static_cast<int>(i);
  }
  return -1;
}

int hit_pipe(const Layout& l, float x, float y) {
  const auto& ps = l.pipes();
  for (std::size_t i = ps.size(); i-- > 0;) {
    const auto& p = ps[i];
    if (x >= p.x && x <= p.x + p.w && y >= p.y && y <= p.y + p.h) return static_cast<int>(i);
  }
  return -1;
}

void build_scene(const SceneInput& in, ShapeBatch& shapes, std::vector<Label>& labels) {
  shapes.clear();
  labels.clear();
  const Model& m = in.model;
  const Layout& l = in.layout;
  const ViewTransform& v = in.view;
  const float s = v.scale;
  const float lh = in.line_height;
  auto fits = [&](const std::string& t, float room) { return in.text_width(t) <= room; };

  // Wait edges: a goroutine blocked on a channel, to its place in the
  // channel's queue (or the pipe's end past the queued ones shown).
  // With many waiters the lines would only paint the canvas red: then only
  // the queue's front, the selected and the hovered goroutine get one.
  const float edge_w = std::clamp(0.05f * s, 1.0f, 3.0f);
  std::size_t waiting = 0;
  for (const Layout::Node& n : l.nodes()) waiting += n.state == GState::Blocked && n.chan != 0;
  const bool all_edges = waiting <= kMaxEdges;
  for (const Layout::Node& n : l.nodes()) {
    if (n.state != GState::Blocked || n.chan == 0) continue;
    const Layout::Pipe* p = l.pipe_of(n.chan);
    const Channel* c = m.channel(n.chan);
    if (!p || !c) continue;
    const bool sender = n.reason == WaitReason::ChanSend;
    const auto& q = sender ? c->senders : c->receivers;
    std::size_t i = std::find(q.begin(), q.end(), n.g) - q.begin();
    if (!all_edges && i >= kQueueShown && n.g != in.selected && n.g != in.hovered) continue;
    Pt end = queue_pos(*p, sender, std::min(i, kQueueShown - 1));
    if (i >= kQueueShown) end = queue_pos(*p, sender, 0);
    const float x0 = v.sx(n.x), y0 = v.sy(n.y), x1 = v.sx(end.x), y1 = v.sy(end.y);
    if (!visible(in, (x0 + x1) / 2, (y0 + y1) / 2, std::fabs(x1 - x0) / 2 + 1,
                 std::fabs(y1 - y0) / 2 + 1))
      continue;
    shapes.segment(x0, y0, x1, y1, edge_w, palette::with_alpha(palette::kBlocked, 90));
  }

  // Channels: the pipe, one cell per buffer slot, values inside, the queues.
  for (const Layout::Pipe& p : l.pipes()) {
    const Channel* c = m.channel(p.chan);
    if (!c) continue;
    const float x = v.sx(p.x), y = v.sy(p.y), w = p.w * s, h = p.h * s;
    const float qx = kQueueRoom * s;
    if (!visible(in, x + w / 2, y + h / 2, w / 2 + qx, h / 2 + lh * 2)) continue;
    const std::uint32_t border = c->closed ? palette::kTextDim : palette::kPipeBorder;
    shapes.box(x + w / 2, y + h / 2, w / 2, h / 2, std::min(h / 2, 0.25f * s),
               c->closed ? palette::kSlotEmpty : palette::kPipe, border, std::max(1.0f, 0.05f * s));
    const float cell = w / static_cast<float>(std::max(p.slots, 1));
    const float pad = std::max(1.0f, 0.12f * s);
    for (int k = 0; k < p.slots; ++k) {
      const float cx = x + cell * (static_cast<float>(k) + 0.5f), cy = y + h / 2;
      const bool full = c->cap > 0 && static_cast<std::size_t>(k) < c->buffer.size();
      const float hw = cell / 2 - pad, hh = h / 2 - pad;
      if (hw <= 0.5f || hh <= 0.5f) break;
      if (c->cap == 0) {
        // Unbuffered: no cell, only the place where the handoff happens.
        shapes.segment(cx, y + pad, cx, y + h - pad, std::max(1.0f, 0.04f * s),
                       palette::with_alpha(palette::kPipeBorder, 140));
        continue;
      }
      shapes.box(cx, cy, hw, hh, std::min(hw, hh) * 0.3f,
                 full ? palette::kValue : palette::kSlotEmpty);
      if (full) {
        std::string t = m.format(c->buffer[static_cast<std::size_t>(k)]);
        if (lh <= 2 * hh + 2 && fits(t, 2 * hw - 2))
          labels.push_back({cx, cy, std::move(t), palette::kTextDark});
      }
    }
    // Name and fill above the pipe.
    std::string name = channel_label(*c);
    if (c->cap > 0)
      name += "  " + std::to_string(c->buffer.size()) + "/" + std::to_string(c->cap);
    else
      name += "  unbuffered";
    if (c->closed) name += "  closed";
    if (lh <= 0.9f * s && fits(name, w + 2 * qx))
      labels.push_back({x, y - lh * 0.65f, std::move(name), palette::kText, Label::Align::Left});
    // Queued senders (right) and receivers (left), front nearest the pipe.
    for (int side = 0; side < 2; ++side) {
      const bool sender = side == 0;
      const auto& q = sender ? c->senders : c->receivers;
      for (std::size_t i = 0; i < q.size() && i < kQueueShown; ++i) {
        Pt at = queue_pos(p, sender, i);
        const float r = kQueueR * s;
        const bool sel = q[i] == in.selected;
        shapes.circle(v.sx(at.x), v.sy(at.y), std::max(r, 1.5f), palette::kBlocked,
                      sel ? palette::kSelected : darker(palette::kBlocked),
                      sel ? 2.0f : std::max(1.0f, 0.04f * s));
        if (i + 1 == kQueueShown && q.size() > kQueueShown) {
          std::string more = tagged("+", q.size() - kQueueShown + 1);
          if (lh <= 0.9f * s && fits(more, kQueueGap * s * 1.6f))
            labels.push_back(
                {v.sx(at.x), v.sy(at.y) + r + lh * 0.6f, std::move(more), palette::kTextDim});
        } else {
          std::string id = std::to_string(q[i]);
          if (lh * 0.9f <= 2 * r && fits(id, 2 * r - 2))
            labels.push_back({v.sx(at.x), v.sy(at.y), std::move(id), palette::kTextDark});
        }
      }
    }
  }

  // Goroutines (or clusters of them).
  const float cell_px = Layout::kCell * s;
  for (const Layout::Node& n : l.nodes()) {
    const float x = v.sx(n.x), y = v.sy(n.y), r = std::max(n.r * s, 1.5f);
    if (!visible(in, x, y, r + cell_px, r + lh)) continue;
    std::uint32_t fill = palette::state_color(n.state, n.p);
    if (n.state == GState::Done) fill = palette::with_alpha(fill, 190);
    const bool sel = n.g == in.selected && n.count == 1;
    const bool hov = n.g == in.hovered;
    std::uint32_t stroke = sel   ? palette::kSelected
                           : hov ? palette::rgba(200, 205, 215)
                                 : darker(fill);
    float border = sel ? std::max(3.0f, 0.08f * s) : hov ? 2.0f : std::max(1.0f, 0.05f * s);
    if (n.count > 1) {  // a cluster: a double ring says "many"
      shapes.circle(x, y, r + std::max(2.0f, 0.1f * r), palette::with_alpha(fill, 90));
      border = std::max(border, 2.0f);
    }
    shapes.circle(x, y, r, fill, stroke, border);
    // Inside: the id (or the count of a cluster); below: the name.
    const Goroutine* g = m.goroutine(n.g);
    std::string inside = n.count > 1
                             ? tagged("\xc3\x97", static_cast<std::uint64_t>(n.count))  // ×N
                             : tagged("g", n.g);
    if (lh <= 1.6f * r && fits(inside, 1.8f * r - 2))
      labels.push_back({x, y, std::move(inside), palette::text_on(fill)});
    if (g && !g->name.empty() && lh <= (Layout::kCell - 2 * Layout::kNodeRadius) * s + 2) {
      if (fits(g->name, cell_px - 4))
        labels.push_back({x, y + r + lh * 0.55f, g->name, palette::kTextDim});
    }
  }

  // Values in flight, on top of everything.
  for (const Flight& f : in.flights) {
    float wx = 0, wy = 0;
    if (!flight_position(l, f.t, f.progress, wx, wy)) continue;
    const float x = v.sx(wx), y = v.sy(wy);
    std::string t = f.t.closed ? "closed" : m.format(f.t.v);
    const float tw = in.text_width(t);
    const bool text = 0.5f * s >= lh * 0.8f && !t.empty();
    const float hw = text ? std::max(tw / 2 + 4, 0.3f * s) : std::max(0.22f * s, 2.0f);
    const float hh = text ? lh / 2 + 2 : hw;
    if (!visible(in, x, y, hw, hh)) continue;
    const std::uint32_t fill = f.t.closed ? palette::kTextDim : palette::kValue;
    shapes.box(x, y, hw, hh, text ? 4.0f : hw, fill, palette::rgba(60, 50, 20), 1.0f);
    if (text) labels.push_back({x, y, std::move(t), palette::kTextDark});
  }
}

}  // namespace gort::web
