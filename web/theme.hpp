// The playground's colours for text and highlights (ImGui's IM_COL32 layout),
// shared by the panels so that one meaning has one colour everywhere.
#pragma once

#include <imgui.h>

namespace gort::web::theme {

inline const ImVec4 kDim{0.62f, 0.65f, 0.70f, 1.0f};       // secondary text
inline const ImVec4 kError{1.00f, 0.42f, 0.38f, 1.0f};     // panics, fatal errors, bad input
inline const ImVec4 kOk{0.45f, 0.85f, 0.50f, 1.0f};        // normal exit
inline const ImVec4 kNotice{0.98f, 0.80f, 0.35f, 1.0f};    // exit status, stopped, simulated
inline const ImVec4 kGoroutine{0.55f, 0.75f, 1.0f, 1.0f};  // goroutine headers in tracebacks
inline const ImVec4 kLink{0.55f, 0.80f, 1.0f, 1.0f};       // a line that jumps to the code

}  // namespace gort::web::theme
