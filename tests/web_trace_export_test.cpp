// The playground's trace download (web/trace_export.cpp): a session's
// playback exported mid-run and at the end, read back with the strict JSON
// reader. It covers every event recorded (played or not), and the names
// and texts come from the playback's Texts: each goroutine's and channel's
// name as the model shows it, each value as the model formats it.
#include <doctest/doctest.h>

#include <gort/json_reader.hpp>
#include <map>
#include <set>
#include <string>

#include "trace_export.hpp"
#include "web_test_util.hpp"

using namespace web_test;
using gort::Json;
using gort::trace::Kind;

namespace {

Json read(const std::string& text) {
  Json root;
  std::string error;
  bool ok = gort::parse_json(text, root, error);
  INFO("JSON error: ", error);
  REQUIRE(ok);
  return root;
}

}  // namespace

TEST_CASE("web trace export: a session's recorded events, with the model's names and values") {
  Session s;
  run_program(s, det("pipeline"));  // all recorded, none played: the cursor lags whatever the load
  s.frame(0.1);
  REQUIRE_FALSE(s.finished());
  {  // Mid-playback: everything recorded (up to Exit), played or not.
    const auto& events = s.playback().events();
    REQUIRE(!events.empty());
    CHECK(s.playback().cursor() < events.size());
    std::uint64_t last = events.back().seq;
    for (const auto& e : events) {
      if (e.kind == Kind::Exit) last = e.seq;
    }
    Json x = read(trace_json(s.playback()));
    CHECK(x["otherData"]["firstSeq"].num == static_cast<double>(events.front().seq));
    CHECK(x["otherData"]["lastSeq"].num == static_cast<double>(last));
  }
  for (int f = 0; f < 200 && !s.finished(); f++) s.frame(0.1);
  REQUIRE(s.finished());

  Json x = read(trace_json(s.playback()));
  std::set<std::string> tracks, flow_names, values;
  std::size_t flows = 0;
  for (const Json& e : x["traceEvents"].items) {
    if (e["ph"].str == "M" && e["name"].str == "thread_name") tracks.insert(e["args"]["name"].str);
    if (e["ph"].str == "s") {
      flows++;
      flow_names.insert(e["name"].str);
      values.insert(e["args"]["value"].str);
    }
  }
  const gort::web::Model& m = s.model();
  for (const auto& g : m.goroutines()) {
    INFO("goroutine ", g.id);
    std::string track = "G";
    track += std::to_string(g.id);
    if (!g.name.empty()) track += " " + g.name;
    CHECK(tracks.count(track));
  }
  std::size_t received = 0, named = 0;
  for (const auto& e : s.playback().events()) {
    if (e.kind == Kind::Exit) break;
    received += e.kind == Kind::ChanRecv && e.aux != 0;
  }
  CHECK(received > 0);
  CHECK(flows == received);
  for (const auto& c : m.channels()) {
    named += !c.name.empty();
    if (!c.name.empty() && c.recvs > 0) {
      CHECK(flow_names.count(c.name + "#" + std::to_string(c.id)));
    }
  }
  CHECK(named > 0);
  for (const auto& t : m.transfers()) {
    if (!t.closed) CHECK(values.count(m.format(t.v)));
  }
}

TEST_CASE("web trace export: after folding it begins at the oldest kept event, names intact") {
  Session s;
  run_program(s, det("prime_sieve"));
  const auto& all = s.playback().events();
  REQUIRE(all.size() > 200);
  Playback pb(16, all.size() / 2);  // keeps half of the run's events at most
  pb.reset(s.playback().model().procs());
  pb.texts() = s.playback().texts();
  pb.append(all.data(), all.size());
  pb.seek_end();
  REQUIRE(pb.first() > 0);
  Json x = read(trace_json(pb));
  CHECK(x["otherData"]["firstSeq"].num == static_cast<double>(pb.events().front().seq));
  CHECK(x["otherData"]["firstSeq"].num > static_cast<double>(all.front().seq));
  std::set<std::string> tracks;
  for (const Json& e : x["traceEvents"].items) {
    if (e["ph"].str == "M" && e["name"].str == "thread_name") tracks.insert(e["args"]["name"].str);
  }
  // Goroutines named before the fold keep their names (from the base model).
  std::size_t named = 0;
  for (const auto& g : pb.model().goroutines()) {
    if (g.name.empty()) continue;
    const std::string id = std::to_string(g.id);
    INFO("G", id, " ", g.name);
    named++;
    if (tracks.count("G" + id)) CHECK(tracks.count("G" + id + " " + g.name));
  }
  CHECK(named > 0);
}
