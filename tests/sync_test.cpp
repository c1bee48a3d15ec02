// The sync package (core/src/sync.cpp, sync.hpp): WaitGroup (waiting, many
// waiters, the negative-counter panic), Mutex (mutual exclusion, try_lock,
// std::lock_guard, the fatal unlock of an unlocked mutex), RWMutex (readers
// together, writers alone, a waiting writer holds off new readers, the
// fatal unlocks) and Once.
#include <doctest/doctest.h>

#include <mutex>
#include <shared_mutex>
#include <vector>

#include "test_util.hpp"

using namespace gort_test;
using namespace std::chrono_literals;

TEST_CASE("sync: WaitGroup.wait returns once every goroutine is done") {
  for_each_mode([](gort::Config cfg) {
    static constexpr int kN = 50;
    std::atomic<int> finished{0};
    int seen_by_wait = -1;
    auto r = run_captured(cfg, [&] {
      gort::WaitGroup wg;
      wg.add(kN);
      for (int i = 0; i < kN; i++) {
        gort::go([&, i] {
          gort::sleep(std::chrono::milliseconds(i % 5));
          gort::yield();
          finished++;
          wg.done();
        });
      }
      wg.wait();
      seen_by_wait = finished;
    });
    CHECK(r.code == 0);
    CHECK(seen_by_wait == kN);
  });
}

TEST_CASE("sync: WaitGroup releases every waiter, and wait on zero returns at once") {
  for_each_mode([](gort::Config cfg) {
    std::atomic<int> released{0};
    bool zero_returned = false;
    auto r = run_captured(cfg, [&] {
      gort::WaitGroup idle;
      idle.wait();
      zero_returned = true;

      gort::WaitGroup gate, waiters;
      gate.add(1);
      waiters.add(5);
      for (int i = 0; i < 5; i++) {
        gort::go([&] {
          gate.wait();
          released++;
          waiters.done();
        });
      }
      gort::sleep(10ms);
      gate.done();
      waiters.wait();
    });
    CHECK(r.code == 0);
    CHECK(zero_returned);
    CHECK(released == 5);
  });
}

TEST_CASE("sync: a negative WaitGroup counter is a panic") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      gort::WaitGroup wg;
      wg.add(1);
      wg.done();
      wg.done();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind("panic: sync: negative WaitGroup counter\n\ngoroutine 1 [running]:\n", 0) ==
          0);
  });
}

TEST_CASE("sync: Mutex gives mutual exclusion across goroutines that yield inside it") {
  for_each_mode([](gort::Config cfg) {
    static constexpr int kG = 8, kEach = 200;
    long counter = 0;
    int overlaps = 0;
    auto r = run_captured(cfg, [&] {
      gort::Mutex mu;
      bool inside = false;
      gort::WaitGroup wg;
      wg.add(kG);
      for (int g = 0; g < kG; g++) {
        gort::go([&] {
          for (int i = 0; i < kEach; i++) {
            std::lock_guard lk(mu);
            if (inside) overlaps++;
            inside = true;
            long c = counter;
            if (i % 3 == 0) gort::yield();  // others run while we hold it
            counter = c + 1;
            inside = false;
          }
          wg.done();
        });
      }
      wg.wait();
    });
    CHECK(r.code == 0);
    CHECK(overlaps == 0);
    CHECK(counter == kG * kEach);
  });
}

TEST_CASE("sync: Mutex try_lock and std::unique_lock") {
  for_each_mode([](gort::Config cfg) {
    std::vector<bool> tries;
    std::atomic<bool> waiter_got_it{false};
    auto r = run_captured(cfg, [&] {
      gort::Mutex mu;
      tries.push_back(mu.try_lock());  // true
      tries.push_back(mu.try_lock());  // false: held
      auto done = gort::make_chan<bool>();
      gort::go([&, done] {
        {
          std::unique_lock lk(mu);  // blocks until main unlocks
          waiter_got_it = true;
        }
        done.send(true);
      });
      gort::sleep(10ms);
      tries.push_back(waiter_got_it);  // false: main still holds it
      mu.unlock();
      done.recv();
      tries.push_back(waiter_got_it);
      tries.push_back(mu.try_lock());  // the waiter has released it
      mu.unlock();
    });
    CHECK(r.code == 0);
    CHECK(tries == std::vector<bool>{true, false, false, true, true});
  });
}

TEST_CASE("sync: unlock of an unlocked Mutex is a fatal error") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      gort::Mutex mu;
      mu.lock();
      mu.unlock();
      mu.unlock();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind("fatal error: sync: unlock of unlocked mutex\n", 0) == 0);
    CHECK(r.err.find("panic:") == std::string::npos);
  });
}

