// See timeline_view.hpp.
#include "timeline_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "layout.hpp"
#include "palette.hpp"
#include "theme.hpp"

namespace gort::web {
namespace {

constexpr float kGutter = 40;     // px for the "P0" lane names
constexpr float kRightPad = 6;    // keeps the present's cursor line visible
constexpr float kTickMinPx = 90;  // px between time ticks at least
constexpr float kThin = 3;        // px: spans this thin merge with their neighbours
constexpr float kMinSpanPx = 2;   // a span (running or not) is at least this wide

std::uint32_t darker(std::uint32_t c) {
  return palette::rgba((c & 0xff) / 2, ((c >> 8) & 0xff) / 2, ((c >> 16) & 0xff) / 2, c >> 24);
}

// A label drawn after the shapes, so that no lane covers it.
struct Text {
  float x, y;
  std::string s;
  std::uint32_t color;
};

}  // namespace

void TimelineView::draw_compare(const Playback& pb, Renderer& renderer, WidgetRects& rects,
                                std::uint32_t& selected, const CompareRun& one,
                                const CompareRun& many) {
  const Model& m = pb.model();
  const float lh = ImGui::GetTextLineHeight();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, kGutter + 40);
  size.y = std::max(size.y, 4 * lh);
  ImGui::InvisibleButton("timeline", size, ImGuiButtonFlags_MouseButtonLeft);
  const bool clicked = ImGui::IsItemDeactivated() && ImGui::IsItemHovered();
  const ImGuiIO& io = ImGui::GetIO();

  // One time scale for both: the longer run fits the width.
  const float lx0 = p0.x + kGutter, lx1 = p0.x + size.x - kRightPad;
  const double span =
      static_cast<double>(std::max({one.wall_ns, many.wall_ns, std::int64_t{1000000}}));
  const double px_per_ns = (lx1 - lx0) / span;
  auto x_of = [&](double t) { return lx0 + static_cast<float>(t * px_per_ns); };
  const float header = lh + 4;  // the ticks, then a title row above each run's lanes
  const int rows = static_cast<int>(one.lanes.size() + many.lanes.size());
  const float lane_h =
      std::clamp((size.y - 3 * header) / static_cast<float>(std::max(rows, 1)), 2.0f, 32.0f);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), true);
  shapes_.clear();
  std::vector<Text> texts;
  const palette::Palette& pal = *theme::current().views;
  const std::uint32_t bg = theme::current().background;
  TimeAxis ticks;
  ticks.update(lx0, lx1 - lx0, static_cast<std::int64_t>(span));
  const double step = ticks.tick_step(kTickMinPx);
  const float bottom = p0.y + size.y;
  for (double t = 0; t <= span; t += step) {
    const float x = x_of(t);
    shapes_.box(x, (p0.y + header + bottom) / 2, 0.5f, (bottom - p0.y - header) / 2, 0,
                palette::with_alpha(pal.lane, 22));
    const std::string label = format_time(t, step);
    if (x + 3 + ImGui::CalcTextSize(label.c_str()).x <= p0.x + size.x)
      texts.push_back({x + 3, p0.y + 2, label, theme::current().label_dim});
  }
  std::uint32_t hover_g = 0;
  float y = p0.y + header;
  for (const CompareRun* r : {&one, &many}) {
    std::string title = "GOMAXPROCS=" + std::to_string(r->procs) + ": " +
                        format_time(static_cast<double>(r->wall_ns), 1e5) +
                        (r->done ? "" : " so far");
    if (r == &many && r->done) title += ", " + speedup_text(one.wall_ns, many.wall_ns);
    if (r->simulated && r->procs > 1) {
      const std::string why = " (simulated: each P's busy time, as if on its own core)";
      const bool room = ImGui::CalcTextSize((title + why).c_str()).x <= lx1 - lx0 - 2;
      title += room ? why : " (simulated)";  // an embed's narrow timeline
    }
    texts.push_back(
        {lx0 + 2, y + 1, title, r == &one ? theme::current().label : theme::current().notice});
    y += header;
    for (std::size_t p = 0; p < r->lanes.size(); ++p) {
      // Lanes at least 2 px, so both runs fit whatever the panel's height
      // (an embed gives compare mode the room for more: panel_rects.hpp).
      const float yc = y + lane_h / 2, hh = std::max(lane_h / 2 - std::min(2.0f, lane_h / 4), 1.0f);
      shapes_.box((lx0 + lx1) / 2, yc, (lx1 - lx0) / 2, lane_h / 2 - 1, 0,
                  palette::with_alpha(pal.lane, p % 2 ? 8 : 14));
      if (const float shown = std::min(y + lane_h, bottom) - y; shown > 0)  // what the clip leaves
        rects.record("compare." + std::to_string(r->procs) + ".P" + std::to_string(p), lx0, y,
                     lx1 - lx0, shown);
      if (lane_h >= lh * 0.8f)
        texts.push_back({p0.x + 6, yc - lh / 2, "P" + std::to_string(p),
                         palette::readable_on(pal.proc_color(static_cast<int>(p)), bg)});
      float covered = lx0 - 1;
      for (const Span& sp : r->lanes[p].spans) {
        const double end =
            sp.end < 0 ? static_cast<double>(r->wall_ns) : static_cast<double>(sp.end);
        float x0 = std::max(x_of(static_cast<double>(sp.start)), covered);
        float x1 = std::max(x_of(end), x0 + kMinSpanPx);
        if (x1 <= covered) continue;
        const std::uint32_t fill = palette::goroutine_color(sp.g);
        const bool sel = sp.g == selected;
        shapes_.box((x0 + x1) / 2, yc, (x1 - x0) / 2, hh, std::min(2.0f, (x1 - x0) / 2), fill,
                    sel ? pal.selected : darker(fill), sel ? 2.0f : 0.0f);
        covered = x1;
        if (io.MousePos.y >= y && io.MousePos.y < y + lane_h && io.MousePos.x >= x0 &&
            io.MousePos.x <= x1)
          hover_g = sp.g;
      }
      y += lane_h;
    }
    y += 2;
  }
  renderer.draw(dl, shapes_);
  for (const Text& t : texts)
    dl->AddText(ImVec2(std::round(t.x), std::round(t.y)), t.color, t.s.c_str());
  dl->PopClipRect();
  if (hover_g && ImGui::IsItemHovered()) {
    const Goroutine* g = m.goroutine(hover_g);
    ImGui::SetTooltip("goroutine %u %s", hover_g, g ? g->name.c_str() : "");
  }
  if (clicked) selected = hover_g;
}

