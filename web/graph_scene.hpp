// GraphScene: what the graph view draws in one frame, as pure data: the
// shapes (one ShapeBatch, one draw call), the text labels, and the same
// picture as boxes and polylines for window.gort.scene(). Built from the
// model, the layout (web/layout.hpp), the pan/zoom and the values' chips.
// No ImGui, no GL: graph_view.cpp handles input and hands this to the
// renderer and ImGui.
//
// Invariants:
//   - Drawing order is the batch order: edges, boxes, chips (on top);
//     labels are drawn after all shapes. Every label lies inside its box
//     (a goroutine's name, a channel's name and fill, a chip's value), so
//     labels never cover each other or anything else.
//   - Edges drawn: the (goroutine, channel) links that operated in the last
//     kRecentNs of the run's clock, or on which a goroutine waits now.
//   - Chips never overlap each other (Chips places them so); a chip only
//     ever overlaps its own channel's box.
//   - Text is Layout::kFont px times the zoom; below kMinLabelPx none is drawn.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "layout.hpp"
#include "model.hpp"
#include "palette.hpp"
#include "shape_batch.hpp"
#include "view_transform.hpp"

namespace gort::web {

inline constexpr std::int64_t kRecentNs = 2'000'000'000;
inline constexpr float kMinLabelPx = 6;
// How the view fits the drawing to its canvas: a margin (px), the largest
// zoom, and the smallest text (px) it shrinks to before it lets the drawing
// overflow (to be panned).
inline constexpr float kFitMargin = 16, kMaxFitScale = Layout::kMaxScale,
                       kMinTextPx = Layout::kMinScale * Layout::kFont;

// A value drawn: in a channel's buffer, or on its way along a route (a
// Transfer: into a buffer, out of one, or handed from goroutine to
// goroutine through an unbuffered channel). Boxes in layout units.
struct Chip {
  Layout::Box box;
  std::uint32_t chan;
  std::string text;
  bool closed;    // a receive that found the channel closed
  bool buffered;  // sitting in (or sliding through) the buffer
};

// The chips of one frame. Values in flight move with playback time (pausing
// freezes them, slow motion slows them, a step shows a new value a third of
// the way); each takes kSeconds of wall time at speed 1 from its sender to
// its receiver (or into / out of the buffer). Buffered values slide towards
// the front as it empties. A chip that would cover another waits behind it.
class Chips {
 public:
  static constexpr double kSeconds = 0.45;  // one flight at speed 1
  static constexpr double kSlidePx = 160;   // buffered values slide this fast at speed 1
  static constexpr std::size_t kMax = 96;   // flights kept at most
  static constexpr std::size_t kMaxNewPerFrame = 32;

  // Once per frame, after playback advanced and the layout was updated.
  // `cursor`: events applied; one that went back forgets every flight.
  void update(const Model& m, const Layout& l, std::size_t cursor, double dt_seconds, double speed,
              bool paused);
  const std::vector<Chip>& chips() const { return chips_; }
  std::size_t flying() const { return flights_.size(); }

 private:
  struct Flight {
    Transfer t;
    double progress = 0;  // of its time: 0..1 (and up to 2 while held back)
    float s = -1;         // where it is along its path (-1: not started)
    std::uint64_t key;    // placement order: older (nearer the buffer's front) first
  };
  struct Path {
    std::vector<Layout::Pt> pts;
    std::vector<float> at;  // arc length at each point
    float s0 = 0, s1 = 0;   // where the chip may be: clear of the goroutines' boxes
  };
  bool path_of(const Model& m, const Layout& l, const Transfer& t, float w, Path& out);

  std::vector<Flight> flights_;
  std::vector<Chip> chips_;
  // Buffered values: where each is drawn now, and when it entered.
  struct Held {
    float x = 0;
    std::uint64_t key = 0;
    bool seen = false;
  };
  std::unordered_map<std::uint64_t, Held> held_;  // (chan, seq) -> its chip
  std::size_t next_event_ = 0;
  std::size_t cursor_ = 0;
  // Scratch, kept to avoid allocating every frame.
  Path path_;
  std::vector<Layout::Pt> leg_;
};

struct Label {
  enum class Align : std::uint8_t { Center, Left, Right };
  float x, y;  // anchor in screen px: horizontal per align, vertically centred
  std::string text;
  std::uint32_t color;
  Align align = Align::Center;
};

// The picture as boxes and polylines, in screen px (what window.gort.scene()
// returns, after the canvas's offset is added).
struct SceneExport {
  struct Node {
    std::string id;  // "g7", "c3"
    bool channel;
    std::string label, state;
    float x, y, w, h;
  };
  struct Edge {
    std::string from, to;
    bool waiting;
    std::vector<Layout::Pt> points;
  };
  struct ChipBox {
    std::string value, chan;  // chan: the channel's node id ("c3")
    float x, y, w, h;
  };
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::vector<ChipBox> chips;
  float font_px = 0;
  std::string json() const;
};

struct SceneInput {
  const Model& model;
  const Layout& layout;
  const ViewTransform& view;
  const std::vector<Chip>& chips;
  std::uint32_t selected = 0;  // goroutine id, 0 = none
  std::uint32_t hovered = 0;
  float clip_x0 = 0, clip_y0 = 0, clip_x1 = 0, clip_y1 = 0;  // screen px
  TextWidth text_width;                                      // at Layout::kFont px
  const palette::Palette* colors = &palette::kDark;          // the theme's (theme.hpp)
};

// Builds the frame's shapes and labels (and, if `out` is set, the export).
void build_scene(const SceneInput& in, ShapeBatch& shapes, std::vector<Label>& labels,
                 SceneExport* out = nullptr);

// What a channel's name row says right of its name: "2/3", "closed", "3/3 closed".
std::string channel_status(const Channel& c);

// The item under layout point (x, y) (index into layout.items()), or -1.
int hit_item(const Layout& l, float x, float y);

// `text` cut to fit `room` px (ending in "…"), or "" if not even that fits.
std::string fit_text(const std::string& text, float room, const TextWidth& width);

}  // namespace gort::web
