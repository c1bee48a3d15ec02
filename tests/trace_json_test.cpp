// Tests of the Chrome Trace Event export (core/src/trace_json.cpp): gallery
// programs are run, exported, and read back with a strict JSON reader, and
// what the JSON says is checked against the run's events, recomputed here
// from the events alone: one slice per running span on its P's track and on
// its goroutine's track, at the events' times as Perfetto reads them; one
// instant per block and per wake; one flow per value received, from the
// send that carried it (same channel, same value, FIFO per channel) to the
// receive; every track named; no two slices of a track overlapping. Also:
// hostile names give valid JSON, and an export that starts after folding
// says so and pairs around the values buffered before it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <gort/gort.hpp>
#include <gort/json.hpp>
#include <gort/json_reader.hpp>
#include <gort/trace_json.hpp>
#include <map>
#include <patterns/pattern.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "test_util.hpp"

using namespace gort_test;
using gort::Json;
using gort::parse_json;
using gort::trace::Event;
using gort::trace::Kind;
using gort::trace::ValueKind;

namespace {

// A run's events, and the texts its string ids name.
struct Recorded {
  std::vector<Event> events;
  std::map<std::uint32_t, std::string> strings;
  std::string json;
};

// The string id an event refers to, 0 for none.
std::uint32_t string_ref(const Event& e) {
  if (e.kind == Kind::GoName) return static_cast<std::uint32_t>(e.value);
  if (e.kind == Kind::ChanMake) return e.aux;
  bool text = (e.kind == Kind::ChanSend || e.kind == Kind::ChanRecv) &&
              static_cast<ValueKind>(e.flags) == ValueKind::Text;
  return text ? static_cast<std::uint32_t>(e.value) : 0;
}

Recorded record(gort::Config cfg, std::function<void()> body, int expected_exit = 0) {
  cfg.trace = true;
  cfg.out = cfg.err = [](std::string_view) {};
  Recorded r;
  gort::Program prog(cfg, std::move(body));
  REQUIRE(prog.valid());
  Watchdog wd("trace json");
  while (!prog.run_for(std::chrono::milliseconds(5))) prog.drain(r.events);
  CHECK(prog.wait() == expected_exit);
  prog.drain(r.events);
  REQUIRE(prog.lost_events() == 0);
  for (const Event& e : r.events) {
    if (std::uint32_t id = string_ref(e)) r.strings[id] = prog.string(id);
  }
  r.json = gort::trace::chrome_trace_json(r.events,
                                          [&prog](std::uint32_t id) { return prog.string(id); });
  return r;
}

Recorded record_pattern(const std::string& id, int procs, std::uint64_t seed) {
  const gort::patterns::Pattern* pat = gort::patterns::find(id);
  REQUIRE(pat != nullptr);
  gort::patterns::Args args;
  REQUIRE(gort::patterns::make_args(*pat, {}, args) == "");
  gort::Config cfg;
  cfg.gomaxprocs = procs;
  cfg.seed = seed;
  cfg.set_deterministic(true);
  return record(
      cfg, [pat, args] { pat->body(args); }, pat->expected_exit);
}

Json parse(const std::string& text) {
  Json root;
  std::string error;
  bool ok = parse_json(text, root, error);
  INFO("JSON error: ", error);
  REQUIRE(ok);
  REQUIRE(root.type == Json::Type::Object);
  REQUIRE(root["traceEvents"].type == Json::Type::Array);
  return root;
}

// Text as a JSON reader gets it back from the export: invalid UTF-8 is
// U+FFFD (the escaping is checked on its own, with hostile names).
std::string read_back(const std::string& text) {
  std::string quoted;
  gort::json_string(quoted, text);
  Json v;
  std::string error;
  REQUIRE(parse_json(quoted, v, error));
  return v.str;
}

// A JSON timestamp (µs) as Perfetto reads it: ns, truncated.
std::int64_t ns(const Json& v) {
  REQUIRE(v.type == Json::Type::Number);
  return static_cast<std::int64_t>(v.num * 1000);
}
std::uint64_t u(const Json& v) {
  REQUIRE(v.type == Json::Type::Number);
  return static_cast<std::uint64_t>(v.num);
}

using Track = std::pair<std::uint64_t, std::uint64_t>;  // pid, tid
struct Slice {
  std::int64_t start, end;
};

// What the JSON holds, by kind, with each track's name.
struct Parsed {
  Json root;
  std::map<std::uint64_t, std::string> processes;
  std::map<Track, std::string> names;
  std::vector<const Json*> slices, instants, flow_starts, flow_ends;
  std::map<Track, std::vector<Slice>> by_track;

