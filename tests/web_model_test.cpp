// The playground's model (web/model.cpp) folding real traces of gallery
// patterns: channel buffers hold the values actually sent, in order;
// handoffs go goroutine to goroutine; deadlocks and leaks end with their
// goroutines blocked for the right reason; P lanes never overlap.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <gort/gort.hpp>
#include <set>

#include "golden_util.hpp"
#include "web_test_util.hpp"

using namespace web_test;

TEST_CASE("web model: the buffered pattern's channel holds the values in flight, in order") {
  Session s;
  run_program(s, det("buffered"));
  Playback& pb = s.playback();
  std::size_t most = 0;
  int received = 0;
  while (pb.step()) {
    const Channel* ch = nullptr;
    for (const Channel& c : pb.model().channels()) {
      if (c.name == "ch") ch = &c;
    }
    if (!ch) continue;
    CHECK(ch->cap == 3);
    REQUIRE(ch->buffer.size() <= 3);
    // The producer sends 1, 2, 3, ...: the buffer is the run recvs+1 .. .
    for (std::size_t i = 0; i < ch->buffer.size(); i++) {
      CHECK(ch->buffer[i].kind == gort::trace::ValueKind::Int);
      CHECK(ch->buffer[i].bits == static_cast<std::int64_t>(ch->recvs + 1 + i));
    }
    most = std::max(most, ch->buffer.size());
    received = static_cast<int>(ch->recvs);
  }
  CHECK(most == 3);  // the fast producer fills it
  CHECK(received == 8);
  const Channel& ch = pb.model().channels()[0];
  CHECK(ch.closed);
  CHECK(ch.buffer.empty());
  CHECK(pb.model().console().find("consumed 8\n") != std::string::npos);
  CHECK(s.output().find("consumed 8\n\nProgram exited.\n") != std::string::npos);
}

TEST_CASE("web model: ping-pong hits are handoffs that alternate between the players") {
  Session s;
  run_program(s, det("ping_pong"));
  Playback& pb = s.playback();
  std::vector<Transfer> hits;
  while (pb.step()) {
    const auto& ts = pb.model().transfers();
    if (!ts.empty() && ts.back().event == pb.cursor() - 1) hits.push_back(ts.back());
  }
  const Model& m = pb.model();
  std::uint32_t ping = 0, pong = 0;
  for (const Channel& c : m.channels()) {
    if (c.name == "ping") ping = c.id;
    if (c.name == "pong") pong = c.id;
  }
  std::vector<Transfer> balls;
  for (const Transfer& t : hits) {
    if (t.chan == ping || t.chan == pong) balls.push_back(t);
  }
  REQUIRE(balls.size() == 6);
  for (std::size_t i = 0; i < balls.size(); i++) {
    INFO("hit ", i);
    CHECK(m.format(balls[i].v) == std::to_string(i + 1));
    CHECK(balls[i].chan == (i % 2 == 0 ? ping : pong));
    CHECK(balls[i].from_g != 0);  // unbuffered: straight from goroutine to goroutine
    CHECK(balls[i].to_g != 0);
    if (i > 0) {
      CHECK(balls[i].from_g == balls[i - 1].to_g);  // who caught it hits it back
      CHECK(balls[i].to_g != balls[i].from_g);
    }
  }
  CHECK(balls[0].from_g == 1);  // main serves
  CHECK(m.goroutine(balls[1].from_g)->name == "main.player");
  for (const Channel& c : m.channels()) CHECK(c.buffer.empty());
}

TEST_CASE("web model: the deadlock pattern ends with Go's report and both goroutines blocked") {
  Session s;
  run_program(s, det("deadlock"));
  s.playback().seek_end();
  const Model& m = s.model();
  CHECK(m.exited());
  CHECK(m.exit_code() == 2);
  CHECK(s.exit_code() == 2);
  std::string out = s.output();
  CHECK(out.find("fatal error: all goroutines are asleep - deadlock!\n\n") == 0);
  CHECK(out.find("goroutine 1 [chan send]:\nmain.main()\n") != std::string::npos);
  CHECK(out.find("goroutine 2 [chan send]:\nmain.worker()\n") != std::string::npos);
  CHECK(out.find("\nProgram exited: status 2.\n") != std::string::npos);
  CHECK(m.out().empty());  // the report is the runtime's, on stderr
  CHECK(m.err().find("fatal error: all goroutines are asleep - deadlock!\n\n") == 0);
  REQUIRE(m.goroutines().size() == 2);
  for (const Goroutine& g : m.goroutines()) {
    INFO("goroutine ", g.id);
    CHECK(g.state == GState::Blocked);  // not the unwinding that follows the Exit event
    CHECK(g.reason == gort::WaitReason::ChanSend);
    REQUIRE(g.chan != 0);
    const Channel* c = m.channel(g.chan);
    REQUIRE(c);
    CHECK(c->name == (g.id == 1 ? "jobs" : "results"));
    CHECK(std::count(c->senders.begin(), c->senders.end(), g.id) == 1);
  }
  CHECK(m.goroutine(1)->line == 18);  // jobs <- j
  CHECK(m.goroutine(2)->line == 9);   // results <- j * 2
}

