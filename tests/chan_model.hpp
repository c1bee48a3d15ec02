// A sequential reference model of Go's channels, select and WaitGroup, and
// the check of one run of a program against it.
//
// A Program is straight-line code: main (goroutine 0) starts every other
// goroutine first, then each runs its ops in order. Every op a goroutine
// completes is logged (Obs); a Run holds each goroutine's log and how the
// program ended. check() accepts the run iff some interleaving of the model
// reproduces every log and ends the same way:
// - a normal exit: main ran all its ops; the others may have done more than
//   they logged (the program ended between an op and its log entry);
// - a deadlock: every log is complete and no goroutine can move;
// - a panic: the panicking goroutine's next op panics in that state, with
//   the message the run printed.
// Sleeps take no time in the model, so its interleavings include every
// timing: the check never rejects a run Go could produce. Unbuffered send
// and receive are one joint step; select takes any ready case, and its
// default only when no case is ready by its channel's buffer or close state
// (a partner about to rendezvous may not have arrived yet). A time.After
// case may fire at any step (so a goroutine waiting on one is never
// deadlocked), but is never ready when its select starts: a select with one
// has no default, since on the real clock a short timer can fire first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace chan_model {

inline constexpr int kNil = -1;  // the capacity of a nil channel

enum class OpKind : std::uint8_t { Send, Recv, Select, Close, Sleep, Done, Wait };

struct Case {
  int ch = 0;
  bool send = false;
  int value = 0;     // what a send case sends
  int after_us = 0;  // > 0: a receive from time.After(after_us µs), not from ch
};

struct Op {
  OpKind kind = OpKind::Sleep;
  int ch = 0;                // Send, Recv, Close
  int value = 0;             // what Send sends; every value in a program is unique and not 0
  std::vector<Case> cases;   // Select
  bool has_default = false;  // Select: the default case comes after `cases`
  int sleep_us = 0;          // Sleep
};

inline Op make_op(OpKind kind, int ch = 0, int value = 0) {
  Op op;
  op.kind = kind;
  op.ch = ch;
  op.value = value;
  return op;
}

struct Program {
  std::vector<int> caps;            // per channel: its capacity, or kNil
  std::vector<std::vector<Op>> gs;  // gs[0] is main
  bool waitgroup = false;           // main Adds len(gs)-1 before starting the others,
                                    // and each of them ends with Done
  std::size_t op_count() const;
};

// What one completed op observed. choice: the select case that ran (the
// default's index is cases.size()), -1 for any other op; value and ok: what
// a receive (or a select's receive case) got.
struct Obs {
  int choice = -1;
  int value = 0;
  bool ok = false;
  bool operator==(const Obs&) const = default;
};

enum class End : std::uint8_t { Exit, Deadlock, PanicSendClosed, PanicCloseClosed, PanicCloseNil };

struct Run {
  std::vector<std::vector<Obs>> logs;  // per goroutine
  End end = End::Exit;
  int panicked = -1;  // the goroutine that panicked (index into Program::gs)
};

// "main" for goroutine 0, "g1" for goroutine 1, ...: the names in
// messages and in the program's Go text.
std::string goroutine_name(std::size_t g);

// The first line Go prints for an ending (empty for a normal exit).
std::string message(End e);

// Empty if the model allows the run; otherwise what it does not allow.
std::string check(const Program& p, const Run& r);

}  // namespace chan_model
