// Which panels the compact mode (?embed=1) shows: a set of graph,
// timeline, console, source (the code editor) and controls, written in a
// link as `panels=graph,console` (README, Embedding). The graph takes the
// room of the panels left out; without controls the embed is driven by its
// page (web/embed_command.hpp) or not at all.
#pragma once

#include <string>
#include <string_view>

namespace gort::web::panel {

inline constexpr unsigned kGraph = 1, kTimeline = 2, kConsole = 4, kSource = 8, kControls = 16;
inline constexpr unsigned kAll = kGraph | kTimeline | kConsole | kSource | kControls;

// "graph,timeline": names separated by commas, each at most once, at least
// one. Returns "" and sets `out`, or why the text is not such a list.
std::string parse(std::string_view text, unsigned& out);
// The list parse() reads back, in the order above.
std::string text(unsigned panels);

}  // namespace gort::web::panel
