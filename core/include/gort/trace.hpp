// Trace events: what the runtime did, in the order it did it. The trace is the
// only thing the UI, the CLI's summary and the trace tests read: nothing else
// looks into the runtime while it runs.
//
// Invariants: `seq` numbers the events of a run 0, 1, 2, ... in the order
// they happened, in threaded runs too: a channel's operations in the order
// they took its lock, a wake after what caused it, each goroutine's events
// in program order. Program::drain hands them out in that order, each once.
// A full ring drops new events and counts them (they take no number);
// recording never blocks the runtime.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gort::trace {

enum class Kind : std::uint8_t {
  ProcStart,   // p began running goroutines (a worker woke)
  ProcStop,    // p found nothing to run and parked
  GoCreate,    // g created goroutine `obj`; name = creator's line in `value`
  GoStart,     // g started running on p
  GoBlock,     // g blocked; `reason` is a WaitReason, `obj` the channel if any
  GoUnblock,   // g made goroutine `obj` runnable
  GoSleep,     // g sleeps until `value` (ns on the run's clock)
  GoYield,     // g yielded the processor (runtime.Gosched)
  GoPreempt,   // g was preempted (an interpreter's quantum ran out): runnable again
  GoEnd,       // g returned
  GoName,      // g was named: `value` is a string id (Program::string)
  GoLine,      // g is at line `value` of the pattern's Go source (gort::at; every
               // event carries its goroutine's line too, in `line`)
  ChanMake,    // channel `obj` made with capacity `value`, name id in `aux`
  ChanSend,    // g sent `value` on channel `obj` (buffered: it is in the buffer)
  ChanRecv,    // g received `value` from channel `obj`; aux = 0 if closed (ok == false)
  ChanClose,   // g closed channel `obj`
  Select,      // g's select chose case `value` (-1 = default) of `aux` cases
  SelectWait,  // g's select waits on channel `obj` (aux = 1: a send case); GoBlock follows
  TimerFire,   // a timer fired, waking goroutine `obj` or sending on channel `aux`
  Print,       // g printed; `value` = offset, `aux` = length in Program::output()
  Exit,        // the program ended with exit code `value`
};

// How a value sent on a channel is shown: the low bits of `flags`.
// Str: a string of at most 8 bytes, in `value`'s bytes (a longer one is
// Text). Duration: nanoseconds. Time: a gort::Time, ns since the run
// started. Text: `value` is a string id (Program::string) of the value's
// text, as whoever traced it formatted it (0: the run's budget for value
// texts is spent). None: a value the trace cannot show (Go's struct{}).
enum class ValueKind : std::uint8_t { None, Int, Uint, Bool, Float, Str, Duration, Time, Text };

// A traced value as the CLI and the playground show it, Go's %v: "-3",
// "true", "1.5", "\"hi\"" (strings quoted as %q does), "1.5s", "t=2ms", a
// Text's text (pass Program::string(bits) as `text`; "..." for id 0), "{}" for
// None.
std::string value_text(std::int64_t bits, ValueKind kind, std::string_view text = {});

struct Event {
  std::uint64_t seq;   // the event's number in the run (see above)
  std::int64_t ts;     // ns since the run started, on the run's clock
  std::int64_t value;  // kind-specific (see Kind)
  std::uint32_t g;     // goroutine id (0 = the scheduler itself)
  std::uint32_t obj;   // kind-specific: channel id or goroutine id
  std::uint32_t aux;   // kind-specific
  std::uint32_t line;  // g's Go source line when it made the event (gort::at), 0 = unknown
  std::uint16_t p;     // processor index
  Kind kind;
  std::uint8_t flags;  // ValueKind of `value` for channel events; WaitReason for GoBlock
};

// An event made by hand, for synthetic traces (tests, the playground's bench mode).
constexpr Event make_event(std::uint64_t seq, std::int64_t ts, Kind kind, std::uint32_t g,
                           std::uint32_t obj, std::int64_t value, std::uint32_t aux,
                           std::uint16_t p, std::uint8_t flags, std::uint32_t line = 0) {
  return {.seq = seq,
          .ts = ts,
          .value = value,
          .g = g,
          .obj = obj,
          .aux = aux,
          .line = line,
          .p = p,
          .kind = kind,
          .flags = flags};
}

}  // namespace gort::trace
