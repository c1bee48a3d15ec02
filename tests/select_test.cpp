// select (core/src/select.cpp): a uniform random choice among ready cases
// (the split is measured), default only when nothing is ready, nil cases
// never chosen, no deadlock between selects that lock the same channels in
// opposite order, blocking until a case is ready, callbacks and returned
// indexes, closed channels, and the runtime-sized select over gort::Case.
#include <doctest/doctest.h>

#include <span>
#include <stdexcept>
#include <vector>

#include "test_util.hpp"

using namespace gort_test;
using namespace std::chrono_literals;

namespace {
constexpr int kSelects = 10000;
// Bounds on how often each of two always-ready cases may win: 45-55%.
constexpr int kLow = kSelects * 45 / 100, kHigh = kSelects * 55 / 100;
}  // namespace

TEST_CASE("select: the choice between two ready channels is uniform") {
  for_each_mode([](gort::Config cfg) {
    int wins[2] = {0, 0};
    auto r = run_captured(cfg, [&] {
      auto a = gort::make_chan<int>(1), b = gort::make_chan<int>(1);
      a.send(0);
      b.send(0);
      for (int i = 0; i < kSelects; i++) {
        int k = gort::select(gort::case_recv(a), gort::case_recv(b));
        wins[k]++;
        (k == 0 ? a : b).send(0);  // keep both ready
      }
    });
    CHECK(r.code == 0);
    CHECK(wins[0] + wins[1] == kSelects);
    CHECK(wins[0] >= kLow);
    CHECK(wins[0] <= kHigh);
  });
}

TEST_CASE("select: the choice between a ready send and a ready receive is uniform") {
  for_each_mode([](gort::Config cfg) {
    int wins[2] = {0, 0};
    auto r = run_captured(cfg, [&] {
      auto in = gort::make_chan<int>(1), out = gort::make_chan<int>(1);
      in.send(0);
      for (int i = 0; i < kSelects; i++) {
        int k = gort::select(gort::case_send(out, 1), gort::case_recv(in));
        wins[k]++;
        if (k == 0) {
          out.recv();
        } else {
          in.send(0);
        }
      }
    });
    CHECK(r.code == 0);
    CHECK(wins[0] >= kLow);
    CHECK(wins[0] <= kHigh);
  });
}

TEST_CASE("select: a default case never runs while another case is ready") {
  for_each_mode([](gort::Config cfg) {
    int defaults = 0, wins[2] = {0, 0};
    auto r = run_captured(cfg, [&] {
      auto a = gort::make_chan<int>(1), b = gort::make_chan<int>(1);
      a.send(0);
      b.send(0);
      for (int i = 0; i < kSelects; i++) {
        int k = gort::select(gort::case_default([&] { defaults++; }), gort::case_recv(a),
                             gort::case_recv(b));
        if (k == 1 || k == 2) {
          wins[k - 1]++;
          (k == 1 ? a : b).send(0);
        }
      }
    });
    CHECK(r.code == 0);
    CHECK(defaults == 0);
    CHECK(wins[0] >= kLow);
    CHECK(wins[0] <= kHigh);
  });
}

TEST_CASE("select: default runs when nothing is ready, and only its callback runs") {
  for_each_mode([](gort::Config cfg) {
    std::vector<int> chosen;
    int recv_calls = 0, send_calls = 0, default_calls = 0;
    auto r = run_captured(cfg, [&] {
      auto empty = gort::make_chan<int>(1);
      auto full = gort::make_chan<int>(1);
      full.send(1);
      auto unbuffered = gort::make_chan<int>();
      for (int i = 0; i < 100; i++) {
        chosen.push_back(gort::select(gort::case_recv(empty, [&](int) { recv_calls++; }),
                                      gort::case_send(full, 2, [&] { send_calls++; }),
                                      gort::case_recv(unbuffered, [&] { recv_calls++; }),
                                      gort::case_default([&] { default_calls++; })));
      }
    });
    CHECK(r.code == 0);
    CHECK(chosen == std::vector<int>(100, 3));
    CHECK(default_calls == 100);
    CHECK(recv_calls == 0);
    CHECK(send_calls == 0);
  });
}

