// The playground's colours for text and highlights (ImGui's IM_COL32 layout),
// shared by the panels so that one meaning has one colour everywhere.
#pragma once

#include <imgui.h>

namespace gort::web::theme {

inline const ImVec4 kDim{0.62f, 0.65f, 0.70f, 1.0f};             // secondary text
inline const ImVec4 kError{1.00f, 0.42f, 0.38f, 1.0f};           // panics, fatal errors, bad input
inline const ImVec4 kOk{0.45f, 0.85f, 0.50f, 1.0f};              // normal exit
inline const ImVec4 kNotice{0.98f, 0.80f, 0.35f, 1.0f};          // exit status, stopped, simulated
inline const ImVec4 kGoroutine{0.55f, 0.75f, 1.0f, 1.0f};        // goroutine headers in tracebacks
inline const ImU32 kLineSelected = IM_COL32(70, 120, 200, 150);  // selected goroutine's line
inline const ImU32 kLineOther = IM_COL32(90, 90, 110, 90);       // lines other goroutines are at

}  // namespace gort::web::theme
