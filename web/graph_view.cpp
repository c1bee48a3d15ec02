// See graph_view.hpp.
#include "graph_view.hpp"

#include <imgui.h>

#include <cmath>
#include <string>

#include "palette.hpp"

namespace gort::web {
namespace {

constexpr float kFitMargin = 36;    // px around the layout when fitted
constexpr float kMaxFitScale = 48;  // px per layout unit at most when fitted

std::string state_line(const Model& m, GState s, int p, WaitReason r, std::uint32_t chan) {
  switch (s) {
    case GState::Running:
      return "running on P" + std::to_string(p);
    case GState::Runnable:
      return "runnable (waiting for a P)";
    case GState::Sleeping:
      return "sleeping";
    case GState::Done:
      return "done";
    case GState::Blocked: {
      std::string t = "blocked: " + std::string(wait_reason_text(r));
      if (const Channel* c = chan ? m.channel(chan) : nullptr) t += " on " + channel_label(*c);
      return t;
    }
  }
  return "";
}

template <class Ids>
std::string id_list(const Model& m, const Ids& ids) {
  std::string t;
  for (std::size_t i = 0; i < ids.size() && i < 8; ++i)
    t += (i ? ", " : "") + goroutine_label(m, ids[i]);
  if (ids.size() > 8) t += ", ... (" + std::to_string(ids.size()) + ")";
  return t;
}

}  // namespace

void GraphView::draw_legend(const Model& m) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  const float r = lh * 0.35f;
  const float x0 = ImGui::GetCursorScreenPos().x;
  const float right = x0 + ImGui::GetContentRegionAvail().x;
  float x = x0, y = ImGui::GetCursorScreenPos().y;
  auto item = [&](std::uint32_t color, const std::string& text, bool value = false) {
    const float w = 2 * r + 6 + ImGui::CalcTextSize(text.c_str()).x + 14;
    if (x + w > right && x > x0) {
      x = x0;
      y += lh + 4;
    }
    const ImVec2 c(x + r, y + lh / 2);
    if (value)
      dl->AddRectFilled(ImVec2(c.x - r, c.y - r * 0.8f), ImVec2(c.x + r, c.y + r * 0.8f), color, 2);
    else
      dl->AddCircleFilled(c, r, color);
    dl->AddText(ImVec2(x + 2 * r + 6, y), palette::kText, text.c_str());
    x += w;
  };
  for (int p = 0; p < m.procs(); ++p)
    item(palette::proc_color(p), "running on P" + std::to_string(p));
  item(palette::kRunnable, "runnable");
  item(palette::kBlocked, "blocked");
  item(palette::kSleeping, "sleeping");
  item(palette::kDone, "done");
  item(palette::kValue, "value", true);
  ImGui::Dummy(ImVec2(right - x0, y + lh + 6 - ImGui::GetCursorScreenPos().y));
}

void GraphView::tooltip(const Model& m, const Layout& l, int node, int pipe) const {
  ImGui::BeginTooltip();
  if (node >= 0) {
    const Layout::Node& n = l.nodes()[static_cast<std::size_t>(node)];
    const Goroutine* g = m.goroutine(n.g);
    if (n.count > 1) {
      ImGui::Text("%u goroutines%s%s", n.count, g && !g->name.empty() ? " named " : "",
                  g && !g->name.empty() ? g->name.c_str() : "");
      ImGui::TextUnformatted(state_line(m, n.state, n.p, n.reason, n.chan).c_str());
      ImGui::TextDisabled("(grouped: too many goroutines to draw one by one)");
    } else if (g) {
      ImGui::Text("goroutine %u%s%s", g->id, g->name.empty() ? "" : "  ", g->name.c_str());
      ImGui::TextUnformatted(state_line(m, g->state, g->p, g->reason, g->chan).c_str());
      if (g->line > 0) ImGui::Text("at line %d", g->line);
      if (g->parent)
        ImGui::Text("created by %s at line %d", goroutine_label(m, g->parent).c_str(),
                    g->created_line);
      ImGui::Text("scheduled %llu time%s", static_cast<unsigned long long>(g->runs),
                  g->runs == 1 ? "" : "s");
      ImGui::TextDisabled("click to select: its line lights up in the source");
    }
  } else if (pipe >= 0) {
    const Channel* c = m.channel(l.pipes()[static_cast<std::size_t>(pipe)].chan);
    if (c) {
      ImGui::Text("channel %s", channel_label(*c).c_str());
      if (c->cap > 0) {
        ImGui::Text("buffered: %zu of %d slots used", c->buffer.size(), c->cap);
        std::string vals;
        for (const Value& v : c->buffer) vals += (vals.empty() ? "" : " ") + m.format(v);
        if (!vals.empty()) ImGui::Text("values (next out first): %s", vals.c_str());
      } else {
        ImGui::TextUnformatted("unbuffered: a send waits for a receiver");
      }
      if (c->closed) ImGui::TextColored(ImVec4(1, 0.8f, 0.35f, 1), "closed");
      ImGui::Text("%llu sent, %llu received", static_cast<unsigned long long>(c->sends),
                  static_cast<unsigned long long>(c->recvs));
      if (!c->senders.empty()) ImGui::Text("waiting to send: %s", id_list(m, c->senders).c_str());
      if (!c->receivers.empty())
        ImGui::Text("waiting to receive: %s", id_list(m, c->receivers).c_str());
    }
  }
  ImGui::EndTooltip();
}

