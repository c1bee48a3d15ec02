// Go's sync primitives on the runtime's wait queues: WaitGroup, Mutex,
// RWMutex (Once is a template in sync.hpp over Mutex).
//
// Invariants: each object's spinlock guards its fields and wait queues and
// is released by gopark once the waiter is parked. Unlocking hands
// ownership straight to the first waiter (which then returns from lock()
// already owning it), so a woken waiter never has to compete again and
// waiters are served in FIFO order. A waiting writer holds off new readers
// (as in Go), so writers do not starve.
#include <gort/sync.hpp>
#include <thread>

#include "waitq.hpp"

namespace gort::detail {

void spinlock::lock_contended() noexcept {
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
void wait_on(waitq& q, spinlock& l, WaitReason reason) {
  sudog me;
  me.g = getg();
  waitq_park(q, l, me, reason);
  check_unwind();
}

}  // namespace

}  // namespace gort::detail

namespace gort {

using namespace detail;

void WaitGroup::add(int delta) {
  enter_op();
  l_.lock();
  n_ += delta;
  if (n_ < 0) {
    l_.unlock();
    go_panic("sync: negative WaitGroup counter");
  }
  if (n_ > 0 || !q_.first) {
    l_.unlock();
    return;
  }
  G* list = nullptr;
  waitq_take_all(q_, list);
  l_.unlock();
  ready_list(list);
}

void WaitGroup::wait() {
  enter_op();
  l_.lock();
  if (n_ == 0) {
    l_.unlock();
    return;
  }
  wait_on(q_, l_, WaitReason::WaitGroupWait);
}

void Mutex::lock() {
  enter_op();
  l_.lock();
  if (!locked_) {
    locked_ = true;
    l_.unlock();
    return;
  }
  wait_on(q_, l_, WaitReason::MutexLock);  // unlock() handed it to us
}

bool Mutex::try_lock() {
  enter_op();
  l_.lock();
  bool ok = !locked_;
  locked_ = true;
  l_.unlock();
  return ok;
}

void Mutex::unlock() {
  sched_or_throw();
  l_.lock();
  if (!locked_) {
    l_.unlock();
    fatal("sync: unlock of unlocked mutex");
  }
  if (sudog* s = waitq_pop(q_)) {
    l_.unlock();
    goready(s->g);  // stays locked: ownership passes to the waiter
    return;
  }
  locked_ = false;
  l_.unlock();
}

void RWMutex::lock() {
  enter_op();
  l_.lock();
  if (!writer_ && readers_ == 0) {
    writer_ = true;
    l_.unlock();
    return;
  }
  wait_on(writers_q_, l_, WaitReason::RWMutexLock);
}

bool RWMutex::try_lock() {
  enter_op();
  l_.lock();
  bool ok = !writer_ && readers_ == 0;
  if (ok) writer_ = true;
  l_.unlock();
  return ok;
}

void RWMutex::unlock() {
  sched_or_throw();
  l_.lock();
  if (!writer_) {
    l_.unlock();
    fatal("sync: Unlock of unlocked RWMutex");
  }
  writer_ = false;
  G* list = nullptr;
  if (readers_q_.first) {  // every waiting reader gets in together
    readers_ += waitq_take_all(readers_q_, list);
  } else if (sudog* s = waitq_pop(writers_q_)) {
    writer_ = true;
    s->g->schedlink = nullptr;
    list = s->g;
  }
  l_.unlock();
  ready_list(list);
}

void RWMutex::lock_shared() {
  enter_op();
  l_.lock();
  if (!writer_ && !writers_q_.first) {
    readers_++;
    l_.unlock();
    return;
  }
  wait_on(readers_q_, l_, WaitReason::RWMutexRLock);
}

bool RWMutex::try_lock_shared() {
  enter_op();
  l_.lock();
  bool ok = !writer_ && !writers_q_.first;
  if (ok) readers_++;
  l_.unlock();
  return ok;
}

void RWMutex::unlock_shared() {
  sched_or_throw();
  l_.lock();
  if (readers_ <= 0) {
    l_.unlock();
    fatal("sync: RUnlock of unlocked RWMutex");
  }
  G* next = nullptr;
  if (--readers_ == 0) {
    if (sudog* s = waitq_pop(writers_q_)) {
      writer_ = true;
      next = s->g;
    }
  }
  l_.unlock();
  if (next) goready(next);
}

}  // namespace gort