TEST_CASE("select: a case made ready by a blocked partner or by close beats default") {
  for_each_mode(single_runner_modes(), [](gort::Config cfg) {
    std::vector<int> chosen;
    int got_from_sender = 0;
    std::pair<int, bool> got_closed{-1, true};
    bool receiver_got = false;
    auto r = run_captured(cfg, [&] {
      auto from_sender = gort::make_chan<int>();
      gort::go([from_sender] { from_sender.send(9); });
      gort::yield();  // the sender blocks in send
      chosen.push_back(gort::select(
          gort::case_recv(from_sender, [&](int v) { got_from_sender = v; }), gort::case_default()));

      auto to_receiver = gort::make_chan<int>();
      gort::go([to_receiver, &receiver_got] { receiver_got = to_receiver.recv() == 4; });
      gort::yield();  // the receiver blocks in recv
      chosen.push_back(gort::select(gort::case_default(), gort::case_send(to_receiver, 4)));
      gort::yield();

      auto closed = gort::make_chan<int>();
      closed.close();
      chosen.push_back(gort::select(gort::case_recv(closed,
                                                    [&](int v, bool ok) {
                                                      got_closed = {v, ok};
                                                    }),
                                    gort::case_default()));
    });
    CHECK(r.code == 0);
    CHECK(chosen == std::vector<int>{0, 1, 0});
    CHECK(got_from_sender == 9);
    CHECK(receiver_got);
    CHECK(got_closed == std::pair<int, bool>{0, false});
  });
}

TEST_CASE("select: cases on nil channels are never chosen") {
  for_each_mode([](gort::Config cfg) {
    int not_two = 0, not_default = 0;
    auto r = run_captured(cfg, [&] {
      gort::Chan<int> nil;
      auto ready = gort::make_chan<int>(1);
      for (int i = 0; i < 2000; i++) {
        ready.send(i);
        int k = gort::select(gort::case_recv(nil), gort::case_send(nil, 1), gort::case_recv(ready),
                             gort::case_recv(nil));
        not_two += k != 2;
      }
      for (int i = 0; i < 200; i++) {
        int k = gort::select(gort::case_recv(nil), gort::case_default(), gort::case_send(nil, 3));
        not_default += k != 1;
      }
    });
    CHECK(r.code == 0);
    CHECK(not_two == 0);
    CHECK(not_default == 0);
  });
}

TEST_CASE("select: blocks until a case is ready, then runs that case only") {
  for_each_mode([](gort::Config cfg) {
    int chosen = -1, value = 0, other_calls = 0;
    bool ok = false;
    auto r = run_captured(cfg, [&] {
      auto a = gort::make_chan<int>(), b = gort::make_chan<int>();
      gort::go([b] {
        gort::sleep(10ms);
        b.send(77);
      });
      chosen = gort::select(gort::case_recv(a, [&](int, bool) { other_calls++; }),
                            gort::case_recv(b, [&](int v, bool k) {
                              value = v;
                              ok = k;
                            }));
    });
    CHECK(r.code == 0);
    CHECK(chosen == 1);
    CHECK(value == 77);
    CHECK(ok);
    CHECK(other_calls == 0);
  });
}

TEST_CASE("select: a blocked send case completes when a receiver arrives") {
  for_each_mode([](gort::Config cfg) {
    int chosen = -1, received = 0;
    bool callback = false;
    auto r = run_captured(cfg, [&] {
      auto a = gort::make_chan<int>(), b = gort::make_chan<int>();
      auto done = gort::make_chan<bool>();
      gort::go([a, done, &received] {
        gort::sleep(10ms);
        received = a.recv();
        done.send(true);
      });
      chosen = gort::select(gort::case_send(a, 31, [&] { callback = true; }), gort::case_recv(b));
      done.recv();
    });
    CHECK(r.code == 0);
    CHECK(chosen == 0);
    CHECK(callback);
    CHECK(received == 31);
  });
}

TEST_CASE("select: closing a channel wakes a blocked select with (zero, false)") {
  for_each_mode([](gort::Config cfg) {
    int chosen = -1;
    std::pair<int, bool> got{-1, true};
    auto r = run_captured(cfg, [&] {
      auto a = gort::make_chan<int>(), b = gort::make_chan<int>();
      gort::go([b] {
        gort::sleep(10ms);
        b.close();
      });
      chosen = gort::select(gort::case_recv(a), gort::case_recv(b, [&](int v, bool ok) {
                              got = {v, ok};
                            }));
    });
    CHECK(r.code == 0);
    CHECK(chosen == 1);
    CHECK(got == std::pair<int, bool>{0, false});
  });
}

