// The status-returning entry points (Status in gort/detail/runtime.hpp),
// which an interpreter calls with nothing to catch: each says what Go would
// do (a value, would block, closed, a panic's or fatal error's words, the
// end of the program) without throwing, and a goroutine that goes on after
// a panic status still runs. Also the accessors an interpreter reads from
// inside a program (gomaxprocs, run_seed, virtual_clock) and set_line.
#include <doctest/doctest.h>

#include <atomic>
#include <gort/gort.hpp>
#include <vector>

#include "test_util.hpp"

using namespace gort_test;
using gort::detail::Status;
using namespace std::chrono_literals;

namespace {

gort::detail::hchan* make(std::size_t cap) {
  gort::detail::hchan* c = nullptr;
  REQUIRE(gort::detail::chan_make(&gort::detail::elem_ops<int>, cap, "c", &c) == Status::Ok);
  return c;
}

}  // namespace

TEST_CASE("status: sends and receives that cannot complete at once say WouldBlock") {
  for_each_mode([](const gort::Config& cfg) {
    std::vector<Status> got;
    auto r = run_captured(cfg, [&] {
      using gort::detail::chan_recv;
      using gort::detail::chan_send;
      auto* unbuf = make(0);
      auto* buf = make(1);
      int v = 5;
      got.push_back(chan_send(unbuf, &v, false));  // nobody receives
      got.push_back(chan_recv(unbuf, &v, false));  // nobody sends
      got.push_back(chan_send(buf, &v, false));    // room
      got.push_back(chan_send(buf, &v, false));    // full
      int out = 0;
      got.push_back(chan_recv(buf, &out, false));  // the 5
      CHECK(out == 5);
      got.push_back(chan_recv(buf, &out, false));  // empty
      got.push_back(chan_send(nullptr, &v, false));
      got.push_back(chan_recv(nullptr, &v, false));
      gort::detail::chan_release(unbuf);
      gort::detail::chan_release(buf);
    });
    CHECK(r.code == 0);
    const std::vector<Status> want = {Status::WouldBlock, Status::WouldBlock, Status::Ok,
                                      Status::WouldBlock, Status::Ok,         Status::WouldBlock,
                                      Status::WouldBlock, Status::WouldBlock};
    CHECK(got == want);
  });
}

TEST_CASE("status: panics come back as statuses, and the goroutine goes on") {
  std::vector<Status> got;
  auto r = run_captured(simulated(2, true, 1), [&] {
    using namespace gort::detail;
    auto* c = make(1);
    int v = 1;
    got.push_back(chan_close(nullptr));
    got.push_back(chan_close(c));
    got.push_back(chan_close(c));
    got.push_back(chan_send(c, &v, true));
    got.push_back(chan_send(c, &v, false));
    got.push_back(chan_recv(c, &v, true));  // closed and drained
    scase sc{c, &v, true};
    int chosen = 7;
    bool ok = true;
    got.push_back(select_go(&sc, 1, true, &chosen, &ok));
    gort::WaitGroup wg;
    got.push_back(waitgroup_add(wg, -1));
    hchan* big = nullptr;
    got.push_back(chan_make(&elem_ops<std::uint64_t>, SIZE_MAX / 2, "", &big));
    CHECK(big == nullptr);
    chan_release(c);
    gort::println("still here");
  });
  CHECK(r.code == 0);
  CHECK(r.out == "still here\n");
  CHECK(r.err.empty());
  const std::vector<Status> want = {
      Status::CloseOfNil,   Status::Ok,     Status::CloseOfClosed, Status::SendOnClosed,
      Status::SendOnClosed, Status::Closed, Status::SendOnClosed,  Status::NegativeWaitGroup,
      Status::MakechanSize};
  CHECK(got == want);
  CHECK(gort::detail::status_text(Status::SendOnClosed) == "send on closed channel");
  CHECK(gort::detail::is_panic(Status::NegativeWaitGroup));
  CHECK(!gort::detail::is_panic(Status::UnlockOfUnlocked));
}

TEST_CASE("status: a sender blocked on a channel that gets closed is told SendOnClosed") {
  for_each_mode([](const gort::Config& cfg) {
    std::atomic<int> got{-1};
    auto r = run_captured(cfg, [&] {
      auto* c = make(0);
      gort::WaitGroup wg;
      wg.add(1);
      gort::go([&, c] {
        int v = 1;
        got = static_cast<int>(gort::detail::chan_send(c, &v, true));
        wg.done();
      });
      gort::sleep(1ms);  // let it block (or not: it is told SendOnClosed either way)
      CHECK(gort::detail::chan_close(c) == Status::Ok);
      wg.wait();
      gort::detail::chan_release(c);
    });
    CHECK(r.code == 0);
    CHECK(got == static_cast<int>(Status::SendOnClosed));
  });
}

