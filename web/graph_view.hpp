// GraphView: the "Goroutines and channels" panel: the program's dataflow
// (web/layout.hpp) with goroutines as boxes coloured by state (running: the
// colour of their P), channels as boxes with one slot per buffer cell and
// the values inside, an edge for every goroutine that sent into or received
// from a channel lately (red while it waits there), and every value flying
// along its edge. Hover shows details, click selects (the selection is
// shared with the source and timeline views), wheel zooms, drag pans,
// double-click fits.
//
// Invariants: the picture is a function of the playback (model at the
// cursor, speed, paused), the layout and the view's own pan/zoom; shapes go
// out in one draw call (web/renderer.hpp), text through ImGui. Fitted, the
// graph's text is at least kMinTextPx (graph_scene.hpp): a drawing too big for that is shown
// from its top-left corner and can be panned.
#pragma once

#include <cstdint>
#include <vector>

#include "graph_scene.hpp"
#include "layout.hpp"
#include "playback.hpp"
#include "renderer.hpp"
#include "shape_batch.hpp"
#include "view_transform.hpp"

struct ImFont;

namespace gort::web {

class GraphView {
 public:
  // Draws in the current ImGui window's remaining content region with the
  // graph's font (rasterized for Layout::kFont px). `selected`: the
  // selected goroutine (0 = none), set on click.
  void draw(const Playback& pb, Layout& layout, Renderer& renderer, ImFont* font,
            std::uint32_t& selected);
  // The last frame's picture (window.gort.scene()), built again on demand
  // from what that frame drew with (nothing changes between frames).
  SceneExport scene() const;

 private:
  void draw_legend(const Model& m);
  void tooltip(const Model& m, const Layout& l, int item) const;

  ViewTransform view_;
  bool user_view_ = false;  // panned or zoomed: stop fitting the layout
  bool dragged_ = false;    // the current press moved (a pan, not a click)
  Chips chips_;
  ShapeBatch shapes_;
  std::vector<Label> labels_;
  std::uint32_t hovered_ = 0;
  // What the last frame drew from, for scene().
  const Playback* pb_ = nullptr;
  const Layout* layout_ = nullptr;
  std::uint32_t selected_ = 0;
  float clip_[4] = {0, 0, 0, 0};
};

}  // namespace gort::web
