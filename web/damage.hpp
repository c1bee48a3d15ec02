// Damage: which of a frame's draw lists must be drawn again over the pixels
// the last frame left, so that a frame redraws only the panels that changed
// and a frame where nothing changed draws nothing. On SwiftShader (the
// software GPU of headless Chromium) every triangle costs CPU the running
// program's threads also want; see DESIGN.md, Drawing only what changed.
//
// A list is what ImGui gives the GL backend for one window: the rect it
// can touch (its commands' scissor boxes, bounding box, in framebuffer
// pixels) and a hash of everything it draws. The planner needs no GL.
//
// Invariants: a plan's pixels equal a full redraw's, given that the
// canvas kept the last frame (WebGL's preserveDrawingBuffer) and that
// every list draws only inside its rect. Lists are grouped by overlap
// (a list's rect now and, if it changed, its rect last frame); a group
// with a changed list is cleared (each member's rects) and drawn whole, in
// ImGui's order, and no other group shares a pixel with it. A change in
// the frame's key (framebuffer size and scale, clear colour), in which
// lists there are or in their order, and the first frame, redraw all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gort::web {

// [x0, x1) x [y0, y1) in framebuffer pixels; empty when x1 <= x0 or y1 <= y0.
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  bool empty() const { return x1 <= x0 || y1 <= y0; }
  bool overlaps(const PixelRect& o) const {
    return !empty() && !o.empty() && x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
  // The bounding box of both (an empty rect adds nothing).
  PixelRect cover(const PixelRect& o) const;
  bool operator==(const PixelRect& o) const {
    return x0 == o.x0 && y0 == o.y0 && x1 == o.x1 && y1 == o.y1;
  }
};

struct DrawnList {
  const void* id = nullptr;  // the same list from frame to frame
  PixelRect rect;
  std::uint64_t hash = 0;  // of everything it draws, its scissor boxes included
};

struct Repaint {
  bool full = false;               // clear everything, draw every list
  std::vector<PixelRect> clears;   // else: clear these first
  std::vector<std::size_t> lists;  // then draw these (indices, in order)
  bool nothing() const { return !full && lists.empty(); }
};

class Damage {
 public:
  Repaint plan(std::uint64_t key, const std::vector<DrawnList>& lists);
  // The next plan redraws all (the canvas lost what it held).
  void forget() { known_ = false; }

 private:
  bool known_ = false;
  std::uint64_t key_ = 0;
  std::vector<DrawnList> last_;
};

}  // namespace gort::web
