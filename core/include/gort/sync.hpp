// Go's sync package: WaitGroup, Mutex, RWMutex, Once.
//
// Blocking here parks the goroutine (its P runs others), never the thread.
// Each type guards its state with a short SpinLock held only inside the
// runtime, never while a goroutine is parked. Misuse ends the program as Go
// does: "sync: negative WaitGroup counter" is a panic, unlocking an unlocked
// Mutex/RWMutex is a fatal error.
#pragma once

#include <atomic>
#include <cstdint>
#include <gort/detail/runtime.hpp>
#include <utility>

namespace gort {

class WaitGroup;
class Mutex;
class RWMutex;
class Once;

namespace detail {
struct sudog;
struct waitq {
  sudog* first = nullptr;
  sudog* last = nullptr;
};
class SpinLock {
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

// The status-returning entry points (see Status in runtime.hpp), which the
// member functions below wrap. Each needs a running goroutine
// (NoGoroutine otherwise) and says Unwind once its program is ending.
//
// wg.Add(delta): Ok, or NegativeWaitGroup when the counter goes below 0.
Status waitgroup_add(WaitGroup& wg, int delta);
// wg.Wait(): Ok once the counter is 0.
Status waitgroup_wait(WaitGroup& wg);
// m.Lock() (block) or m.TryLock() (!block: WouldBlock when it is locked).
Status mutex_lock(Mutex& m, bool block);
// m.Unlock(): Ok, or the fatal error UnlockOfUnlocked.
Status mutex_unlock(Mutex& m);
// rw.Lock() / rw.TryLock(), rw.RLock() / rw.TryRLock(), as mutex_lock.
Status rwmutex_lock(RWMutex& rw, bool block);
Status rwmutex_rlock(RWMutex& rw, bool block);
// rw.Unlock(), rw.RUnlock(): Ok, or the fatal errors RWUnlockOfUnlocked,
// RWRUnlockOfUnlocked.
Status rwmutex_unlock(RWMutex& rw);
Status rwmutex_runlock(RWMutex& rw);
// once.Do(f) in two halves: *run says whether the caller must run f now;
// when it does, it calls once_end after f, even if f panics (Go counts that
// as done too). Meanwhile other callers wait in once_begin.
Status once_begin(Once& o, bool* run);
void once_end(Once& o);

// A Status that says "locked" (Ok) or not (WouldBlock); throws the others.
inline bool locked(Status s) {
  if (s == Status::WouldBlock) return false;
  check(s);
  return true;
}
}  // namespace detail

class WaitGroup {
 public:
  void add(int delta) { detail::check(detail::waitgroup_add(*this, delta)); }
  void done() { add(-1); }
  void wait() { detail::check(detail::waitgroup_wait(*this)); }

 private:
  friend detail::Status detail::waitgroup_add(WaitGroup&, int);
  friend detail::Status detail::waitgroup_wait(WaitGroup&);
  detail::SpinLock l_;
  std::int64_t n_ = 0;
  detail::waitq q_;
};

class Mutex {
 public:
  void lock() { detail::check(detail::mutex_lock(*this, true)); }
  bool try_lock() { return detail::locked(detail::mutex_lock(*this, false)); }
  void unlock() { detail::check(detail::mutex_unlock(*this)); }

 private:
  friend detail::Status detail::mutex_lock(Mutex&, bool);
  friend detail::Status detail::mutex_unlock(Mutex&);
  detail::SpinLock l_;
  bool locked_ = false;
  detail::waitq q_;  // waiters; unlock hands the mutex to the first
};

class RWMutex {
 public:
  void lock() { detail::check(detail::rwmutex_lock(*this, true)); }
  bool try_lock() { return detail::locked(detail::rwmutex_lock(*this, false)); }
  void unlock() { detail::check(detail::rwmutex_unlock(*this)); }
  void lock_shared() { detail::check(detail::rwmutex_rlock(*this, true)); }  // RLock
  bool try_lock_shared() { return detail::locked(detail::rwmutex_rlock(*this, false)); }
  void unlock_shared() { detail::check(detail::rwmutex_runlock(*this)); }  // RUnlock
  void rlock() { lock_shared(); }
  void runlock() { unlock_shared(); }

 private:
  friend detail::Status detail::rwmutex_lock(RWMutex&, bool);
  friend detail::Status detail::rwmutex_rlock(RWMutex&, bool);
  friend detail::Status detail::rwmutex_unlock(RWMutex&);
  friend detail::Status detail::rwmutex_runlock(RWMutex&);
  detail::SpinLock l_;
  bool writer_ = false;
  int readers_ = 0;
  detail::waitq writers_q_, readers_q_;  // a waiting writer holds off new readers
};

class Once {
 public:
  template <class F>
  void call(F&& f) {
    if (done_.load(std::memory_order_acquire)) return;
    bool run = false;
    detail::check(detail::once_begin(*this, &run));
    if (!run) return;
    struct End {
      Once& o;
      ~End() { detail::once_end(o); }
    } end{*this};  // like Go: f panicking still counts as done
    std::forward<F>(f)();
  }

 private:
  friend detail::Status detail::once_begin(Once&, bool*);
  friend void detail::once_end(Once&);
  std::atomic<bool> done_{false};
  Mutex mu_;
};

}  // namespace gort
