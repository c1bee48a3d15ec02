// Running programs (core/src/program.cpp, goroutine.cpp, proc.cpp): many
// runs in a row with flat memory, the incremental driver (start, run_for,
// stop), simulated Ps, determinism (same seed, same output or event
// sequence), Config validation, max_goroutines, goid, unwinding of the
// goroutines still alive when main returns (destructors run, channels are
// freed), and the runtime refusing to be used outside a program.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "test_util.hpp"

using namespace gort_test;
using namespace std::chrono_literals;

namespace {

std::size_t rss_bytes() {
#ifdef __EMSCRIPTEN__
  // No /proc: the wasm memory, which only grows, is what the process holds.
  return __builtin_wasm_memory_size(0) * std::size_t{65536};
#endif
  std::ifstream f("/proc/self/statm");
  std::size_t size = 0, resident = 0;
  f >> size >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// Runs f with the process's stderr redirected to a file; returns what was written.
template <class F>
std::string capture_stderr(F&& f) {
  std::fflush(stderr);
  int saved = dup(2);
#ifdef __EMSCRIPTEN__
  // Emscripten's dup2 reopens the file by its path, which tmpfile() unlinks.
  std::FILE* tmp = std::fopen("/tmp/gort_stderr", "w+");
#else
  std::FILE* tmp = std::tmpfile();
#endif
  dup2(fileno(tmp), 2);
  f();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  std::rewind(tmp);
  std::string s;
  char buf[512];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, tmp)) > 0;) s.append(buf, n);
  std::fclose(tmp);
  return s;
}

// A small program exercising most of the runtime, leaving goroutines
// blocked, sleeping and runnable when main returns.
void busy_program() {
  auto jobs = gort::make_chan<int>(4, "jobs");
  auto results = gort::make_chan<int>();
  gort::WaitGroup wg;
  wg.add(3);
  for (int w = 0; w < 3; w++) {
    gort::go([=, &wg] {
      for (int j : jobs) results.send(j * 2);
      wg.done();
    });
  }
  gort::go([=] {
    for (int i = 0; i < 20; i++) jobs.send(i);
    jobs.close();
  });
  int sum = 0;
  for (int i = 0; i < 20; i++) sum += results.recv();
  wg.wait();
  gort::println("sum", sum);
  auto stuck = gort::make_chan<std::string>(2);
  stuck.send("left in the buffer");
  gort::go([stuck] {
    stuck.send("fills the buffer");
    stuck.send("blocks forever");
  });
  gort::go([] { gort::sleep(1h); });
  gort::go([] {
    for (;;) gort::yield();
  });
  // Not a timer: on virtual time the clock stands still while the spinner runs.
  for (int i = 0; i < 10; i++) gort::yield();
}

}  // namespace

TEST_CASE("program: a thousand runs in a row keep memory flat") {
  std::atomic<long> printed{0};
  auto cfg_for = [&](int i) {
    gort::Config c =
        i % 3 == 2 ? simulated(2, true, static_cast<std::uint64_t>(i)) : threaded(1 + i % 3);
    c.out = [&](std::string_view s) { printed += static_cast<long>(s.size()); };
    return c;
  };
  int failures = 0;
  Watchdog wd("1000 runs", 120s);
  for (int i = 0; i < 100; i++) failures += gort::run(cfg_for(i), busy_program) != 0;  // warm-up
  std::size_t before = rss_bytes();
  for (int i = 0; i < 1000; i++) failures += gort::run(cfg_for(i), busy_program) != 0;
  std::size_t after = rss_bytes();
  CHECK(failures == 0);
  CHECK(printed == 1100 * static_cast<long>(std::string("sum 380\n").size()));
  INFO("RSS before ", before / 1024, " KiB, after ", after / 1024, " KiB");
  // Sanitizers keep their own per-thread and per-fiber state: a looser bound.
  std::size_t bound = (kSanitized ? 128 : 8) << 20;
  CHECK(after < before + bound);
}