TEST_CASE("status: select_go says which case ran, or WouldBlock") {
  for_each_mode([](const gort::Config& cfg) {
    auto r = run_captured(cfg, [] {
      using namespace gort::detail;
      auto* a = make(1);
      auto* b = make(0);
      int va = 0, vb = 0;
      scase cases[2] = {{a, &va, false}, {b, &vb, false}};
      int chosen = 9;
      bool ok = true;
      CHECK(select_go(cases, 2, false, &chosen, &ok) == Status::WouldBlock);
      CHECK(chosen == -1);
      int x = 42;
      CHECK(chan_send(a, &x, true) == Status::Ok);
      CHECK(select_go(cases, 2, true, &chosen, &ok) == Status::Ok);
      CHECK(chosen == 0);
      CHECK(ok);
      CHECK(va == 42);
      CHECK(chan_close(b) == Status::Ok);
      CHECK(select_go(cases, 2, true, &chosen, &ok) == Status::Ok);
      CHECK(chosen == 1);
      CHECK(!ok);  // closed
      chan_release(a);
      chan_release(b);
    });
    CHECK(r.code == 0);
  });
}

TEST_CASE(
    "status: at the program's end a parked goroutine is told Unwind, and so is every call after") {
  for_each_mode([](const gort::Config& cfg) {
    std::vector<Status> got;
    std::atomic<bool> started{false}, returned{false};
    auto r = run_captured(cfg, [&] {
      auto* c = make(0);
      gort::go([&, c] {
        using namespace gort::detail;
        int v = 0;
        started = true;
        got.push_back(chan_recv(c, &v, true));  // nobody ever sends
        got.push_back(chan_send(c, &v, true));
        got.push_back(go_sleep(1'000'000));
        gort::Mutex m;
        got.push_back(mutex_lock(m, true));
        got.push_back(go_yield());
        returned = true;  // a plain return: nothing was thrown through here
      });
      // A goroutine that never ran is dropped at the end, not unwound: on a
      // loaded machine a new P's thread can take longer than any one sleep.
      while (!started) gort::sleep(1ms);
      gort::sleep(1ms);  // to its park; were it later, the recv says Unwind too
      gort::detail::chan_release(c);
    });
    CHECK(r.code == 0);
    CHECK(returned);
    const std::vector<Status> want(5, Status::Unwind);
    CHECK(got == want);
  });
}

TEST_CASE("status: sync primitives without blocking, and their fatal errors") {
  std::vector<Status> got;
  auto r = run_captured(simulated(1, true, 1), [&] {
    using namespace gort::detail;
    gort::Mutex m;
    gort::RWMutex rw;
    got.push_back(mutex_lock(m, false));
    got.push_back(mutex_lock(m, false));  // held
    got.push_back(mutex_unlock(m));
    got.push_back(rwmutex_rlock(rw, false));
    got.push_back(rwmutex_lock(rw, false));  // a reader holds it
    got.push_back(rwmutex_runlock(rw));
    got.push_back(rwmutex_lock(rw, false));
    got.push_back(rwmutex_rlock(rw, false));  // a writer holds it
    got.push_back(rwmutex_unlock(rw));
    got.push_back(mutex_unlock(m));      // fatal: unlocked
    got.push_back(mutex_lock(m, true));  // the program is ending
  });
  CHECK(r.code == 2);
  CHECK(r.err.starts_with("fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 [running]:"));
  const std::vector<Status> want = {
      Status::Ok,    Status::WouldBlock, Status::Ok,         Status::Ok, Status::WouldBlock,
      Status::Ok,    Status::Ok,         Status::WouldBlock, Status::Ok, Status::UnlockOfUnlocked,
      Status::Unwind};
  CHECK(got == want);
  CHECK(gort::detail::is_fatal(Status::UnlockOfUnlocked));
}

TEST_CASE("status: once_begin lets exactly one caller run, the others wait for it") {
  for_each_mode([](const gort::Config& cfg) {
    std::atomic<int> ran{0}, after{0};
    auto r = run_captured(cfg, [&] {
      gort::Once once;
      gort::WaitGroup wg;
      for (int i = 0; i < 8; i++) {
        wg.add(1);
        gort::go([&] {
          bool run = false;
          CHECK(gort::detail::once_begin(once, &run) == Status::Ok);
          if (run) {
            gort::sleep(1ms);  // the others must wait, not skip
            ran++;
            gort::detail::once_end(once);
          }
          if (ran == 1) after++;
          wg.done();
        });
      }
      wg.wait();
    });
    CHECK(r.code == 0);
    CHECK(ran == 1);
    CHECK(after == 8);
  });
}

