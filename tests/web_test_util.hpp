// Helpers shared by the playground model's tests (web_*_test.cpp): running a
// gallery pattern through a Session to its end without playing it back,
// folding a prefix of a recorded trace from scratch, a dump of everything a
// Model holds (two models are equal when their dumps are), and a builder
// of synthetic traces.
#pragma once

#include <doctest/doctest.h>

#include <gort/trace.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "session.hpp"

namespace web_test {

using gort::trace::Event;
using gort::trace::Kind;
using namespace gort::web;

// Runs opts (deterministic, seed 1 unless set) until the program is done;
// plays nothing back (frame(0) moves no playback clock).
inline void run_program(Session& s, RunOptions opts) {
  if (opts.seed == 0) opts.seed = 1;
  REQUIRE(s.start(opts) == "");
  for (int i = 0; i < 1000000 && !s.program_done(); i++) s.frame(0);
  REQUIRE(s.program_done());
}

inline RunOptions det(std::string pattern, int procs = 2) {
  RunOptions o;
  o.pattern = std::move(pattern);
  o.procs = procs;
  o.deterministic = true;
  o.seed = 1;
  return o;
}

inline Model fold(const Playback& pb, std::size_t n) {
  Model m;
  m.reset(pb.model().procs());
  for (std::size_t i = 0; i < n; i++) m.apply(pb.events()[i], pb.texts());
  return m;
}

inline std::string dump(const Model& m) {
  std::ostringstream s;  // not "literal" + std::to_string: g++ 12's -Wrestrict false positive
  s << "now " << m.now() << " events " << m.counters().events << " alive " << m.counters().alive
    << " ops " << m.counters().chan_ops << " exit " << (m.exited() ? m.exit_code() : 999) << "\n";
  for (const Goroutine& g : m.goroutines()) {
    s << "g" << g.id << " " << g.name << " " << state_text(g.state) << " p" << g.p << " r"
      << static_cast<int>(g.reason) << " c" << g.chan << " l" << g.line << " since " << g.since_ts
      << " runs " << g.runs << "\n";
  }
  for (const Channel& c : m.channels()) {
    s << "c" << c.id << " " << c.name << " cap " << c.cap << (c.closed ? " closed" : "") << " [";
    for (const Value& v : c.buffer) s << m.format(v) << ",";
    s << "] s:";
    for (auto g : c.senders) s << g << ",";
    s << " r:";
    for (auto g : c.receivers) s << g << ",";
    s << " " << c.sends << "/" << c.recvs << "\n";
  }
  for (const Lane& l : m.lanes()) {
    s << "lane";
    for (const Span& sp : l.spans) s << " " << sp.g << "@" << sp.start << "-" << sp.end;
    s << " markers " << l.markers.size() << "\n";
  }
  for (const Transfer& t : m.transfers()) {
    s << "t " << t.from_g << ">" << t.chan << ">" << t.to_g << " " << m.format(t.v) << "\n";
  }
  s << "console " << m.console();
  return s.str();
}

// Builds a synthetic trace event by event (seq in order).
struct TraceBuilder {
  std::vector<Event> ev;
  std::int64_t ts = 0;
  void add(Kind k, std::uint32_t g, std::uint32_t obj = 0, std::int64_t value = 0,
           std::uint32_t aux = 0, std::uint16_t p = 0, std::uint8_t flags = 0) {
    ev.push_back(gort::trace::make_event(ev.size(), ts, k, g, obj, value, aux, p, flags));
  }
  static std::uint8_t reason(gort::WaitReason r) { return static_cast<std::uint8_t>(r); }
  static std::uint8_t int_kind() { return static_cast<std::uint8_t>(gort::trace::ValueKind::Int); }
};

}  // namespace web_test
