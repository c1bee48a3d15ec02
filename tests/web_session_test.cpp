// Sessions (web/session.cpp): what start() refuses and why, the default
// GOMAXPROCS, stop() in the middle of a run, a start that does not wait
// for the threads of the run it replaces, halt_for stopping a threaded run
// before the start it asks for, a compile on the frame after
// start()'s and a stop() in start()'s frame, playback pacing a
// deterministic run, a real-time run with scaled sleeps, the same seed
// giving the same trace, and stats.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <gort/config.hpp>
#include <thread>

#include "share_link.hpp"
#include "web_test_util.hpp"

using namespace web_test;

namespace {

// buffered with 100 items at GOMAXPROCS 2: 10 s of real time at speed 1.
RunOptions long_run() {
  RunOptions o;
  o.pattern = "buffered";
  o.procs = 2;
  o.params = {{"items", 100}};
  return o;
}

// Frames until the program has started (the compile and the pre-run take
// frames, more in a debug build), and a few of its run.
void until_started(Session& s) {
  for (int f = 0; f < 5 || (s.preparing() && f < 6000); f++) s.frame(1.0 / 60);
}

}  // namespace

TEST_CASE("web session: start refuses bad options with a clear message and runs nothing") {
  Session s;
  auto refused = [&](RunOptions o, const std::string& says) {
    INFO("expected: ", says);
    std::string err = s.start(o);
    CHECK(err.find(says) != std::string::npos);
    CHECK_FALSE(s.running());
  };
  refused(det("nosuch"), "unknown pattern \"nosuch\"");
  RunOptions o = det("buffered");
  o.params = {{"capacity", 99}};
  refused(o, "capacity = 99 is out of range 0..16");
  o.params = {{"nope", 1}};
  refused(o, "no parameter \"nope\"");
  o = det("buffered", 9);
  refused(o, "procs = 9 is out of range 1..8");
  o = det("buffered", -1);
  refused(o, "procs = -1");
  o = det("buffered");
  o.speed = 0;
  refused(o, "speed");
  o.speed = 1e7;
  refused(o, "speed");
}

TEST_CASE("web session: parameters reach the program and its Go source") {
  Session s;
  RunOptions o = det("buffered");
  o.params = {{"items", 4}, {"capacity", 2}};
  run_program(s, o);
  CHECK(s.source().find("\tcapacity  = 2\n") != std::string::npos);
  CHECK(s.source().find("\titems     = 4\n") != std::string::npos);
  s.playback().seek_end();
  CHECK(s.output().find("consumed 4\n") != std::string::npos);
  CHECK(s.output().find("consumed 5\n") == std::string::npos);
  CHECK(s.model().channels()[0].cap == 2);
  CHECK(s.procs() == 2);
  CHECK_FALSE(s.threaded());  // deterministic runs are simulated
}

TEST_CASE("web session: GOMAXPROCS by default is Go's, one P per CPU, at most 4") {
  const int cpus = static_cast<int>(std::thread::hardware_concurrency());
  const int want = gort::Config::kThreads ? std::clamp(cpus, 1, 4) : 4;
  CHECK(Session::default_procs() == want);
  Session s;
  RunOptions o = det("buffered", 0);
  run_program(s, o);
  CHECK(s.procs() == want);
  // Compare mode's second run takes the default too, and is never one P.
  o = det("concurrency_vs_parallelism", 0);
  o.params = {{"chefs", 2}, {"chunks", 1}};
  o.compare = true;
  REQUIRE(s.start(o) == "");
  CHECK(s.compare_procs() == std::max(want, 2));
  // A link writes a GOMAXPROCS the reader chose, the default's value too.
  Link l;
  l.options = det("buffered", want);
  CHECK(encode(l).find("procs=" + std::to_string(want)) != std::string::npos);
  l.options.procs = 0;
  CHECK(encode(l).find("procs") == std::string::npos);
}

