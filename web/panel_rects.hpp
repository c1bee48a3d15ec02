// Where each panel goes for a display of w x h CSS pixels. Debian's ImGui
// 1.86 has no docking, so the app places its windows from this every frame.
//
// The canvas leaves room for the code editor, a DOM panel beside it
// (index.html), so the Go text is not one of these panels. Full layout: a
// left column (gallery over controls), a right column (console over
// stats), and between them the graph view over the timeline strip. Embed
// layout (?embed=1, for iframes in tutorials): the controls as a toolbar
// across the top (kToolbarH), the graph with the console at its right, the
// timeline at the bottom; while compare mode shows (two runs' lanes stacked
// in the timeline), the timeline takes the larger part of the height from
// the graph, so both runs' lanes stay readable in a small frame. An embed
// shows only the panels it asks for (embed_panels.hpp): a panel left out
// has an empty rect and its room goes to the graph (or, without a graph,
// to the console, then the timeline). Every rect lies inside the display,
// rects do not overlap, and together they cover it.
#pragma once

#include "embed_panels.hpp"

namespace gort::web {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};

inline constexpr float kToolbarH = 38;  // the embed layout's controls: one row

struct PanelRects {
  Rect gallery, controls, console, stats, graph, timeline;  // embed: gallery, stats empty
};

PanelRects panel_rects(float w, float h, bool embed, bool compare = false,
                       unsigned panels = panel::kAll);

}  // namespace gort::web