TEST_CASE("web model: the goroutine leak ends normally with a goroutine still blocked") {
  Session s;
  run_program(s, det("goroutine_leak"));
  s.playback().seek_end();
  const Model& m = s.model();
  CHECK(m.exit_code() == 0);
  CHECK(m.counters().alive >= 1);
  int leaked = 0;
  for (const Goroutine& g : m.goroutines()) {
    if (g.state != GState::Blocked) continue;
    leaked++;
    CHECK(g.reason == gort::WaitReason::ChanSend);
    const Channel* c = m.channel(g.chan);
    REQUIRE(c);
    CHECK(c->cap == 0);
    CHECK(std::count(c->senders.begin(), c->senders.end(), g.id) == 1);
  }
  CHECK(leaked >= 1);
  CHECK(m.goroutine(1)->state == GState::Running);  // main returned while running
}

TEST_CASE("web model: lanes never show two goroutines on one P, nor one goroutine on two Ps") {
  for (const char* id : {"concurrency_vs_parallelism", "fan_out_fan_in", "mutex_counter"}) {
    INFO("pattern ", id);
    Session s;
    run_program(s, det(id, 4));
    Playback& pb = s.playback();
    while (pb.step()) {
      std::set<std::uint32_t> running;
      std::set<int> ps;
      for (const Goroutine& g : pb.model().goroutines()) {
        if (g.state != GState::Running || pb.model().exited()) continue;
        CHECK(running.insert(g.id).second);
        CHECK(g.p >= 0);
        CHECK(ps.insert(g.p).second);  // one goroutine per P
      }
    }
    int spans = 0;
    for (const Lane& l : pb.model().lanes()) {
      for (std::size_t i = 0; i < l.spans.size(); i++) {
        spans++;
        CHECK(l.spans[i].end >= l.spans[i].start);  // closed: the program ended
        if (i > 0) CHECK(l.spans[i - 1].end <= l.spans[i].start);
      }
    }
    CHECK(spans > 4);
  }
}

TEST_CASE("web model: every gallery pattern folds to its expected end") {
  for (const auto& p : gort::patterns::all()) {
    INFO("pattern ", p.id);
    Session s;
    run_program(s, det(p.id, 3));
    s.playback().seek_end();
    const Model& m = s.model();
    CHECK(m.exited());
    CHECK(m.exit_code() == p.expected_exit);
    CHECK(s.finished());
    CHECK(m.counters().total >= 1);
    // Everything the program printed reaches the console, in order, and
    // its stdout and stderr apart are what Go prints for the pattern.
    CHECK(m.console() == s.playback().texts().output);
    std::string diff =
        gort::golden::compare(golden_test::file(p.id + ".go"), golden_test::expected(p.id),
                              {m.out(), m.err(), m.exit_code()});
    CHECK_MESSAGE(diff.empty(), diff);
    for (const Channel& c : m.channels()) {
      CHECK(c.buffer.size() <= static_cast<std::size_t>(c.cap));
      CHECK(c.recvs <= c.sends);
    }
  }
}

TEST_CASE(
    "web model: close wakes a blocked receiver with no value, a select sender leaves no queue") {
  TraceBuilder b;
  using gort::WaitReason;
  b.add(Kind::GoStart, 1);
  b.add(Kind::ChanMake, 1, 1, 0);
  b.add(Kind::GoCreate, 1, 2, 5);
  b.add(Kind::GoBlock, 1, 1, 0, 0, 0, TraceBuilder::reason(WaitReason::ChanReceive));
  b.add(Kind::GoStart, 2);
  b.add(Kind::ChanClose, 2, 1);
  b.add(Kind::ChanRecv, 1, 1, 0, 0);  // aux 0: closed
  b.add(Kind::GoUnblock, 2, 1);
  Model m;
  m.reset(1);
  Texts texts;
  for (std::size_t i = 0; i < 4; i++) m.apply(b.ev[i], texts);
  REQUIRE(m.channel(1));
  CHECK(m.channel(1)->receivers.size() == 1);
  CHECK(m.goroutine(1)->state == GState::Blocked);
  CHECK(m.goroutine(2)->parent == 1);
  CHECK(m.goroutine(2)->created_line == 5);
  for (std::size_t i = 4; i < b.ev.size(); i++) m.apply(b.ev[i], texts);
  CHECK(m.channel(1)->closed);
  CHECK(m.channel(1)->receivers.empty());
  CHECK(m.channel(1)->recvs == 0);
  CHECK(m.transfers().back().closed);
  CHECK(m.transfers().back().to_g == 1);
  CHECK(m.goroutine(1)->state == GState::Runnable);
  CHECK(m.goroutine(1)->chan == 0);
  CHECK(m.goroutine(2)->state == GState::Running);
  CHECK(m.goroutine(2)->p == 0);
}

