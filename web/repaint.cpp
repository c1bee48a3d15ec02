// Repaint: see repaint.hpp.
#include "repaint.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "renderer.hpp"

namespace gort::web {
namespace {

// 64-bit multiply-xorshift over 8-byte words: fast enough for a frame's
// vertices (~150 KB), and a collision only delays a panel's redraw.
class Hash {
 public:
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (; n >= 8; b += 8, n -= 8) {
      std::uint64_t w;
      std::memcpy(&w, b, 8);
      word(w);
    }
    std::uint64_t w = 0;
    std::memcpy(&w, b, n);  // the tail, n < 8 bytes, and its length
    word(w ^ (std::uint64_t{n} << 56));
  }
  template <class T>
  void value(const T& v) {
    bytes(&v, sizeof v);
  }
  std::uint64_t get() const { return h_; }

 private:
  void word(std::uint64_t w) {
    h_ = (h_ ^ w) * 0x9E3779B97F4A7C15ull;
    h_ ^= h_ >> 29;
  }
  std::uint64_t h_ = 0x243F6A8885A308D3ull;
};

// The pixels whose centres the triangles of `cmd` can cover (their bounding
// box, mapped the way the backend's viewport and projection map it, with a
// thousandth of a pixel to spare), within its scissor box. A window's frame
// is drawn under a clip rect of the whole display, so the box matters.
PixelRect covered(const ImDrawData& dd, int fb_width, int fb_height, const ImDrawList& list,
                  const ImDrawCmd& cmd) {
  const PixelRect box = backend_scissor(dd, cmd);
  if (box.empty() || cmd.ElemCount == 0) return {};
  float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset;
  const ImDrawVert* vtx = list.VtxBuffer.Data + cmd.VtxOffset;
  for (unsigned i = 0; i < cmd.ElemCount; ++i) {
    const ImVec2 p = vtx[idx[i]].pos;
    x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
    y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
  }
  const float sx = fb_width / dd.DisplaySize.x, sy = fb_height / dd.DisplaySize.y;
  constexpr float kSpare = 1e-3f;
  // Pixel i is covered when its centre i + 0.5 lies within [lo, hi].
  auto first = [](float lo) { return static_cast<int>(std::ceil(lo - 0.5f - kSpare)); };
  auto end = [](float hi) { return static_cast<int>(std::floor(hi + 0.5f + kSpare)); };
  const PixelRect tri{
      first((x0 - dd.DisplayPos.x) * sx), first(fb_height - (y1 - dd.DisplayPos.y) * sy),
      end((x1 - dd.DisplayPos.x) * sx), end(fb_height - (y0 - dd.DisplayPos.y) * sy)};
  return {std::max(box.x0, tri.x0), std::max(box.y0, tri.y0), std::min(box.x1, tri.x1),
          std::min(box.y1, tri.y1)};
}

DrawnList drawn(const ImDrawData& dd, int fb_width, int fb_height, const ImDrawList& list) {
  DrawnList d;
  d.id = &list;
  Hash h;
  h.bytes(list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
  h.bytes(list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
  for (const ImDrawCmd& cmd : list.CmdBuffer) {
    h.value(cmd.ClipRect);
    h.value(cmd.TextureId);
    h.value(cmd.VtxOffset);
    h.value(cmd.IdxOffset);
    h.value(cmd.ElemCount);
    h.value(cmd.UserCallback);
    h.value(cmd.UserCallbackData);
    if (cmd.UserCallback == ImDrawCallback_ResetRenderState) continue;  // draws nothing
    if (cmd.UserCallback) {
      // Renderer's shapes: anywhere in the command's scissor box.
      const auto [data, size] = Renderer::drawn_bytes(cmd);
      h.bytes(data, size);
      d.rect = d.rect.cover(backend_scissor(dd, cmd));
    } else {
      d.rect = d.rect.cover(covered(dd, fb_width, fb_height, list, cmd));
    }
  }
  d.hash = h.get();
  return d;
}

}  // namespace

PixelRect backend_scissor(const ImDrawData& dd, const ImDrawCmd& cmd) {
  const ImVec2 off = dd.DisplayPos, scale = dd.FramebufferScale;
  const int fb_height = static_cast<int>(dd.DisplaySize.y * scale.y);
  const ImVec2 lo((cmd.ClipRect.x - off.x) * scale.x, (cmd.ClipRect.y - off.y) * scale.y);
  const ImVec2 hi((cmd.ClipRect.z - off.x) * scale.x, (cmd.ClipRect.w - off.y) * scale.y);
  if (hi.x <= lo.x || hi.y <= lo.y) return {};
  const int x = static_cast<int>(lo.x), y = static_cast<int>(fb_height - hi.y);
  return {x, y, x + static_cast<int>(hi.x - lo.x), y + static_cast<int>(hi.y - lo.y)};
}

void repaint(ImDrawData* dd, int fb_w, int fb_h, const ImVec4& clear, bool preserved,
             Damage& damage) {
  // The backend's framebuffer size: its viewport, which its scissor boxes
  // count from.
  const int fb_width = static_cast<int>(dd->DisplaySize.x * dd->FramebufferScale.x);
  const int fb_height = static_cast<int>(dd->DisplaySize.y * dd->FramebufferScale.y);
  std::vector<DrawnList> lists;
  lists.reserve(static_cast<std::size_t>(dd->CmdListsCount));
  for (int i = 0; i < dd->CmdListsCount; ++i)
    lists.push_back(drawn(*dd, fb_width, fb_height, *dd->CmdLists[i]));
  Hash key;
  key.value(fb_w);
  key.value(fb_h);
  key.value(dd->DisplayPos);
  key.value(dd->DisplaySize);
  key.value(dd->FramebufferScale);
  key.value(clear);
  if (!preserved) damage.forget();
  const Repaint plan = damage.plan(key.get(), lists);
  if (plan.nothing()) return;

  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  if (plan.full) {
    glDisable(GL_SCISSOR_TEST);
    glClear(GL_COLOR_BUFFER_BIT);
  } else {
    glEnable(GL_SCISSOR_TEST);
    for (const PixelRect& r : plan.clears) {
      glScissor(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
      glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_SCISSOR_TEST);
  }
  ImVector<ImDrawList*> some;
  ImDrawData part = *dd;
  if (!plan.full) {
    part.TotalIdxCount = part.TotalVtxCount = 0;
    for (std::size_t i : plan.lists) {
      ImDrawList* l = dd->CmdLists[i];
      some.push_back(l);
      part.TotalIdxCount += l->IdxBuffer.Size;
      part.TotalVtxCount += l->VtxBuffer.Size;
    }
    part.CmdLists = some.Data;
    part.CmdListsCount = some.Size;
  }
  ImGui_ImplOpenGL3_RenderDrawData(&part);
}

}  // namespace gort::web
