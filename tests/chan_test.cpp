// Channels (core/src/chan.cpp): unbuffered rendezvous, buffered FIFO,
// per-sender order, close and (zero, false), range, len/cap, recv2,
// try_send, nil channels, handle semantics, element lifetimes, and the three
// channel panics with Go's exact messages and exit code 2.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "test_util.hpp"

using namespace gort_test;
using namespace std::chrono_literals;

TEST_CASE("chan: unbuffered send waits until a receiver takes the value") {
  for_each_mode([](gort::Config cfg) {
    std::atomic<bool> sent{false};
    bool sent_before_recv = true, sent_after_recv = false;
    int got = 0;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>();
      auto done = gort::make_chan<bool>();
      gort::go([&, ch, done] {
        ch.send(42);
        sent = true;
        done.send(true);
      });
      // Give the sender every chance to get past its send if it could.
      for (int i = 0; i < 20; i++) gort::yield();
      gort::sleep(20ms);
      sent_before_recv = sent;
      got = ch.recv();
      done.recv();
      sent_after_recv = sent;
    });
    CHECK(r.code == 0);
    CHECK_FALSE(sent_before_recv);
    CHECK(got == 42);
    CHECK(sent_after_recv);
  });
}

TEST_CASE("chan: unbuffered receive waits until a sender brings a value") {
  for_each_mode([](gort::Config cfg) {
    std::atomic<bool> received{false};
    bool received_before_send = true;
    int got = 0;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>();
      auto done = gort::make_chan<bool>();
      gort::go([&, ch, done] {
        got = ch.recv();
        received = true;
        done.send(true);
      });
      for (int i = 0; i < 20; i++) gort::yield();
      gort::sleep(20ms);
      received_before_send = received;
      ch.send(7);
      done.recv();
    });
    CHECK(r.code == 0);
    CHECK_FALSE(received_before_send);
    CHECK(got == 7);
    CHECK(received);
  });
}

TEST_CASE("chan: buffered channel holds cap values without blocking and is FIFO") {
  for_each_mode([](gort::Config cfg) {
    std::vector<int> got;
    std::size_t len_full = 0, cap = 0, len_after = 99;
    bool extra_fits = true;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>(5);
      for (int i = 0; i < 5; i++) ch.send(i * 10);  // a blocking send would deadlock here
      len_full = ch.len();
      cap = ch.cap();
      extra_fits = ch.try_send(99);
      for (int i = 0; i < 5; i++) got.push_back(ch.recv());
      len_after = ch.len();
    });
    CHECK(r.code == 0);
    CHECK(got == std::vector<int>{0, 10, 20, 30, 40});
    CHECK(len_full == 5);
    CHECK(cap == 5);
    CHECK_FALSE(extra_fits);
    CHECK(len_after == 0);
  });
}

TEST_CASE("chan: FIFO through a small buffer with a producer faster than its consumer") {
  // The ring wraps many times and the producer often waits on a full
  // buffer, where a receive takes the head and refills the tail.
  for_each_mode([](gort::Config cfg) {
    std::vector<int> got;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>(7);
      gort::go([ch] {
        for (int i = 0; i < 3000; i++) ch.send(i);
        ch.close();
      });
      for (int v : ch) {
        got.push_back(v);
        if (v % 97 == 0) gort::yield();
      }
    });
    CHECK(r.code == 0);
    REQUIRE(got.size() == 3000);
    bool in_order = true;
    for (int i = 0; i < 3000; i++) in_order = in_order && got[i] == i;
    CHECK(in_order);
  });
}

TEST_CASE("chan: each sender's values arrive in the order it sent them") {
  static constexpr int kSenders = 16, kEach = 300;
  for (std::size_t cap : {std::size_t{0}, std::size_t{4}}) {
    INFO("cap = ", cap);
    for_each_mode([cap](gort::Config cfg) {
      std::vector<int> next(kSenders, 0);
      int total = 0, out_of_order = 0;
      auto r = run_captured(cfg, [&] {
        auto ch = gort::make_chan<int>(cap);
        for (int s = 0; s < kSenders; s++) {
          gort::go([ch, s] {
            for (int i = 0; i < kEach; i++) {
              ch.send(s * 100000 + i);
              if (i % 7 == s % 7) gort::yield();
            }
          });
        }
        for (int n = 0; n < kSenders * kEach; n++) {
          int v = ch.recv();
          int s = v / 100000, i = v % 100000;
          if (next[s] != i) out_of_order++;
          next[s] = i + 1;
          total++;
        }
      });
      CHECK(r.code == 0);
      CHECK(total == kSenders * kEach);
      CHECK(out_of_order == 0);
      for (int s = 0; s < kSenders; s++) CHECK(next[s] == kEach);
    });
  }
}