TEST_CASE("select: receive callbacks may take (T, bool), (T), () or be left out") {
  for_each_mode([](gort::Config cfg) {
    std::vector<int> got;
    int nullary = 0;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>(4);
      ch.send(1);
      ch.send(2);
      ch.send(3);
      ch.send(4);
      gort::select(gort::case_recv(ch, [&](int v, bool ok) { got.push_back(ok ? v : -v); }));
      gort::select(gort::case_recv(ch, [&](int v) { got.push_back(v); }));
      gort::select(gort::case_recv(ch, [&] { nullary++; }));
      gort::select(gort::case_recv(ch));
      got.push_back(static_cast<int>(ch.len()));
    });
    CHECK(r.code == 0);
    CHECK(got == std::vector<int>{1, 2, 0});
    CHECK(nullary == 1);
  });
}

TEST_CASE("select: a send case on a closed channel panics") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      auto a = gort::make_chan<int>(), b = gort::make_chan<int>();
      b.close();
      gort::select(gort::case_recv(a), gort::case_send(b, 1));
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind("panic: send on closed channel\n\ngoroutine 1 [running]:\n", 0) == 0);
  });
}

TEST_CASE("select: a blocked send case panics when its channel is closed") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      auto a = gort::make_chan<int>(), b = gort::make_chan<int>();
      gort::go([a, b] { gort::select(gort::case_recv(a), gort::case_send(b, 1)); });  // goroutine 2
      gort::sleep(10ms);
      b.close();
      gort::select();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind("panic: send on closed channel\n\ngoroutine 2 [running]:\n", 0) == 0);
  });
}

TEST_CASE("select: a timeout case fires when nothing else is ready") {
  for_each_mode([](gort::Config cfg) {
    int chosen = -1;
    gort::Duration waited{};
    auto r = run_captured(cfg, [&] {
      auto never = gort::make_chan<int>();
      auto t0 = gort::now();
      chosen = gort::select(gort::case_recv(never), gort::case_recv(gort::after(50ms)));
      waited = gort::since(t0);
    });
    CHECK(r.code == 0);
    CHECK(chosen == 1);
    CHECK(waited >= 50ms);
  });
}

TEST_CASE(
    "select: two goroutines selecting over the same channels in opposite order never deadlock") {
  static constexpr int kRounds = 20000;
  for_each_mode([](gort::Config cfg) {
    int done1 = 0, done2 = 0, sends1 = 0, sends2 = 0;
    auto r = run_captured(cfg, [&] {
      auto a = gort::make_chan<int>(), b = gort::make_chan<int>();
      gort::WaitGroup wg;
      wg.add(2);
      // Each goroutine offers both to send and to receive, on a and b in
      // opposite orders; every round pairs one of them with the other's.
      gort::go([&, a, b] {
        for (int i = 0; i < kRounds; i++) {
          if (gort::select(gort::case_send(a, 1), gort::case_recv(b)) == 0) sends1++;
          done1++;
        }
        wg.done();
      });
      gort::go([&, a, b] {
        for (int i = 0; i < kRounds; i++) {
          if (gort::select(gort::case_send(b, 2), gort::case_recv(a)) == 0) sends2++;
          done2++;
        }
        wg.done();
      });
      wg.wait();
    });
    CHECK(r.code == 0);
    CHECK(done1 == kRounds);
    CHECK(done2 == kRounds);
    CHECK(sends1 + sends2 == kRounds);  // every round is one send matched with one receive
  });
}

