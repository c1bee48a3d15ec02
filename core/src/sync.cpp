// Go's sync primitives on the runtime's wait queues: WaitGroup, Mutex,
// RWMutex, and Once's two halves over a Mutex (Once::call is a template).
//
// Invariants: each object's SpinLock guards its fields and wait queues and
// is released by gopark once the waiter is parked. Unlocking hands
// ownership straight to the first waiter (which then returns from lock()
// already owning it), so a woken waiter never has to compete again and
// waiters are served in FIFO order. A waiting writer holds off new readers
// (as in Go), so writers do not starve.
#include <gort/sync.hpp>
#include <thread>

#include "waitq.hpp"

namespace gort::detail {

void SpinLock::lock_contended() noexcept {
  for (int spins = 0;;) {
    while (v_.load(std::memory_order_relaxed)) {
      if (++spins < 128) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
      } else {
        std::this_thread::yield();
      }
    }
    if (!v_.exchange(true, std::memory_order_acquire)) return;
  }
}

namespace {

// Parks on q (l held). A goroutine woken to be unwound (its program has
// ended) leaves without touching the object again: unlike a channel, a sync
// object has no reference count, and the frame that held it (main's, say)
// may be gone. Its sudog stays queued; nothing runs it again.
Status wait_on(G* gp, waitq& q, SpinLock& l, WaitReason reason) {
  sudog me;
  me.g = gp;
  waitq_park(q, l, me, reason);
  return must_unwind(gp) ? Status::Unwind : Status::Ok;
}

}  // namespace

Status waitgroup_add(WaitGroup& wg, int delta) {
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  wg.l_.lock();
  wg.n_ += delta;
  if (wg.n_ < 0) {
    wg.l_.unlock();
    return Status::NegativeWaitGroup;
  }
  if (wg.n_ > 0 || !wg.q_.first) {
    wg.l_.unlock();
    return Status::Ok;
  }
  G* list = nullptr;
  waitq_take_all(wg.q_, list);
  wg.l_.unlock();
  ready_list(list);
  return Status::Ok;
}

Status waitgroup_wait(WaitGroup& wg) {
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  wg.l_.lock();
  if (wg.n_ == 0) {
    wg.l_.unlock();
    return Status::Ok;
  }
  return wait_on(gp, wg.q_, wg.l_, WaitReason::WaitGroupWait);
}

Status mutex_lock(Mutex& m, bool block) {
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  m.l_.lock();
  if (!m.locked_) {
    m.locked_ = true;
    m.l_.unlock();
    return Status::Ok;
  }
  if (!block) {
    m.l_.unlock();
    return Status::WouldBlock;
  }
  return wait_on(gp, m.q_, m.l_, WaitReason::MutexLock);  // unlock handed it to us
}

Status mutex_unlock(Mutex& m) {
  if (!getg()) return Status::NoGoroutine;
  m.l_.lock();
  if (!m.locked_) {
    m.l_.unlock();
    fatal_report(status_text(Status::UnlockOfUnlocked));
    return Status::UnlockOfUnlocked;
  }
  if (sudog* s = waitq_pop(m.q_)) {
    m.l_.unlock();
    goready(s->g);  // stays locked: ownership passes to the waiter
    return Status::Ok;
  }
  m.locked_ = false;
  m.l_.unlock();
  return Status::Ok;
}

Status rwmutex_lock(RWMutex& rw, bool block) {
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  rw.l_.lock();
  if (!rw.writer_ && rw.readers_ == 0) {
    rw.writer_ = true;
    rw.l_.unlock();
    return Status::Ok;
  }
  if (!block) {
    rw.l_.unlock();
    return Status::WouldBlock;
  }
  return wait_on(gp, rw.writers_q_, rw.l_, WaitReason::RWMutexLock);
}

Status rwmutex_unlock(RWMutex& rw) {
  if (!getg()) return Status::NoGoroutine;
  rw.l_.lock();
  if (!rw.writer_) {
    rw.l_.unlock();
    fatal_report(status_text(Status::RWUnlockOfUnlocked));
    return Status::RWUnlockOfUnlocked;
  }
  rw.writer_ = false;
  G* list = nullptr;
  if (rw.readers_q_.first) {  // every waiting reader gets in together
    rw.readers_ += waitq_take_all(rw.readers_q_, list);
  } else if (sudog* s = waitq_pop(rw.writers_q_)) {
    rw.writer_ = true;
    s->g->schedlink = nullptr;
    list = s->g;
  }
  rw.l_.unlock();
  ready_list(list);
  return Status::Ok;
}

Status rwmutex_rlock(RWMutex& rw, bool block) {
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  rw.l_.lock();
  if (!rw.writer_ && !rw.writers_q_.first) {
    rw.readers_++;
    rw.l_.unlock();
    return Status::Ok;
  }
  if (!block) {
    rw.l_.unlock();
    return Status::WouldBlock;
  }
  return wait_on(gp, rw.readers_q_, rw.l_, WaitReason::RWMutexRLock);
}

Status rwmutex_runlock(RWMutex& rw) {
  if (!getg()) return Status::NoGoroutine;
  rw.l_.lock();
  if (rw.readers_ <= 0) {
    rw.l_.unlock();
    fatal_report(status_text(Status::RWRUnlockOfUnlocked));
    return Status::RWRUnlockOfUnlocked;
  }
  G* next = nullptr;
  if (--rw.readers_ == 0) {
    if (sudog* s = waitq_pop(rw.writers_q_)) {
      rw.writer_ = true;
      next = s->g;
    }
  }
  rw.l_.unlock();
  if (next) goready(next);
  return Status::Ok;
}

Status once_begin(Once& o, bool* run) {
  *run = false;
  if (o.done_.load(std::memory_order_acquire)) return Status::Ok;
  if (Status s = mutex_lock(o.mu_, true); s != Status::Ok) return s;
  if (o.done_.load(std::memory_order_relaxed)) {
    mutex_unlock(o.mu_);
  } else {
    *run = true;
  }
  return Status::Ok;
}

void once_end(Once& o) {
  o.done_.store(true, std::memory_order_release);
  mutex_unlock(o.mu_);
}

}  // namespace gort::detail
