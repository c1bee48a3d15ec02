// The playground's model: the state of a program as folded from its trace
// events (gort/trace.hpp), the only thing the views read. No ImGui, no GL.
//
// Invariants:
//   - The model after applying events [0, n) is a pure function of those
//     events and the texts they refer to: apply() never looks at the
//     runtime, so replaying a recorded trace (seek, tests) rebuilds exactly
//     the same state.
//   - goroutines() and channels() are in order of first appearance and never
//     shrink during a run: a Done goroutine stays (state Done), so indices
//     and pointers from index_of() stay valid until reset().
//   - Once an Exit event is applied the states of goroutines and channels are
//     frozen: the runtime then unwinds the goroutines still alive, and those
//     unwinding events must not hide what the program was doing when it
//     ended (a deadlock shows its blocked goroutines). Print events are still
//     folded into the console.
//   - A channel's buffer holds the values sent into it and not yet received,
//     front = next to be received. A value handed straight to a waiting
//     receiver (unbuffered, or buffered with a receiver waiting) never shows
//     in the buffer: it is a Transfer from goroutine to goroutine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <gort/trace.hpp>
#include <gort/wait_reason.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gort::web {

enum class GState : std::uint8_t { Runnable, Running, Blocked, Sleeping, Done };
std::string_view state_text(GState s);  // "runnable", "running", "blocked", "sleeping", "done"

// A value as the trace shows it (see detail::trace_value).
struct Value {
  std::int64_t bits = 0;
  trace::ValueKind kind = trace::ValueKind::None;
};
// Go's %v of the value (trace::value_text): "3", "true", "1.5", "\"s\"",
// "{}" for None; a Text value's text is looked up in `texts`.
struct Texts;
std::string format(const Value& v, const Texts& texts);

struct Goroutine {
  std::uint32_t id = 0;
  std::string name;  // set_name ("main" for goroutine 1), or "": views show "g<id>"
  GState state = GState::Runnable;
  int p = -1;  // the P it runs on while Running, else -1
  // Blocked/Sleeping: why (WaitReason::Sleep when sleeping), and the channel
  // it waits on (0 = none: select, sync, sleep, nil channel).
  WaitReason reason = WaitReason::None;
  std::uint32_t chan = 0;
  int line = 0;                 // current Go source line (gort::at), 0 = unknown
  std::uint32_t parent = 0;     // the goroutine that created it, 0 = none (main)
  int created_line = 0;         // the creator's line at the `go` statement
  std::int64_t created_ts = 0;  // ns on the run's clock
  std::int64_t since_ts = 0;    // when it entered `state`
  std::int64_t wake_ts = -1;    // Sleeping: when it wakes; else -1
  std::uint64_t runs = 0;       // times it was started on a P
};

struct Channel {
  std::uint32_t id = 0;
  std::string name;  // make_chan's name ("ch", "time.After"), or "": views show "c<id>"
  int cap = 0;
  bool closed = false;
  std::deque<Value> buffer;  // values inside, front = next to be received
  // Goroutines blocked on this channel, in queue order (front = the next to
  // be served); a goroutine blocked in select is in the queue of every
  // channel it waits on.
  std::deque<std::uint32_t> senders, receivers;
  std::uint64_t sends = 0, recvs = 0;  // completed operations (recvs: with a value)
  std::uint32_t creator = 0;           // goroutine that made it
  std::int64_t created_ts = 0;
  // Values that ever entered / left the buffer: the value at buffer index i
  // is the (taken + i)-th to enter, so a view can follow one as it slides.
  std::uint64_t buffered_in = 0, buffered_out = 0;
};

// What a goroutine did with a channel, one direction: sends and closes
// (send = true: the value flows g -> chan), or receives (chan -> g). Waiting
// to do it counts as doing it: a goroutine blocked on a send already links.
struct Flow {
  std::uint32_t g = 0, chan = 0;
  bool send = false;
  std::int64_t first_ts = 0, last_ts = 0;  // first and latest operation (or wait)
  std::uint64_t ops = 0;                   // operations completed
};

// A stretch of time goroutine g ran on a P. end = -1 while it still runs.
struct Span {
  std::uint32_t g;
  std::int64_t start, end;
};
// A goroutine blocking (block = true: `g` blocked for `reason`) or being made
// runnable (block = false: `g` was woken by goroutine `by`, 0 = a timer or
// the scheduler), drawn on the lane of the P where it happened.
struct Marker {
  std::int64_t ts;
  std::uint32_t g, by;
  bool block;
  WaitReason reason;
};
// One P's history, like `go tool trace`'s "by proc" view. Spans never
// overlap and are in time order. Only the most recent kMaxLaneItems spans
// and markers are kept (older halves are dropped) so a long run stays bounded.
struct Lane {
  std::vector<Span> spans;
  std::vector<Marker> markers;
};
inline constexpr std::size_t kMaxLaneItems = 1 << 16;

