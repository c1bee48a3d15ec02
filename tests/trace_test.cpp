// The trace (core/src/trace_ring.hpp, report.cpp, and every emit site):
// drains a small deterministic program and checks its exact event sequence;
// checks what each event's fields mean (names, printed text, select choices,
// value kinds, exit codes, wait reasons); drains while a threaded program
// runs; and a full ring drops and counts events without blocking.
#include <doctest/doctest.h>

#include <cstring>
#include <map>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "test_util.hpp"

using namespace gort_test;
using namespace std::chrono_literals;
using gort::trace::Event;
using gort::trace::Kind;
using gort::trace::ValueKind;

namespace {

gort::Config traced(int procs = 1, std::uint64_t seed = 1) {
  gort::Config c = simulated(procs, true, seed);
  c.trace = true;
  c.out = [](std::string_view) {};
  c.err = [](std::string_view) {};
  return c;
}

std::vector<Event> run_traced(gort::Program& p) {
  Watchdog wd("traced program");
  p.wait();
  std::vector<Event> ev;
  p.drain(ev);
  CHECK(p.lost_events() == 0);
  return ev;
}

std::vector<Event> of_kind(const std::vector<Event>& ev, Kind k) {
  std::vector<Event> out;
  for (auto& e : ev) {
    if (e.kind == k) out.push_back(e);
  }
  return out;
}

std::uint8_t reason(gort::WaitReason r) {
  return static_cast<std::uint8_t>(r);
}
std::uint8_t vk(ValueKind k) {
  return static_cast<std::uint8_t>(k);
}

}  // namespace

TEST_CASE("trace: a small program's exact event sequence") {
  gort::Program p(traced(), [] {
    auto ch = gort::make_chan<int>("c");
    gort::go([ch] {
      gort::set_name("sender");
      gort::at(7);
      ch.send(7);
    });
    int v = ch.recv();
    gort::println("got", v);
    auto b = gort::make_chan<int>(1, "b");
    b.send(1);
    b.close();
    b.recv2();
    b.recv2();
    gort::sleep(5ms);
  });
  auto ev = run_traced(p);
  // (kind, g, obj, value, aux, flags) of every event but scheduler bookkeeping.
  using Row =
      std::tuple<Kind, std::uint32_t, std::uint32_t, std::int64_t, std::uint32_t, std::uint8_t>;
  std::vector<Row> got;
  std::vector<std::int64_t> ts;
  for (auto& e : ev) {
    if (e.kind == Kind::ProcStart || e.kind == Kind::ProcStop) continue;
    got.emplace_back(e.kind, e.g, e.obj, e.value, e.aux, e.flags);
    ts.push_back(e.ts);
  }
  const std::uint8_t kInt = vk(ValueKind::Int);
  const std::vector<Row> expected = {
      {Kind::GoStart, 1, 0, 0, 0, 0},
      {Kind::ChanMake, 1, 1, 0, 1, 0},  // c: capacity 0, name id 1
      {Kind::GoCreate, 1, 2, 0, 0, 0},
      {Kind::GoBlock, 1, 1, 0, 0, reason(gort::WaitReason::ChanReceive)},
      {Kind::GoStart, 2, 0, 0, 0, 0},
      {Kind::GoName, 2, 0, 2, 0, 0},  // name id 2: "sender"
      {Kind::GoLine, 2, 0, 7, 0, 0},
      {Kind::ChanSend, 2, 1, 7, 1, kInt},
      {Kind::ChanRecv, 1, 1, 7, 1, kInt},
      {Kind::GoUnblock, 2, 1, 0, 0, 0},  // the sender readied main
      {Kind::GoEnd, 2, 0, 0, 0, 0},
      {Kind::GoStart, 1, 0, 0, 0, 0},
      {Kind::Print, 1, 0, 0, 6, 0},  // "got 7\n" at offset 0 of output()
      {Kind::ChanMake, 1, 2, 1, 3, 0},
      {Kind::ChanSend, 1, 2, 1, 1, kInt},
      {Kind::ChanClose, 1, 2, 0, 1, 0},
      {Kind::ChanRecv, 1, 2, 1, 1, kInt},
      {Kind::ChanRecv, 1, 2, 0, 0, 0},  // closed and drained: ok == false
      {Kind::GoSleep, 1, 0, 5'000'000, 0, 0},
      {Kind::GoBlock, 1, 0, 0, 0, reason(gort::WaitReason::Sleep)},
      {Kind::TimerFire, 0, 1, 5'000'000, 0, 0},
      {Kind::GoUnblock, 0, 1, 0, 0, 0},
      {Kind::GoStart, 1, 0, 0, 0, 0},
      {Kind::Exit, 0, 0, 0, 0, 0},
      {Kind::GoEnd, 1, 0, 0, 0, 0},
  };
  CHECK(got.size() == expected.size());
  for (std::size_t i = 0; i < std::min(got.size(), expected.size()); i++) {
    INFO("event ", i);
    CHECK(got[i] == expected[i]);
  }
  CHECK(p.string(1) == "c");
  CHECK(p.string(2) == "sender");
  CHECK(p.string(3) == "b");
  CHECK(p.output() == "got 7\n");
  // Virtual time: everything before the sleep at 0, everything after at 5ms.
  REQUIRE(ts.size() == expected.size());
  CHECK(ts[19] == 0);
  CHECK(ts[20] == 5'000'000);
  CHECK(ts.back() == 5'000'000);
  // In simulated mode seq is a global counter.
  for (std::size_t i = 1; i < ev.size(); i++) CHECK(ev[i].seq == ev[i - 1].seq + 1);
}

