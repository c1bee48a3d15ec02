// The gallery panel: see gallery_view.hpp.
#include "gallery_view.hpp"

#include <imgui.h>

#include <patterns/pattern.hpp>
#include <string>

#include "playground.hpp"
#include "theme_style.hpp"
#include "widget_rects.hpp"

namespace gort::web {

void draw_gallery(Playground& pg, WidgetRects& rects) {
  for (const patterns::Pattern& p : patterns::all()) {
    ImGui::PushID(p.id.c_str());
    bool chosen = pg.next.pattern == p.id;
    std::string label = (pg.edited(p.id) ? p.title + " (edited)" : p.title) + "###entry";
    if (ImGui::Selectable(label.c_str(), chosen)) pg.choose(p.id);
    rects.record_item("gallery." + p.id);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.id.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, theme::vec(theme::current().dim));
    ImGui::Indent();
    ImGui::TextWrapped("%s", p.description.c_str());
    ImGui::Unindent();
    ImGui::PopStyleColor();
    if (chosen) {
      ImGui::Indent();
      for (std::size_t i = 0; i < p.params.size() && i < pg.next.params.size(); i++) {
        const patterns::Param& param = p.params[i];
        ImGui::SetNextItemWidth(-ImGui::CalcTextSize(param.name.c_str()).x - 8);
        int value = pg.next.params[i].second;
        if (ImGui::SliderInt(param.name.c_str(), &value, param.min, param.max, "%d",
                             ImGuiSliderFlags_AlwaysClamp))
          pg.set_param(param.name, value);
        rects.record_item("param." + param.name);
        if (ImGui::IsItemHovered() && !param.help.empty())
          ImGui::SetTooltip("%s", param.help.c_str());
      }
      ImGui::Unindent();
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
}

}  // namespace gort::web
