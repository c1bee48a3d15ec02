// A run's trace as Chrome Trace Event JSON (the "JSON Object Format":
// {"traceEvents": [...], ...}), which Perfetto and chrome://tracing open.
// DESIGN.md, "Exporting the trace" says why it is drawn this way.
//
// What the JSON holds, for the events up to and including Exit:
//   - Process "Ps": a track per P. Process "goroutines": a track per
//     goroutine (tid = its id), and a "timers" track for timers' sends.
//     Every track and process is named by a metadata ("M") event.
//   - A running span (GoStart until the goroutine blocks, yields, is
//     preempted, ends, or the program exits) is one complete ("X") slice,
//     cat "running", on its P's track and one on its goroutine's track.
//   - A GoBlock is an instant ("i") on the goroutine's track; a GoUnblock
//     an instant on the woken goroutine's track.
//   - A value delivered from a send to a receive (a handoff or through a
//     buffer; a receive from a closed channel is none) is one flow: "s" on
//     the sender's track at the send, "f" on the receiver's track at the
//     receive, the same id, each bound to the slice around it ("bp":"e"):
//     the goroutine's running span, or, where it was not running (a
//     blocked sender whose value was taken, a blocked receiver handed one,
//     a timer), a 2 ns slice of cat "chan" around the event. Per channel,
//     the k-th value received is the k-th sent (the trace gives each
//     channel's operations in lock order).
//   - Every item derived from an event carries that event's seq in args.
// Timestamps are the run's clock (ns since it started) in microseconds,
// made strictly increasing in seq order and at least 1 ns (an event at or
// before the previous one's time moves to 1 ns after it): on virtual time
// whole runs happen at one instant, and a viewer needs an order to nest
// slices and draw arrows.
// Every string is valid JSON, whatever the program named things
// (gort::json_string).
#pragma once

#include <cstdint>
#include <functional>
#include <gort/trace.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gort::trace {

// What an export that starts after the run's first event needs to know of
// the events before it (the playground folds old events into a snapshot).
// otherData.firstSeq in the JSON says where its events begin.
struct ExportStart {
  std::vector<std::pair<std::uint32_t, std::string>> goroutine_names, channel_names;  // id, name
  // Channel id, how many values its buffer held: the first that many
  // receives take values sent before the export (no flow).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> buffered;
  // P, goroutine running there: its span begins at the first event.
  std::vector<std::pair<std::uint16_t, std::uint32_t>> running;
};

// The texts behind the string ids in events (Program::string).
using StringLookup = std::function<std::string(std::uint32_t id)>;

// `events` in seq order, each once.
std::string chrome_trace_json(std::span<const Event> events, const StringLookup& strings,
                              const ExportStart& start = {});

}  // namespace gort::trace