TEST_CASE("trace: select, print, wait reasons and the exit code are recorded") {
  gort::Mutex mu;  // outlives the goroutine left waiting on it
  gort::Program p(traced(), [&mu] {
    auto a = gort::make_chan<int>(1), b = gort::make_chan<int>(1);
    b.send(3);
    gort::select(gort::case_recv(a), gort::case_recv(b));    // case 1 of 2
    gort::select(gort::case_recv(a), gort::case_default());  // default
    gort::print("hello\n");
    gort::println("world");
    mu.lock();
    gort::go([&] { mu.lock(); });
    gort::go([a, b] { gort::select(gort::case_recv(a), gort::case_recv(b)); });
    gort::yield();
    gort::yield();
    gort::panic("the end");
  });
  auto ev = run_traced(p);
  auto sel = of_kind(ev, Kind::Select);
  REQUIRE(sel.size() == 2);
  CHECK(sel[0].value == 1);
  CHECK(sel[0].aux == 2);
  CHECK(sel[1].value == -1);
  auto prints = of_kind(ev, Kind::Print);
  REQUIRE(prints.size() >= 3);
  std::string out = p.output();
  CHECK(out.substr(prints[0].value, prints[0].aux) == "hello\n");
  CHECK(out.substr(prints[1].value, prints[1].aux) == "world\n");
  CHECK(prints[2].obj == 1);  // the panic went to stderr
  CHECK(out.substr(prints[2].value, prints[2].aux).rfind("panic: the end", 0) == 0);
  std::map<std::uint32_t, std::uint8_t> blocked;  // goroutine -> last wait reason
  for (auto& e : of_kind(ev, Kind::GoBlock)) blocked[e.g] = e.flags;
  CHECK(blocked[2] == reason(gort::WaitReason::MutexLock));
  CHECK(blocked[3] == reason(gort::WaitReason::Select));
  auto exits = of_kind(ev, Kind::Exit);
  REQUIRE(exits.size() == 1);
  CHECK(exits[0].value == 2);
}