TEST_CASE("web session: playback paces a deterministic run, finished waits for it") {
  Session s;
  // The program runs on virtual time, to its end before playback starts
  // (on a loaded machine it could otherwise lag the playback clock).
  run_program(s, det("buffered"));
  for (int f = 0; f < 5; f++) s.frame(0.1);
  CHECK(s.model().now() <= 500'000'000);
  CHECK(s.model().now() >= 300'000'000);  // consumeMs = 100: a few items consumed
  CHECK_FALSE(s.finished());
  CHECK(s.output().find("consumed 8") == std::string::npos);
  for (int f = 0; f < 100 && !s.finished(); f++) s.frame(0.1);
  CHECK(s.finished());
  CHECK(s.exit_code() == 0);
  CHECK(s.output().find("consumed 8\n") != std::string::npos);
  Stats st = s.stats();
  CHECK(st.events == s.playback().size());
  CHECK(st.played == st.events);
  CHECK(st.goroutines_total == 2);
  CHECK(st.goroutines_alive == 1);  // main, when it returned
  CHECK(st.lost == 0);
}

TEST_CASE("web session: stop() in the middle of a run") {
  Session s;
  REQUIRE(s.start(long_run()) == "");
  until_started(s);
  REQUIRE_FALSE(s.preparing());
  CHECK(s.running());
  CHECK_FALSE(s.program_done());
  s.stop();
  CHECK_FALSE(s.running());
  CHECK(s.program_done());
  CHECK(s.stopped());
  CHECK_FALSE(s.exit_code().has_value());
  s.playback().seek_end();
  CHECK(s.finished());
  CHECK(s.model().exit_code() == -1);
  std::string out = s.output();
  CHECK(out.size() >= 18);
  CHECK(out.substr(out.size() - 18) == "\nProgram stopped.\n");
  // The session can run again at once.
  run_program(s, det("task1_task2"));
  CHECK_FALSE(s.stopped());
  CHECK(s.exit_code() == 0);
}

