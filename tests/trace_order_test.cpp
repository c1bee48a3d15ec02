// The trace's order in threaded runs (Event::seq, core/src/trace.cpp): every
// gallery pattern, run on real threads at GOMAXPROCS 2..8, on the real clock
// (sped up) and on virtual time, drained while it runs, and folded into the
// playground's model (web/model.cpp), which is what the playground draws.
// At every step: each channel holds 0..cap values; values leave a channel
// in the order they entered it and none is received that was never sent;
// each goroutine is in one state at a time (running on one P, each P
// running one goroutine, queued on a channel only while blocked on it, made
// runnable only while blocked, stopping only while running); and at the end
// a channel whose values were all received is drawn empty. An order that
// put a receive before its send on another P (the clock read per event that
// this replaced) fails it.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <patterns/pattern.hpp>
#include <string>
#include <vector>

#include "model.hpp"
#include "test_util.hpp"

using namespace gort_test;
using gort::trace::Event;
using gort::trace::Kind;
using gort::web::GState;

namespace {

// Folds one run's events and checks the picture at every step.
class Checker {
 public:
  Checker(const gort::Program& prog, int procs) : prog_(prog) { m_.reset(procs); }

  void step(const Event& e) {
    if (m_.exited()) {  // frozen: the runtime unwinds what is left
      m_.apply(e, texts(e));
      return;
    }
    INFO("event #", e.seq, " kind ", static_cast<int>(e.kind), " g ", e.g, " obj ", e.obj, " p ",
         e.p);
    const gort::web::Goroutine* g = e.g ? m_.goroutine(e.g) : nullptr;
    switch (e.kind) {
      case Kind::GoStart:
        if (g) CHECK(g->state != GState::Running);
        for (const auto& r : m_.goroutines()) {
          if (r.state == GState::Running) CHECK(r.p != e.p);  // its P is free
        }
        break;
      case Kind::GoBlock:
      case Kind::GoYield:
      case Kind::GoPreempt:
      case Kind::GoEnd:
        REQUIRE(g != nullptr);
        CHECK(g->state == GState::Running);
        CHECK(g->p == e.p);
        break;
      case Kind::GoUnblock: {
        const gort::web::Goroutine* w = m_.goroutine(e.obj);
        REQUIRE(w != nullptr);
        CHECK((w->state == GState::Blocked || w->state == GState::Sleeping));
        break;
      }
      case Kind::ChanSend:
        sent_[e.obj].emplace_back(e.value, e.flags);
        break;
      case Kind::ChanRecv:
        if (e.aux) {  // a value (aux 0: closed and drained)
          auto& s = sent_[e.obj];
          std::size_t k = received_[e.obj]++;
          REQUIRE(k < s.size());                            // never a value that was not sent
          CHECK(s[k] == std::make_pair(e.value, e.flags));  // in the order they entered
        }
        break;
      default:
        break;
    }
    m_.apply(e, texts(e));
    if (e.g) last_[e.g] = e.kind;
    check_picture();
  }

  // At the end: every channel whose values were all received is drawn empty.
  void finish() {
    for (const auto& c : m_.channels()) {
      INFO("channel ", c.id, " ", c.name);
      if (received_[c.id] == sent_[c.id].size()) CHECK(c.buffer.empty());
    }
  }