TEST_CASE("status: go_exit ends the program with its code and words, go_sleep, and NoGoroutine") {
  auto r = run_captured(simulated(1, true, 1), [] {
    auto t0 = gort::now();
    CHECK(gort::detail::go_sleep(5'000'000) == Status::Ok);
    CHECK(gort::since(t0) == 5ms);
    CHECK(gort::detail::go_exit(3, "bye\n") == Status::Unwind);
    CHECK(gort::detail::go_exit(4, "not printed\n") == Status::Unwind);
  });
  CHECK(r.code == 3);
  CHECK(r.err == "bye\n");
  int v = 0;
  CHECK(gort::detail::chan_send(nullptr, &v, false) == Status::NoGoroutine);
  CHECK(gort::detail::go_yield() == Status::NoGoroutine);
  CHECK_THROWS_AS(gort::detail::raise(Status::NoGoroutine), std::logic_error);
  CHECK_THROWS_AS(gort::detail::raise(Status::SendOnClosed), gort::detail::Panic);
}

TEST_CASE("status: go_preempt records GoPreempt and lets another goroutine run") {
  gort::Config cfg = simulated(1, true, 1);
  cfg.trace = true;
  std::vector<int> order;
  gort::Program p(cfg, [&] {
    gort::go([&] { order.push_back(2); });
    order.push_back(1);
    CHECK(gort::detail::go_preempt() == Status::Ok);
    order.push_back(3);
  });
  CHECK(p.wait() == 0);
  CHECK(order == std::vector<int>{1, 2, 3});
  std::vector<gort::trace::Event> ev;
  p.drain(ev);
  int preempts = 0;
  for (auto& e : ev) {
    if (e.kind == gort::trace::Kind::GoPreempt) {
      preempts++;
      CHECK(e.g == 1);
    }
  }
  CHECK(preempts == 1);
}

TEST_CASE("status: gomaxprocs, run_seed and virtual_clock describe the running program") {
  gort::Config cfg = simulated(3, true, 1234);
  int procs = 0;
  std::uint64_t seed = 0;
  bool virt = false;
  run_captured(cfg, [&] {
    procs = gort::gomaxprocs();
    seed = gort::run_seed();
    virt = gort::virtual_clock();
  });
  CHECK(procs == 3);
  CHECK(seed == 1234);
  CHECK(virt);
  cfg = threaded(2);
  run_captured(cfg, [&] {
    procs = gort::gomaxprocs();
    seed = gort::run_seed();
    virt = gort::virtual_clock();
  });
  CHECK(procs == 2);
  CHECK(seed != 0);  // drawn at random, and told
  CHECK(!virt);
  CHECK_THROWS_AS(gort::gomaxprocs(), std::logic_error);
}

TEST_CASE("status: set_line marks the line events carry and tracebacks show, without an event") {
  gort::Config cfg = simulated(1, true, 1);
  cfg.trace = true;
  cfg.err = [](std::string_view) {};
  gort::Program p(cfg, [] {
    gort::detail::G* g = gort::detail::current_g();
    REQUIRE(g != nullptr);
    gort::detail::set_line(g, 12);
    auto c = gort::make_chan<int>(1);
    c.send(1);
    gort::detail::set_line(17);
    c.recv();
    c.recv();  // deadlock, at line 17
  });
  CHECK(p.wait() == 2);
  CHECK(p.output().find("goroutine 1 [chan receive]:\nmain.main()\n\tmain.go:17\n") !=
        std::string::npos);
  std::vector<gort::trace::Event> ev;
  p.drain(ev);
  std::vector<std::pair<gort::trace::Kind, std::uint32_t>> lines;
  for (auto& e : ev) {
    CHECK(e.kind != gort::trace::Kind::GoLine);
    if (e.g == 1 &&
        (e.kind == gort::trace::Kind::ChanSend || e.kind == gort::trace::Kind::ChanRecv ||
         e.kind == gort::trace::Kind::GoBlock)) {
      lines.emplace_back(e.kind, e.line);
    }
  }
  using K = gort::trace::Kind;
  const std::vector<std::pair<K, std::uint32_t>> want = {
      {K::ChanSend, 12}, {K::ChanRecv, 17}, {K::GoBlock, 17}};
  CHECK(lines == want);
  CHECK(gort::detail::current_g() == nullptr);
}