TEST_CASE("chan: many senders and receivers deliver every value exactly once") {
  static constexpr int kSenders = 8, kReceivers = 5, kEach = 500;
  for_each_mode([](gort::Config cfg) {
    std::vector<int> seen(kSenders * kEach, 0);
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>();
      gort::WaitGroup senders, receivers;
      senders.add(kSenders);
      receivers.add(kReceivers);
      for (int s = 0; s < kSenders; s++) {
        gort::go([ch, s, &senders] {
          for (int i = 0; i < kEach; i++) ch.send(s * kEach + i);
          senders.done();
        });
      }
      for (int k = 0; k < kReceivers; k++) {
        gort::go([ch, &seen, &receivers] {
          for (int v : ch) seen[v]++;  // each value is received by one goroutine only
          receivers.done();
        });
      }
      senders.wait();
      ch.close();
      receivers.wait();
    });
    CHECK(r.code == 0);
    int wrong = 0;
    for (int n : seen) wrong += n != 1;
    CHECK(wrong == 0);
  });
}

TEST_CASE("chan: close lets receivers drain the buffer, then gives (zero, false)") {
  for_each_mode([](gort::Config cfg) {
    std::vector<std::pair<int, bool>> got;
    std::vector<std::pair<std::string, bool>> got_s;
    int after_close = -1;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>(3);
      ch.send(1);
      ch.send(2);
      ch.send(3);
      ch.close();
      for (int i = 0; i < 5; i++) got.push_back(ch.recv2());
      after_close = ch.recv();

      auto s = gort::make_chan<std::string>(1);
      s.send("a string long enough to live on the heap");
      s.close();
      got_s.push_back(s.recv2());
      got_s.push_back(s.recv2());
    });
    CHECK(r.code == 0);
    using P = std::pair<int, bool>;
    CHECK(got == std::vector<P>{{1, true}, {2, true}, {3, true}, {0, false}, {0, false}});
    CHECK(after_close == 0);
    REQUIRE(got_s.size() == 2);
    CHECK(got_s[0] ==
          std::pair<std::string, bool>{"a string long enough to live on the heap", true});
    CHECK(got_s[1] == std::pair<std::string, bool>{"", false});
  });
}

TEST_CASE("chan: recv2 on an open channel reports ok") {
  for_each_mode([](gort::Config cfg) {
    std::pair<int, bool> a{}, b{};
    auto r = run_captured(cfg, [&] {
      auto buffered = gort::make_chan<int>(1);
      buffered.send(0);  // a zero value that is real: ok must still be true
      a = buffered.recv2();
      auto unbuffered = gort::make_chan<int>();
      gort::go([unbuffered] { unbuffered.send(5); });
      b = unbuffered.recv2();
    });
    CHECK(r.code == 0);
    CHECK(a == std::pair<int, bool>{0, true});
    CHECK(b == std::pair<int, bool>{5, true});
  });
}

TEST_CASE("chan: close wakes every blocked receiver with (zero, false)") {
  static constexpr int kN = 6;
  for_each_mode([](gort::Config cfg) {
    std::vector<std::pair<int, bool>> got(kN, {-1, true});
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>();
      gort::WaitGroup wg;
      wg.add(kN);
      for (int i = 0; i < kN; i++) {
        gort::go([ch, i, &got, &wg] {
          got[i] = ch.recv2();
          wg.done();
        });
      }
      gort::sleep(10ms);
      ch.close();
      wg.wait();
    });
    CHECK(r.code == 0);
    for (auto& g : got) CHECK(g == std::pair<int, bool>{0, false});
  });
}

TEST_CASE("chan: range ends when the channel is closed and drained") {
  for_each_mode([](gort::Config cfg) {
    int sum = 0, count = 0;
    bool after_range = false;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>(10);
      gort::go([ch] {
        for (int i = 0; i < 100; i++) ch.send(i);
        ch.close();
      });
      for (int v : ch) {
        sum += v;
        count++;
      }
      after_range = true;
    });
    CHECK(r.code == 0);
    CHECK(count == 100);
    CHECK(sum == 4950);
    CHECK(after_range);
  });
}

