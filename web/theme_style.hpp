// The current theme (theme.hpp) in ImGui: its style, and its colours as
// the ImVec4s ImGui's text calls take. Only the playground's views use it.
#pragma once

#include <imgui.h>

#include <cstdint>

#include "theme.hpp"

namespace gort::web::theme {

inline ImVec4 vec(std::uint32_t c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}
// Makes `t` current and ImGui's style follow it (the window background
// becomes t.background at alpha 0: the app clears the canvas with it).
void apply(const Theme& t);

}  // namespace gort::web::theme