 private:
  void check_picture() {
    for (const auto& c : m_.channels()) {
      INFO("channel ", c.id, " ", c.name);
      CHECK(c.buffer.size() <= static_cast<std::size_t>(std::max(c.cap, 0)));
    }
    std::map<int, std::uint32_t> on_p;
    for (const auto& g : m_.goroutines()) {
      INFO("goroutine ", g.id, " state ", static_cast<int>(g.state));
      int queued = 0;
      for (const auto& c : m_.channels()) {
        queued += static_cast<int>(std::count(c.senders.begin(), c.senders.end(), g.id));
        queued += static_cast<int>(std::count(c.receivers.begin(), c.receivers.end(), g.id));
      }
      if (g.state == GState::Running) {
        CHECK(g.p >= 0);
        CHECK(on_p.emplace(g.p, g.id).second);  // one goroutine per P
      } else {
        CHECK(g.p == -1);
      }
      // Queued only while blocked on a channel (at most once: until the
      // operation completes, just before the wake), or in a select: on each
      // of its channels, from its SelectWaits (while still running) on.
      bool selecting = g.state == GState::Running && last_[g.id] == Kind::SelectWait;
      if (g.state != GState::Blocked && !selecting) CHECK(queued == 0);
      if (g.state == GState::Blocked &&
          (g.reason == gort::WaitReason::ChanSend || g.reason == gort::WaitReason::ChanReceive)) {
        CHECK(queued <= 1);
      }
    }
  }

  // Texts as the playground keeps them: names and value texts by id.
  const gort::web::Texts& texts(const Event& e) {
    std::uint32_t id = 0;
    if (e.kind == Kind::GoName) id = static_cast<std::uint32_t>(e.value);
    if (e.kind == Kind::ChanMake) id = e.aux;
    if (id >= texts_.strings.size()) texts_.strings.resize(id + 1);
    if (id) texts_.strings[id] = prog_.string(id);
    return texts_;
  }

  const gort::Program& prog_;
  gort::web::Model m_;
  gort::web::Texts texts_;
  std::map<std::uint32_t, std::vector<std::pair<std::int64_t, std::uint8_t>>> sent_;
  std::map<std::uint32_t, std::size_t> received_;
  std::map<std::uint32_t, Kind> last_;  // each goroutine's last event
};

// Runs pattern p once, draining while it runs, and checks its whole trace.
void check_run(const gort::patterns::Pattern& pat, int procs, bool virtual_time,
               std::uint64_t seed) {
  INFO("pattern ", pat.id, " procs ", procs, " virtual ", virtual_time, " seed ", seed);
  gort::patterns::Args args;
  REQUIRE(gort::patterns::make_args(pat, {}, args) == "");
  gort::Config cfg;
  cfg.gomaxprocs = procs;
  cfg.clock = virtual_time ? gort::ClockMode::Virtual : gort::ClockMode::Real;
  cfg.speed = 200;  // real clock: sleeps take 1/200 of their time
  cfg.seed = seed;
  cfg.trace = true;
  cfg.out = cfg.err = [](std::string_view) {};
  gort::Program prog(cfg, [&] { pat.body(args); });
#ifndef __EMSCRIPTEN__
  // (Not in WebAssembly: at GOMAXPROCS 8 the threaded build's 8 pooled
  // threads all drive Ps, and a watchdog's would be a ninth, which never
  // starts; CTest's timeout catches a hang there.)
  Watchdog wd("trace order: " + pat.id);
#endif
  Checker check(prog, prog.procs());
  std::vector<Event> ev;
  std::uint64_t next = 0;
  auto fold = [&] {
    ev.clear();
    prog.drain(ev);
    for (const Event& e : ev) {
      REQUIRE(e.seq == next);  // each number once, in order, across drains
      next++;
      check.step(e);
    }
  };
  while (!prog.run_for(std::chrono::milliseconds(1))) fold();
  CHECK(prog.wait() == pat.expected_exit);
  fold();
  REQUIRE(prog.lost_events() == 0);
  check.finish();
}

}  // namespace

TEST_CASE("trace order: threaded runs of every pattern draw only states that happened") {
  // Fewer runs where each costs more (sanitizers, WebAssembly).
  constexpr bool kSlow = kSanitized || !kThreads || gort::detail::kContextCanMigrate == false;
  const std::vector<int> procs =
      kSlow ? std::vector<int>{2, 5, 8} : std::vector<int>{2, 3, 4, 5, 6, 7, 8};
  std::uint64_t seed = 1;
  for (const auto& pat : gort::patterns::all()) {
    for (int p : procs) {
      for (bool virt : {false, true}) check_run(pat, p, virt, seed++);
    }
  }
}
