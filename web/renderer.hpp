// Renderer: draws a ShapeBatch (web/shape_batch.hpp) with one attribute-less,
// non-instanced draw call of six vertices per shape that reads each shape
// from an RGBA32F texture with texelFetch (shaders/shape.*.glsl): the fast
// way on SwiftShader, the only GPU the tests have, which runs an instanced
// draw as one draw per instance (DESIGN.md, The playground).
//
// The draw is issued from an ImDrawList callback, so it sits at its place in
// ImGui's own rendering: inside the window's clip rect, above what the list
// held before and below what is added after (labels). After it, ImGui's
// backend state is restored (ImDrawCallback_ResetRenderState).
//
// Invariants: every GL object is made in init() or lazily inside the draw
// callback, i.e. always with ImGui's GL context current; a batch passed to
// draw() stays unchanged until ImGui has rendered the frame.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>

struct ImDrawList;
struct ImDrawCmd;

namespace gort::web {

class ShapeBatch;

class Renderer {
 public:
  Renderer() = default;
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;
  ~Renderer();

  // Compiles and links the shape program. Needs a current WebGL2 (GLES 3.0)
  // context. Returns "" or the compiler's log.
  std::string init();

  // Queues `batch` to be drawn at this point of `list`.
  void draw(ImDrawList* list, const ShapeBatch& batch);

  // The bytes a command queued by draw() draws from (its batch's floats);
  // {nullptr, 0} for any other command.
  static std::pair<const void*, std::size_t> drawn_bytes(const ImDrawCmd& cmd);

 private:
  // One per batch ever drawn: the texture its shapes are uploaded to.
  struct Slot {
    Renderer* self = nullptr;
    const ShapeBatch* batch = nullptr;
    unsigned texture = 0;
    int rows = 0;  // texture height allocated
  };
  static void callback(const ImDrawList* list, const ImDrawCmd* cmd);
  void render(Slot& slot, const ImDrawCmd* cmd);
  void upload(Slot& slot);

  unsigned program_ = 0;
  unsigned vao_ = 0;
  int u_shapes_ = -1;
  int u_display_ = -1;
  // Node-based, so a Slot's address (the callback's user data) is stable.
  std::unordered_map<const ShapeBatch*, Slot> slots_;
};

}  // namespace gort::web
