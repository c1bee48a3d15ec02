// GraphScene: what the graph view draws in one frame, as pure data: the
// shapes (one ShapeBatch, one draw call) and the text labels, built from the
// model, the layout, the pan/zoom and the values in flight. No ImGui, no GL:
// graph_view.cpp handles input and hands this to the renderer and ImGui.
//
// Invariants:
//   - Drawing order is the batch order: wait edges, channel pipes and their
//     slots, queued goroutines, goroutine nodes, then values in flight (on
//     top). Labels are drawn after all shapes.
//   - A label is emitted only where it fits (its measured width within the
//     room its item has at this zoom), so labels never overlap each other
//     or spill over neighbours.
//   - Only what intersects the clip rect is emitted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "layout.hpp"
#include "model.hpp"
#include "shape_batch.hpp"
#include "view_transform.hpp"

namespace gort::web {

// A value on its way from a goroutine into a channel, out of a channel to a
// goroutine, or handed from goroutine to goroutine (a Transfer).
struct Flight {
  Transfer t;
  float progress = 0;  // 0..1 along its path
};

// The transfers being animated. Their progress advances with playback time:
// pausing freezes them, slow motion slows them, and a step (one event while
// paused) shows the new value half-way so it can be seen.
class Flights {
 public:
  static constexpr double kSeconds = 0.6;  // one flight at speed 1
  static constexpr std::size_t kMax = 256;
  static constexpr std::size_t kMaxNewPerFrame = 48;

  // Once per frame, after playback advanced. `cursor`: events applied;
  // a cursor that went back (seek, new run) forgets every flight.
  void update(const Model& m, std::size_t cursor, double dt_seconds, double speed, bool paused);
  const std::vector<Flight>& active() const { return active_; }

 private:
  std::vector<Flight> active_;
  std::size_t next_event_ = 0;  // transfers completed by events before this were seen
  std::size_t cursor_ = 0;
};

struct Label {
  enum class Align : std::uint8_t { Center, Left, Right };
  float x, y;  // anchor in screen px: horizontal per align, vertically centred
  std::string text;
  std::uint32_t color;
  Align align = Align::Center;
};

// Measures text as ImGui will draw it (width in px).
using TextWidth = std::function<float(std::string_view)>;

struct SceneInput {
  const Model& model;
  const Layout& layout;
  const ViewTransform& view;
  const std::vector<Flight>& flights;
  std::uint32_t selected = 0;  // goroutine id, 0 = none
  std::uint32_t hovered = 0;
  float clip_x0 = 0, clip_y0 = 0, clip_x1 = 0, clip_y1 = 0;  // screen px
  float line_height = 15;
  TextWidth text_width;
};

void build_scene(const SceneInput& in, ShapeBatch& shapes, std::vector<Label>& labels);

// The label a goroutine goes by: its name, or "g<id>" when it has none.
std::string goroutine_label(const Goroutine& g);
std::string goroutine_label(const Model& m, std::uint32_t id);
std::string channel_label(const Channel& c);

// The box (layout units) holding every node, pipe and queue drawn: what
// the view fits to its canvas. Empty layouts give a unit box at the origin.
void scene_bounds(const Layout& l, float& x0, float& y0, float& x1, float& y1);

// The node under layout point (x, y) (index into layout.nodes()), or -1.
// Nodes drawn later win, as they are on top.
int hit_node(const Layout& l, float x, float y);
// The pipe under layout point (x, y) (index into layout.pipes()), or -1.
int hit_pipe(const Layout& l, float x, float y);

// Where a flight is at `progress` (layout units): along sender -> channel
// entry (right end) -> channel exit (left end) -> receiver, the legs that
// apply. Returns false when neither end is on the layout.
bool flight_position(const Layout& l, const Transfer& t, float progress, float& x, float& y);

}  // namespace gort::web
