// The graph and timeline views' colours, one Palette per theme (kDark,
// kLight): one colour per goroutine state (running: one colour per P, so
// "which P runs it" reads at a glance), the channels' boxes, the values'
// chips, and the text drawn on each; and a stable colour per goroutine for
// the timeline's spans. Colours are IM_COL32 values (red in the low byte),
// usable by ImGui and ShapeBatch.
//
// Invariants: in each palette the P colours are distinct from each other
// and from the runnable, blocked, sleeping and done colours (the legend
// relies on it), and both palettes give a state the same meaning (the P
// colours, runnable, blocked and sleeping are the same fills in both);
// every text drawn on a fill has a contrast ratio of at least 4.5:1 with
// it (tests/web_theme_test.cpp checks each pair, and every label the graph
// draws); goroutine_color(g) depends only on g.
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

// WCAG 2's contrast ratio of two colours (alpha ignored): 1 to 21.
double contrast_ratio(std::uint32_t a, std::uint32_t b);
// `c` darkened (on a light `background`) or lightened (on a dark one) just
// enough to read on it as text (4.5:1); `c` itself when it already does.
std::uint32_t readable_on(std::uint32_t c, std::uint32_t background);

inline constexpr int kMaxProcs = 8;

struct Palette {
  // Running on P0..P7: greens and blues, the "busy" side of the wheel.
  std::uint32_t proc[kMaxProcs];
  std::uint32_t runnable;  // waiting for a P
  std::uint32_t blocked;   // waiting on a channel, lock...
  std::uint32_t sleeping;
  std::uint32_t done;
  std::uint32_t done_text;  // a finished goroutine's name, on `done`
  std::uint32_t selected;   // the selected goroutine's outline
  std::uint32_t hovered;    // the hovered one's
  std::uint32_t text;       // light text on dark fills (text_on picks)
  std::uint32_t text_dark;  // dark text on light fills
  std::uint32_t pipe;       // a channel's box
  std::uint32_t pipe_border;
  std::uint32_t pipe_text;  // its name
  std::uint32_t pipe_dim;   // its fill ("2/3"), and a closed channel's border
  std::uint32_t closed;     // "closed"
  std::uint32_t slot_empty;
  std::uint32_t value;  // a value (in a slot or moving); its text is text_on(value)
  std::uint32_t value_border;
  std::uint32_t closed_value;  // a receive that found the channel closed
  std::uint32_t edge;          // a recent link (a waiting one is `blocked`)
  std::uint32_t unblock;       // the timeline's wake marks
  std::uint32_t lane;          // the timeline's lanes (two alternating alphas of it)
  std::uint32_t mixed;         // a timeline run of several goroutines

  constexpr std::uint32_t proc_color(int p) const { return proc[(p < 0 ? 0 : p) % kMaxProcs]; }

  // The fill of a goroutine (or cluster) node.
  constexpr std::uint32_t state_color(GState s, int p) const {
    switch (s) {
      case GState::Running:
        return proc_color(p);
      case GState::Runnable:
        return runnable;
      case GState::Blocked:
        return blocked;
      case GState::Sleeping:
        return sleeping;
      case GState::Done:
        return done;
    }
    return done;
  }

  // `text` or `text_dark`, whichever contrasts more with `fill`.
  std::uint32_t text_on(std::uint32_t fill) const;
};

inline constexpr std::uint32_t kProc[kMaxProcs] = {
    rgba(76, 200, 96),  rgba(38, 198, 218), rgba(66, 135, 245),  rgba(171, 110, 230),
    rgba(156, 214, 80), rgba(32, 160, 140), rgba(110, 125, 240), rgba(236, 100, 170)};

inline constexpr Palette kDark{
    {kProc[0], kProc[1], kProc[2], kProc[3], kProc[4], kProc[5], kProc[6], kProc[7]},
    rgba(250, 200, 60),   // runnable
    rgba(235, 80, 75),    // blocked
    rgba(130, 150, 170),  // sleeping
    rgba(70, 74, 82),     // done
    rgba(200, 204, 212),  // done_text
    rgba(255, 255, 255),  // selected
    rgba(200, 205, 215),  // hovered
    rgba(235, 238, 242),  // text
    rgba(20, 22, 26),     // text_dark
    rgba(48, 54, 66),     // pipe
    rgba(120, 132, 150),  // pipe_border
    rgba(235, 238, 242),  // pipe_text
    rgba(164, 170, 180),  // pipe_dim
    rgba(250, 205, 90),   // closed
    rgba(32, 36, 44),     // slot_empty
    rgba(255, 214, 120),  // value
    rgba(60, 50, 20),     // value_border
    rgba(150, 156, 166),  // closed_value
    rgba(150, 160, 180, 150),
    rgba(120, 220, 120),  // unblock
    rgba(255, 255, 255),  // lane
    rgba(150, 160, 180),  // mixed
};

inline constexpr Palette kLight{
    {kProc[0], kProc[1], kProc[2], kProc[3], kProc[4], kProc[5], kProc[6], kProc[7]},
    kDark.runnable,
    kDark.blocked,
    kDark.sleeping,
    rgba(214, 218, 224),  // done: a pale grey, "faded" on white as the dark one is on black
    rgba(78, 84, 94),     // done_text
    rgba(20, 22, 26),     // selected
    rgba(90, 96, 108),    // hovered
    rgba(255, 255, 255),  // text
    rgba(20, 22, 26),     // text_dark
    rgba(226, 230, 237),  // pipe
    rgba(120, 130, 146),  // pipe_border
    rgba(20, 22, 26),     // pipe_text
    rgba(78, 84, 94),     // pipe_dim
    rgba(138, 82, 0),     // closed
    rgba(255, 255, 255),  // slot_empty
    kDark.value,
    kDark.value_border,
    rgba(170, 176, 186),  // closed_value
    rgba(90, 100, 120, 170),
    rgba(30, 150, 60),    // unblock
    rgba(0, 0, 0),        // lane
    rgba(120, 130, 150),  // mixed
};

// A stable, readable colour per goroutine (golden-ratio hue steps, so
// consecutive ids differ clearly), for the timeline's spans: light enough
// for text_dark on top in both palettes.
std::uint32_t goroutine_color(std::uint32_t g);

}  // namespace gort::web::palette
