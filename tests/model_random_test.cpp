// Random programs (random_program.hpp) run on gort and checked against the
// channel model (chan_model.hpp), at GOMAXPROCS 1, 2 and 4, deterministic
// and on threads with the real clock. A run passes iff the model allows
// every goroutine's log and the way the program ended, with Go's message.
// A failure prints the seed, the settings and the program in Go.
//
// CI runs kPerSetting programs per setting. GORT_MODEL_SECONDS=N runs
// programs for N seconds instead, from seed GORT_MODEL_SEED (default: the
// clock's), cycling through the settings.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "chan_model.hpp"
#include "random_program.hpp"
#include "test_util.hpp"

using namespace gort_test;
using chan_model::End;
using chan_model::make_op;
using chan_model::Obs;
using chan_model::Op;
using chan_model::OpKind;
using chan_model::Program;

namespace {

constexpr int kPerSetting = kSanitized ? 100 : 1500;

// What the goroutines of one run share: the channels, the WaitGroup, each
// goroutine's log and its select's scratch. Goroutines reach it through a
// pointer, so no frame where one parks holds an object with a destructor
// (the parking rule, DESIGN.md's WebAssembly section).
struct Shared {
  const Program* p = nullptr;
  std::vector<gort::Chan<int>> chans;
  gort::WaitGroup wg;
  std::vector<std::vector<Obs>> logs;
  std::vector<std::vector<gort::Case>> cases;
  std::vector<Obs> got;
};

Obs select_op(Shared* s, std::size_t g, const Op& op) {
  Obs* got = &s->got[g];
  *got = {};
  auto& cs = s->cases[g];
  cs.clear();
  for (const chan_model::Case& c : op.cases) {
    if (c.after_us > 0) {
      cs.emplace_back(gort::case_recv(gort::after(std::chrono::microseconds(c.after_us))));
    } else if (c.send) {
      cs.emplace_back(gort::case_send(s->chans[c.ch], c.value));
    } else {
      cs.emplace_back(gort::case_recv(s->chans[c.ch], [got](int v, bool ok) {
        got->value = v;
        got->ok = ok;
      }));
    }
  }
  if (op.has_default) cs.emplace_back(gort::case_default());
  got->choice = gort::select(std::span<gort::Case>(cs));
  return *got;
}

Obs step(Shared* s, std::size_t g, const Op& op) {
  const gort::Chan<int>& ch = s->chans[op.ch];
  switch (op.kind) {
    case OpKind::Send:
      ch.send(op.value);
      break;
    case OpKind::Recv: {
      auto [v, ok] = ch.recv2();
      return {-1, v, ok};
    }
    case OpKind::Select:
      return select_op(s, g, op);
    case OpKind::Close:
      ch.close();
      break;
    case OpKind::Sleep:
      gort::sleep(std::chrono::microseconds(op.sleep_us));
      break;
    case OpKind::Done:
      s->wg.done();
      break;
    case OpKind::Wait:
      s->wg.wait();
      break;
  }
  return {};
}

void body(Shared* s, std::size_t g) {
  const auto& ops = s->p->gs[g];
  for (const Op& op : ops) {
    Obs o = step(s, g, op);
    s->logs[g].push_back(o);
  }
}

void program_main(Shared* s) {
  const Program& p = *s->p;
  for (std::size_t c = 0; c < p.caps.size(); c++) {
    if (p.caps[c] != chan_model::kNil) s->chans[c] = gort::make_chan<int>(p.caps[c]);
  }
  if (p.waitgroup) s->wg.add(static_cast<int>(p.gs.size()) - 1);
  for (std::size_t g = 1; g < p.gs.size(); g++) gort::go([s, g] { body(s, g); });
  body(s, 0);
}

// How the program ended, from its exit code and standard error; empty if it
// ended in a way the model does not know.
std::string ending(const Result& res, std::size_t goroutines, chan_model::Run& run) {
  if (res.code == 0 && res.err.empty()) {
    run.end = End::Exit;
    return "";
  }
  if (res.code == 2) {
    for (End e : {End::Deadlock, End::PanicSendClosed, End::PanicCloseClosed, End::PanicCloseNil}) {
      std::string head = chan_model::message(e) + "\n\n";
      if (res.err.rfind(head, 0) != 0) continue;
      run.end = e;
      if (e == End::Deadlock) return "";
      // "goroutine N [running]:": main is goroutine 1, the others follow in
      // the order main started them.
      std::size_t at = head.size() + std::string("goroutine ").size();
      int id = std::atoi(res.err.c_str() + std::min(at, res.err.size()));
      if (res.err.compare(head.size(), 10, "goroutine ") == 0 && id >= 1 &&
          id <= static_cast<int>(goroutines)) {
        run.panicked = id - 1;
        return "";
      }
    }
  }
  return "an ending the model does not know";
}

struct Setting {
  std::string name;
  gort::Config cfg;
};

std::vector<Setting> settings() {
  std::vector<Setting> out;
  for (int procs : {1, 2, 4}) {
    std::string p = " gomaxprocs=" + std::to_string(procs);
    out.push_back({"deterministic" + p, simulated(procs, true)});
    out.push_back(
        {(kThreads ? "threads, real clock" : "simulated, real clock") + p, threaded(procs)});
  }
  return out;
}

std::string log_text(const chan_model::Run& run) {
  std::string out;
  for (std::size_t g = 0; g < run.logs.size(); g++) {
    out += chan_model::goroutine_name(g) + ":";
    for (const Obs& o : run.logs[g]) {
      out += " (" + std::to_string(o.choice) + " " + std::to_string(o.value) +
             (o.ok ? " true)" : " false)");
    }
    out += "\n";
  }
  return out;
}

struct Tally {
  std::size_t programs = 0, ops = 0, done = 0, failures = 0;
  std::size_t ends[5] = {};
};

// Generates the program of `seed`, runs it under `st` and checks the run;
// a failure is reported with everything needed to replay it.
void run_one(std::uint64_t seed, const Setting& st, Tally& t) {
  Program p = random_program::generate(seed);
  auto s = std::make_unique<Shared>();
  s->p = &p;
  s->chans.resize(p.caps.size());
  s->logs.resize(p.gs.size());
  for (std::size_t g = 0; g < p.gs.size(); g++) s->logs[g].reserve(p.gs[g].size());
  s->cases.resize(p.gs.size());
  s->got.resize(p.gs.size());
  gort::Config cfg = st.cfg;
  cfg.seed = seed * 2654435761u + 1;
  Result res = run_captured(cfg, [sp = s.get()] { program_main(sp); });
  chan_model::Run run;
  run.logs = s->logs;
  std::string why = ending(res, p.gs.size(), run);
  if (why.empty()) why = chan_model::check(p, run);
  t.programs++;
  t.ops += p.op_count();
  for (const auto& log : run.logs) t.done += log.size();
  t.ends[static_cast<int>(run.end)]++;
  if (why.empty()) return;
  t.failures++;
  if (t.failures > 5) return;  // the first few say enough
  FAIL_CHECK("seed " << seed << ", " << st.name << " (config seed " << cfg.seed << "): " << why
                     << "\nexit code " << res.code << ", stderr:\n"
                     << res.err.substr(0, res.err.find("\n\n", res.err.find("\n\n") + 2))
                     << "\nlogs (case, value, ok):\n"
                     << log_text(run) << "the program (go run it, or gort run it):\n"
                     << random_program::to_go(p));
}

void report(const Tally& t, double seconds) {
  MESSAGE(t.programs << " programs, " << t.ops << " operations (" << t.done << " completed) in "
                     << seconds << " s: " << t.ends[0] << " exited, " << t.ends[1]
                     << " deadlocked, " << t.ends[2] + t.ends[3] + t.ends[4] << " panicked; "
                     << t.failures << " failed the model");
}

}  // namespace