TEST_CASE("sync: RWMutex readers hold the lock together") {
  for_each_mode([](gort::Config cfg) {
    static constexpr int kReaders = 5;
    int max_inside = 0;
    auto r = run_captured(cfg, [&] {
      gort::RWMutex rw;
      gort::WaitGroup in, out;
      auto release = gort::make_chan<bool>();
      int inside = 0;
      gort::Mutex count_mu;
      in.add(kReaders);
      out.add(kReaders);
      for (int i = 0; i < kReaders; i++) {
        gort::go([&, release] {
          std::shared_lock lk(rw);
          {
            std::lock_guard c(count_mu);
            inside++;
            max_inside = std::max(max_inside, inside);
          }
          in.done();
          release.recv();  // hold the read lock until every reader is in
          {
            std::lock_guard c(count_mu);
            inside--;
          }
          lk.unlock();
          out.done();
        });
      }
      in.wait();  // a reader excluding the others would deadlock here
      release.close();
      out.wait();
    });
    CHECK(r.code == 0);
    CHECK(max_inside == kReaders);
  });
}

TEST_CASE("sync: RWMutex writer excludes readers and other writers") {
  for_each_mode([](gort::Config cfg) {
    int violations = 0, reads = 0, writes = 0;
    auto r = run_captured(cfg, [&] {
      gort::RWMutex rw;
      int readers_in = 0;
      bool writer_in = false;
      gort::WaitGroup wg;
      wg.add(8);
      for (int w = 0; w < 3; w++) {
        gort::go([&] {
          for (int i = 0; i < 100; i++) {
            rw.lock();
            if (writer_in || readers_in > 0) violations++;
            writer_in = true;
            gort::yield();
            writer_in = false;
            writes++;
            rw.unlock();
          }
          wg.done();
        });
      }
      for (int rd = 0; rd < 5; rd++) {
        gort::go([&] {
          for (int i = 0; i < 100; i++) {
            rw.rlock();
            __atomic_add_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
            if (writer_in) __atomic_add_fetch(&violations, 1, __ATOMIC_SEQ_CST);
            gort::yield();
            __atomic_add_fetch(&reads, 1, __ATOMIC_SEQ_CST);
            __atomic_sub_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
            rw.runlock();
          }
          wg.done();
        });
      }
      wg.wait();
    });
    CHECK(r.code == 0);
    CHECK(violations == 0);
    CHECK(reads == 500);
    CHECK(writes == 300);
  });
}

TEST_CASE("sync: a waiting RWMutex writer holds off new readers") {
  for_each_mode([](gort::Config cfg) {
    std::vector<bool> tries;
    std::atomic<bool> writer_got_it{false};
    bool held_off = false;
    auto r = run_captured(cfg, [&] {
      gort::RWMutex rw;
      tries.push_back(rw.try_lock_shared());  // true: free
      tries.push_back(rw.try_lock());         // false: a reader holds it
      auto done = gort::make_chan<bool>();
      gort::go([&, done] {
        rw.lock();
        writer_got_it = true;
        rw.unlock();
        done.send(true);
      });
      // Once the writer waits for our read lock, new readers must wait too.
      for (int i = 0; i < 2000 && !held_off; i++) {
        if (rw.try_lock_shared()) {
          rw.unlock_shared();
          gort::sleep(1ms);
        } else {
          held_off = true;
        }
      }
      tries.push_back(writer_got_it);  // false: we still read
      rw.unlock_shared();
      done.recv();
      tries.push_back(writer_got_it);  // true
      tries.push_back(rw.try_lock());  // true: everyone is gone
      rw.unlock();
    });
    CHECK(r.code == 0);
    CHECK(held_off);
    CHECK(tries == std::vector<bool>{true, false, false, true, true});
  });
}

TEST_CASE("sync: unlock of an unlocked RWMutex is a fatal error") {
  for_each_mode([](gort::Config cfg) {
    auto w = run_captured(cfg, [] {
      gort::RWMutex rw;
      rw.unlock();
    });
    CHECK(w.code == 2);
    CHECK(w.err.rfind("fatal error: sync: Unlock of unlocked RWMutex\n", 0) == 0);
    auto r = run_captured(cfg, [] {
      gort::RWMutex rw;
      rw.rlock();
      rw.runlock();
      rw.runlock();
    });
    CHECK(r.code == 2);
    CHECK(r.err.rfind("fatal error: sync: RUnlock of unlocked RWMutex\n", 0) == 0);
  });
}

TEST_CASE("sync: Once runs its function exactly once, and every caller sees it done") {
  for_each_mode([](gort::Config cfg) {
    static constexpr int kG = 20;
    std::atomic<int> calls{0}, saw_done{0};
    auto r = run_captured(cfg, [&] {
      gort::Once once;
      bool initialized = false;
      gort::WaitGroup wg;
      wg.add(kG);
      for (int i = 0; i < kG; i++) {
        gort::go([&] {
          once.call([&] {
            calls++;
            gort::sleep(5ms);  // the others must wait for it, not skip it
            initialized = true;
          });
          if (initialized) saw_done++;
          wg.done();
        });
      }
      wg.wait();
      once.call([&] { calls++; });
    });
    CHECK(r.code == 0);
    CHECK(calls == 1);
    CHECK(saw_done == kG);
  });
}
