// Chrome Trace Event JSON from a run's events (see gort/trace_json.hpp for
// what it holds). One pass folds the events into spans, marks and flows;
// the JSON is written at the end, once every goroutine's name is known (a
// goroutine names itself after it starts running).
//
// Invariants while folding:
//   - A goroutine has at most one open span, and a P runs at most one:
//     open_[g].p == p exactly when on_p_[p] == g.
//   - queue_[c] holds the values sent on channel c and not yet received,
//     oldest first, handoffs included: a handoff's ChanRecv follows its
//     ChanSend before any other operation on c (both are recorded under c's
//     lock), and a receive from a full buffer takes the head before the
//     blocked sender's value joins the tail, so FIFO pairs every case.
//   - t_ strictly increases from one event to the next.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <deque>
#include <gort/json.hpp>
#include <gort/trace_json.hpp>
#include <gort/wait_reason.hpp>
#include <map>
#include <set>

namespace gort::trace {

namespace {

// Two processes; tids are unique across both, as Perfetto keys threads by
// tid. Goroutine g's track is tid g (ids never get near kPTid0).
constexpr int kProcsPid = 1, kGoroutinesPid = 2;
constexpr std::uint64_t kPTid0 = 0xFFFF0000;  // P p's track: kPTid0 + p
constexpr std::uint64_t kTimersTid = kPTid0 - 1;

// ns as microseconds at the middle of that nanosecond ("1.2345" for 1234
// ns): a reader that multiplies the parsed double by 1000 and truncates, as
// Perfetto does, gets 1234 back, never 1233.
void micros(std::string& out, std::int64_t ns) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%" PRId64 ".%03" PRId64 "5", ns / 1000, ns % 1000);
  out += buf;
}

struct Span {
  std::uint32_t g;
  std::uint16_t p;
  std::int64_t t0, t1;
  std::uint64_t seq0, seq1;
};

// A GoBlock (block: `other` is the channel, 0 = none) or a GoUnblock
// (`other` woke g, 0 = the runtime).
struct Mark {
  std::int64_t t;
  std::uint64_t seq;
  std::uint32_t g, other;
  bool block;
  WaitReason reason;
};

// One end of a flow: a send or a receive, by goroutine g (0: a timer's send).
struct End {
  std::int64_t t;
  std::uint64_t seq;
  std::uint32_t g;
  bool running;  // g was running: the end lies inside its span
  bool before;   // a value sent before the export's first event: no flow
};

struct Flow {
  End from, to;
  std::uint32_t chan;
  std::int64_t bits;
  ValueKind kind;
};

class Exporter {
 public:
  Exporter(const StringLookup& strings, const ExportStart& start)
      : strings_(strings), start_(start) {
    gnames_[1] = "main";
    for (const auto& [id, name] : start.goroutine_names) gnames_[id] = name;
    for (const auto& [id, name] : start.channel_names) cnames_[id] = name;
    for (const auto& [id, n] : start.buffered) {
      queue_[id].assign(n, End{0, 0, 0, false, true});
    }
  }

  void add(const Event& e) {
    if (exited_) return;
    if (events_ == 0) {
      // At least 1 ns: a span already running began 1 ns before the first
      // event (what its goroutine does then is inside it), and so does a
      // 2 ns slice around a flow's end.
      t_ = std::max<std::int64_t>(e.ts, 1);
      first_seq_ = e.seq;
      for (const auto& [p, g] : start_.running) open(g, p, t_ - 1, e.seq);
    } else {
      t_ = std::max(e.ts, t_ + 1);
    }
    last_seq_ = e.seq;
    events_++;
    ps_.insert(e.p);
    if (e.g) gs_.insert(e.g);
    switch (e.kind) {
      case Kind::GoCreate:
        gs_.insert(e.obj);
        break;
      case Kind::GoStart:
        stop(e.g, e.seq);
        if (auto it = on_p_.find(e.p); it != on_p_.end()) stop(it->second, e.seq);  // a lost event
        open(e.g, e.p, t_, e.seq);
        break;
      case Kind::GoBlock:
        stop(e.g, e.seq);
        marks_.push_back({t_, e.seq, e.g, e.obj, true, static_cast<WaitReason>(e.flags)});
        break;
      case Kind::GoYield:
      case Kind::GoPreempt:
      case Kind::GoEnd:
        stop(e.g, e.seq);
        break;
      case Kind::GoUnblock:
        gs_.insert(e.obj);
        marks_.push_back({t_, e.seq, e.obj, e.g, false, WaitReason::None});
        break;
      case Kind::GoName:
        gnames_[e.g] = strings_(static_cast<std::uint32_t>(e.value));
        break;
      case Kind::ChanMake:
        if (e.aux) cnames_[e.obj] = strings_(e.aux);
        break;
      case Kind::ChanSend:
        queue_[e.obj].push_back({t_, e.seq, e.g, open_.contains(e.g), false});
        if (e.g == 0) timers_ = true;
        break;
      case Kind::ChanRecv: {
        auto& q = queue_[e.obj];
        if (e.aux == 0 || q.empty()) break;  // closed: no value; or one sent before the export
        End from = q.front();
        q.pop_front();
        if (!from.before) {
          flows_.push_back({from,
                            {t_, e.seq, e.g, open_.contains(e.g), false},
                            e.obj,
                            e.value,
                            static_cast<ValueKind>(e.flags)});
        }
        break;
      }
      case Kind::Exit:
        while (!open_.empty()) stop(open_.begin()->first, e.seq);
        exited_ = true;
        break;
      default:
        break;
    }
  }