TEST_CASE("chan: len and cap") {
  for_each_mode([](gort::Config cfg) {
    std::vector<std::size_t> lens, caps;
    auto r = run_captured(cfg, [&] {
      gort::Chan<int> nil;
      lens.push_back(nil.len());
      caps.push_back(nil.cap());
      auto u = gort::make_chan<int>();
      gort::go([u] { u.send(1); });
      gort::sleep(5ms);  // the sender is blocked: an unbuffered channel still holds nothing
      lens.push_back(u.len());
      caps.push_back(u.cap());
      u.recv();
      auto b = gort::make_chan<int>(4);
      b.send(1);
      b.send(2);
      lens.push_back(b.len());
      b.send(3);
      lens.push_back(b.len());
      b.recv();
      lens.push_back(b.len());
      caps.push_back(b.cap());
      b.close();
      lens.push_back(b.len());  // closing keeps what is buffered
    });
    CHECK(r.code == 0);
    CHECK(lens == std::vector<std::size_t>{0, 0, 2, 3, 2, 2});
    CHECK(caps == std::vector<std::size_t>{0, 0, 4});
  });
}

TEST_CASE("chan: try_send succeeds exactly when a send would not block") {
  for_each_mode(single_runner_modes(), [](gort::Config cfg) {
    std::vector<bool> ok;
    int received = 0;
    std::vector<int> buffered;
    auto r = run_captured(cfg, [&] {
      gort::Chan<int> nil;
      ok.push_back(nil.try_send(1));  // false: nil never ready
      auto u = gort::make_chan<int>();
      ok.push_back(u.try_send(2));  // false: nobody receives
      gort::go([u, &received] { received = u.recv(); });
      gort::yield();                // the receiver runs and blocks in recv
      ok.push_back(u.try_send(3));  // true: handed to the receiver
      gort::yield();
      auto b = gort::make_chan<int>(2);
      ok.push_back(b.try_send(4));
      ok.push_back(b.try_send(5));
      ok.push_back(b.try_send(6));  // full
      buffered.push_back(b.recv());
      buffered.push_back(b.recv());
    });
    CHECK(r.code == 0);
    CHECK(ok == std::vector<bool>{false, false, true, true, true, false});
    CHECK(received == 3);
    CHECK(buffered == std::vector<int>{4, 5});
  });
}

TEST_CASE("chan: copies of a handle are the same channel, make_chan makes distinct ones") {
  for_each_mode([](gort::Config cfg) {
    bool same = false, distinct = false, nil_is_nil = false, ids_ok = false;
    int via_copy = 0;
    auto r = run_captured(cfg, [&] {
      auto a = gort::make_chan<int>(1, "a");
      auto b = gort::make_chan<int>(1, "b");
      gort::Chan<int> copy = a;
      gort::Chan<int> nil;
      copy.send(11);
      via_copy = a.recv();
      same = copy == a && static_cast<bool>(a);
      distinct = !(a == b);
      nil_is_nil = !nil && nil == gort::Chan<int>() && nil.id() == 0;
      ids_ok = a.id() != 0 && b.id() != 0 && a.id() != b.id() && copy.id() == a.id();
    });
    CHECK(r.code == 0);
    CHECK(via_copy == 11);
    CHECK(same);
    CHECK(distinct);
    CHECK(nil_is_nil);
    CHECK(ids_ok);
  });
}

TEST_CASE("chan: move-only values pass through unbuffered and buffered channels") {
  for_each_mode([](gort::Config cfg) {
    int sum = 0;
    auto r = run_captured(cfg, [&] {
      auto u = gort::make_chan<std::unique_ptr<int>>();
      auto b = gort::make_chan<std::unique_ptr<int>>(2);
      gort::go([u] {
        for (int i = 1; i <= 10; i++) u.send(std::make_unique<int>(i));
      });
      gort::go([b] {
        for (int i = 1; i <= 10; i++) b.send(std::make_unique<int>(100 * i));
        b.close();
      });
      for (int i = 1; i <= 10; i++) sum += *u.recv();
      for (auto& p : b) sum += *p;
    });
    CHECK(r.code == 0);
    CHECK(sum == 55 + 5500);
  });
}