TEST_CASE("model: random programs on gort end as the channel model allows") {
  auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  const char* secs = std::getenv("GORT_MODEL_SECONDS");
  const char* first = std::getenv("GORT_MODEL_SEED");
  std::uint64_t seed = first  ? std::strtoull(first, nullptr, 10)
                       : secs ? static_cast<std::uint64_t>(std::time(nullptr)) * 100000
                              : 1;
  MESSAGE("first seed " << seed);
  Tally t;
  auto all = settings();
  if (secs) {
    double limit = std::atof(secs);
    for (std::uint64_t n = 0; elapsed() < limit; n++)
      run_one(seed + n / all.size(), all[n % all.size()], t);
  } else {
    for (const Setting& st : all) {
      for (int i = 0; i < kPerSetting; i++) run_one(seed + i, st, t);
    }
  }
  report(t, elapsed());
  CHECK(t.failures == 0);
}

TEST_CASE("model: the check allows what Go can do, and nothing else") {
  using chan_model::Run;
  // main: c0 <- 1000; c0 <- 1010; close(c0); g1: recv, recv, recv (c0 has room for 2).
  Program p;
  p.caps = {2};
  p.gs = {
      {make_op(OpKind::Send, 0, 1000), make_op(OpKind::Send, 0, 1010), make_op(OpKind::Close, 0)},
      {make_op(OpKind::Recv, 0), make_op(OpKind::Recv, 0), make_op(OpKind::Recv, 0)}};
  const std::vector<Obs> sent = {{}, {}, {}};
  auto check = [&](std::vector<Obs> got, End end, int panicked = -1) {
    return chan_model::check(p, Run{{sent, std::move(got)}, end, panicked});
  };
  CHECK(check({{-1, 1000, true}, {-1, 1010, true}, {-1, 0, false}}, End::Exit) == "");
  CHECK(check({{-1, 1000, true}}, End::Exit) == "");  // g1 had not finished
  CHECK(check({{-1, 1010, true}, {-1, 1000, true}}, End::Exit) ==
        "g1 op 1: received 1000 after a value sent later");
  CHECK(check({{-1, 1000, true}, {-1, 1000, true}}, End::Exit) == "g1 op 1: received 1000 twice");
  CHECK(check({{-1, 1000, true}, {-1, 1010, true}, {-1, 0, false}}, End::Deadlock) ==
        "no interleaving of the model gives these logs and ends in \"" +
            chan_model::message(End::Deadlock) + "\"");
  CHECK(check({{-1, 1000, true}, {-1, 0, false}}, End::Exit) ==
        "no interleaving of the model gives these logs");
  CHECK(check({}, End::PanicCloseClosed, 0) != "");
  // A default taken while a buffered value was ready: main sends on c0
  // before the rendezvous on c1 that comes before g1's select.
  Program q;
  q.caps = {2, 0};
  q.gs = {{make_op(OpKind::Send, 0, 1000), make_op(OpKind::Send, 1, 1010)},
          {make_op(OpKind::Recv, 1), make_op(OpKind::Select)}};
  q.gs[1][1].cases = {{0, false, 0}};
  q.gs[1][1].has_default = true;
  auto run_q = [&](Obs second) {
    return chan_model::check(q, Run{{{{}, {}}, {{-1, 1010, true}, second}}, End::Exit, -1});
  };
  CHECK(run_q({0, 1000, true}) == "");
  CHECK(run_q({1, 0, false}) == "no interleaving of the model gives these logs");
  // main alone: a receive nobody sends to, or a second close.
  Program r;
  r.caps = {0};
  r.gs = {{make_op(OpKind::Recv, 0)}};
  CHECK(chan_model::check(r, Run{{{}}, End::Deadlock, -1}) == "");
  CHECK(chan_model::check(r, Run{{{}}, End::PanicCloseClosed, 0}) != "");
  r.gs = {{make_op(OpKind::Close, 0), make_op(OpKind::Close, 0)}};
  CHECK(chan_model::check(r, Run{{{{}}}, End::PanicCloseClosed, 0}) == "");
  CHECK(chan_model::check(r, Run{{{}}, End::PanicCloseClosed, 0}) != "");
  CHECK(chan_model::check(r, Run{{{{}}}, End::Deadlock, -1}) != "");
}
