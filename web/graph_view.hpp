// GraphView: the "Goroutines and channels" panel. Goroutines are circles
// coloured by state (running: the colour of their P), channels are pipes
// with one cell per buffer slot and the values inside, goroutines waiting
// on a channel queue at its ends (senders right, receivers left), and every
// send and receive flies as a value from goroutine to channel to goroutine.
// Hover shows details, click selects (the selection is shared with the
// source and timeline views), wheel zooms, drag pans, double-click fits.
//
// Invariants: the picture is a function of the playback (model at the
// cursor, speed, paused), the layout and the view's own pan/zoom; shapes go
// out in one draw call (web/renderer.hpp), text through ImGui.
#pragma once

#include <cstdint>
#include <vector>

#include "graph_scene.hpp"
#include "layout.hpp"
#include "playback.hpp"
#include "renderer.hpp"
#include "shape_batch.hpp"
#include "view_transform.hpp"

namespace gort::web {

class GraphView {
 public:
  // Draws in the current ImGui window's remaining content region.
  // `selected`: the selected goroutine (0 = none), set on click.
  void draw(const Playback& pb, const Layout& layout, Renderer& renderer, std::uint32_t& selected);

 private:
  void draw_legend(const Model& m);
  void tooltip(const Model& m, const Layout& l, int node, int pipe) const;

  ViewTransform view_;
  bool user_view_ = false;  // panned or zoomed: stop fitting the layout
  bool dragged_ = false;    // the current press moved (a pan, not a click)
  Flights flights_;
  ShapeBatch shapes_;
  std::vector<Label> labels_;
  std::uint32_t hovered_ = 0;
};

}  // namespace gort::web