TEST_CASE("trace: durations and timer times carry their kind") {
  gort::Program p(traced(), [] {  // deterministic, so virtual time: exact
    auto d = gort::make_chan<gort::Duration>(1);
    d.send(std::chrono::milliseconds(1500));
    gort::after(std::chrono::seconds(2)).recv();
  });
  auto sends = of_kind(run_traced(p), Kind::ChanSend);
  REQUIRE(sends.size() == 2);
  CHECK(sends[0].flags == vk(ValueKind::Duration));
  CHECK(sends[0].value == 1'500'000'000);
  CHECK(sends[1].g == 0);  // the timer
  CHECK(sends[1].flags == vk(ValueKind::Time));
  CHECK(sends[1].value == 2'000'000'000);
}

TEST_CASE("trace: channel values carry their kind") {
  gort::Program p(traced(), [] {
    auto i = gort::make_chan<long>(1);
    auto u = gort::make_chan<unsigned>(1);
    auto t = gort::make_chan<bool>(1);
    auto d = gort::make_chan<double>(1);
    auto s = gort::make_chan<std::string>(2);
    i.send(-5);
    u.send(7u);
    t.send(true);
    d.send(2.5);
    s.send("hello");
    s.send("hello, \"world\"");
  });
  auto sends = of_kind(run_traced(p), Kind::ChanSend);
  REQUIRE(sends.size() == 6);
  CHECK(sends[0].flags == vk(ValueKind::Int));
  CHECK(sends[0].value == -5);
  CHECK(sends[1].flags == vk(ValueKind::Uint));
  CHECK(sends[1].value == 7);
  CHECK(sends[2].flags == vk(ValueKind::Bool));
  CHECK(sends[2].value == 1);
  CHECK(sends[3].flags == vk(ValueKind::Float));
  double dv;
  std::memcpy(&dv, &sends[3].value, sizeof dv);
  CHECK(dv == 2.5);
  CHECK(sends[4].flags == vk(ValueKind::Str));  // up to 8 bytes: in the event itself
  char text[9] = {};
  std::memcpy(text, &sends[4].value, 8);
  CHECK(std::string(text) == "hello");
  CHECK(sends[5].flags == vk(ValueKind::Text));  // longer: a string id, quoted as %q
  CHECK(p.string(static_cast<std::uint32_t>(sends[5].value)) == "\"hello, \\\"world\\\"\"");
}

namespace {
// An element type the trace knows nothing about, shown as text by its own
// trace function, as an interpreter's values are.
struct Point {
  int x = 0, y = 0;
};
const gort::detail::ElemOps kPointOps = {
    sizeof(Point),
    alignof(Point),
    true,
    [](void* p) { new (p) Point(); },
    [](void*) {},
    [](void* dst, void* src) { *static_cast<Point*>(dst) = *static_cast<Point*>(src); },
    [](const void* p, const gort::detail::ElemOps*) {
      auto* pt = static_cast<const Point*>(p);
      std::string t = "{" + std::to_string(pt->x) + " " + std::to_string(pt->y) + "}";
      return gort::detail::TraceValue{gort::detail::trace_text(t), ValueKind::Text};
    },
};
}  // namespace

TEST_CASE("trace: a value traced as text, interned once, within the run's budget") {
  std::uint32_t spent = 1, again = 0;
  gort::Program p(traced(), [&] {
    gort::detail::hchan* c = nullptr;
    REQUIRE(gort::detail::chan_make(&kPointOps, 2, "points", &c) == gort::detail::Status::Ok);
    Point a{1, 2};
    REQUIRE(gort::detail::chan_send(c, &a, true) == gort::detail::Status::Ok);
    REQUIRE(gort::detail::chan_send(c, &a, true) == gort::detail::Status::Ok);
    gort::detail::chan_release(c);
    // The budget: new texts get id 0 once it is spent; known ones keep theirs.
    std::uint32_t first = gort::detail::trace_text("{1 2}");
    for (int i = 0; i < 300'000 && spent != 0; i++) {
      spent = gort::detail::trace_text("value " + std::to_string(i));
    }
    again = gort::detail::trace_text("{1 2}") == first ? first : 0;
  });
  auto sends = of_kind(run_traced(p), Kind::ChanSend);
  REQUIRE(sends.size() == 2);
  CHECK(sends[0].flags == vk(ValueKind::Text));
  CHECK(sends[0].value == sends[1].value);  // the same text, one id
  CHECK(p.string(static_cast<std::uint32_t>(sends[0].value)) == "{1 2}");
  CHECK(gort::trace::value_text(sends[0].value, ValueKind::Text, "{1 2}") == "{1 2}");
  CHECK(spent == 0);
  CHECK(again != 0);
}

TEST_CASE("trace: drained while a threaded program runs, nothing is lost or reordered") {
  static constexpr int kValues = 2000;
  gort::Config cfg = threaded(2);
  cfg.trace = true;
  gort::Program p(cfg, [] {
    auto ch = gort::make_chan<int>(8);
    gort::WaitGroup wg;
    wg.add(2);
    for (int k = 0; k < 2; k++) {
      gort::go([ch, k, &wg] {
        for (int i = k; i < kValues; i += 2) ch.send(i);
        wg.done();
      });
    }
    gort::go([ch, &wg] {
      wg.wait();
      ch.close();
    });
    long sum = 0;
    for (int v : ch) sum += v;
    if (sum != static_cast<long>(kValues) * (kValues - 1) / 2) gort::panic("lost values");
  });
  Watchdog wd("drain while running");
  std::vector<Event> ev;
  p.start();
  int drains = 0;
  while (!p.run_for(1ms)) {
    p.drain(ev);
    drains++;
  }
  p.drain(ev);
  CHECK(p.wait() == 0);
  CHECK(p.lost_events() == 0);
  std::map<std::uint16_t, std::uint64_t> last_seq;
  int out_of_order = 0;
  std::vector<int> sent(kValues, 0), received(kValues, 0);
  for (auto& e : ev) {
    if (last_seq.count(e.p) && e.seq < last_seq[e.p]) out_of_order++;
    last_seq[e.p] = e.seq;
    if (e.kind == Kind::ChanSend) sent.at(e.value)++;
    if (e.kind == Kind::ChanRecv && e.aux != 0) received.at(e.value)++;
  }
  CHECK(out_of_order == 0);  // each P's events come out in the order recorded
  int wrong = 0;
  for (int i = 0; i < kValues; i++) wrong += sent[i] != 1 || received[i] != 1;
  CHECK(wrong == 0);
  CHECK(of_kind(ev, Kind::Exit).size() == 1);
}

TEST_CASE("trace: a full ring drops and counts new events and never blocks the program") {
  gort::Config cfg = traced();
  cfg.trace_capacity = 16;
  gort::Program p(cfg, [] {
    auto ch = gort::make_chan<int>(4);
    gort::go([ch] {
      for (int i = 0; i < 1000; i++) ch.send(i);
      ch.close();
    });
    for (int v : ch) (void)v;
  });
  Watchdog wd("full ring");
  CHECK(p.wait() == 0);
  std::vector<Event> ev;
  p.drain(ev);
  CHECK(ev.size() == 16);
  CHECK(p.lost_events() > 2000);
  REQUIRE_FALSE(ev.empty());
  CHECK(ev.front().kind == Kind::GoStart);  // the oldest events are the ones kept
  CHECK(ev.front().g == 1);
}

TEST_CASE("trace: off unless asked for") {
  gort::Config cfg = simulated(1, true, 1);
  cfg.out = [](std::string_view) {};
  gort::Program p(cfg, [] { gort::println("x"); });
  CHECK(p.wait() == 0);
  std::vector<Event> ev;
  CHECK(p.drain(ev) == 0);
  CHECK(ev.empty());
}

TEST_CASE("trace: every event carries the line its goroutine had reached") {
  gort::Program p(traced(), [] {
    auto ch = gort::make_chan<int>(1, "c");
    gort::at(4);
    ch.send(1);
    gort::detail::set_line(9);  // no GoLine event, but the next events say 9
    ch.recv();
    gort::go([] {
      gort::detail::set_line(21);
      gort::yield();
    });
    gort::yield();
  });
  auto ev = run_traced(p);
  std::vector<std::tuple<Kind, std::uint32_t, std::uint32_t>> got;  // kind, g, line
  for (auto& e : ev) {
    if (e.kind == Kind::ChanSend || e.kind == Kind::ChanRecv || e.kind == Kind::GoCreate ||
        e.kind == Kind::GoLine || e.kind == Kind::GoYield) {
      got.emplace_back(e.kind, e.g, e.line);
    }
  }
  const std::vector<std::tuple<Kind, std::uint32_t, std::uint32_t>> want = {
      {Kind::GoLine, 1, 4},   {Kind::ChanSend, 1, 4}, {Kind::ChanRecv, 1, 9},
      {Kind::GoCreate, 1, 9}, {Kind::GoYield, 1, 9},  {Kind::GoYield, 2, 21}};
  CHECK(got == want);
  for (auto& e : ev) {
    if (e.g == 0) CHECK(e.line == 0);  // the scheduler's own events have none
  }
}
