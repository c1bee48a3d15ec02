// Panics and exits (core/src/goroutine.cpp g_entry, report.cpp): gort::panic
// and a C++ exception escaping a goroutine end the program with Go's
// "panic: <message>" + "goroutine N [running]:" and exit code 2, at once,
// whatever other goroutines are doing; caught exceptions are not panics;
// gort::exit ends the program with its code; the next program runs normally.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_util.hpp"

using namespace gort_test;
using namespace std::chrono_literals;

namespace {
std::string panic_head(const std::string& msg, int g) {
  return "panic: " + msg + "\n\ngoroutine " + std::to_string(g) + " [running]:\n";
}
}  // namespace

TEST_CASE("panic: gort::panic in main prints Go's panic lines and exits 2") {
  for_each_mode([](gort::Config cfg) {
    bool after = false;
    auto r = run_captured(cfg, [&] {
      gort::println("one");
      gort::panic("something went wrong");
      after = true;
    });
    CHECK(r.code == 2);
    CHECK(r.out == "one\n");
    CHECK(r.err.rfind(panic_head("something went wrong", 1) + "main.main()\n", 0) == 0);
    CHECK_FALSE(after);
  });
}

TEST_CASE("panic: a C++ exception escaping a goroutine is a panic with its what()") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      gort::go([] { gort::select(); });                            // 2
      gort::go([] { throw std::runtime_error("disk on fire"); });  // 3
      gort::select();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(panic_head("disk on fire", 3), 0) == 0);
    CHECK(r.err.find("deadlock") == std::string::npos);
  });
}

TEST_CASE("panic: a standard library exception escaping main is a panic") {
  for_each_mode([](gort::Config cfg) {
    std::string what;
    try {
      std::vector<int>().at(3);
    } catch (const std::out_of_range& e) {
      what = e.what();
    }
    auto r = run_captured(cfg, [] { std::vector<int>().at(3); });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(panic_head(what, 1), 0) == 0);
  });
}

TEST_CASE("panic: an exception thrown by a select callback is a panic") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      auto ch = gort::make_chan<int>(1);
      ch.send(1);
      gort::select(gort::case_recv(ch, [](int) { throw std::logic_error("bad case"); }));
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(panic_head("bad case", 1), 0) == 0);
  });
}

TEST_CASE("panic: an exception that is not a std::exception is still a panic") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      gort::go([] { throw 42; });  // 2
      gort::select();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind("panic: ", 0) == 0);
    CHECK(r.err.find("\n\ngoroutine 2 [running]:\n") != std::string::npos);
  });
}

TEST_CASE("panic: an exception caught inside the goroutine is not a panic") {
  for_each_mode([](gort::Config cfg) {
    bool caught = false;
    auto r = run_captured(cfg, [&] {
      auto done = gort::make_chan<bool>();
      gort::go([&, done] {
        try {
          gort::yield();
          throw std::runtime_error("handled");
        } catch (const std::exception&) {
          caught = true;
        }
        done.send(true);
      });
      done.recv();
    });
    CHECK(r.code == 0);
    CHECK(r.err == "");
    CHECK(caught);
  });
}

TEST_CASE("panic: ends the program at once while main is still busy") {
  for_each_mode([](gort::Config cfg) {
    long spins = 0;
    auto r = run_captured(cfg, [&] {
      gort::go([] {
        for (int i = 0; i < 100; i++) gort::yield();  // not sleep: virtual time would stand still
        gort::panic("stop everything");
      });
      for (long i = 0; i < 1'000'000'000L; i++) {  // minutes of yields if nobody ends it
        gort::yield();
        spins++;
      }
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(panic_head("stop everything", 2), 0) == 0);
    CHECK(spins < 1'000'000'000L);
    CHECK(r.wall < 10s);
  });
}

TEST_CASE("panic: the panicking goroutine's stack is unwound, destructors run") {
  for_each_mode([](gort::Config cfg) {
    int live_before = Tracked::live;
    auto r = run_captured(cfg, [] {
      gort::go([t = Tracked(1)] {
        Tracked on_stack(2);
        std::vector<Tracked> heap(3);
        gort::yield();
        gort::panic("with things on the stack");
      });
      gort::select();
    });
    CHECK(r.code == 2);
    CHECK(Tracked::live == live_before);
  });
}

TEST_CASE("panic: only the first of two panicking goroutines is reported") {
  for_each_mode(single_runner_modes(), [](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      gort::go([] { gort::panic("first"); });
      gort::go([] { gort::panic("second"); });
      gort::select();
    });
    CHECK(r.code == 2);
    CHECK(count_of(r.err, "panic: ") == 1);
    CHECK(count_of(r.err, "[running]:") == 1);
  });
}

