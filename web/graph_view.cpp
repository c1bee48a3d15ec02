// See graph_view.hpp.
#include "graph_view.hpp"

#include <imgui.h>

#include <cmath>
#include <string>
#include <vector>

#include "palette.hpp"
#include "theme_style.hpp"

namespace gort::web {
namespace {

std::string state_line(const Model& m, const Layout& l, GState s, int p, WaitReason r,
                       std::uint32_t chan) {
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
      if (const Channel* c = chan ? m.channel(chan) : nullptr) t += " on " + l.channel_label(m, *c);
      return t;
    }
  }
  return "";
}

template <class Ids>
std::string id_list(const Model& m, const Ids& ids) {
  std::string t;
  for (std::size_t i = 0; i < ids.size() && i < 8; ++i)
    t += (i ? ", " : "") + (m.goroutine(ids[i]) ? Layout::goroutine_label(*m.goroutine(ids[i]))
                                                : "g" + std::to_string(ids[i]));
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
  // One swatch per colour, then the words: "running on P0-P3" takes one
  // swatch per P.
  auto item = [&](const std::vector<std::uint32_t>& colors, const std::string& text,
                  bool value = false) {
    const float sw = static_cast<float>(colors.size()) * (2 * r + 2) + 4;
    const float w = sw + ImGui::CalcTextSize(text.c_str()).x + 12;
    if (x + w > right && x > x0) {
      x = x0;
      y += lh + 4;
    }
    for (std::size_t i = 0; i < colors.size(); ++i) {
      const ImVec2 c(x + r + static_cast<float>(i) * (2 * r + 2), y + lh / 2);
      if (value)
        dl->AddRectFilled(ImVec2(c.x - r, c.y - r * 0.8f), ImVec2(c.x + r, c.y + r * 0.8f),
                          colors[i], 2);
      else
        dl->AddRectFilled(ImVec2(c.x - r, c.y - r * 0.8f), ImVec2(c.x + r, c.y + r * 0.8f),
                          colors[i], r * 0.6f);
    }
    dl->AddText(ImVec2(x + sw, y), theme::current().label, text.c_str());
    x += w;
  };
  const palette::Palette& pal = *theme::current().views;
  std::vector<std::uint32_t> procs;
  for (int p = 0; p < m.procs(); ++p) procs.push_back(pal.proc_color(p));
  item(procs, m.procs() > 1 ? "running on P0-P" + std::to_string(m.procs() - 1) : "running on P0");
  item({pal.runnable}, "runnable");
  item({pal.blocked}, "blocked");
  item({pal.sleeping}, "sleeping");
  item({pal.done}, "done");
  item({pal.value}, "value", true);
  ImGui::Dummy(ImVec2(right - x0, y + lh + 6 - ImGui::GetCursorScreenPos().y));
}

void GraphView::tooltip(const Model& m, const Layout& l, int item) const {
  const Layout::Item& it = l.items()[static_cast<std::size_t>(item)];
  ImGui::BeginTooltip();
  if (it.kind == Layout::Item::Kind::Goroutine) {
    const Goroutine* g = m.goroutine(it.id);
    if (g && it.count > 1) {
      ImGui::Text("%u goroutines%s%s", it.count, g->name.empty() ? "" : " named ", g->name.c_str());
      ImGui::TextUnformatted(state_line(m, l, g->state, -1, g->reason, g->chan).c_str());
      ImGui::TextDisabled("(grouped: too many goroutines to draw one by one)");
    } else if (g) {
      ImGui::Text("goroutine %u%s%s", g->id, g->name.empty() ? "" : "  ", g->name.c_str());
      ImGui::TextUnformatted(state_line(m, l, g->state, g->p, g->reason, g->chan).c_str());
      if (g->line > 0) ImGui::Text("at line %d", g->line);
      if (g->parent)
        ImGui::Text("created by %s at line %d",
                    id_list(m, std::vector<std::uint32_t>{g->parent}).c_str(), g->created_line);
      ImGui::Text("scheduled %llu time%s", static_cast<unsigned long long>(g->runs),
                  g->runs == 1 ? "" : "s");
      ImGui::TextDisabled("click to select: its line lights up in the source");
    }
  } else if (const Channel* c = m.channel(it.id)) {
    ImGui::Text("channel %s", l.channel_label(m, *c).c_str());
    if (c->cap > 0) {
      ImGui::Text("buffered: %zu of %d slots used", c->buffer.size(), c->cap);
      std::string vals;
      for (const Value& v : c->buffer) vals += (vals.empty() ? "" : " ") + m.format(v);
      if (!vals.empty()) ImGui::Text("values (next out first): %s", vals.c_str());
    } else {
      ImGui::TextUnformatted("unbuffered: a send waits for a receiver");
    }
    if (c->closed) ImGui::TextColored(theme::vec(theme::current().notice), "closed");
    ImGui::Text("%llu sent, %llu received", static_cast<unsigned long long>(c->sends),
                static_cast<unsigned long long>(c->recvs));
    if (!c->senders.empty()) ImGui::Text("waiting to send: %s", id_list(m, c->senders).c_str());
    if (!c->receivers.empty())
      ImGui::Text("waiting to receive: %s", id_list(m, c->receivers).c_str());
  }
  ImGui::EndTooltip();
}

