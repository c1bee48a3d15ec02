// Repaint: draws ImGui's frame on the canvas through its GL backend, but
// only what Damage (web/damage.hpp) plans: the draw lists that changed and
// what overlaps them, over scissored clears of their rects, and nothing at
// all when nothing changed (the canvas then keeps its last frame and the
// browser composites no new one).
//
// Invariants: a list's rect is the bounding box of the scissor boxes the
// backend (and Renderer, for its shape batches) sets for its commands,
// computed with the backend's own integer arithmetic; its hash covers its
// vertices, indices, commands and the shape batches its callbacks draw.
#pragma once

#include "damage.hpp"

struct ImDrawCmd;
struct ImDrawData;
struct ImVec4;

namespace gort::web {

// The scissor box ImGui's OpenGL 3 backend sets for `cmd` (its integer
// arithmetic, to the pixel; origin bottom-left), empty for a command it
// skips. Renderer clips its shape batches to the same box.
PixelRect backend_scissor(const ImDrawData& dd, const ImDrawCmd& cmd);

// Draws `dd` onto a framebuffer of fb_w x fb_h pixels whose background is
// `clear`. `preserved`: the canvas keeps the last frame's pixels (WebGL's
// preserveDrawingBuffer); if not, every frame is drawn whole.
void repaint(ImDrawData* dd, int fb_w, int fb_h, const ImVec4& clear, bool preserved,
             Damage& damage);

}  // namespace gort::web