  explicit Parsed(const std::string& text) : root(parse(text)) {
    for (const Json& e : root["traceEvents"].items) {
      REQUIRE(e.type == Json::Type::Object);
      const std::string& ph = e["ph"].str;
      Track t{u(e["pid"]), u(e["tid"])};
      if (ph == "M") {
        if (e["name"].str == "process_name") processes[t.first] = e["args"]["name"].str;
        if (e["name"].str == "thread_name") names[t] = e["args"]["name"].str;
        continue;
      }
      if (ph == "X") {
        slices.push_back(&e);
        by_track[t].push_back({ns(e["ts"]), ns(e["ts"]) + ns(e["dur"])});
      } else if (ph == "i") {
        instants.push_back(&e);
      } else if (ph == "s") {
        flow_starts.push_back(&e);
      } else if (ph == "f") {
        flow_ends.push_back(&e);
      } else {
        FAIL("unexpected phase ", ph);
      }
    }
  }

  static Track track(const Json& e) { return {u(e["pid"]), u(e["tid"])}; }
  std::uint64_t tid_named(const std::string& name) const {
    for (const auto& [t, n] : names) {
      if (n == name) return t.second;
    }
    FAIL("no track named ", name);
    return 0;
  }
  // Whether a slice of e's track holds e's time strictly inside it.
  bool inside_slice(const Json& e) const {
    auto it = by_track.find(track(e));
    if (it == by_track.end()) return false;
    std::int64_t t = ns(e["ts"]);
    return std::any_of(it->second.begin(), it->second.end(),
                       [t](const Slice& s) { return s.start < t && t < s.end; });
  }
};

// The events a complete export covers (up to and including Exit), and the
// time each is drawn at: the run's clock, strictly increasing by seq, from 1 ns.
struct Timeline {
  std::vector<Event> events;
  std::map<std::uint64_t, std::int64_t> t;  // seq -> ns
  std::map<std::uint64_t, Event> by_seq;