TEST_CASE("web session: a start while a threaded run goes on does not wait for its threads" *
          doctest::skip(!gort::Config::kThreads)) {
  // The browser's switch: the old program's threads are collected on later
  // frames; the new program starts on the frame that finds them gone.
  Session s;
  const RunOptions o = long_run();
  for (int i = 0; i < 10; i++) {
    REQUIRE(s.start(o) == "");
    CHECK(s.running());
    for (int f = 0; f < 5; f++) {
      s.frame(1.0 / 60);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK(s.running());
    CHECK_FALSE(s.program_done());
  }
  run_program(s, det("task1_task2"));
  CHECK_FALSE(s.stopped());
  CHECK(s.exit_code() == 0);
  s.playback().seek_end();
  CHECK(s.finished());
  CHECK(s.model().exit_code() == 0);
}

TEST_CASE("web session: halt_for stops a threaded run before the start it asks for" *
          doctest::skip(!gort::Config::kThreads)) {
  // gort.run's request waits for the next frame; the old program's Ps must
  // not hold the cores until then.
  Session s;
  const RunOptions o = long_run();
  REQUIRE(s.start(o) == "");
  until_started(s);
  REQUIRE_FALSE(s.preparing());
  auto frames_for = [&](std::chrono::milliseconds d) {
    for (auto end = std::chrono::steady_clock::now() + d;
         !s.program_done() && std::chrono::steady_clock::now() < end;) {
      s.frame(1.0 / 60);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  RunOptions bad = o;
  bad.pattern = "no_such_pattern";
  s.halt_for(bad);  // start() would refuse it: the run goes on
  RunOptions sim = det("task1_task2");
  frames_for(std::chrono::milliseconds(300));
  CHECK(s.running());
  CHECK_FALSE(s.program_done());
  s.halt_for(sim);
  frames_for(std::chrono::seconds(5));  // no start() yet: only the halt ends it
  CHECK(s.program_done());
  CHECK(s.stopped());
  CHECK_FALSE(s.exit_code().has_value());
  std::string out = s.output();
  REQUIRE(out.size() >= 18);
  CHECK(out.substr(out.size() - 18) == "\nProgram stopped.\n");
  run_program(s, sim);  // the start it asked for
  CHECK_FALSE(s.stopped());
  CHECK(s.exit_code() == 0);
}

TEST_CASE("web session: halt_for leaves a simulated run to the frame") {
  Session s;
  RunOptions o = det("buffered");
  o.params = {{"items", 100}};
  REQUIRE(s.start(o) == "");
  until_started(s);
  REQUIRE_FALSE(s.preparing());
  REQUIRE(s.simulated());
  s.halt_for(o);  // unwinding it would switch fibers on this thread
  for (int f = 0; !s.program_done() && f < 6000; f++) s.frame(1.0 / 60);
  CHECK_FALSE(s.stopped());
  CHECK(s.exit_code() == 0);  // it ran to its end
}

TEST_CASE("web session: stop() in the frame start() ran in drops the preparation") {
  Session s;
  REQUIRE(s.start(det("task1_task2")) == "");
  s.stop();
  CHECK_FALSE(s.running());
  CHECK(s.stopped());
  for (int f = 0; f < 10; f++) s.frame(1.0 / 60);
  CHECK_FALSE(s.running());
  CHECK(s.playback().size() == 0);  // nothing ran
}

TEST_CASE("web session: the frame start() ran in leaves the compile to the next") {
  // That frame holds the code editor's new text (DESIGN.md §4.6); a text
  // that does not compile ends its run on the frame that compiled it.
  Session s;
  RunOptions o;
  o.code = "package main\n\nfunc main() { x := 1 }\n";
  REQUIRE(s.start(o) == "");
  s.frame(1.0 / 60);
  CHECK_FALSE(s.program_done());
  CHECK(s.compile_errors().empty());
  s.frame(1.0 / 60);
  CHECK(s.program_done());
  CHECK(s.exit_code() == 2);
  CHECK_FALSE(s.compile_errors().empty());
}

TEST_CASE("web session: at speed 50 a real-time run takes 1/50 of its sleeps' time" *
          doctest::test_suite("timing")) {
  Session s;
  RunOptions o;
  o.pattern = "ping_pong";  // six 100 ms sleeps in a row
  o.procs = 2;
  o.speed = 50;
  REQUIRE(s.start(o) == "");
  auto t0 = std::chrono::steady_clock::now();
  auto last = t0;
  while (!s.finished() && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10)) {
    auto now = std::chrono::steady_clock::now();
    s.frame(std::chrono::duration<double>(now - last).count());
    last = now;
  }
  auto wall = std::chrono::steady_clock::now() - t0;
  CHECK(s.finished());
  CHECK(s.exit_code() == 0);
  CHECK(s.model().now() >= 600'000'000);         // program time: all six sleeps
  CHECK(wall < std::chrono::milliseconds(500));  // about 12 ms (600 ms unscaled)
  CHECK(s.output().find("game over after 6 hits\n") != std::string::npos);
}

TEST_CASE("web session: the same seed gives the same trace, restart repeats the options") {
  Session s;
  RunOptions o = det("fan_out_fan_in", 3);
  o.seed = 42;
  run_program(s, o);
  s.playback().seek_end();
  std::string first = dump(s.model());
  REQUIRE(s.restart() == "");
  for (int i = 0; i < 100000 && !s.program_done(); i++) s.frame(0);
  s.playback().seek_end();
  CHECK(s.options().seed == 42);
  CHECK(dump(s.model()) == first);
}

TEST_CASE("web session: a run left to chance names its seed, which replays it event for event") {
  Session s;
  RunOptions o = det("fan_out_fan_in", 3);
  o.seed = 0;  // drawn at the start
  REQUIRE(s.start(o) == "");
  for (int i = 0; i < 100000 && !s.program_done(); i++) s.frame(0);
  REQUIRE(s.program_done());
  const std::uint64_t seed = s.seed(), hash = s.playback().trace_hash();
  CHECK(seed != 0);
  o.seed = seed;  // as a share link names it
  run_program(s, o);
  CHECK(s.seed() == seed);
  CHECK(s.playback().trace_hash() == hash);
  o.seed = seed + 1;
  run_program(s, o);
  CHECK(s.playback().trace_hash() != hash);
}

TEST_CASE("web session: a run's limits reach its Go program") {
  Session s;
  RunOptions o;
  o.code = "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n";
  o.deterministic = true;
  o.limits.max_steps = 5000;
  run_program(s, o);
  for (int i = 0; i < 1000 && !s.finished(); i++) s.frame(1);
  REQUIRE(s.finished());
  CHECK(s.exit_code() == 2);
  INFO(s.output());
  CHECK(s.model().err().find("fatal error: gort: program exceeded 5000 steps") == 0);
}
