// The playback's trace as JSON: see trace_export.hpp.
#include "trace_export.hpp"

#include <gort/trace_json.hpp>

namespace gort::web {

std::string trace_json(const Playback& play) {
  const Texts& texts = play.texts();
  return trace::chrome_trace_json(
      play.events(), [&texts](std::uint32_t id) { return std::string(texts.string(id)); });
}

}  // namespace gort::web
