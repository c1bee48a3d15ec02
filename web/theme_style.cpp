// The theme in ImGui: see theme_style.hpp.
#include "theme_style.hpp"

namespace gort::web::theme {

void apply(const Theme& t) {
  set(t);
  ImGuiStyle& style = ImGui::GetStyle();
  if (t.light)
    ImGui::StyleColorsLight(&style);
  else
    ImGui::StyleColorsDark(&style);
  style.Colors[ImGuiCol_Text] = vec(t.text);
  style.Colors[ImGuiCol_TextDisabled] = vec(t.dim);
  // The panels tile the canvas, so their background is the clear colour and
  // ImGui skips the rect (alpha 0): on SwiftShader a full-canvas blended fill
  // costs most of a frame, the clear next to nothing (DESIGN.md, The playground).
  style.Colors[ImGuiCol_WindowBg] = vec(palette::with_alpha(t.background, 0));
}

}  // namespace gort::web::theme
