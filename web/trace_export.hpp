// The playground's trace download (the "Download trace" button,
// gort.traceJson()): every event the playback has recorded, played or
// not, as Chrome Trace Event JSON (gort/trace_json.hpp), with the names and
// value texts its Texts hold. What the playback has not kept is not in it:
// otherData.firstSeq says which event it begins with.
#pragma once

#include <string>

#include "playback.hpp"

namespace gort::web {

std::string trace_json(const Playback& play);

}  // namespace gort::web
