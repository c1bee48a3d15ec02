// The playground's two themes, dark (the default) and light, and `auto`
// (the system's choice, prefers-color-scheme), as a link says them
// (theme=dark|light|auto, web/share_link.hpp). A theme is the panels'
// background and the colours of text drawn on it, as IM_COL32 values (red
// in the low byte): one meaning has one colour everywhere. The graph and
// timeline views draw with the theme's palette (palette.hpp).
//
// Invariants: every text colour of a theme has a contrast ratio of at least
// 4.5:1 against its background (WCAG 2's AA level for text;
// tests/web_theme_test.cpp computes it); the dark theme's colours are the
// ones the playground had before themes (palette.hpp's for the views).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "palette.hpp"

namespace gort::web::theme {

enum class Kind { Dark, Light, Auto };

struct Theme {
  bool light;
  std::uint32_t background;
  std::uint32_t text;       // the panels' text
  std::uint32_t dim;        // secondary text
  std::uint32_t error;      // panics, fatal errors, bad input
  std::uint32_t ok;         // normal exit
  std::uint32_t notice;     // exit status, stopped, simulated
  std::uint32_t goroutine;  // goroutine headers in tracebacks
  std::uint32_t link;       // a line that jumps to the code
  std::uint32_t label;      // the graph's and timeline's text on the background
  std::uint32_t label_dim;  // their secondary text
  const palette::Palette* views;
};

using palette::rgba;
inline constexpr Theme kDark{false,
                             rgba(14, 14, 14),
                             rgba(255, 255, 255),
                             rgba(158, 166, 179),
                             rgba(255, 107, 97),
                             rgba(115, 217, 128),
                             rgba(250, 204, 89),
                             rgba(140, 191, 255),
                             rgba(140, 204, 255),
                             rgba(235, 238, 242),
                             rgba(150, 156, 166),
                             &palette::kDark};
inline constexpr Theme kLight{true,
                              rgba(246, 247, 249),
                              rgba(20, 22, 26),
                              rgba(78, 84, 94),
                              rgba(180, 28, 28),
                              rgba(22, 112, 44),
                              rgba(138, 82, 0),
                              rgba(30, 78, 168),
                              rgba(18, 92, 176),
                              rgba(20, 22, 26),
                              rgba(78, 84, 94),
                              &palette::kLight};

using palette::contrast_ratio;

// "dark", "light" or "auto": returns "" and sets `out`, or why not.
std::string parse(std::string_view text, Kind& out);
const char* name(Kind kind);

// The theme the page shows (kDark until set).
const Theme& current();
void set(const Theme& theme);

}  // namespace gort::web::theme