  explicit Timeline(const std::vector<Event>& all) {
    std::int64_t prev = 0;
    for (const Event& e : all) {
      std::int64_t now = std::max(e.ts, prev + 1);
      events.push_back(e);
      t[e.seq] = prev = now;
      by_seq[e.seq] = e;
      if (e.kind == Kind::Exit) break;
    }
  }
};

// (g, p, first seq, last seq) of every running span, from the events.
std::vector<std::tuple<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t>> running_spans(
    const std::vector<Event>& events) {
  std::vector<std::tuple<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t>> spans;
  std::map<std::uint32_t, std::pair<std::uint16_t, std::uint64_t>> open;  // g -> (p, seq)
  auto close = [&](std::uint32_t g, std::uint64_t seq) {
    if (auto it = open.find(g); it != open.end()) {
      spans.emplace_back(g, it->second.first, it->second.second, seq);
      open.erase(it);
    }
  };
  for (const Event& e : events) {
    switch (e.kind) {
      case Kind::GoStart:
        close(e.g, e.seq);
        for (const auto& [g, ps] : open) {
          if (ps.first == e.p) {
            close(g, e.seq);
            break;
          }
        }
        open[e.g] = {e.p, e.seq};
        break;
      case Kind::GoBlock:
      case Kind::GoYield:
      case Kind::GoPreempt:
      case Kind::GoEnd:
        close(e.g, e.seq);
        break;
      case Kind::Exit:
        while (!open.empty()) close(open.begin()->first, e.seq);
        break;
      default:
        break;
    }
  }
  while (!open.empty()) close(open.begin()->first, events.back().seq);
  std::sort(spans.begin(), spans.end());
  return spans;
}

// Checks a complete export of rec against its events.
void check_export(const Recorded& rec) {
  Parsed x(rec.json);
  Timeline tl(rec.events);
  REQUIRE(!tl.events.empty());
  CHECK(u(x.root["otherData"]["firstSeq"]) == tl.events.front().seq);
  CHECK(u(x.root["otherData"]["lastSeq"]) == tl.events.back().seq);

  // Every track named, Ps in process "Ps" as "P<n>", goroutine g as "G<g>...".
  CHECK(x.processes.size() == 2);
  std::map<std::uint64_t, std::uint64_t> p_of_tid;
  for (const auto& [t, name] : x.names) {
    REQUIRE(x.processes.count(t.first));
    if (x.processes[t.first] == "Ps") {
      REQUIRE(name.starts_with("P"));
      p_of_tid[t.second] = std::stoull(name.substr(1));
    } else if (name != "timers") {
      CHECK(name.starts_with("G" + std::to_string(t.second)));
    }
  }
  std::set<std::uint64_t> gs, ps;
  for (const Event& e : tl.events) {
    ps.insert(e.p);
    if (e.g) gs.insert(e.g);
  }
  for (auto all : {&x.slices, &x.instants, &x.flow_starts, &x.flow_ends}) {
    for (const Json* e : *all) CHECK(x.names.count(Parsed::track(*e)));
  }
  CHECK(p_of_tid.size() == ps.size());

  // One slice per running span on its P's track and on its goroutine's.
  auto expected = running_spans(tl.events);
  std::vector<std::tuple<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t>> on_p, on_g;
  for (const Json* e : x.slices) {
    if ((*e)["cat"].str != "running") continue;
    const Json& a = (*e)["args"];
    std::uint64_t seq = u(a["seq"]), end = u(a["endSeq"]);
    REQUIRE(tl.t.count(seq));
    REQUIRE(tl.t.count(end));
    CHECK(ns((*e)["ts"]) == tl.t[seq]);
    CHECK(ns((*e)["ts"]) + ns((*e)["dur"]) == tl.t[end]);
    Track t = Parsed::track(*e);
    if (x.processes[t.first] == "Ps") {
      on_p.emplace_back(u(a["g"]), p_of_tid.at(t.second), seq, end);
    } else {
      on_g.emplace_back(t.second, u(a["p"]), seq, end);
    }
  }
  std::sort(on_p.begin(), on_p.end());
  std::sort(on_g.begin(), on_g.end());
  CHECK(!expected.empty());
  CHECK(on_p == expected);
  CHECK(on_g == expected);

  // No two slices of a track overlap (they may touch).
  for (auto& [t, v] : x.by_track) {
    std::sort(v.begin(), v.end(), [](const Slice& a, const Slice& b) { return a.start < b.start; });
    for (std::size_t i = 1; i < v.size(); i++) CHECK(v[i - 1].end <= v[i].start);
  }

  // One instant per GoBlock (on its goroutine's track) and per GoUnblock
  // (on the woken goroutine's), at the event's time.
  std::size_t blocks = 0, wakes = 0;
  for (const Event& e : tl.events) {
    blocks += e.kind == Kind::GoBlock;
    wakes += e.kind == Kind::GoUnblock;
  }
  std::set<std::uint64_t> instant_seqs;
  std::size_t seen_blocks = 0, seen_wakes = 0;
  for (const Json* e : x.instants) {
    std::uint64_t seq = u((*e)["args"]["seq"]);
    REQUIRE(tl.by_seq.count(seq));
    const Event& ev = tl.by_seq[seq];
    CHECK(instant_seqs.insert(seq).second);
    CHECK(ns((*e)["ts"]) == tl.t[seq]);
    if ((*e)["cat"].str == "block") {
      seen_blocks++;
      CHECK(ev.kind == Kind::GoBlock);
      CHECK(Parsed::track(*e).second == ev.g);
    } else {
      seen_wakes++;
      CHECK(ev.kind == Kind::GoUnblock);
      CHECK(Parsed::track(*e).second == ev.obj);
    }
  }
  CHECK(seen_blocks == blocks);
  CHECK(seen_wakes == wakes);

  // One flow per value received, from the send of that value on that channel.
  std::size_t received = 0;
  for (const Event& e : tl.events) received += e.kind == Kind::ChanRecv && e.aux != 0;
  CHECK(received > 0);
  REQUIRE(x.flow_starts.size() == received);
  REQUIRE(x.flow_ends.size() == received);
  std::map<std::uint64_t, const Json*> start_of;
  for (const Json* s : x.flow_starts) CHECK(start_of.emplace(u((*s)["id"]), s).second);
  std::set<std::uint64_t> sends_used, recvs_used;
  std::map<std::uint32_t, std::vector<std::pair<std::uint64_t, std::uint64_t>>> per_chan;
  std::uint64_t timers_tid = 0;
  for (const Json* f : x.flow_ends) {
    auto it = start_of.find(u((*f)["id"]));
    REQUIRE(it != start_of.end());
    const Json& s = *it->second;
    std::uint64_t sseq = u(s["args"]["seq"]), rseq = u((*f)["args"]["seq"]);
    REQUIRE(tl.by_seq.count(sseq));
    REQUIRE(tl.by_seq.count(rseq));
    const Event& send = tl.by_seq[sseq];
    const Event& recv = tl.by_seq[rseq];
    INFO("flow from seq ", sseq, " to seq ", rseq);
    CHECK(send.kind == Kind::ChanSend);
    CHECK(recv.kind == Kind::ChanRecv);
    CHECK(recv.aux != 0);
    CHECK(send.obj == recv.obj);
    CHECK(send.value == recv.value);
    CHECK(send.flags == recv.flags);
    CHECK(sseq < rseq);
    CHECK(sends_used.insert(sseq).second);
    CHECK(recvs_used.insert(rseq).second);
    per_chan[recv.obj].emplace_back(rseq, sseq);
    CHECK(ns(s["ts"]) == tl.t[sseq]);
    CHECK(ns((*f)["ts"]) == tl.t[rseq]);
    auto kind = static_cast<ValueKind>(send.flags);
    auto text = kind == ValueKind::Text ? rec.strings.at(static_cast<std::uint32_t>(send.value))
                                        : std::string();
    CHECK(s["args"]["value"].str == read_back(gort::trace::value_text(send.value, kind, text)));
    CHECK((*f)["args"]["value"].str == s["args"]["value"].str);
    CHECK(Parsed::track(*f).second == recv.g);
    if (send.g) {
      CHECK(Parsed::track(s).second == send.g);
    } else {  // a timer's send: on the timers track
      if (!timers_tid) timers_tid = x.tid_named("timers");
      CHECK(Parsed::track(s).second == timers_tid);
    }
    // Each end is bound to the slice around it: a running span, or the
    // short slice drawn where the goroutine was blocked (or is a timer).
    CHECK(x.inside_slice(s));
    CHECK(x.inside_slice(*f));
    CHECK(s["bp"].str == "e");
    CHECK((*f)["bp"].str == "e");
  }
  // Values leave each channel in the order they entered it.
  for (auto& [c, pairs] : per_chan) {
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t i = 1; i < pairs.size(); i++) CHECK(pairs[i - 1].second < pairs[i].second);
  }
}

}  // namespace

