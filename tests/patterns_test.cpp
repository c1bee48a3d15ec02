// Tests of the pattern gallery: the registry, parameters, and every pattern
// run deterministically against its own Go source. What each gort::at line
// must say is read off the trace: a goroutine that sends is at a line with
// `<-`, one that sleeps at a `time.Sleep`, one that creates a goroutine at a
// `go ` statement, and so on.
#include <doctest/doctest.h>

#include <gort/gort.hpp>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pattern.hpp"

namespace {

using gort::patterns::Args;
using gort::patterns::Pattern;
using gort::trace::Event;
using gort::trace::Kind;

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    lines.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool has_any(const std::string& line, const std::vector<std::string_view>& words) {
  for (std::string_view w : words) {
    if (line.find(w) != std::string::npos) return true;
  }
  return false;
}

// What the Go line a goroutine is at must contain when it does e (empty: anything).
std::vector<std::string_view> expected_words(const Event& e) {
  switch (e.kind) {
    case Kind::ChanSend:
    case Kind::ChanRecv:
      return {"<-", "range", "select"};
    case Kind::ChanClose:
      return {"close("};
    case Kind::ChanMake:
      return {"make(chan", "time.", "select"};
    case Kind::GoSleep:
      return {"time.Sleep"};
    case Kind::GoYield:
      return {"runtime.Gosched()"};
    case Kind::Print:
      return {"fmt.Print"};
    case Kind::Select:
    case Kind::SelectWait:
      return {"select"};
    case Kind::GoBlock:
      switch (static_cast<gort::WaitReason>(e.flags)) {
        case gort::WaitReason::ChanSend:
        case gort::WaitReason::ChanReceive:
          return {"<-", "range"};
        case gort::WaitReason::Select:
          return {"select"};
        case gort::WaitReason::Sleep:
          return {"time.Sleep"};
        case gort::WaitReason::WaitGroupWait:
          return {".Wait()"};
        case gort::WaitReason::MutexLock:
          return {".Lock()", "once.Do("};
        case gort::WaitReason::RWMutexLock:
          return {".Lock()"};
        case gort::WaitReason::RWMutexRLock:
          return {".RLock()"};
        default:
          return {};
      }
    default:
      return {};
  }
}

struct RunResult {
  int exit_code;
  std::string output;
  std::vector<Event> events;
};

RunResult run(const Pattern& p, const Args& args, int procs, std::uint64_t seed) {
  gort::Config cfg;
  cfg.gomaxprocs = procs;
  cfg.set_deterministic(true);
  cfg.seed = seed;
  cfg.trace = true;
  std::string out;
  cfg.out = [&out](std::string_view s) { out += s; };
  cfg.err = [&out](std::string_view s) { out += s; };
  gort::Program prog(cfg, [&] { p.body(args); });
  RunResult r;
  r.exit_code = prog.wait();
  prog.drain(r.events);
  r.output = out;
  CHECK(prog.lost_events() == 0);
  return r;
}

// Runs p with args and checks its exit code, duration and every line it marked.
void check_run(const Pattern& p, const Args& args, int procs, std::uint64_t seed) {
  CAPTURE(p.id);
  CAPTURE(procs);
  CAPTURE(seed);
  RunResult r = run(p, args, procs, seed);
  CAPTURE(r.output);
  CHECK(r.exit_code == p.expected_exit);
  const std::vector<std::string> lines = lines_of(p.go_source);
  std::map<std::uint32_t, std::int64_t> at;  // goroutine -> line it is at
  std::int64_t end_ns = -1;
  for (const Event& e : r.events) {
    if (e.kind == Kind::Exit) end_ns = e.ts;
    if (e.kind == Kind::GoLine) {
      CAPTURE(e.value);
      REQUIRE(e.value >= 1);
      REQUIRE(e.value <= static_cast<std::int64_t>(lines.size()));
      CHECK(lines[e.value - 1].find_first_not_of(" \t") != std::string::npos);
      at[e.g] = e.value;
      continue;
    }
    if (e.g == 0 || end_ns >= 0) continue;  // the runtime's own doing, or unwinding
    std::int64_t line = e.kind == Kind::GoCreate ? e.value : at[e.g];
    auto words =
        e.kind == Kind::GoCreate ? std::vector<std::string_view>{"go "} : expected_words(e);
    if (words.empty()) continue;
    CAPTURE(static_cast<int>(e.kind));
    CAPTURE(e.g);
    CAPTURE(line);
    REQUIRE(line >= 1);
    CAPTURE(lines[line - 1]);
    CHECK(has_any(lines[line - 1], words));
  }
  CHECK(end_ns >= 0);
  CHECK(end_ns <= 2'000'000'000);  // the Go program's own sleeps: about 2 s at most
}

}  // namespace

TEST_CASE("patterns: the gallery has its patterns, each well formed") {
  const auto& all = gort::patterns::all();
  CHECK(all.size() == 22);
  std::set<std::string> ids;
  for (const Pattern& p : all) {
    CAPTURE(p.id);
    CHECK(ids.insert(p.id).second);
    CHECK(gort::patterns::find(p.id) == &p);
    CHECK(!p.title.empty());
    CHECK(!p.description.empty());
    CHECK(p.description.find('\n') == std::string::npos);
    CHECK(p.go_source.starts_with("package main\n"));
    CHECK(p.go_source.ends_with("}\n"));
    CHECK(p.body);
    for (const auto& q : p.params) {
      CAPTURE(q.name);
      CHECK(q.min <= q.value);
      CHECK(q.value <= q.max);
      CHECK(!q.help.empty());
      // Its constant is on exactly one line, which source() rewrites.
      Args args;
      int other = q.value == q.max ? q.min : q.max;
      REQUIRE(gort::patterns::make_args(p, {{q.name, std::to_string(other)}}, args).empty());
      std::vector<std::string> before = lines_of(p.go_source);
      std::vector<std::string> after = lines_of(gort::patterns::source(p, args));
      REQUIRE(before.size() == after.size());
      int changed = 0;
      for (std::size_t i = 0; i < before.size(); i++) {
        if (before[i] != after[i]) {
          changed++;
          CHECK(after[i].find(q.name) != std::string::npos);
          CHECK(after[i].ends_with(" = " + std::to_string(other)));
        }
      }
      CHECK(changed == (other == q.value ? 0 : 1));
    }
  }
  CHECK(gort::patterns::find("no_such_pattern") == nullptr);
}

TEST_CASE("patterns: make_args reports bad parameters and keeps the defaults for the rest") {
  const Pattern* p = gort::patterns::find("worker_pool");
  REQUIRE(p);
  Args args;
  CHECK(gort::patterns::make_args(*p, {}, args).empty());
  CHECK(args["workers"] == 3);
  CHECK(gort::patterns::make_args(*p, {{"workers", "7"}}, args).empty());
  CHECK(args["workers"] == 7);
  CHECK(args["numJobs"] == 6);
  CHECK_THROWS_AS(args["nope"], std::out_of_range);

  Args kept = args;
  CHECK(gort::patterns::make_args(*p, {{"nope", "1"}}, args).find("no parameter \"nope\"") !=
        std::string::npos);
  CHECK(gort::patterns::make_args(*p, {{"workers", "17"}}, args).find("out of range 1..16") !=
        std::string::npos);
  CHECK(gort::patterns::make_args(*p, {{"workers", "0"}}, args).find("out of range") !=
        std::string::npos);
  CHECK(gort::patterns::make_args(*p, {{"workers", "99999999999"}}, args).find("out of range") !=
        std::string::npos);
  for (const char* bad : {"", "x", "3x", "3.5", " 3", "0x3"}) {
    CAPTURE(bad);
    CHECK(gort::patterns::make_args(*p, {{"workers", bad}}, args).find("not an integer") !=
          std::string::npos);
  }
  CHECK(args.values == kept.values);
}

TEST_CASE("patterns: every pattern runs, ends on time and marks lines that match what it does") {
  for (const Pattern& p : gort::patterns::all()) {
    Args defaults;
    REQUIRE(gort::patterns::make_args(p, {}, defaults).empty());
    for (int procs : {1, 2, 4}) {
      for (std::uint64_t seed : {1, 2, 3}) check_run(p, defaults, procs, seed);
    }
    std::vector<std::pair<std::string, std::string>> lows;
    for (const auto& q : p.params) lows.emplace_back(q.name, std::to_string(q.min));
    Args low;
    REQUIRE(gort::patterns::make_args(p, lows, low).empty());
    check_run(p, low, 2, 1);
  }
}

TEST_CASE("patterns: the deadlock pattern reports Go's deadlock") {
  const Pattern* p = gort::patterns::find("deadlock");
  REQUIRE(p);
  Args args;
  REQUIRE(gort::patterns::make_args(*p, {}, args).empty());
  RunResult r = run(*p, args, 2, 1);
  CHECK(r.exit_code == 2);
  CHECK(
      r.output.starts_with("fatal error: all goroutines are asleep - deadlock!\n\n"
                           "goroutine 1 [chan send]:\nmain.main()\n\tmain.go:18\n"));
  CHECK(r.output.find("main.worker()\n\tmain.go:9\n") != std::string::npos);
}
