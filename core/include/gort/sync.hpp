// Go's sync package: WaitGroup, Mutex, RWMutex, Once.
//
// Blocking here parks the goroutine (its P runs others), never the thread.
// Each type guards its state with a short spinlock held only inside the
// runtime, never while a goroutine is parked. Misuse ends the program as Go
// does: "sync: negative WaitGroup counter" is a panic, unlocking an unlocked
// Mutex/RWMutex is a fatal error.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

namespace gort {

namespace detail {
struct sudog;
struct waitq {
  sudog* first = nullptr;
  sudog* last = nullptr;
};
class spinlock {
 public:
  void lock() noexcept {
    if (!v_.exchange(true, std::memory_order_acquire)) return;
    lock_contended();
  }
  void unlock() noexcept { v_.store(false, std::memory_order_release); }

 private:
  void lock_contended() noexcept;
  std::atomic<bool> v_{false};
};
}  // namespace detail

class WaitGroup {
 public:
  void add(int delta);
  void done() { add(-1); }
  void wait();

 private:
  detail::spinlock l_;
  std::int64_t n_ = 0;
  detail::waitq q_;
};

class Mutex {
 public:
  void lock();
  bool try_lock();
  void unlock();

 private:
  detail::spinlock l_;
  bool locked_ = false;
  detail::waitq q_;  // waiters; unlock hands the mutex to the first
};

class RWMutex {
 public:
  void lock();
  bool try_lock();
  void unlock();
  void lock_shared();  // RLock
  bool try_lock_shared();
  void unlock_shared();  // RUnlock
  void rlock() { lock_shared(); }
  void runlock() { unlock_shared(); }

 private:
  detail::spinlock l_;
  bool writer_ = false;
  int readers_ = 0;
  detail::waitq writers_q_, readers_q_;  // a waiting writer holds off new readers
};

class Once {
 public:
  template <class F>
  void call(F&& f) {
    if (done_.load(std::memory_order_acquire)) return;
    mu_.lock();
    struct Unlock {
      Mutex& m;
      ~Unlock() { m.unlock(); }
    } unlock{mu_};
    if (!done_.load(std::memory_order_relaxed)) {
      struct Done {
        std::atomic<bool>& d;
        ~Done() { d.store(true, std::memory_order_release); }
      } done{done_};  // like Go: f panicking still counts as done
      std::forward<F>(f)();
    }
  }

 private:
  std::atomic<bool> done_{false};
  Mutex mu_;
};

}  // namespace gort