TEST_CASE("trace json: gallery runs export their spans, blocks, wakes and values") {
  for (const char* id : {"worker_pool", "buffered", "pipeline", "ping_pong", "close_range",
                         "select_timeout", "ticker"}) {
    for (int procs : {1, 2, 4}) {
      INFO(std::string(id), " procs ", procs);
      Recorded r = record_pattern(id, procs, 1);
      check_export(r);
      // Deterministic: the same run exports the same text.
      CHECK(record_pattern(id, procs, 1).json == r.json);
    }
  }
}

// The Trace Event Format's rules (its published spec, "Trace Event Format"),
// for the phases the export uses: every event has a string name and ph and
// integer pid and tid; all but metadata have a numeric ts and a string cat;
// X has dur >= 0; an instant's scope s is g, p or t; a flow's start and end
// carry an id and share cat and name (viewers match flows by them), with
// bp "e" on both; metadata names a process or thread (args.name) or sorts
// it (args.sort_index, an integer).
void check_format_rules(const Json& root) {
  std::map<std::uint64_t, std::pair<std::string, std::string>> flow_start;  // id -> cat, name
  int flows = 0;
  for (const Json& e : root["traceEvents"].items) {
    const std::string& ph = e["ph"].str;
    INFO("event ", ph, " ", e["name"].str);
    CHECK(e["name"].type == Json::Type::String);
    CHECK(e["ph"].type == Json::Type::String);
    for (const char* key : {"pid", "tid"}) {
      REQUIRE(e[key].type == Json::Type::Number);
      CHECK(e[key].num == std::floor(e[key].num));
    }
    if (ph == "M") {
      const std::string& what = e["name"].str;
      if (what == "process_name" || what == "thread_name") {
        CHECK(e["args"]["name"].type == Json::Type::String);
      } else {
        CHECK((what == "process_sort_index" || what == "thread_sort_index"));
        REQUIRE(e["args"]["sort_index"].type == Json::Type::Number);
        CHECK(e["args"]["sort_index"].num == std::floor(e["args"]["sort_index"].num));
      }
      continue;
    }
    CHECK(e["ts"].type == Json::Type::Number);
    CHECK(e["cat"].type == Json::Type::String);
    if (ph == "X") {
      REQUIRE(e["dur"].type == Json::Type::Number);
      CHECK(e["dur"].num >= 0);
    } else if (ph == "i") {
      const std::string& scope = e["s"].str;
      CHECK((scope == "g" || scope == "p" || scope == "t"));
    } else if (ph == "s" || ph == "f") {
      REQUIRE(e["id"].type == Json::Type::Number);
      CHECK(e["bp"].str == "e");
      const std::pair<std::string, std::string> key{e["cat"].str, e["name"].str};
      if (ph == "s") {
        CHECK(flow_start.emplace(u(e["id"]), key).second);
      } else {
        auto it = flow_start.find(u(e["id"]));
        REQUIRE(it != flow_start.end());  // an end after its start, in file order
        CHECK(it->second == key);
        ++flows;
      }
    }
  }
  CHECK(flows > 0);
}