TEST_CASE("program: goroutines alive when main returns are unwound and what they hold is freed") {
  for_each_mode([](gort::Config cfg) {
    int live_before = Tracked::live;
    std::atomic<int> unwound{0};
    struct CountsUnwind {
      std::atomic<int>* n;
      ~CountsUnwind() { (*n)++; }
    };
    gort::Mutex mu;
    gort::RWMutex rw;
    gort::WaitGroup never;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<Tracked>(4);
      ch.send(Tracked(1));
      ch.send(Tracked(2));
      auto unbuffered = gort::make_chan<Tracked>();
      gort::Chan<int> nil;
      mu.lock();
      rw.lock();
      never.add(1);
      using Body = std::function<void()>;
      std::vector<Body> bodies = {
          [ch] { gort::make_chan<int>().recv(); },
          [unbuffered] { unbuffered.send(Tracked(3)); },
          [ch, unbuffered] {
            gort::select(gort::case_recv(unbuffered), gort::case_send(ch, Tracked(4)));
          },
          [&] { mu.lock(); },
          [&] { rw.rlock(); },
          [&] { never.wait(); },
          [] { gort::sleep(1h); },
          [nil] { nil.recv(); },
          [] { gort::select(); },
          [] {
            for (;;) gort::yield();
          },
      };
      ch.send(Tracked(5));
      ch.send(Tracked(6));  // full now: the select's send case cannot proceed
      gort::WaitGroup started;
      started.add(static_cast<int>(bodies.size()));
      for (auto& b : bodies) {
        gort::go([b, t = Tracked(10), &unwound, &started] {
          CountsUnwind c{&unwound};
          Tracked on_stack(11);
          started.done();
          b();
        });
      }
      started.wait();
      for (int i = 0; i < 10; i++) gort::yield();       // not sleep: virtual time stands still here
      gort::go([t = Tracked(12)] { gort::select(); });  // created, never started
    });
    CHECK(r.code == 0);
    CHECK(r.err == "");
    CHECK(unwound == 10);
    CHECK(Tracked::live == live_before);
    CHECK(r.wall < 5s);  // nobody waited for the hour-long sleep
  });
}

TEST_CASE("program: main returning ends the program at once, nothing runs after") {
  for_each_mode([](gort::Config cfg) {
    static std::atomic<long> writes{0};
    writes = 0;
    std::atomic<long> spins{0};
    cfg.out = [](std::string_view) { writes++; };
    Watchdog wd("main returns");
    auto t0 = std::chrono::steady_clock::now();
    int code = gort::run(cfg, [&] {
      for (int i = 0; i < 3; i++) {
        gort::go([&] {
          for (;;) {
            spins++;
            gort::println("tick");
            gort::yield();
          }
        });
      }
      gort::go([] { gort::sleep(1h); });
      while (spins < 100) gort::yield();
    });
    auto wall = std::chrono::steady_clock::now() - t0;
    long at_return = writes, spins_at_return = spins;
    std::this_thread::sleep_for(20ms);
    CHECK(code == 0);
    CHECK(wall < 5s);
    CHECK(writes == at_return);
    CHECK(spins == spins_at_return);
  });
}

TEST_CASE("program: catching std::exception does not stop a goroutine from being unwound") {
  for_each_mode([](gort::Config cfg) {
    std::atomic<bool> caught{false}, went_on{false};
    auto r = run_captured(cfg, [&] {
      auto started = gort::make_chan<bool>(1);
      gort::go([&, started] {
        try {
          started.send(true);
          gort::make_chan<int>().recv();
        } catch (const std::exception&) {
          caught = true;
        }
        went_on = true;
      });
      started.recv();
      for (int i = 0; i < 10; i++) gort::yield();
    });
    CHECK(r.code == 0);
    CHECK_FALSE(caught);
    CHECK_FALSE(went_on);
  });
}

TEST_CASE("program: a channel handle may outlive its program") {
  for_each_mode([](gort::Config cfg) {
    gort::Chan<int> kept;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>(2);
      ch.send(41);
      kept = ch;
    });
    CHECK(r.code == 0);
    CHECK(kept.len() == 1);
    CHECK(kept.cap() == 2);
  });
}

// ---- goroutine identity and limits ----

TEST_CASE("program: goid numbers goroutines from 1 in creation order, afresh in every run") {
  for_each_mode([](gort::Config cfg) {
    for (int run = 0; run < 2; run++) {
      std::uint64_t main_id = 0;
      std::vector<std::uint64_t> ids(5, 0);
      std::vector<std::size_t> counts;
      auto r = run_captured(cfg, [&] {
        main_id = gort::goid();
        counts.push_back(gort::num_goroutine());
        auto release = gort::make_chan<bool>();
        gort::WaitGroup wg;
        wg.add(5);
        for (int i = 0; i < 5; i++) {
          gort::go([&, i, release] {
            ids[i] = gort::goid();
            release.recv2();
            wg.done();
          });
        }
        counts.push_back(gort::num_goroutine());
        release.close();
        wg.wait();
        for (int i = 0; i < 1000 && gort::num_goroutine() > 1; i++) gort::sleep(1ms);
        counts.push_back(gort::num_goroutine());
      });
      CHECK(r.code == 0);
      CHECK(main_id == 1);
      CHECK(ids == std::vector<std::uint64_t>{2, 3, 4, 5, 6});
      CHECK(counts == std::vector<std::size_t>{1, 6, 1});
    }
  });
}