  std::string finish() {
    while (!open_.empty()) stop(open_.begin()->first, last_seq_);
    std::string out =
        "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"gort\",\"firstSeq\":";
    out += std::to_string(first_seq_) + ",\"lastSeq\":" + std::to_string(last_seq_) +
           ",\"events\":" + std::to_string(events_) + "},\"traceEvents\":[";
    names(out);
    for (const Span& s : spans_) {
      for (bool on_p : {true, false}) {
        begin(out, "X", "running", on_p ? glabel(s.g) : "running",
              on_p ? kProcsPid : kGoroutinesPid, on_p ? kPTid0 + s.p : s.g, s.t0);
        out += ",\"dur\":";
        micros(out, s.t1 - s.t0);
        out += ",\"args\":{";
        out += on_p ? "\"g\":" : "\"p\":";
        out += std::to_string(on_p ? s.g : std::uint32_t{s.p});
        out +=
            ",\"seq\":" + std::to_string(s.seq0) + ",\"endSeq\":" + std::to_string(s.seq1) + "}}";
      }
    }
    for (const Mark& m : marks_) {
      std::string reason(wait_reason_text(m.reason));
      begin(out, "i", m.block ? "block" : "wake", m.block ? "block: " + reason : "wake",
            kGoroutinesPid, m.g, m.t);
      out += ",\"s\":\"t\",\"args\":{";
      if (m.block) {
        out += "\"reason\":";
        json_string(out, reason);
        if (m.other) {
          out += ",\"chan\":";
          json_string(out, clabel(m.other));
        }
      } else {
        out += "\"by\":";
        json_string(out, m.other ? glabel(m.other) : "runtime");
      }
      out += ",\"seq\":" + std::to_string(m.seq) + "}}";
    }
    std::uint64_t id = 0;
    for (const Flow& f : flows_) {
      id++;
      std::string text =
          value_text(f.bits, f.kind,
                     f.kind == ValueKind::Text ? strings_(static_cast<std::uint32_t>(f.bits)) : "");
      std::string chan = clabel(f.chan);
      for (const End* end : {&f.from, &f.to}) {
        bool send = end == &f.from;
        auto args = [&] {
          out += ",\"args\":{\"value\":";
          json_string(out, text);
          out += ",\"seq\":" + std::to_string(end->seq) + "}}";
        };
        std::uint64_t tid = end->g ? end->g : kTimersTid;
        // A flow binds to the slice around its end. A goroutine that was
        // not running (a blocked sender whose value was taken, a blocked
        // receiver handed one, a timer) gets a 2 ns slice around the event;
        // nothing else is on its track then.
        if (!end->running) {
          begin(out, "X", "chan", std::string(send ? "send on " : "receive from ") + chan,
                kGoroutinesPid, tid, end->t - 1);
          out += ",\"dur\":";
          micros(out, 2);
          args();
        }
        begin(out, send ? "s" : "f", "chan", chan, kGoroutinesPid, tid, end->t);
        out += ",\"id\":" + std::to_string(id) + ",\"bp\":\"e\"";
        args();
      }
    }
    out += "]}\n";
    return out;
  }

 private:
  void open(std::uint32_t g, std::uint16_t p, std::int64_t t, std::uint64_t seq) {
    open_[g] = Span{g, p, t, t, seq, seq};
    on_p_[p] = g;
    ps_.insert(p);
    gs_.insert(g);
  }

