// WidgetRects: where named widgets were drawn in the last frame, in CSS
// pixels relative to the canvas, so window.gort.ui() can tell tests (and
// embedding pages) where to click without hard-coded coordinates.
//
// Invariant: between begin_frame() calls it holds exactly the widgets
// recorded during one frame; json() reports the last complete frame.
#pragma once

#include <string>
#include <vector>

namespace gort::web {

class WidgetRects {
 public:
  // Starts recording a new frame; the frame recorded before becomes json()'s.
  void begin_frame();
  // Records the last ImGui item under `name` (clipped to its window).
  void record_item(const std::string& name);
  // Records a region a view drew itself (CSS pixels, like the items).
  void record(const std::string& name, float x, float y, float w, float h);
  // {"name": [x, y, w, h], ...} of the last complete frame.
  const std::string& json() const { return json_; }

 private:
  struct Rect {
    std::string name;
    float x, y, w, h;
  };
  std::vector<Rect> frame_;
  std::string json_ = "{}";
};

}  // namespace gort::web
