// Wait queues of sudogs (channel sendq/recvq, sync primitives' waiters):
// FIFO, intrusive, guarded by the owner's lock.
//
// Invariant: a sudog is linked iff it has a prev or is q.first; unlinking
// clears next and prev, so remove() of an already-dequeued sudog is a no-op.
// dequeue() skips (and unlinks) a select's sudog whose select another
// channel has already won: claiming it takes the G's select_done flag.
#pragma once

#include <gort/sync.hpp>

#include "sched.hpp"

namespace gort::detail {

inline void waitq_push(waitq& q, sudog* s) {
  s->next = nullptr;
  s->prev = q.last;
  if (q.last) {
    q.last->next = s;
  } else {
    q.first = s;
  }
  q.last = s;
}

inline void waitq_remove(waitq& q, sudog* s) {
  if (!s->prev && q.first != s) return;  // not linked
  if (s->prev) {
    s->prev->next = s->next;
  } else {
    q.first = s->next;
  }
  if (s->next) {
    s->next->prev = s->prev;
  } else {
    q.last = s->prev;
  }
  s->next = s->prev = nullptr;
}

inline sudog* waitq_pop(waitq& q) {
  for (;;) {
    sudog* s = q.first;
    if (!s) return nullptr;
    waitq_remove(q, s);
    if (s->is_select) {
      std::uint32_t expected = 0;
      if (!s->g->select_done.compare_exchange_strong(expected, 1, std::memory_order_acq_rel))
        continue;
    }
    return s;
  }
}

// Moves every waiter of q onto `list` (linked by G::schedlink), so that
// they can be readied with ready_list once the owner's lock is released.
// Returns how many were moved.
inline int waitq_take_all(waitq& q, G*& list) {
  int n = 0;
  while (sudog* s = waitq_pop(q)) {
    s->g->schedlink = list;
    list = s->g;
    n++;
  }
  return n;
}

inline void ready_list(G* list) {
  while (list) {
    G* g = list;
    list = g->schedlink;
    goready(g);
  }
}

// Parks the running goroutine on q, releasing l once it is parked.
inline void waitq_park(waitq& q, SpinLock& l, sudog& s, WaitReason reason) {
  waitq_push(q, &s);
  gopark([](void* l) { static_cast<SpinLock*>(l)->unlock(); }, &l, reason);
}

}  // namespace gort::detail