// A value moving: from_g -> chan (into the buffer: to_g = 0), chan -> to_g
// (out of the buffer: from_g = 0), or from_g -> to_g through chan (a
// handoff to a waiting receiver: both set). from_g = 0 with to_g = 0 does
// not occur. A timer's send (time.After, Ticker) has from_g = 0 and
// from_timer set. closed: a receive that found the channel closed (no value).
struct Transfer {
  std::uint32_t from_g = 0, chan = 0, to_g = 0;
  Value v;
  // Into or out of the buffer: the value's number among those that entered
  // it (Channel::buffered_in); 0 for a handoff.
  std::uint64_t seq = 0;
  std::int64_t ts = 0;
  std::size_t event = 0;  // index of the event that completed it
  bool from_timer = false;
  bool closed = false;
};
inline constexpr std::size_t kMaxTransfers = 256;  // how many recent ones the model keeps

// What events refer to outside themselves. Whoever feeds the model keeps it
// up to date before applying events that need it (Session does).
struct Texts {
  std::vector<std::string> strings;  // by string id (Program::string); missing ids read ""
  std::string output;                // Program::output() so far: Print events index it
  std::string_view string(std::uint32_t id) const {
    return id < strings.size() ? std::string_view(strings[id]) : std::string_view();
  }
};
// The string id an event refers to (a goroutine's or a channel's name, a value
// traced as text), 0 for none: what a feeder puts in Texts::strings first.
std::uint32_t string_id(const trace::Event& e);

struct Counters {
  std::size_t alive = 0;       // goroutines created and not Done
  std::size_t total = 0;       // goroutines ever seen
  std::size_t channels = 0;    // channels made
  std::uint64_t chan_ops = 0;  // sends + receives + closes completed
  std::uint64_t events = 0;    // events applied
};

class Model {
 public:
  Model() { reset(1); }
  // Empties the model for a run with `procs` Ps (one lane each).
  void reset(int procs);
  // Folds the next event (events must come in trace order: by seq).
  void apply(const trace::Event& e, const Texts& texts);

  const std::vector<Goroutine>& goroutines() const { return gs_; }
  const std::vector<Channel>& channels() const { return cs_; }
  // Lookups by id: nullptr when not seen (yet).
  const Goroutine* goroutine(std::uint32_t id) const;
  const Channel* channel(std::uint32_t id) const;
  const std::vector<Lane>& lanes() const { return lanes_; }
  // Every (goroutine, channel, direction) that operated, in order of first
  // appearance; flow(g, chan, send) finds one (nullptr if none).
  const std::vector<Flow>& flows() const { return flows_; }
  const Flow* flow(std::uint32_t g, std::uint32_t chan, bool send) const;
  // The most recent transfers, oldest first (at most kMaxTransfers).
  const std::deque<Transfer>& transfers() const { return transfers_; }
  // ts of the last applied event (ns on the run's clock), 0 before any.
  std::int64_t now() const { return now_; }
  // The program's output up to the last applied Print event: console() as
  // it interleaved, out() and err() its standard output and error apart.
  const std::string& console() const { return console_; }
  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }
  // Set once an Exit event is applied: the exit code (-1 = stopped).
  bool exited() const { return exited_; }
  int exit_code() const { return exit_code_; }
  const Counters& counters() const { return counters_; }
  int procs() const { return static_cast<int>(lanes_.size()); }
  // Increases every time a goroutine or channel is added, so a layout can
  // tell when it must place new items.
  std::uint64_t generation() const { return generation_; }
  // format(v, texts) with the texts the events were folded with.
  std::string format(const Value& v) const;

 private:
  Goroutine& g_at(std::uint32_t id, std::int64_t ts);
  Channel& c_at(std::uint32_t id, std::int64_t ts);
  void set_state(Goroutine& g, GState s, std::int64_t ts);
  void stop_running(Goroutine& g, std::int64_t ts);
  void leave_queues(Goroutine& g);
  void transfer(const Transfer& t);
  void on_send(const trace::Event& e);
  void on_recv(const trace::Event& e);
  void touch(std::uint32_t g, std::uint32_t chan, bool send, std::int64_t ts, bool op);

  std::vector<Goroutine> gs_;
  std::vector<std::uint32_t> g_index_;  // goroutine id -> index in gs_ + 1 (0 = none)
  std::vector<std::uint8_t> queued_;    // per gs_ index: in its channel's senders/receivers
  // Per gs_ index: the channels a goroutine blocked in select is queued on
  // (id * 2 + 1 for a send case).
  std::vector<std::vector<std::uint32_t>> selecting_;
  std::vector<Channel> cs_;
  std::vector<std::uint32_t> c_index_;  // channel id -> index in cs_ + 1
  // Per channel: values sent straight to a waiting receiver whose receive
  // event has not been applied yet (a handoff is a ChanSend/ChanRecv pair).
  std::vector<std::deque<std::pair<std::uint32_t, Value>>> inflight_;
  std::vector<Lane> lanes_;
  std::vector<std::uint32_t> running_;  // per P: goroutine running there, 0 = none
  std::deque<Transfer> transfers_;
  std::vector<Flow> flows_;
  std::unordered_map<std::uint64_t, std::uint32_t> flow_index_;  // (g, chan, send) -> index
  std::string console_, out_, err_;
  std::size_t console_end_ = 0;  // offset in Texts::output up to which console_ holds it
  std::int64_t now_ = 0;
  bool exited_ = false;
  int exit_code_ = 0;
  Counters counters_;
  std::uint64_t generation_ = 0;
  const Texts* texts_ = nullptr;  // the last apply()'s: a Playback's, which outlives it
};

}  // namespace gort::web
