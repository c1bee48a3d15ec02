// Folding trace events into the model (see model.hpp for the invariants).
//
// What the runtime records, and so what each event means here
// (core/src/chan.cpp, select.cpp, proc.cpp, time.cpp):
//   - A send that finds a waiting receiver records ChanSend (the sender)
//     then ChanRecv (the receiver), then GoUnblock of the receiver: a
//     handoff. The same pair, in that order, when a receive finds a blocked
//     sender on an unbuffered channel.
//   - A receive from a full buffer with a blocked sender records ChanRecv
//     (the head of the buffer) then ChanSend by the blocked sender (its value
//     enters the buffer's tail), then GoUnblock of the sender.
//   - close records ChanClose, a ChanRecv with aux = 0 for every waiting
//     receiver, then a GoUnblock for each receiver and sender.
//   - A goroutine blocked in select records SelectWait for every channel it
//     waits on, then GoBlock with no channel; a timer's channel send records
//     ChanSend by goroutine 0.
// So a ChanSend is a handoff when the channel is unbuffered or receivers
// are queued on it; otherwise its value enters the buffer.
#include "model.hpp"

#include <algorithm>
#include <cstring>
#include <gort/print.hpp>

namespace gort::web {

using trace::Kind;

std::string_view state_text(GState s) {
  switch (s) {
    case GState::Runnable:
      return "runnable";
    case GState::Running:
      return "running";
    case GState::Blocked:
      return "blocked";
    case GState::Sleeping:
      return "sleeping";
    case GState::Done:
      return "done";
  }
  return "";
}

std::uint32_t string_id(const trace::Event& e) {
  const bool text = (e.kind == Kind::ChanSend || e.kind == Kind::ChanRecv) &&
                    static_cast<trace::ValueKind>(e.flags) == trace::ValueKind::Text;
  return e.kind == Kind::GoName || text ? static_cast<std::uint32_t>(e.value)
         : e.kind == Kind::ChanMake     ? e.aux
                                        : 0;
}

std::string format(const Value& v, const Texts& texts) {
  return trace::value_text(
      v.bits, v.kind,
      v.kind == trace::ValueKind::Text ? texts.string(static_cast<std::uint32_t>(v.bits)) : "");
}

void Model::reset(int procs) {
  gs_.clear();
  g_index_.clear();
  queued_.clear();
  selecting_.clear();
  cs_.clear();
  c_index_.clear();
  inflight_.clear();
  lanes_.assign(static_cast<std::size_t>(std::max(procs, 1)), Lane{});
  running_.assign(lanes_.size(), 0);
  transfers_.clear();
  flows_.clear();
  flow_index_.clear();
  console_.clear();
  out_.clear();
  err_.clear();
  console_end_ = 0;
  now_ = 0;
  exited_ = false;
  exit_code_ = 0;
  counters_ = {};
  generation_++;
}

const Goroutine* Model::goroutine(std::uint32_t id) const {
  return id < g_index_.size() && g_index_[id] ? &gs_[g_index_[id] - 1] : nullptr;
}

const Channel* Model::channel(std::uint32_t id) const {
  return id < c_index_.size() && c_index_[id] ? &cs_[c_index_[id] - 1] : nullptr;
}

Goroutine& Model::g_at(std::uint32_t id, std::int64_t ts) {
  if (id >= g_index_.size()) g_index_.resize(std::max<std::size_t>(id + 1, g_index_.size() * 2));
  if (!g_index_[id]) {
    Goroutine g;
    g.id = id;
    if (id == 1) g.name = "main";
    g.created_ts = g.since_ts = ts;
    gs_.push_back(std::move(g));
    queued_.push_back(0);
    selecting_.emplace_back();
    g_index_[id] = static_cast<std::uint32_t>(gs_.size());
    counters_.total++;
    counters_.alive++;
    generation_++;
  }
  return gs_[g_index_[id] - 1];
}

Channel& Model::c_at(std::uint32_t id, std::int64_t ts) {
  if (id >= c_index_.size()) c_index_.resize(std::max<std::size_t>(id + 1, c_index_.size() * 2));
  if (!c_index_[id]) {
    Channel c;
    c.id = id;
    c.created_ts = ts;
    cs_.push_back(std::move(c));
    inflight_.emplace_back();
    c_index_[id] = static_cast<std::uint32_t>(cs_.size());
    counters_.channels++;
    generation_++;
  }
  return cs_[c_index_[id] - 1];
}

void Model::set_state(Goroutine& g, GState s, std::int64_t ts) {
  if (g.state == GState::Done) return;  // ids are never reused
  if (s == GState::Done) counters_.alive--;
  if (s != GState::Blocked && s != GState::Sleeping) {
    g.reason = WaitReason::None;
    g.chan = 0;
    g.wake_ts = -1;
  }
  if (g.state != s) g.since_ts = ts;
  g.state = s;
}

// g leaves the P it runs on: its span ends at ts.
void Model::stop_running(Goroutine& g, std::int64_t ts) {
  if (g.p < 0) return;
  auto p = static_cast<std::size_t>(g.p);
  auto& spans = lanes_[p].spans;
  if (!spans.empty() && spans.back().g == g.id && spans.back().end < 0) spans.back().end = ts;
  if (running_[p] == g.id) running_[p] = 0;
  g.p = -1;
}

// g no longer waits in its channel's queue (its operation completed, or it
// was woken by close).
void Model::leave_queues(Goroutine& g) {
  std::size_t i = static_cast<std::size_t>(&g - gs_.data());
  auto dequeue = [&](std::uint32_t chan, bool send) {
    if (const Channel* cc = channel(chan)) {
      Channel& c = cs_[c_index_[cc->id] - 1];
      auto& q = send ? c.senders : c.receivers;
      auto it = std::find(q.begin(), q.end(), g.id);  // nearly always the front: FIFO
      if (it != q.end()) q.erase(it);
    }
  };
  if (queued_[i]) {
    queued_[i] = 0;
    dequeue(g.chan, g.reason == WaitReason::ChanSend);
  }
  for (std::uint32_t w : selecting_[i]) dequeue(w / 2, w % 2);
  selecting_[i].clear();
}

const Flow* Model::flow(std::uint32_t g, std::uint32_t chan, bool send) const {
  auto it = flow_index_.find((std::uint64_t{g} << 33) | (std::uint64_t{chan} << 1) | send);
  return it == flow_index_.end() ? nullptr : &flows_[it->second];
}

void Model::touch(std::uint32_t g, std::uint32_t chan, bool send, std::int64_t ts, bool op) {
  if (g == 0 || chan == 0) return;  // a timer's send
  auto [it, fresh] =
      flow_index_.try_emplace((std::uint64_t{g} << 33) | (std::uint64_t{chan} << 1) | send,
                              static_cast<std::uint32_t>(flows_.size()));
  if (fresh) flows_.push_back(Flow{g, chan, send, ts, ts, 0});
  Flow& l = flows_[it->second];
  l.last_ts = ts;
  l.ops += op;
}

void Model::transfer(const Transfer& t) {
  transfers_.push_back(t);
  if (transfers_.size() > kMaxTransfers) transfers_.pop_front();
}

template <class T>
static void push_bounded(std::vector<T>& v, const T& x) {
  if (v.size() >= kMaxLaneItems) v.erase(v.begin(), v.begin() + static_cast<long>(v.size() / 2));
  v.push_back(x);
}

void Model::on_send(const trace::Event& e) {
  Channel& c = c_at(e.obj, e.ts);
  std::size_t ci = c_index_[e.obj] - 1;
  c.sends++;
  counters_.chan_ops++;
  Value v{e.value, static_cast<trace::ValueKind>(e.flags)};
  if (e.g) {
    // A blocked sender whose value was taken, or a select that sent.
    leave_queues(g_at(e.g, e.ts));
  }
  touch(e.g, e.obj, true, e.ts, true);
  if (c.cap == 0 || !c.receivers.empty()) {
    inflight_[ci].emplace_back(e.g, v);  // its ChanRecv comes next
    return;
  }
  c.buffer.push_back(v);
  transfer({e.g, e.obj, 0, v, ++c.buffered_in, e.ts, static_cast<std::size_t>(counters_.events),
            e.g == 0, false});
}

void Model::on_recv(const trace::Event& e) {
  Channel& c = c_at(e.obj, e.ts);
  std::size_t ci = c_index_[e.obj] - 1;
  counters_.chan_ops++;
  if (e.g) {
    leave_queues(g_at(e.g, e.ts));
  }
  touch(e.g, e.obj, false, e.ts, true);
  const auto event = static_cast<std::size_t>(counters_.events);
  if (e.aux == 0) {  // the channel is closed and drained: the zero value, ok == false
    transfer({0, e.obj, e.g, Value{}, 0, e.ts, event, false, true});
    return;
  }
  c.recvs++;
  Value v{e.value, static_cast<trace::ValueKind>(e.flags)};
  auto& fly = inflight_[ci];
  if (!fly.empty()) {
    std::uint32_t from = fly.front().first;
    fly.pop_front();
    transfer({from, e.obj, e.g, v, 0, e.ts, event, from == 0, false});
    return;
  }
  std::uint64_t seq = 0;
  if (!c.buffer.empty()) {
    c.buffer.pop_front();
    seq = ++c.buffered_out;
  }
  transfer({0, e.obj, e.g, v, seq, e.ts, event, false, false});
}

std::string Model::format(const Value& v) const {
  static const Texts kNone;
  return web::format(v, texts_ ? *texts_ : kNone);
}

void Model::apply(const trace::Event& e, const Texts& texts) {
  texts_ = &texts;
  now_ = std::max(now_, e.ts);
  counters_.events++;
  if (e.kind == Kind::Print) {
    auto end = std::min(static_cast<std::size_t>(e.value) + e.aux, texts.output.size());
    if (end > console_end_) {
      console_.append(texts.output, console_end_, end - console_end_);
      (e.obj ? err_ : out_).append(texts.output, console_end_, end - console_end_);
      console_end_ = end;
    }
    return;
  }
  if (exited_) return;  // frozen: see the header
  auto lane = std::min<std::size_t>(e.p, lanes_.size() - 1);
  if (e.g && e.line) g_at(e.g, e.ts).line = static_cast<int>(e.line);
  switch (e.kind) {
    case Kind::ProcStart:
    case Kind::ProcStop:
    case Kind::Select:
    case Kind::TimerFire:
    case Kind::Print:
      break;
    case Kind::SelectWait: {
      Goroutine& g = g_at(e.g, e.ts);
      Channel& c = c_at(e.obj, e.ts);
      (e.aux ? c.senders : c.receivers).push_back(e.g);
      selecting_[static_cast<std::size_t>(&g - gs_.data())].push_back(e.obj * 2 + (e.aux ? 1 : 0));
      touch(e.g, e.obj, e.aux != 0, e.ts, false);
      break;
    }
    case Kind::GoCreate: {
      Goroutine& g = g_at(e.obj, e.ts);
      g.parent = e.g;
      g.created_line = static_cast<int>(e.value);
      break;
    }
    case Kind::GoStart: {
      Goroutine& g = g_at(e.g, e.ts);
      if (g.state == GState::Done) break;
      if (std::uint32_t prev = running_[lane]; prev && prev != e.g) {
        stop_running(gs_[g_index_[prev] - 1], e.ts);  // a missed (lost) event
      }
      stop_running(g, e.ts);
      leave_queues(g);
      set_state(g, GState::Running, e.ts);
      g.p = static_cast<int>(lane);
      g.runs++;
      running_[lane] = e.g;
      push_bounded(lanes_[lane].spans, Span{e.g, e.ts, -1});
      break;
    }
    case Kind::GoBlock: {
      Goroutine& g = g_at(e.g, e.ts);
      stop_running(g, e.ts);
      auto reason = static_cast<WaitReason>(e.flags);
      std::int64_t wake = g.wake_ts;
      set_state(g, reason == WaitReason::Sleep ? GState::Sleeping : GState::Blocked, e.ts);
      g.reason = reason;
      g.chan = e.obj;
      g.wake_ts = reason == WaitReason::Sleep ? wake : -1;
      if (e.obj && (reason == WaitReason::ChanSend || reason == WaitReason::ChanReceive)) {
        Channel& c = c_at(e.obj, e.ts);
        (reason == WaitReason::ChanSend ? c.senders : c.receivers).push_back(e.g);
        queued_[g_index_[e.g] - 1] = 1;
        touch(e.g, e.obj, reason == WaitReason::ChanSend, e.ts, false);
      }
      push_bounded(lanes_[lane].markers, Marker{e.ts, e.g, 0, true, reason});
      break;
    }
    case Kind::GoUnblock: {
      Goroutine& g = g_at(e.obj, e.ts);
      leave_queues(g);
      set_state(g, GState::Runnable, e.ts);
      push_bounded(lanes_[lane].markers, Marker{e.ts, e.obj, e.g, false, WaitReason::None});
      break;
    }
    case Kind::GoSleep:
      g_at(e.g, e.ts).wake_ts = e.value;  // GoBlock (sleep) follows
      break;
    case Kind::GoYield:
    case Kind::GoPreempt: {
      Goroutine& g = g_at(e.g, e.ts);
      stop_running(g, e.ts);
      set_state(g, GState::Runnable, e.ts);
      break;
    }
    case Kind::GoEnd: {
      Goroutine& g = g_at(e.g, e.ts);
      stop_running(g, e.ts);
      leave_queues(g);
      set_state(g, GState::Done, e.ts);
      break;
    }
    case Kind::GoName:
      g_at(e.g, e.ts).name = texts.string(static_cast<std::uint32_t>(e.value));
      break;
    case Kind::GoLine:
      g_at(e.g, e.ts).line = static_cast<int>(e.value);
      break;
    case Kind::ChanMake: {
      Channel& c = c_at(e.obj, e.ts);
      c.cap = static_cast<int>(e.value);
      c.name = texts.string(e.aux);
      c.creator = e.g;
      break;
    }
    case Kind::ChanSend:
      on_send(e);
      break;
    case Kind::ChanRecv:
      on_recv(e);
      break;
    case Kind::ChanClose:
      c_at(e.obj, e.ts).closed = true;
      counters_.chan_ops++;
      touch(e.g, e.obj, true, e.ts, true);
      break;
    case Kind::Exit:
      exited_ = true;
      exit_code_ = static_cast<int>(e.value);
      for (Lane& l : lanes_) {  // nothing runs any more
        if (!l.spans.empty() && l.spans.back().end < 0) l.spans.back().end = e.ts;
      }
      break;
  }
}

}  // namespace gort::web
