// The playback's trace as JSON: see trace_export.hpp.
#include "trace_export.hpp"

namespace gort::web {

trace::ExportStart export_start(const Model& m) {
  trace::ExportStart s;
  for (const Goroutine& g : m.goroutines()) {
    if (!g.name.empty()) s.goroutine_names.emplace_back(g.id, g.name);
    if (g.state == GState::Running && g.p >= 0)
      s.running.emplace_back(static_cast<std::uint16_t>(g.p), g.id);
  }
  for (const Channel& c : m.channels()) {
    if (!c.name.empty()) s.channel_names.emplace_back(c.id, c.name);
    if (!c.buffer.empty())
      s.buffered.emplace_back(c.id, static_cast<std::uint32_t>(c.buffer.size()));
  }
  return s;
}

std::string trace_json(const Playback& play) {
  const Texts& texts = play.texts();
  return trace::chrome_trace_json(
      play.events(), [&texts](std::uint32_t id) { return std::string(texts.string(id)); },
      play.first() > 0 ? export_start(play.base()) : trace::ExportStart{});
}

}  // namespace gort::web
