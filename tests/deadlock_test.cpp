// Deadlock detection (core/src/proc.cpp idle/run_sim, report.cpp): when no
// goroutine can ever run again the program ends with Go's "fatal error: all
// goroutines are asleep - deadlock!", every goroutine listed with current
// Go's wait reason, exit code 2. Goroutines waiting on a timer are not
// deadlocked.
#include <doctest/doctest.h>

#include <span>
#include <string>
#include <vector>

#include "test_util.hpp"

using namespace gort_test;
using namespace std::chrono_literals;

namespace {
const std::string kDeadlock = "fatal error: all goroutines are asleep - deadlock!\n\n";
}

TEST_CASE("deadlock: main blocked on its own channel gets Go's report and exit code 2") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      gort::println("start");
      auto ch = gort::make_chan<int>();
      ch.recv();
    });
    CHECK(r.code == 2);
    CHECK(r.out == "start\n");
    CHECK(r.err.rfind(kDeadlock + "goroutine 1 [chan receive]:\nmain.main()\n", 0) == 0);
  });
}

TEST_CASE("deadlock: every goroutine is listed with Go's wait reason") {
  // goroutine id -> the reason current Go (1.22+) prints for it.
  const std::vector<std::pair<int, std::string>> expected = {
      {1, "sync.WaitGroup.Wait"},
      {2, "chan receive"},
      {3, "chan send"},
      {4, "select"},
      {5, "sync.Mutex.Lock"},
      {6, "chan receive (nil chan)"},
      {7, "chan send (nil chan)"},
      {8, "select (no cases)"},
      {9, "select"},              // a select whose cases are all nil channels
      {10, "select (no cases)"},  // the span form with no cases
      {11, "sync.RWMutex.Lock"},
      {12, "sync.RWMutex.RLock"},
      {13, "chan receive"},  // range over a channel nobody closes
  };
  for_each_mode([&](gort::Config cfg) {
    // Outside the program, so they outlive every goroutine that waits on them.
    gort::Mutex mu;
    gort::RWMutex held_by_reader, held_by_writer;
    auto r = run_captured(cfg, [&] {
      auto a = gort::make_chan<int>(), b = gort::make_chan<int>(), c = gort::make_chan<int>(),
           d = gort::make_chan<int>(1), e = gort::make_chan<int>();
      d.send(0);  // full: a send on d cannot proceed
      gort::Chan<int> nil;
      mu.lock();
      held_by_reader.rlock();
      held_by_writer.lock();
      gort::go([a] { a.recv(); });                                                       // 2
      gort::go([b] { b.send(1); });                                                      // 3
      gort::go([c, d] { gort::select(gort::case_recv(c), gort::case_send(d, 1)); });     // 4
      gort::go([&] { mu.lock(); });                                                      // 5
      gort::go([nil] { nil.recv(); });                                                   // 6
      gort::go([nil] { nil.send(1); });                                                  // 7
      gort::go([] { gort::select(); });                                                  // 8
      gort::go([nil] { gort::select(gort::case_recv(nil), gort::case_send(nil, 2)); });  // 9
      gort::go([] { gort::select(std::span<gort::Case>()); });                           // 10
      gort::go([&] { held_by_reader.lock(); });                                          // 11
      gort::go([&] { held_by_writer.rlock(); });                                         // 12
      gort::go([e] {                                                                     // 13
        for (int v : e) (void)v;
      });
      gort::WaitGroup wg;
      wg.add(1);
      wg.wait();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(kDeadlock, 0) == 0);
    std::size_t last = 0;
    for (auto& [id, reason] : expected) {
      std::string header = "goroutine " + std::to_string(id) + " [" + reason + "]:\n";
      INFO("expecting: ", header);
      std::size_t at = r.err.find(header);
      CHECK(at != std::string::npos);
      CHECK(count_of(r.err, header) == 1);
      if (at != std::string::npos) {
        CHECK(at >= last);  // listed in goroutine order
        last = at;
      }
    }
    CHECK(count_of(r.err, "\n\ngoroutine ") == static_cast<int>(expected.size()));  // headers only
    CHECK(r.err.find("goroutine 1 [sync.WaitGroup.Wait]:\nmain.main()\n") != std::string::npos);
  });
}

TEST_CASE("deadlock: tracebacks show goroutine names, marked lines, creators and their lines") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      auto ch = gort::make_chan<int>();
      gort::go([ch] {  // 2
        gort::set_name("worker");
        gort::at(12);
        gort::go([ch] {                         // 3, created by the worker
          gort::set_name("main.worker.func1");  // a Go name: printed as it is
          gort::at(15);
          ch.send(1);
        });
        ch.send(2);
      });
      gort::at(20);
      gort::select();
    });
    CHECK(r.code == 2);
    CHECK(r.err.find("goroutine 1 [select (no cases)]:\nmain.main()\n\tmain.go:20\n") !=
          std::string::npos);
    CHECK(r.err.find("goroutine 2 [chan send]:\nmain.worker()\n\tmain.go:12\n"
                     "created by main.main in goroutine 1\n") != std::string::npos);
    CHECK(r.err.find("goroutine 3 [chan send]:\nmain.worker.func1()\n\tmain.go:15\n"
                     "created by main.worker in goroutine 2\n\tmain.go:12\n") != std::string::npos);
  });
}

TEST_CASE("deadlock: a goroutine sleeping on a timer is not a deadlock") {
  for_each_mode([](gort::Config cfg) {
    int got = 0, chosen = -1;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>();
      gort::go([ch] {
        gort::sleep(30ms);
        ch.send(5);
      });
      got = ch.recv();  // every goroutine is blocked until the sleeper wakes
      auto never = gort::make_chan<int>();
      chosen = gort::select(gort::case_recv(never), gort::case_recv(gort::after(20ms)));
      gort::Timer t(10ms);
      t.c().recv();
    });
    CHECK(r.code == 0);
    CHECK(r.err == "");
    CHECK(got == 5);
    CHECK(chosen == 1);
  });
}

TEST_CASE("deadlock: found once the last sleeper has gone, exited goroutines are not listed") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      auto ch = gort::make_chan<int>();
      gort::go([] { gort::sleep(20ms); });  // 2: exits
      gort::go([ch] {                       // 3: blocks for good
        gort::sleep(10ms);
        ch.send(1);
        ch.send(2);
      });
      ch.recv();
      ch.recv();
      ch.recv();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(kDeadlock + "goroutine 1 [chan receive]:\n", 0) == 0);
    CHECK(r.err.find("goroutine 2 ") == std::string::npos);
    CHECK(r.err.find("goroutine 3 ") == std::string::npos);
  });
}

TEST_CASE("deadlock: waiting on a Ticker's channel is not a deadlock") {
  // Go never reports a deadlock while a timer is pending; main here ends it.
  for_each_mode([](gort::Config cfg) {
    int ticks = 0;
    auto r = run_captured(cfg, [&] {
      gort::Ticker t(5ms);
      for (int i = 0; i < 3; i++) {
        t.c().recv();
        ticks++;
      }
    });
    CHECK(r.code == 0);
    CHECK(r.err == "");
    CHECK(ticks == 3);
  });
}