void TimelineView::draw(const Playback& pb, Renderer& renderer, WidgetRects& rects,
                        std::uint32_t& selected, const CompareRun* one, const CompareRun* many) {
  if (one && many) {
    draw_compare(pb, renderer, rects, selected, *one, *many);
    return;
  }
  const Model& m = pb.model();
  const ImGuiIO& io = ImGui::GetIO();
  if (pb.size() < events_seen_) axis_.reset();  // a new run
  events_seen_ = pb.size();
  if (m.exited() && !exited_) axis_.reset();  // it ended: show all of it
  exited_ = m.exited();

  // The present: the play clock while the program may still do something,
  // the last event once it has exited (time stops there). Time starts at
  // the program's first event.
  const std::int64_t now = m.exited() ? m.now() : std::max(pb.clock(), m.now());
  const std::int64_t start = pb.first_ts();

  const float lh = ImGui::GetTextLineHeight();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, kGutter + 40);
  size.y = std::max(size.y, 2 * lh + 8);
  const float header = lh + 6;
  const int procs = std::max(m.procs(), 1);
  const float lane_h = std::clamp((size.y - header) / static_cast<float>(procs), 8.0f, 40.0f);
  const float lx0 = p0.x + kGutter, lx1 = p0.x + size.x - kRightPad;
  const float ly0 = p0.y + header;
  axis_.update(lx0, lx1 - lx0, now, start);

  ImGui::InvisibleButton("timeline", size, ImGuiButtonFlags_MouseButtonLeft);
  const bool hovered = ImGui::IsItemHovered();
  if (hovered && io.MouseWheel != 0) axis_.zoom(std::pow(1.2, io.MouseWheel), io.MousePos.x);
  if (ImGui::IsItemActivated()) dragged_ = false;
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3)) {
    axis_.pan(io.MouseDelta.x);
    dragged_ = true;
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) axis_.reset();
  // A release without a drag is a click (read now: later items change it).
  const bool clicked = ImGui::IsItemDeactivated() && !dragged_ && hovered;
  axis_.update(lx0, lx1 - lx0, now, start);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), true);
  shapes_.clear();
  std::vector<Text> texts;
  const palette::Palette& pal = *theme::current().views;
  const std::uint32_t bg = theme::current().background;

  // Time ticks: a faint line through the lanes and its time in the header.
  const double step = axis_.tick_step(kTickMinPx);
  const float lanes_bottom = ly0 + lane_h * static_cast<float>(procs);
  // Ticks count from the first event: "0" is where the program starts.
  const double t0 = static_cast<double>(start);
  for (double t = std::floor(std::max(axis_.left() - t0, 0.0) / step) * step;
       t0 + t <= axis_.right(); t += step) {
    const float x = static_cast<float>(axis_.x_of(t0 + t));
    if (x < lx0 - 0.5f) continue;
    shapes_.box(x, (ly0 + lanes_bottom) / 2, 0.5f, (lanes_bottom - ly0) / 2, 0,
                palette::with_alpha(pal.lane, 22));
    const std::string label = format_time(t, step);
    if (x + 3 + ImGui::CalcTextSize(label.c_str()).x <= p0.x + size.x)
      texts.push_back({x + 3, p0.y + 2, label, theme::current().label_dim});
  }

  // Lanes.
  int hover_lane = -1, hover_span = -1;
  if (hovered && io.MousePos.y >= ly0 && io.MousePos.y < lanes_bottom && io.MousePos.x >= lx0)
    hover_lane = static_cast<int>((io.MousePos.y - ly0) / lane_h);
  const auto& lanes = m.lanes();
  for (int p = 0; p < procs && p < static_cast<int>(lanes.size()); ++p) {
    const Lane& lane = lanes[static_cast<std::size_t>(p)];
    const float y0 = ly0 + lane_h * static_cast<float>(p), yc = y0 + lane_h / 2;
    const float hh = std::max(lane_h / 2 - 3, 2.0f);
    shapes_.box((lx0 + lx1) / 2, yc, (lx1 - lx0) / 2, lane_h / 2 - 1, 0,
                palette::with_alpha(pal.lane, p % 2 ? 8 : 14));
    texts.push_back({p0.x + 6, yc - lh / 2, "P" + std::to_string(p),
                     palette::readable_on(pal.proc_color(p), bg)});
    if (p == hover_lane)
      hover_span =
          span_at(lane, axis_.t_of(io.MousePos.x), static_cast<double>(now), 3 * axis_.ns_per_px());

    // Spans from the last one starting before the left edge.
    const auto& spans = lane.spans;
    auto it =
        std::upper_bound(spans.begin(), spans.end(), axis_.left(),
                         [](double v, const Span& s) { return v < static_cast<double>(s.start); });
    if (it != spans.begin()) --it;
    float covered = lx0 - 1;  // right edge of what is drawn in this lane
    // Spans thinner than kThin px that touch merge into one run: at coarse
    // zoom a pixel holds many spans, and one bar (in the goroutine's colour,
    // or neutral when several goroutines share it) says as much as hundreds.
    struct Run {
      float x0, x1;
      std::uint32_t g;  // 0 = several goroutines
      bool thin;
    };
    std::optional<Run> run;
    auto flush = [&] {
      if (!run) return;
      const Run& r = *run;
      const std::uint32_t fill = r.g ? palette::goroutine_color(r.g) : pal.mixed;
      const bool sel = r.g != 0 && r.g == selected;
      const float w = r.x1 - r.x0;
      shapes_.box((r.x0 + r.x1) / 2, yc, w / 2, hh, std::min(3.0f, w / 2), fill,
                  sel ? pal.selected : darker(fill), sel ? 2.0f : (w > 4 ? 1.0f : 0.0f));
      if (r.g && w > 24 && hh * 2 >= lh) {
        const Goroutine* g = m.goroutine(r.g);
        std::string label = "g" + std::to_string(r.g);
        if (g && !g->name.empty()) label += " " + g->name;
        float tw = ImGui::CalcTextSize(label.c_str()).x;
        if (tw + 8 > w) {
          label = "g" + std::to_string(r.g);
          tw = ImGui::CalcTextSize(label.c_str()).x;
        }
        if (tw + 8 <= w)
          texts.push_back(
              {(r.x0 + r.x1 - tw) / 2, yc - lh / 2, std::move(label), pal.text_on(fill)});
      }
      run.reset();
    };
    for (; it != spans.end() && static_cast<double>(it->start) <= axis_.right(); ++it) {
      const double end = it->end < 0 ? static_cast<double>(now) : static_cast<double>(it->end);
      float x0 = std::max(static_cast<float>(axis_.x_of(static_cast<double>(it->start))), lx0);
      float x1 = std::min(static_cast<float>(axis_.x_of(end)), lx1);
      if (x1 < lx0) continue;
      const bool thin = x1 - x0 < kThin;
      if (x1 - x0 < kMinSpanPx) x1 = x0 + kMinSpanPx;
      if (run && thin && run->thin && x0 <= run->x1 + 1) {
        run->x1 = std::max(run->x1, x1);
        if (run->g != it->g) run->g = 0;
        run->thin = run->x1 - run->x0 < kThin || run->g == 0;
        continue;
      }
      flush();
      x0 = std::max(x0, covered);
      run = Run{x0, std::max(x1, x0 + kMinSpanPx), it->g, thin};
      covered = run->x1;
    }
    flush();

    // Block (top, red) and unblock (bottom, green) marks.
    const auto& marks = lane.markers;
    auto mt =
        std::lower_bound(marks.begin(), marks.end(), axis_.left(),
                         [](const Marker& mk, double v) { return static_cast<double>(mk.ts) < v; });
    // Marks closer than 3 px merge into one line (a burst of blocks/wakes).
    const float r = std::clamp(lane_h * 0.09f, 1.5f, 3.0f);
    for (int kind = 0; kind < 2; ++kind) {
      const bool block = kind == 0;
      const float y = block ? y0 + r + 1 : y0 + lane_h - r - 2;
      const std::uint32_t color = block ? pal.blocked : pal.unblock;
      float a = 0, b = 0;
      bool open = false;
      auto emit = [&] {
        if (!open) return;
        if (b - a < 1)
          shapes_.circle(a, y, r, color, palette::rgba(0, 0, 0, 160), 1);
        else
          shapes_.segment(a, y, b, y, 2 * r, color);
        open = false;
      };
      for (auto k = mt; k != marks.end() && static_cast<double>(k->ts) <= axis_.right(); ++k) {
        if (k->block != block) continue;
        const float x = static_cast<float>(axis_.x_of(static_cast<double>(k->ts)));
        if (open && x - b < 3) {
          b = x;
          continue;
        }
        emit();
        a = b = x;
        open = true;
      }
      emit();
    }
  }

  // The playback position.
  const float cx = static_cast<float>(axis_.x_of(static_cast<double>(pb.clock())));
  if (cx >= lx0 && cx <= lx1 + kRightPad)
    shapes_.box(cx, (ly0 - 2 + lanes_bottom) / 2, 1, (lanes_bottom - ly0 + 2) / 2, 0,
                palette::with_alpha(pal.selected, 200));

  renderer.draw(dl, shapes_);
  for (const Text& t : texts)
    dl->AddText(ImVec2(std::round(t.x), std::round(t.y)), t.color, t.s.c_str());
  if (!axis_.following()) {
    const char* back = "double-click: back to now";
    const ImVec2 ts = ImGui::CalcTextSize(back);
    dl->AddText(ImVec2(lx1 - ts.x - 4, p0.y + 2), theme::current().notice, back);
  }
  dl->PopClipRect();

  // Hover and click.
  if (hover_span >= 0) {
    const Span& s =
        lanes[static_cast<std::size_t>(hover_lane)].spans[static_cast<std::size_t>(hover_span)];
    const double end = s.end < 0 ? static_cast<double>(now) : static_cast<double>(s.end);
    const double dur = end - static_cast<double>(s.start);
    ImGui::BeginTooltip();
    const Goroutine* hg = m.goroutine(s.g);
    ImGui::Text("%s on P%d", hg ? Layout::goroutine_label(*hg).c_str() : "?", hover_lane);
    if (s.g) ImGui::Text("goroutine %u", s.g);
    ImGui::Text("ran %s, from %s%s", format_time(dur, std::max(dur / 100, 1.0)).c_str(),
                format_time(static_cast<double>(s.start - start), std::max(dur / 100, 1.0)).c_str(),
                s.end < 0 ? " (still running)" : "");
    ImGui::EndTooltip();
  }
  if (clicked) {
    selected = hover_span >= 0 ? lanes[static_cast<std::size_t>(hover_lane)]
                                     .spans[static_cast<std::size_t>(hover_span)]
                                     .g
                               : 0;
  }
}

}  // namespace gort::web