TEST_CASE("trace json: every event follows the Trace Event Format's rules") {
  for (const char* id : {"worker_pool", "buffered", "select_timeout"}) {
    INFO(std::string(id));
    check_format_rules(parse(record_pattern(id, 2, 1).json));
  }
}

TEST_CASE("trace json: a threaded run pairs every value with its send") {
  if (!kThreads) return;  // the single-threaded build has no threads
  gort::Config cfg;
  cfg.gomaxprocs = 4;
  cfg.clock = gort::ClockMode::Virtual;
  const gort::patterns::Pattern* pat = gort::patterns::find("worker_pool");
  REQUIRE(pat != nullptr);
  gort::patterns::Args args;
  REQUIRE(gort::patterns::make_args(*pat, {}, args) == "");
  check_export(record(cfg, [pat, args] { pat->body(args); }));
}

TEST_CASE("trace json: names from the program are escaped into valid JSON") {
  // Quotes, backslashes, control characters, markup, and bytes that are not
  // UTF-8 (a stray byte, a truncated sequence, an encoded surrogate).
  const std::string hostile =
      "a\"b\\c\n\x01\x1f</script>\xff\xc3\xc3\xa9\xed\xa0\x80\xf0\x9f\x98\x80";
  // What a JSON reader gets back: the UTF-8 kept, each bad byte U+FFFD.
  const std::string fffd = "\xef\xbf\xbd";
  const std::string expected = "a\"b\\c\n\x01\x1f</script>" + fffd + fffd + "\xc3\xa9" + fffd +
                               fffd + fffd + "\xf0\x9f\x98\x80";
  gort::Config cfg;
  cfg.set_deterministic(true);
  Recorded r = record(cfg, [&] {
    auto ch = gort::make_chan<std::string>(1, hostile);
    gort::go([&] {
      gort::set_name(hostile);
      ch.send(hostile);
    });
    ch.recv();
  });
  check_export(r);
  Parsed x(r.json);
  std::uint64_t g = x.tid_named("G2 " + expected);
  CHECK(g == 2);
  REQUIRE(x.flow_starts.size() == 1);
  CHECK((*x.flow_starts[0])["name"].str == expected + "#1");

  std::string direct;
  gort::json_string(direct, hostile);
  Json v;
  std::string error;
  REQUIRE(parse_json(direct, v, error));
  CHECK(v.str == expected);
}

