// WidgetRects: see widget_rects.hpp.
#include "widget_rects.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>

namespace gort::web {

void WidgetRects::begin_frame() {
  std::string j = "{";
  for (const Rect& r : frame_) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "[%.1f,%.1f,%.1f,%.1f]", r.x, r.y, r.w, r.h);
    if (j.size() > 1) j += ',';
    j += '"';
    for (char c : r.name) {
      if (c == '"' || c == '\\') j += '\\';
      j += c;
    }
    j += "\":";
    j += buf;
  }
  j += '}';
  json_ = std::move(j);
  frame_.clear();
}

void WidgetRects::record_item(const std::string& name) {
  // Only the visible part can be clicked: clip to the window's inner rect.
  ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  r.ClipWith(ImGui::GetCurrentWindow()->InnerClipRect);
  if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
  record(name, r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight());
}

void WidgetRects::record(const std::string& name, float x, float y, float w, float h) {
  frame_.push_back({name, x, y, w, h});
}

}  // namespace gort::web