void GraphView::draw(const Playback& pb, const Layout& layout, Renderer& renderer,
                     std::uint32_t& selected) {
  const Model& m = pb.model();
  const ImGuiIO& io = ImGui::GetIO();
  flights_.update(m, pb.cursor(), io.DeltaTime, pb.speed(), pb.paused());

  draw_legend(m);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 32.0f);
  size.y = std::max(size.y, 32.0f);
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  ImGui::InvisibleButton("graph", size, ImGuiButtonFlags_MouseButtonLeft);
  const bool hovered = ImGui::IsItemHovered();

  // Pan and zoom. A press that moves pans; one that does not is a click.
  if (hovered && io.MouseWheel != 0) {
    view_.zoom_at(io.MousePos.x, io.MousePos.y, std::pow(1.15f, io.MouseWheel));
    user_view_ = true;
  }
  if (ImGui::IsItemActivated()) dragged_ = false;
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3)) {
    view_.pan(io.MouseDelta.x, io.MouseDelta.y);
    dragged_ = user_view_ = true;
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) user_view_ = false;
  if (!user_view_) {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    scene_bounds(layout, x0, y0, x1, y1);
    view_.fit(x0, y0, x1, y1, p0.x, p0.y, size.x, size.y, kFitMargin, kMaxFitScale);
  }

  int node = -1, pipe = -1;
  if (hovered) {
    const float wx = view_.wx(io.MousePos.x), wy = view_.wy(io.MousePos.y);
    node = hit_node(layout, wx, wy);
    if (node < 0) pipe = hit_pipe(layout, wx, wy);
  }
  hovered_ = node >= 0 ? layout.nodes()[static_cast<std::size_t>(node)].g : 0;
  if (ImGui::IsItemDeactivated() && !dragged_) selected = hovered_;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(p0, p1, true);
  if (m.counters().total == 0) {
    const char* hint = "Pick a pattern and press Run: its goroutines appear here.";
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    dl->AddText(ImVec2(p0.x + (size.x - ts.x) / 2, p0.y + (size.y - ts.y) / 2), palette::kTextDim,
                hint);
  }
  const float lh = ImGui::GetTextLineHeight();
  SceneInput in{m,
                layout,
                view_,
                flights_.active(),
                selected,
                hovered_,
                p0.x,
                p0.y,
                p1.x,
                p1.y,
                lh,
                [](std::string_view t) {
                  return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; }};
  build_scene(in, shapes_, labels_);
  renderer.draw(dl, shapes_);
  for (const Label& l : labels_) {
    const char* b = l.text.data();
    const char* e = b + l.text.size();
    const ImVec2 ts = ImGui::CalcTextSize(b, e);
    float x = l.x;
    if (l.align == Label::Align::Center) x -= ts.x / 2;
    if (l.align == Label::Align::Right) x -= ts.x;
    dl->AddText(ImVec2(std::round(x), std::round(l.y - ts.y / 2)), l.color, b, e);
  }
  const char* help = "wheel: zoom   drag: pan   double-click: fit   click: select";
  const ImVec2 hs = ImGui::CalcTextSize(help);
  if (hs.x + 16 < size.x)
    dl->AddText(ImVec2(p1.x - hs.x - 8, p1.y - hs.y - 4),
                palette::with_alpha(palette::kTextDim, 160), help);
  dl->PopClipRect();

  if (node >= 0 || pipe >= 0) tooltip(m, layout, node, pipe);
}

}  // namespace gort::web