  // g's open span, if any, ends now, at the event `seq`.
  void stop(std::uint32_t g, std::uint64_t seq) {
    auto it = open_.find(g);
    if (it == open_.end()) return;
    Span s = it->second;
    s.t1 = t_;
    s.seq1 = seq;
    spans_.push_back(s);
    on_p_.erase(s.p);
    open_.erase(it);
  }

  std::string glabel(std::uint32_t g) const {
    std::string s = "G";
    s += std::to_string(g);  // not "G" + ...: g++ 12 warns (-Wrestrict, a false positive)
    if (auto it = gnames_.find(g); it != gnames_.end() && !it->second.empty())
      s += " " + it->second;
    return s;
  }
  std::string clabel(std::uint32_t c) const {
    auto it = cnames_.find(c);
    return (it != cnames_.end() && !it->second.empty() ? it->second : "chan") + "#" +
           std::to_string(c);
  }

  // Opens an event object, up to its ts: `{"ph":..,"cat":..,"name":..,"pid":..,"tid":..,"ts":..`.
  // Every event but the first is preceded by a comma.
  void begin(std::string& out, const char* ph, const char* cat, const std::string& name, int pid,
             std::uint64_t tid, std::int64_t t) {
    if (written_++) out += ',';
    out += "\n{\"ph\":\"";
    out += ph;
    out += "\",\"cat\":\"";
    out += cat;
    out += "\",\"name\":";
    json_string(out, name);
    out += ",\"pid\":" + std::to_string(pid) + ",\"tid\":" + std::to_string(tid) + ",\"ts\":";
    micros(out, t);
  }

  void meta(std::string& out, const char* name, int pid, std::uint64_t tid, const std::string& key,
            const std::string& value) {
    if (written_++) out += ',';
    out += "\n{\"ph\":\"M\",\"name\":\"";
    out += name;
    out += "\",\"pid\":" + std::to_string(pid) + ",\"tid\":" + std::to_string(tid) +
           ",\"args\":{\"" + key + "\":" + value + "}}";
  }

  // Names every process and track, and orders them: Ps first, each by index.
  void names(std::string& out) {
    auto quoted = [](std::string_view s) {
      std::string q;
      json_string(q, s);
      return q;
    };
    meta(out, "process_name", kProcsPid, 0, "name", quoted("Ps"));
    meta(out, "process_sort_index", kProcsPid, 0, "sort_index", "0");
    meta(out, "process_name", kGoroutinesPid, 0, "name", quoted("goroutines"));
    meta(out, "process_sort_index", kGoroutinesPid, 0, "sort_index", "1");
    for (std::uint16_t p : ps_) {
      std::string name = "P";
      name += std::to_string(p);
      meta(out, "thread_name", kProcsPid, kPTid0 + p, "name", quoted(name));
      meta(out, "thread_sort_index", kProcsPid, kPTid0 + p, "sort_index", std::to_string(p));
    }
    for (std::uint32_t g : gs_) {
      meta(out, "thread_name", kGoroutinesPid, g, "name", quoted(glabel(g)));
      meta(out, "thread_sort_index", kGoroutinesPid, g, "sort_index", std::to_string(g));
    }
    if (timers_) {
      meta(out, "thread_name", kGoroutinesPid, kTimersTid, "name", quoted("timers"));
      meta(out, "thread_sort_index", kGoroutinesPid, kTimersTid, "sort_index",
           std::to_string(kTimersTid));
    }
  }

  const StringLookup& strings_;
  const ExportStart& start_;
  std::int64_t t_ = 0;  // the export time of the latest event (ns)
  std::uint64_t first_seq_ = 0, last_seq_ = 0, events_ = 0;
  std::size_t written_ = 0;  // JSON events written
  bool exited_ = false;
  std::map<std::uint32_t, std::string> gnames_, cnames_;
  std::set<std::uint16_t> ps_;
  std::set<std::uint32_t> gs_;
  std::map<std::uint32_t, Span> open_;           // goroutine -> its running span
  std::map<std::uint16_t, std::uint32_t> on_p_;  // P -> the goroutine running there
  std::map<std::uint32_t, std::deque<End>> queue_;
  bool timers_ = false;  // a timer sent a value: the timers track is used
  std::vector<Span> spans_;
  std::vector<Mark> marks_;
  std::vector<Flow> flows_;
};

}  // namespace

std::string chrome_trace_json(std::span<const Event> events, const StringLookup& strings,
                              const ExportStart& start) {
  Exporter x(strings, start);
  for (const Event& e : events) x.add(e);
  return x.finish();
}

}  // namespace gort::trace
