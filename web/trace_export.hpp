// The playground's trace download (the "Download trace" button,
// gort.traceJson()): every event the playback has kept, played or not, as
// Chrome Trace Event JSON (gort/trace_json.hpp), with the names and value
// texts its Texts hold. Events the playback folded into its base model are
// not in it: otherData.firstSeq says which event it begins with, and the
// base model supplies what the kept events need of the folded ones (names,
// buffered values, the goroutine running on each P).
#pragma once

#include <gort/trace_json.hpp>
#include <string>

#include "playback.hpp"

namespace gort::web {

std::string trace_json(const Playback& play);
// What an export beginning after the events folded into `m` must know of them.
trace::ExportStart export_start(const Model& m);

}  // namespace gort::web