TEST_CASE("program: exceeding max_goroutines is a fatal error naming the limit") {
  for_each_mode([](gort::Config cfg) {
    cfg.max_goroutines = 10;
    std::size_t reached = 0;
    auto at_limit = run_captured(cfg, [&] {
      for (int i = 0; i < 9; i++) gort::go([] { gort::select(); });
      reached = gort::num_goroutine();  // main + 9: exactly the limit
    });
    CHECK(at_limit.code == 0);
    CHECK(reached == 10);

    bool after = false;
    auto over = run_captured(cfg, [&] {
      for (int i = 0; i < 10; i++) gort::go([] { gort::select(); });
      after = true;
    });
    CHECK(over.code == 2);
    CHECK(over.err.rfind("fatal error: ", 0) == 0);
    CHECK(over.err.find("10") != std::string::npos);
    CHECK(over.err.find("panic") == std::string::npos);
    CHECK_FALSE(after);
  });
}

// ---- Config validation ----

TEST_CASE("program: an invalid Config is refused with a clear message, nothing runs") {
  struct Bad {
    const char* what;
    gort::Config cfg;
  };
  std::vector<Bad> bad;
  {
    gort::Config c;
    c.gomaxprocs = -1;
    bad.push_back({"gomaxprocs", c});
    c.gomaxprocs = 100000;
    bad.push_back({"gomaxprocs", c});
    c = {};
    c.stack_size = 10;
    bad.push_back({"stack_size", c});
    c.stack_size = std::size_t{1} << 40;
    bad.push_back({"stack_size", c});
    c = {};
    c.trace = true;
    c.trace_capacity = 1;
    bad.push_back({"trace_capacity", c});
    c = {};
    c.sched = gort::SchedMode::Simulated;
    c.gomaxprocs = -5;
    bad.push_back({"gomaxprocs", c});
    c = {};
    c.speed = 0;
    bad.push_back({"speed", c});
    c.speed = 1e9;
    bad.push_back({"speed", c});
  }
  for (auto& b : bad) {
    INFO("bad field: ", std::string(b.what));
    bool ran = false;
    std::string sink;
    b.cfg.err = [&](std::string_view s) { sink.append(s); };
    b.cfg.out = [&](std::string_view s) { sink.append(s); };
    int code = 0;
    std::string err = capture_stderr([&] { code = gort::run(b.cfg, [&] { ran = true; }); });
    CHECK(code != 0);
    CHECK_FALSE(ran);
    std::string said = err + sink;
    CHECK(said.find(b.what) != std::string::npos);

    gort::Program p(b.cfg, [&] { ran = true; });
    CHECK_FALSE(p.valid());
    CHECK(p.error().find(b.what) != std::string::npos);
    CHECK(p.wait() != 0);
    CHECK(p.run_for(1ms));  // nothing to run: it counts as ended
    CHECK_FALSE(ran);
  }
  gort::Program no_main(gort::Config{}, std::function<void()>());
  CHECK_FALSE(no_main.valid());
  CHECK_FALSE(no_main.error().empty());
}

