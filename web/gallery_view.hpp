// The gallery panel: every pattern of gort::patterns::all() with its
// one-line description; the chosen one shows its parameters as sliders
// (each rewrites its constant's line in the code), and a pattern whose text
// the reader edited says "(edited)".
// Choosing a pattern sets the next run's options (Playground::next); the
// Run button (controls view) starts it.
#pragma once

namespace gort::web {

class Playground;
class WidgetRects;

// Draws inside the current ImGui window. Records "gallery.<id>" rects.
void draw_gallery(Playground& pg, WidgetRects& rects);

}  // namespace gort::web
