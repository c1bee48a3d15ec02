// The graph and timeline views' colours: one colour per goroutine state
// (running: one colour per P, so "which P runs it" reads at a glance),
// and a stable colour per goroutine for the timeline's spans. Colours are
// IM_COL32 values (red in the low byte), usable by ImGui and ShapeBatch.
//
// Invariants: the P colours are distinct from each other and from the
// runnable, blocked, sleeping and done colours (the legend relies on it);
// goroutine_color(g) depends only on g.
#pragma once

#include <cstdint>
#include <gort/wait_reason.hpp>

#include "model.hpp"

namespace gort::web::palette {

constexpr std::uint32_t rgba(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
  return r | (g << 8) | (b << 16) | (a << 24);
}
constexpr std::uint32_t with_alpha(std::uint32_t c, unsigned a) {
  return (c & 0x00ffffffu) | (a << 24);
}

inline constexpr int kMaxProcs = 8;
// Running on P0..P7: greens and blues, the "busy" side of the wheel.
inline constexpr std::uint32_t kProc[kMaxProcs] = {
    rgba(76, 200, 96),  rgba(38, 198, 218), rgba(66, 135, 245),  rgba(171, 110, 230),
    rgba(156, 214, 80), rgba(32, 160, 140), rgba(110, 125, 240), rgba(236, 100, 170)};
inline constexpr std::uint32_t kRunnable = rgba(250, 200, 60);  // waiting for a P
inline constexpr std::uint32_t kBlocked = rgba(235, 80, 75);    // waiting on a channel, lock...
inline constexpr std::uint32_t kSleeping = rgba(130, 150, 170);
inline constexpr std::uint32_t kDone = rgba(70, 74, 82);
inline constexpr std::uint32_t kSelected = rgba(255, 255, 255);
inline constexpr std::uint32_t kText = rgba(235, 238, 242);
inline constexpr std::uint32_t kTextDark = rgba(20, 22, 26);
inline constexpr std::uint32_t kTextDim = rgba(150, 156, 166);
inline constexpr std::uint32_t kBackground = rgba(24, 26, 31);
inline constexpr std::uint32_t kPipe = rgba(48, 54, 66);
inline constexpr std::uint32_t kPipeBorder = rgba(120, 132, 150);
inline constexpr std::uint32_t kSlotEmpty = rgba(32, 36, 44);
inline constexpr std::uint32_t kValue = rgba(255, 214, 120);  // a value (in a slot or moving)
inline constexpr std::uint32_t kUnblock = rgba(120, 220, 120);

constexpr std::uint32_t proc_color(int p) {
  return kProc[(p < 0 ? 0 : p) % kMaxProcs];
}

// The fill of a goroutine (or cluster) node.
constexpr std::uint32_t state_color(GState s, int p) {
  switch (s) {
    case GState::Running:
      return p >= 0 ? proc_color(p) : kProc[0];
    case GState::Runnable:
      return kRunnable;
    case GState::Blocked:
      return kBlocked;
    case GState::Sleeping:
      return kSleeping;
    case GState::Done:
      return kDone;
  }
  return kDone;
}

// A stable, readable colour per goroutine (golden-ratio hue steps, so
// consecutive ids differ clearly), for the timeline's spans.
std::uint32_t goroutine_color(std::uint32_t g);

// Dark or light text, whichever reads on `fill`.
constexpr std::uint32_t text_on(std::uint32_t fill) {
  unsigned r = fill & 0xff, g = (fill >> 8) & 0xff, b = (fill >> 16) & 0xff;
  return (r * 299 + g * 587 + b * 114) / 1000 > 140 ? kTextDark : kText;
}

}  // namespace gort::web::palette
