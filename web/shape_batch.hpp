// ShapeBatch: the shapes one view draws in a frame (rounded boxes, circles,
// segments), packed exactly as shaders/shape.vert.glsl reads them from an
// RGBA32F texture: three texels (12 floats) per shape, in drawing order.
// Pure CPU data, no GL: web/renderer.hpp uploads and draws it.
//
// Colours are 32-bit RGBA in ImGui's IM_COL32 layout (red in the low byte),
// so one colour value serves both these shapes and ImGui's text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gort::web {

class ShapeBatch {
 public:
  static constexpr std::size_t kFloatsPerShape = 12;

  void clear() { data_.clear(); }
  std::size_t size() const { return data_.size() / kFloatsPerShape; }
  bool empty() const { return data_.empty(); }
  const std::vector<float>& data() const { return data_; }

  // A box centred at (cx, cy) with half extents (hw, hh), corners rounded
  // by `radius`, filled with `fill` inside a `border`-pixel edge in `stroke`.
  void box(float cx, float cy, float hw, float hh, float radius, std::uint32_t fill,
           std::uint32_t stroke = 0, float border = 0) {
    push(cx, cy, hw, hh, fill, stroke, border, radius, 0);
  }
  void circle(float cx, float cy, float r, std::uint32_t fill, std::uint32_t stroke = 0,
              float border = 0) {
    box(cx, cy, r, r, r, fill, stroke, border);
  }
  // A line from (x0, y0) to (x1, y1), `width` pixels thick, with round ends.
  void segment(float x0, float y0, float x1, float y1, float width, std::uint32_t color) {
    push(x0, y0, x1, y1, color, color, width, 0, 1);
  }

  // The shader's colour encoding: rgb as one exactly representable integer
  // (0xRRGGBB < 2^24) and alpha as 0..255.
  static float packed_rgb(std::uint32_t c) {
    return static_cast<float>(((c & 0xffu) << 16) | (c & 0xff00u) | ((c >> 16) & 0xffu));
  }
  static float packed_alpha(std::uint32_t c) { return static_cast<float>(c >> 24); }

 private:
  void push(float a, float b, float c, float d, std::uint32_t fill, std::uint32_t stroke,
            float width, float radius, float kind) {
    data_.insert(data_.end(), {a, b, c, d, packed_rgb(fill), packed_alpha(fill), packed_rgb(stroke),
                               packed_alpha(stroke), width, radius, 0.0f, kind});
  }

  std::vector<float> data_;
};

}  // namespace gort::web