// On threads, goroutines on different Ps can panic at the same moment; a
// report that had begun must keep the others from writing theirs.
TEST_CASE("panic: goroutines panicking at once on threads make one report") {
  for (int round = 0; round < 300; round++) {
    auto r = run_captured(threaded(4), [] {
      auto start = gort::make_chan<int>();
      for (int i = 0; i < 4; i++) {
        gort::go([start] {
          start.recv();
          gort::panic("at once");
        });
      }
      start.close();
      gort::select();
    });
    INFO("round ", round, ", stderr:\n", r.err);
    REQUIRE(r.code == 2);
    REQUIRE(count_of(r.err, "panic: ") == 1);
    REQUIRE(count_of(r.err, "[running]:") == 1);
  }
}

TEST_CASE("panic: gort::exit ends the program with its code, from any goroutine") {
  for_each_mode([](gort::Config cfg) {
    bool after = false;
    auto r = run_captured(cfg, [&] {
      gort::println("bye");
      gort::exit(3);
      after = true;
    });
    CHECK(r.code == 3);
    CHECK(r.out == "bye\n");
    CHECK(r.err == "");
    CHECK_FALSE(after);

    auto g = run_captured(cfg, [] {
      gort::go([] { gort::exit(7); });
      gort::select();
    });
    CHECK(g.code == 7);
    CHECK(g.err == "");

    auto zero = run_captured(cfg, [] {
      gort::go([] { gort::exit(0); });
      gort::select();
    });
    CHECK(zero.code == 0);
    CHECK(zero.err == "");
  });
}

TEST_CASE("panic: the next program runs normally after panics, fatal errors and deadlocks") {
  for_each_mode([](gort::Config cfg) {
    std::vector<int> codes;
    for (int i = 0; i < 5; i++) {
      codes.push_back(run_captured(cfg, [] { gort::panic("p"); }).code);
      codes.push_back(run_captured(cfg, [] {
                        gort::Mutex mu;
                        mu.unlock();
                      }).code);
      codes.push_back(run_captured(cfg, [] { gort::make_chan<int>().recv(); }).code);
      auto ok = run_captured(cfg, [] {
        auto ch = gort::make_chan<int>();
        gort::go([ch] { ch.send(gort::goid() == 2 ? 1 : 0); });
        gort::println("fine", ch.recv());
      });
      codes.push_back(ok.code);
      CHECK(ok.out == "fine 1\n");
      CHECK(ok.err == "");
    }
    CHECK(codes == std::vector<int>{2, 2, 2, 0, 2, 2, 2, 0, 2, 2, 2, 0, 2, 2, 2, 0, 2, 2, 2, 0});
  });
}

TEST_CASE("panic: main returning while a panic is reported does not make the exit code 0") {
  // As in Go, where main's exit waits for a goroutine that is panicking: a
  // printed panic exits 2. Here the panic's what() is slow, so main returns
  // while the report is being written. (Found by model_random_test.cpp.)
  if (!kThreads) return;  // one thread: main cannot return meanwhile
  static std::atomic<bool> reporting{false};
  struct Slow : std::exception {
    const char* what() const noexcept override {
      reporting = true;
      std::this_thread::sleep_for(200ms);
      return "slow";
    }
  };
  reporting = false;
  auto r = run_captured(threaded(2), [] {
    gort::go([] { throw Slow(); });
    while (!reporting) gort::sleep(1ms);
  });
  CHECK(r.code == 2);
  CHECK(r.err.rfind(panic_head("slow", 2), 0) == 0);
}