TEST_CASE("program: gomaxprocs 0 means all cores, procs and simulated report the mode") {
  gort::Program all(gort::Config{}, [] {});
  CHECK(all.procs() == static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  CHECK(all.simulated() == !gort::Config::kThreads);  // no threads: simulated Ps
  gort::Program sim(simulated(5, false), [] {});
  CHECK(sim.procs() == 5);
  CHECK(sim.simulated());
  gort::Config det;
  det.set_deterministic(true);
  det.gomaxprocs = 3;
  gort::Program d(det, [] {});
  CHECK(d.simulated());  // deterministic: simulated Ps on the virtual clock
  CHECK(all.wait() == 0);
  CHECK(sim.wait() == 0);
  CHECK(d.wait() == 0);
}

// ---- drivers ----

TEST_CASE("program: simulated Ps run every goroutine on the calling thread") {
  std::set<std::thread::id> threads;
  gort::Mutex mu;
  gort::Program p(simulated(4, false), [&] {
    gort::WaitGroup wg;
    wg.add(8);
    for (int i = 0; i < 8; i++) {
      gort::go([&] {
        for (int k = 0; k < 10; k++) {
          {
            std::lock_guard lk(mu);
            threads.insert(std::this_thread::get_id());
          }
          gort::yield();
        }
        wg.done();
      });
    }
    wg.wait();
  });
  Watchdog wd("simulated Ps");
  CHECK(p.wait() == 0);
  CHECK(threads == std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST_CASE("program: run_for drives a simulated program in slices of at most the budget") {
  for (bool deterministic : {false, true}) {
    INFO("deterministic: ", deterministic);
    gort::Config cfg = simulated(2, deterministic, 5);
    std::string expected;
    for (int g = 0; g < 3; g++) expected += "done " + std::to_string(g) + "\n";
    std::string out;
    cfg.out = [&](std::string_view s) { out.append(s); };
    gort::Program p(cfg, [] {
      gort::WaitGroup wg;
      wg.add(3);
      auto order = gort::make_chan<int>(3);
      for (int g = 0; g < 3; g++) {
        gort::go([&, g, order] {
          for (int i = 0; i < 200; i++) {
            spin_work(20000);  // ~20 ms of work in all
            gort::yield();
          }
          order.send(g);
          wg.done();
        });
      }
      wg.wait();
      std::vector<int> done;
      for (int i = 0; i < 3; i++) done.push_back(order.recv());
      std::sort(done.begin(), done.end());
      for (int g : done) gort::println("done", g);
    });
    Watchdog wd("run_for slices");
    int slices = 0;
    std::chrono::steady_clock::duration longest{};
    p.start();
    for (bool ended = false; !ended; slices++) {
      auto t0 = std::chrono::steady_clock::now();
      ended = p.run_for(1ms);
      longest = std::max(longest, std::chrono::steady_clock::now() - t0);
      CHECK(ended == p.done());
    }
    CHECK(slices > 3);
    CHECK(longest < (kSanitized ? 300ms : 100ms));  // one goroutine step past the budget at most
    CHECK(p.exit_code() == 0);
    CHECK(out == expected);
    CHECK(p.output() == expected);
    CHECK(p.run_for(1ms));  // stays ended
  }
}

TEST_CASE("program: run_for returns while a simulated program waits on the real clock" *
          doctest::test_suite("timing")) {
  // Generous numbers: a run_for that slept until the timer would take 300 ms.
  gort::Program p(simulated(1, false), [] { gort::sleep(300ms); });
  Watchdog wd("run_for waiting");
  int calls = 0;
  std::chrono::steady_clock::duration longest{};
  auto t0 = std::chrono::steady_clock::now();
  for (bool ended = false; !ended; calls++) {
    auto c0 = std::chrono::steady_clock::now();
    ended = p.run_for(2ms);
    longest = std::max(longest, std::chrono::steady_clock::now() - c0);
    if (!ended) std::this_thread::sleep_for(5ms);  // the frame loop does other things
  }
  CHECK(std::chrono::steady_clock::now() - t0 >= 300ms);
  CHECK(calls > 3);
  CHECK(longest < 150ms);
  CHECK(p.exit_code() == 0);
}

TEST_CASE("program: a threaded Program starts in the background and is waited for") {
  std::atomic<bool> finished{false};
  gort::Program p(threaded(2), [&] {
    gort::sleep(500ms);
    finished = true;
  });
  Watchdog wd("threaded Program");
  auto t0 = std::chrono::steady_clock::now();
  p.start();
  CHECK(std::chrono::steady_clock::now() - t0 < 250ms);  // start does not wait for the program
  CHECK_FALSE(p.done());
  CHECK_FALSE(p.run_for(1ms));
  CHECK(p.wait() == 0);
  CHECK(p.done());
  CHECK(finished);
  CHECK(p.run_for(1ms));
}

TEST_CASE(
    "program: a Program that run_for reported ended can go without wait, and the next starts") {
  // The browser's frame loop: start, run_for until true, drop the Program,
  // start the next one at once.
  for (const Mode& m : all_modes()) {
    INFO("mode: ", m.name);
    Watchdog wd("run_for then the next program");
    int started_next = 0;
    for (int i = 0; i < 50; i++) {
      auto p = std::make_unique<gort::Program>(m.cfg, [] { gort::yield(); });
      p->start();
      while (!p->run_for(1ms)) {
      }
      CHECK(p->exit_code() == 0);
      gort::Program next(m.cfg, [] {});
      try {
        next.start();  // the ended program no longer counts as running
        started_next++;
      } catch (const std::logic_error&) {
      }
      next.wait();
      p.reset();  // never waited for: its destructor cleans up
    }
    CHECK(started_next == 50);
  }
}

TEST_CASE("program: stop ends a program that would run forever, and unwinds it") {
  int live_before = Tracked::live;
  for (const Mode& m : all_modes()) {
    INFO("mode: ", m.name);
    Watchdog wd("stop");
    gort::Program p(m.cfg, [] {
      gort::go([t = Tracked(1)] {
        for (;;) gort::yield();
      });
      Tracked held(2);
      for (;;) gort::yield();
    });
    p.start();
    CHECK_FALSE(p.run_for(5ms));
    p.stop();
    CHECK(p.wait() == -1);
    CHECK(p.done());
    CHECK(Tracked::live == live_before);
  }
  for (const Mode& m : all_modes()) {
    INFO("mode (destroyed while running): ", m.name);
    Watchdog wd("destructor");
    {
      gort::Program p(m.cfg, [] {
        Tracked held(3);
        for (;;) gort::yield();
      });
      p.start();
      p.run_for(2ms);
    }
    CHECK(Tracked::live == live_before);
  }
}

TEST_CASE("program: reap collects a stopped program's threads without waiting for them" *
          doctest::skip(!kThreads)) {
  // The browser's switch: stop, then reap once a frame until every thread
  // is collected, then the next program (web/session.cpp).
  int live_before = Tracked::live;
  Watchdog wd("reap");
  for (int i = 0; i < 20; i++) {
    auto p = std::make_unique<gort::Program>(threaded(4), [] {
      for (int k = 0; k < 3; k++) {
        gort::go([t = Tracked(1)] {
          for (;;) gort::yield();
        });
      }
      for (;;) gort::yield();
    });
    p->start();
    CHECK_FALSE(p->reap());  // running
    p->stop();
    while (!p->reap()) std::this_thread::sleep_for(100us);
    CHECK(p->done());
    CHECK(p->exit_code() == -1);
    CHECK(Tracked::live == live_before);  // unwound before it was done
    gort::Program next(threaded(4), [] { gort::yield(); });
    CHECK(next.wait() == 0);
    p.reset();
  }
}

TEST_CASE("program: only one program runs at a time") {
  auto release = std::make_shared<std::atomic<bool>>(false);
  gort::Program first(threaded(1), [release] {
    while (!*release) gort::sleep(1ms);
  });
  Watchdog wd("one at a time");
  first.start();
  gort::Program second(threaded(1), [] {});
  CHECK_THROWS_AS(second.start(), std::logic_error);
  *release = true;
  CHECK(first.wait() == 0);
  gort::Config quiet = threaded(1);
  quiet.out = [](std::string_view) {};
  gort::Program third(quiet, [] { gort::println("third"); });
  CHECK(third.wait() == 0);
  CHECK(third.output() == "third\n");
}

TEST_CASE("program: the runtime refuses to be used outside a running program") {
  CHECK_THROWS_AS(gort::yield(), std::logic_error);
  CHECK_THROWS_AS(gort::goid(), std::logic_error);
  CHECK_THROWS_AS(gort::sleep(1ms), std::logic_error);
  CHECK_THROWS_AS(gort::go([] {}), std::logic_error);
  CHECK_THROWS_AS(gort::println("x"), std::logic_error);
  CHECK_THROWS_AS(gort::num_goroutine(), std::logic_error);
  auto ch = gort::make_chan<int>(1);
  CHECK_THROWS_AS(ch.send(1), std::logic_error);
  CHECK_THROWS_AS(ch.recv(), std::logic_error);
  gort::WaitGroup wg;
  CHECK_THROWS_AS(wg.wait(), std::logic_error);
}

TEST_CASE("program: output goes to the out and err sinks, output() holds both in order") {
  for_each_mode([](gort::Config cfg) {
    std::string out, err;
    cfg.out = [&](std::string_view s) { out.append(s); };
    cfg.err = [&](std::string_view s) { err.append(s); };
    gort::Program p(cfg, [] {
      gort::println("a", 1);
      gort::printf("%d-%s\n", 5, "x");
      gort::print("raw");
      gort::panic("oops");
    });
    Watchdog wd("sinks");
    CHECK(p.wait() == 2);
    CHECK(out == "a 1\n5-x\nraw");
    CHECK(err.rfind("panic: oops\n", 0) == 0);
    CHECK(p.output() == out + err);
  });
}

// ---- determinism ----

namespace {

// Racy on purpose: selects between channels that are all ready, goroutines
// whose prints interleave, timers; the output depends on every choice the
// scheduler and select make.
void racy_program() {
  auto a = gort::make_chan<int>(8), b = gort::make_chan<int>(8), c = gort::make_chan<int>();
  gort::WaitGroup wg;
  wg.add(4);
  for (int g = 0; g < 4; g++) {
    gort::go([=, &wg] {
      for (int i = 0; i < 15; i++) {
        gort::select(gort::case_send(a, g * 100 + i), gort::case_send(b, g * 100 + i),
                     gort::case_send(c, g * 100 + i));
        if (i % 4 == g) gort::sleep(std::chrono::microseconds(100 * (g + 1)));
        if (i % 3 == 0) gort::yield();
      }
      wg.done();
    });
  }
  gort::go([&wg, a, b, c] {
    wg.wait();
    a.close();
    b.close();
    c.close();
  });
  int open = 3;
  gort::Chan<int> chans[3] = {a, b, c};
  auto print_or_drop = [&](int k, const char* name) {
    return [&, k, name](int v, bool ok) {
      if (ok) {
        gort::println(name, v);
      } else {
        chans[k] = {};  // closed: a nil channel is never chosen again
        open--;
      }
    };
  };
  while (open > 0) {
    int k = gort::select(gort::case_recv(chans[0], print_or_drop(0, "a")),
                         gort::case_recv(chans[1], print_or_drop(1, "b")),
                         gort::case_recv(chans[2], print_or_drop(2, "c")));
    if (k == 0) gort::yield();
  }
}

}  // namespace

TEST_CASE("program: gomaxprocs 1 with virtual time and a fixed seed prints the same every run") {
  auto output = [](gort::Config cfg) {
    auto r = run_captured(cfg, racy_program);
    CHECK(r.code == 0);
    return r.out;
  };
  for (const Mode& m : {Mode{"threaded gomaxprocs=1", threaded(1)},
                        Mode{"deterministic gomaxprocs=1", simulated(1, true)},
                        Mode{"deterministic gomaxprocs=4", simulated(4, true)}}) {
    INFO("mode: ", m.name);
    gort::Config cfg = m.cfg;
    cfg.clock = gort::ClockMode::Virtual;
    cfg.seed = 12345;
    std::string first = output(cfg);
    CHECK(count_of(first, "\n") == 60);
    for (int i = 0; i < 4; i++) CHECK(output(cfg) == first);
    cfg.seed = 54321;
    CHECK(output(cfg) != first);  // the seed really drives the choices
  }
}

namespace {

using EventKey = std::tuple<int, std::uint32_t, std::uint32_t, std::int64_t, std::uint32_t,
                            std::uint16_t, std::uint8_t, std::int64_t>;

std::vector<EventKey> event_sequence(int procs, std::uint64_t seed) {
  gort::Config cfg = simulated(procs, true, seed);
  cfg.trace = true;
  cfg.out = [](std::string_view) {};
  gort::Program p(cfg, racy_program);
  Watchdog wd("event sequence");
  CHECK(p.wait() == 0);
  std::vector<gort::trace::Event> events;
  p.drain(events);
  CHECK(p.lost_events() == 0);
  std::vector<EventKey> keys;
  for (auto& e : events) {
    keys.emplace_back(static_cast<int>(e.kind), e.g, e.obj, e.value, e.aux, e.p, e.flags, e.ts);
  }
  return keys;
}

}  // namespace

TEST_CASE("program: deterministic mode repeats the same event sequence for the same seed") {
  for (int procs : {1, 2, 8}) {
    INFO("gomaxprocs: ", procs);
    auto first = event_sequence(procs, 99);
    CHECK(first.size() > 500);
    CHECK(event_sequence(procs, 99) == first);
    CHECK(event_sequence(procs, 99) == first);
    CHECK(event_sequence(procs, 100) != first);
  }
}