TEST_CASE("select: many selecting receivers take every value exactly once") {
  static constexpr int kSenders = 6, kReceivers = 6, kEach = 400;
  for_each_mode([](gort::Config cfg) {
    std::vector<int> seen(kSenders * kEach, 0);
    auto r = run_captured(cfg, [&] {
      std::vector<gort::Chan<int>> chs = {gort::make_chan<int>(), gort::make_chan<int>(1),
                                          gort::make_chan<int>()};
      auto quit = gort::make_chan<bool>();
      gort::WaitGroup senders, receivers;
      senders.add(kSenders);
      receivers.add(kReceivers);
      for (int s = 0; s < kSenders; s++) {
        gort::go([&, s] {
          for (int i = 0; i < kEach; i++) chs[(s + i) % 3].send(s * kEach + i);
          senders.done();
        });
      }
      for (int k = 0; k < kReceivers; k++) {
        gort::go([&] {
          for (bool running = true; running;) {
            gort::select(gort::case_recv(chs[0], [&](int v) { seen[v]++; }),
                         gort::case_recv(chs[1], [&](int v) { seen[v]++; }),
                         gort::case_recv(chs[2], [&](int v) { seen[v]++; }),
                         gort::case_recv(quit, [&] { running = false; }));
          }
          receivers.done();
        });
      }
      senders.wait();
      quit.close();
      receivers.wait();
      // A receiver may pick the closed quit over a value still in chs[1]'s
      // buffer (select chooses at random among ready cases): main takes it.
      for (std::size_t n = chs[1].len(); n > 0; n--) seen[chs[1].recv()]++;
    });
    CHECK(r.code == 0);
    int wrong = 0;
    for (int n : seen) wrong += n != 1;
    CHECK(wrong == 0);
  });
}

// ---- the runtime-sized form ----

TEST_CASE("select: the span form runs the ready case and returns its index") {
  for_each_mode([](gort::Config cfg) {
    int chosen = -1, got = 0, others = 0, chosen_default = -1, default_calls = 0;
    auto r = run_captured(cfg, [&] {
      std::vector<gort::Chan<int>> chs;
      for (int i = 0; i < 20; i++) chs.push_back(gort::make_chan<int>(1));
      chs[13].send(1313);
      std::vector<gort::Case> cases;
      for (int i = 0; i < 20; i++) {
        cases.emplace_back(gort::case_recv(chs[i], [&, i](int v) {
          if (i == 13) {
            got = v;
          } else {
            others++;
          }
        }));
      }
      chosen = gort::select(std::span<gort::Case>(cases));

      std::vector<gort::Case> with_default;
      with_default.emplace_back(gort::case_recv(chs[0]));
      with_default.emplace_back(gort::case_default([&] { default_calls++; }));
      with_default.emplace_back(gort::case_send(chs[1], 5));
      chs[1].send(0);  // now full: the send case is not ready either
      chosen_default = gort::select(std::span<gort::Case>(with_default));
    });
    CHECK(r.code == 0);
    CHECK(chosen == 13);
    CHECK(got == 1313);
    CHECK(others == 0);
    CHECK(chosen_default == 1);
    CHECK(default_calls == 1);
  });
}

TEST_CASE("select: the span form chooses uniformly among ready cases") {
  for_each_mode([](gort::Config cfg) {
    int wins[3] = {0, 0, 0};
    auto r = run_captured(cfg, [&] {
      std::vector<gort::Chan<int>> chs = {gort::make_chan<int>(1), gort::make_chan<int>(1),
                                          gort::make_chan<int>(1)};
      std::vector<gort::Case> cases;
      for (auto& c : chs) {
        c.send(0);
        cases.emplace_back(gort::case_recv(c));
      }
      for (int i = 0; i < 9000; i++) {
        int k = gort::select(std::span<gort::Case>(cases));
        wins[k]++;
        chs[k].send(0);
      }
    });
    CHECK(r.code == 0);
    for (int w : wins) {
      CHECK(w >= 2700);  // 30%..36.7% of 9000 each
      CHECK(w <= 3300);
    }
  });
}

TEST_CASE("select: the span form blocks until a case is ready and rejects two defaults") {
  for_each_mode([](gort::Config cfg) {
    int chosen = -1, got = 0;
    bool rejected = false;
    auto r = run_captured(cfg, [&] {
      auto a = gort::make_chan<int>(), b = gort::make_chan<int>();
      gort::go([a] {
        gort::sleep(5ms);
        a.send(8);
      });
      std::vector<gort::Case> cases;
      cases.emplace_back(gort::case_recv(b));
      cases.emplace_back(gort::case_recv(a, [&](int v, bool) { got = v; }));
      chosen = gort::select(std::span<gort::Case>(cases));

      std::vector<gort::Case> two;
      two.emplace_back(gort::case_default());
      two.emplace_back(gort::case_default());
      try {
        gort::select(std::span<gort::Case>(two));
      } catch (const std::invalid_argument&) {
        rejected = true;
      }
    });
    CHECK(r.code == 0);
    CHECK(chosen == 1);
    CHECK(got == 8);
    CHECK(rejected);
  });
}
