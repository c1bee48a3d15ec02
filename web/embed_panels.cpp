// The compact mode's panels: see embed_panels.hpp.
#include "embed_panels.hpp"

#include <utility>

namespace gort::web::panel {

namespace {
constexpr std::pair<std::string_view, unsigned> kNames[] = {{"graph", kGraph},
                                                            {"timeline", kTimeline},
                                                            {"console", kConsole},
                                                            {"source", kSource},
                                                            {"controls", kControls}};
}  // namespace

std::string parse(std::string_view text, unsigned& out) {
  unsigned set = 0;
  while (true) {
    std::size_t comma = text.find(',');
    std::string_view name = text.substr(0, comma);
    unsigned bit = 0;
    for (const auto& [n, b] : kNames)
      if (n == name) bit = b;
    if (bit == 0)
      return "panels must list graph, timeline, console, source or controls, not \"" +
             std::string(name) + "\"";
    if (set & bit) return "panels lists \"" + std::string(name) + "\" twice";
    set |= bit;
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  out = set;
  return "";
}

std::string text(unsigned panels) {
  std::string out;
  for (const auto& [n, b] : kNames) {
    if (!(panels & b)) continue;
    if (!out.empty()) out += ',';
    out += n;
  }
  return out;
}

}  // namespace gort::web::panel