TEST_CASE("web model: values format as Go prints them") {
  using gort::trace::ValueKind;
  Texts t;
  t.strings = {"", "[1 2 3]"};
  CHECK(format({-3, ValueKind::Int}, t) == "-3");
  CHECK(format({1, ValueKind::Bool}, t) == "true");
  double d = 1.5;
  std::int64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  CHECK(format({bits, ValueKind::Float}, t) == "1.5");
  std::int64_t s = 0;
  std::memcpy(&s, "hi\n", 3);
  CHECK(format({s, ValueKind::Str}, t) == "\"hi\\n\"");
  std::memcpy(&s, "8 bytes!", 8);  // a Str fills all 8 bytes, and is whole
  CHECK(format({s, ValueKind::Str}, t) == "\"8 bytes!\"");
  CHECK(format({1'500'000'000, ValueKind::Duration}, t) == "1.5s");
  CHECK(format({2'000'000, ValueKind::Time}, t) == "t=2ms");
  CHECK(format({7, ValueKind::None}, t) == "{}");  // Go's struct{}{}
  CHECK(format({1, ValueKind::Text}, t) == "[1 2 3]");
  CHECK(format({0, ValueKind::Text}, t) == "...");  // the run's budget for texts was spent
}

TEST_CASE("web model: a panic's report reaches the console before the exit") {
  gort::Config cfg;
  cfg.set_deterministic(true);
  cfg.seed = 1;
  cfg.trace = true;
  cfg.out = cfg.err = [](std::string_view) {};
  gort::Program prog(cfg, [] {
    gort::println("before");
    gort::go([] {
      gort::set_name("doomed");
      gort::at(12);
      gort::panic("boom");
    });
    gort::sleep(std::chrono::seconds(1));
  });
  CHECK(prog.wait() == 2);
  std::vector<Event> ev;
  prog.drain(ev);
  Texts texts;
  texts.output = prog.output();
  for (std::uint32_t id = 0; id < 4; id++) texts.strings.push_back(prog.string(id));
  Model m;
  m.reset(prog.procs());
  for (const Event& e : ev) m.apply(e, texts);
  CHECK(m.exited());
  CHECK(m.exit_code() == 2);
  CHECK(m.console().find("before\npanic: boom\n\ngoroutine 2 [running]:\nmain.doomed()\n"
                         "\tmain.go:12\n") == 0);
  CHECK(m.goroutine(1)->state == GState::Sleeping);
  CHECK(m.goroutine(2)->name == "doomed");
}

TEST_CASE(
    "web model: a goroutine blocked in select waits in the queue of every channel it selects on") {
  Session s;
  run_program(s, det("select_timeout"));
  Playback& pb = s.playback();
  int blocked = 0, woken = 0;
  while (pb.step()) {
    const Model& m = pb.model();
    if (m.exited()) break;  // frozen from here on
    const Event& e = pb.events()[pb.cursor() - 1];
    auto queues = [&](std::uint32_t g) {
      int n = 0;
      for (const Channel& c : m.channels()) {
        n += static_cast<int>(std::count(c.receivers.begin(), c.receivers.end(), g));
        n += static_cast<int>(std::count(c.senders.begin(), c.senders.end(), g));
      }
      return n;
    };
    if (e.kind == Kind::GoBlock &&
        static_cast<gort::WaitReason>(e.flags) == gort::WaitReason::Select) {
      CHECK(queues(e.g) == 2);  // the reply channel and time.After's
      blocked++;
    } else if (e.kind == Kind::GoUnblock) {
      CHECK(queues(e.obj) == 0);  // served by one channel, gone from the other
      woken++;
    }
  }
  CHECK(blocked > 0);
  CHECK(woken >= blocked);
  // Only real channels and goroutines: none numbered 0 (the scheduler's own
  // events, such as ProcStart, carry g = 0 and obj = 0).
  CHECK(pb.model().channel(0) == nullptr);
  CHECK(pb.model().goroutine(0) == nullptr);
  Model m;
  m.reset(2);
  for (Kind k : {Kind::ProcStart, Kind::ProcStop}) {
    Event e{};
    e.kind = k;
    e.p = 1;
    m.apply(e, pb.texts());
  }
  CHECK(m.channel(0) == nullptr);
  CHECK(m.goroutine(0) == nullptr);
}

TEST_CASE("web model: a goroutine's line follows the line its events carry") {
  Model m;
  m.reset(1);
  Texts texts;
  auto ev = [](Kind k, std::uint32_t g, std::uint32_t line) {
    return gort::trace::make_event(0, 0, k, g, 0, 0, 0, 0, 0, line);
  };
  m.apply(ev(Kind::GoStart, 1, 0), texts);
  CHECK(m.goroutine(1)->line == 0);
  m.apply(ev(Kind::GoYield, 1, 14), texts);
  CHECK(m.goroutine(1)->line == 14);
  m.apply(ev(Kind::GoStart, 1, 0), texts);  // 0: unknown, keeps what it had
  CHECK(m.goroutine(1)->line == 14);
  m.apply(gort::trace::make_event(0, 0, Kind::GoLine, 1, 0, 20, 0, 0, 0, 20), texts);
  CHECK(m.goroutine(1)->line == 20);
}