TEST_CASE("chan: a channel's buffered values are destroyed with its last handle") {
  for_each_mode([](gort::Config cfg) {
    int live_before = Tracked::live;
    int live_while_held = 0, live_after_release = 0;
    auto r = run_captured(cfg, [&] {
      {
        auto ch = gort::make_chan<Tracked>(4);
        auto copy = ch;
        ch.send(Tracked(1));
        ch.send(Tracked(2));
        { auto dropped = ch; }
        live_while_held = Tracked::live - live_before;  // 4 slots constructed
      }
      live_after_release = Tracked::live - live_before;
    });
    CHECK(r.code == 0);
    CHECK(live_while_held == 4);
    CHECK(live_after_release == 0);
  });
}

TEST_CASE("chan: operations on a nil channel block forever without ending the program") {
  for_each_mode([](gort::Config cfg) {
    std::atomic<int> passed{0};
    auto r = run_captured(cfg, [&] {
      gort::Chan<int> nil;
      gort::go([nil, &passed] {
        nil.send(1);
        passed++;
      });
      gort::go([nil, &passed] {
        nil.recv();
        passed++;
      });
      gort::go([nil, &passed] {
        for (int v : nil) (void)v;
        passed++;
      });
      gort::sleep(20ms);
    });
    CHECK(r.code == 0);
    CHECK(r.err == "");
    CHECK(passed == 0);
  });
}

TEST_CASE("chan: a thousand goroutines sending on one channel") {
  for_each_mode([](gort::Config cfg) {
    long sum = 0;
    auto r = run_captured(cfg, [&] {
      auto ch = gort::make_chan<int>();
      for (int i = 1; i <= 1000; i++) gort::go([ch, i] { ch.send(i); });
      for (int i = 0; i < 1000; i++) sum += ch.recv();
    });
    CHECK(r.code == 0);
    CHECK(sum == 500500);
  });
}

// ---- the three channel panics ----

namespace {
// The first lines Go prints for a panic in goroutine `g`.
std::string panic_head(const std::string& msg, int g) {
  return "panic: " + msg + "\n\ngoroutine " + std::to_string(g) + " [running]:\n";
}
}  // namespace

TEST_CASE("chan: send on closed channel is a panic with exit code 2") {
  for_each_mode([](gort::Config cfg) {
    bool after = false;
    auto r = run_captured(cfg, [&] {
      gort::println("before");
      auto ch = gort::make_chan<int>(1);
      ch.close();
      ch.send(1);
      after = true;
    });
    CHECK(r.code == 2);
    CHECK(r.out == "before\n");
    CHECK(r.err.rfind(panic_head("send on closed channel", 1), 0) == 0);
    CHECK(count_of(r.err, "panic:") == 1);
    CHECK_FALSE(after);
  });
}

TEST_CASE("chan: close of closed channel is a panic with exit code 2") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      auto ch = gort::make_chan<int>();
      ch.close();
      ch.close();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(panic_head("close of closed channel", 1), 0) == 0);
  });
}

TEST_CASE("chan: close of nil channel is a panic with exit code 2") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      gort::Chan<int> nil;
      nil.close();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(panic_head("close of nil channel", 1), 0) == 0);
  });
}

TEST_CASE("chan: a panic in another goroutine names that goroutine and ends the program") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      auto ch = gort::make_chan<int>();
      gort::go([] { gort::select(); });  // goroutine 2 blocks forever
      gort::go([ch] {                    // goroutine 3
        ch.close();
        ch.close();
      });
      gort::select();  // main never returns by itself
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(panic_head("close of closed channel", 3), 0) == 0);
    CHECK(r.err.find("deadlock") == std::string::npos);
  });
}

TEST_CASE("chan: a sender blocked when the channel is closed panics") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      auto ch = gort::make_chan<int>();
      gort::go([ch] { ch.send(1); });  // goroutine 2
      gort::sleep(10ms);               // it is blocked in send by now (or sends after close)
      ch.close();
      gort::select();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(panic_head("send on closed channel", 2), 0) == 0);
  });
}

TEST_CASE("chan: try_send on a closed channel panics") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      auto ch = gort::make_chan<int>(1);
      ch.close();
      ch.try_send(1);
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind(panic_head("send on closed channel", 1), 0) == 0);
  });
}
