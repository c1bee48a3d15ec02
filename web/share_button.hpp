// The controls' Share button: copies the link of what is on screen
// (gort.shareUrl(): the page's link with the run's GOMAXPROCS and seed
// filled in) to the clipboard, then says for kShowSeconds whether it could:
// its label becomes "Copied" (or "Not copied", and the tooltip says why).
//
// Invariants: share_message() is "" or the answer to the last click, and
// it goes back to "" kShowSeconds after that answer came.
#pragma once

#include <string>

namespace gort::web {

class WidgetRects;

inline constexpr double kShowSeconds = 4;

// Draws the button in the current ImGui window; records "share".
void draw_share_button(WidgetRects& rects);
// The clipboard's answer to the last click.
void share_done(bool copied);
const std::string& share_message();

}  // namespace gort::web