SceneExport GraphView::scene() const {
  SceneExport out;
  if (!pb_ || !layout_) return out;
  SceneInput in{pb_->model(),
                *layout_,
                view_,
                chips_.chips(),
                selected_,
                hovered_,
                clip_[0],
                clip_[1],
                clip_[2],
                clip_[3],
                layout_->text_width(),
                theme::current().views};
  ShapeBatch shapes;
  std::vector<Label> labels;
  build_scene(in, shapes, labels, &out);
  return out;
}

void GraphView::draw(const Playback& pb, Layout& layout, Renderer& renderer, ImFont* font,
                     std::uint32_t& selected) {
  const Model& m = pb.model();
  const ImGuiIO& io = ImGui::GetIO();

  draw_legend(m);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 32.0f);
  size.y = std::max(size.y, 32.0f);
  const char* help = "wheel: zoom   drag: pan   double-click: fit   click: select";
  const ImVec2 hs = ImGui::CalcTextSize(help);
  const bool show_help = hs.x + 16 < size.x && size.y > 160;
  // The drawing stays above the help line.
  const float fit_h = size.y - (show_help ? hs.y + 6 : 0);
  const ImVec2 p1(p0.x + size.x, p0.y + fit_h);
  layout.arrange(m, size.x - 2 * kFitMargin, fit_h - 2 * kFitMargin);
  chips_.update(m, layout, pb.cursor(), io.DeltaTime, pb.speed(), pb.paused());

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
    const Layout::Box b = layout.bounds();
    view_.fit_readable(b.x, b.y, b.x + b.w, b.y + b.h, p0.x, p0.y, size.x, fit_h, kFitMargin,
                       kMaxFitScale, kMinTextPx / Layout::kFont);
  }

  int item = -1;
  if (hovered) item = hit_item(layout, view_.wx(io.MousePos.x), view_.wy(io.MousePos.y));
  const Layout::Item* hit = item >= 0 ? &layout.items()[static_cast<std::size_t>(item)] : nullptr;
  hovered_ = hit && hit->kind == Layout::Item::Kind::Goroutine ? hit->id : 0;
  if (ImGui::IsItemDeactivated() && !dragged_) selected = hovered_;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(p0, p1, true);
  if (m.counters().total == 0) {
    const char* hint = "Pick a pattern and press Run: its goroutines appear here.";
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    dl->AddText(ImVec2(p0.x + (size.x - ts.x) / 2, p0.y + (size.y - ts.y) / 2),
                theme::current().label_dim, hint);
  }
  SceneInput in{m,
                layout,
                view_,
                chips_.chips(),
                selected,
                hovered_,
                p0.x,
                p0.y,
                p1.x,
                p1.y,
                layout.text_width(),
                theme::current().views};
  build_scene(in, shapes_, labels_);
  pb_ = &pb;
  layout_ = &layout;
  selected_ = selected;
  clip_[0] = p0.x, clip_[1] = p0.y, clip_[2] = p1.x, clip_[3] = p1.y;
  renderer.draw(dl, shapes_);
  ImFont* f = font ? font : ImGui::GetFont();
  const float px = Layout::kFont * view_.scale;
  for (const Label& l : labels_) {
    const char* b = l.text.data();
    const char* e = b + l.text.size();
    const ImVec2 ts = f->CalcTextSizeA(px, FLT_MAX, 0, b, e);
    float x = l.x;
    if (l.align == Label::Align::Center) x -= ts.x / 2;
    if (l.align == Label::Align::Right) x -= ts.x;
    dl->AddText(f, px, ImVec2(std::round(x), std::round(l.y - ts.y / 2)), l.color, b, e);
  }
  dl->PopClipRect();
  if (show_help)
    dl->AddText(ImVec2(p1.x - hs.x - 8, p0.y + size.y - hs.y - 2), theme::current().label_dim,
                help);

  if (item >= 0) tooltip(m, layout, item);
}

}  // namespace gort::web