TEST_CASE("trace json: an export after folding says where it begins") {
  using gort::trace::make_event;
  constexpr auto kInt = static_cast<std::uint8_t>(ValueKind::Int);
  constexpr auto kSleep = static_cast<std::uint8_t>(gort::WaitReason::Sleep);
  constexpr auto kRecv = static_cast<std::uint8_t>(gort::WaitReason::ChanReceive);
  // All at one instant, as on virtual time. Before seq 100 (folded): G2 ran
  // on P0 and channel 1 held one value. (At 1001 ns, "1.001" µs would read
  // back as 1000 ns: the export writes the middle of each ns.)
  const std::int64_t ts = 1000;
  const std::vector<Event> events = {
      make_event(100, ts, Kind::ChanSend, 2, 1, 7, 0, 0, kInt),
      make_event(101, ts, Kind::GoBlock, 2, 0, 0, 0, 0, kSleep),
      make_event(102, ts, Kind::GoStart, 3, 0, 0, 0, 0, 0),
      make_event(103, ts, Kind::ChanRecv, 3, 1, 5, 1, 0, kInt),  // the value from before
      make_event(104, ts, Kind::ChanRecv, 3, 1, 7, 1, 0, kInt),  // seq 100's
      make_event(105, ts, Kind::ChanRecv, 3, 1, 0, 0, 0, 0),     // closed: no value
      make_event(106, ts, Kind::TimerFire, 0, 0, 0, 4, 0, 0),
      make_event(107, ts, Kind::ChanSend, 0, 4, 9, 0, 0, kInt),  // the timer's send
      make_event(108, ts, Kind::ChanRecv, 3, 4, 9, 1, 0, kInt),
      make_event(109, ts, Kind::GoBlock, 3, 1, 0, 0, 0, kRecv),
      make_event(110, ts, Kind::GoUnblock, 0, 3, 0, 0, 0, 0),
      make_event(111, ts, Kind::Exit, 0, 0, 0, 0, 0, 0),
      make_event(112, ts, Kind::GoStart, 3, 0, 0, 0, 0, 0),  // unwinding: not exported
  };
  gort::trace::ExportStart start;
  start.goroutine_names = {{2, "producer"}, {3, "consumer"}};
  start.channel_names = {{1, "jobs"}, {4, "time.After"}};
  start.buffered = {{1, 1}};
  start.running = {{0, 2}};
  Parsed x(gort::trace::chrome_trace_json(
      events, [](std::uint32_t) { return std::string(); }, start));
  CHECK(u(x.root["otherData"]["firstSeq"]) == 100);
  CHECK(u(x.root["otherData"]["lastSeq"]) == 111);
  CHECK(x.tid_named("G2 producer") == 2);
  CHECK(x.tid_named("G3 consumer") == 3);

  // G2's span began before the export; G3's ends at its block.
  std::set<std::tuple<std::uint64_t, std::uint64_t, std::uint64_t>> spans;
  for (const Json* e : x.slices) {
    if ((*e)["cat"].str == "running" && (*e)["name"].str == "running") {
      spans.emplace(Parsed::track(*e).second, u((*e)["args"]["seq"]), u((*e)["args"]["endSeq"]));
    }
  }
  CHECK(spans == std::set<std::tuple<std::uint64_t, std::uint64_t, std::uint64_t>>{{2, 100, 101},
                                                                                   {3, 102, 109}});

  // Two deliveries: seq 100 -> 104 inside G3's span, and the timer's 107 ->
  // 108, from a short slice on the timers track.
  REQUIRE(x.flow_starts.size() == 2);
  REQUIRE(x.flow_ends.size() == 2);
  std::map<std::uint64_t, std::uint64_t> sends;  // id -> seq
  for (const Json* s : x.flow_starts) sends[u((*s)["id"])] = u((*s)["args"]["seq"]);
  std::set<std::pair<std::uint64_t, std::uint64_t>> flows;
  for (const Json* f : x.flow_ends) {
    flows.emplace(sends[u((*f)["id"])], u((*f)["args"]["seq"]));
    CHECK((*f)["bp"].str == "e");
    CHECK(x.inside_slice(*f));
  }
  CHECK(flows == std::set<std::pair<std::uint64_t, std::uint64_t>>{{100, 104}, {107, 108}});
  for (const Json* s : x.flow_starts) CHECK(x.inside_slice(*s));
  const Json& timer_flow =
      u((*x.flow_starts[0])["args"]["seq"]) == 107 ? *x.flow_starts[0] : *x.flow_starts[1];
  CHECK(Parsed::track(timer_flow).second == x.tid_named("timers"));
  CHECK(timer_flow["name"].str == "time.After#4");
  CHECK(timer_flow["args"]["value"].str == "9");

  // The events' times, one instant apart in the run, come out 1 ns apart.
  for (const Json* e : x.instants) {
    std::uint64_t seq = u((*e)["args"]["seq"]);
    CHECK(ns((*e)["ts"]) == ts + static_cast<std::int64_t>(seq - 100));
  }
  CHECK(x.instants.size() == 3);  // two blocks, one wake
}
