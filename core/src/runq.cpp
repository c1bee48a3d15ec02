// Run queues: each P's bounded lock-free ring plus runnext, and the global
// queue behind gq_mu (Go's runqput/runqget/runqgrab/globrunqget).
//
// Invariants:
//   - Only the P's own thread pushes to its ring (stores a slot, then
//     publishes runqtail with release). Anyone takes from the head with a
//     CAS on runqhead, so a slot is read before the CAS that claims it;
//     slots are atomics so that racing read is defined.
//   - runqtail - runqhead <= kRunqSize; an overflowing push moves half the
//     ring plus the new G to the global queue in one batch.
//   - runnext is taken by CAS, by the owner or (when allowed) a thief.
//   - What a thief may take and where an overflow goes are the placement
//     policy's (may_steal, send_home, overflow_home: pinned.cpp).
//   - Threaded Ps steal only stale work (steal_ok): a ring whose head has not
//     moved for kStealDelayNs. A P that is draining its own queue keeps it,
//     because moving fine-grained work to another core (cache misses, lock
//     contention, wakeups) costs more than running it here; work stuck
//     behind a goroutine that computes is taken after a few microseconds
//     (DESIGN.md, 3: what was tried).
#include "sched.hpp"

namespace gort::detail {

namespace {
constexpr std::int64_t kStealDelayNs = 20'000;
}  // namespace

bool Sched::steal_ok(P* p, P* victim, std::uint32_t head) {
  if (simulated_) return true;
  P::Watch& w = p->watch[static_cast<std::size_t>(victim->id)];
  std::int64_t now = mono_ns();
  if (w.head != head) {
    w.head = head;
    w.since = now;
    return false;
  }
  return now - w.since >= kStealDelayNs;
}

// Whether p could take work now: the global queue, or stale work elsewhere.
bool Sched::can_steal(P* p) {
  if (gq_size_.load(std::memory_order_acquire) > 0 || inbox_pending(p)) return true;
  for (auto& v : ps_) {
    if (v.get() == p) continue;
    std::uint32_t h = v->runqhead.load(std::memory_order_acquire);
    std::uint32_t t = v->runqtail.load(std::memory_order_acquire);
    if (t != h && steal_ok(p, v.get(), h) && stealable_in(v.get(), h, t)) return true;
  }
  return false;
}

void Sched::runqput(P* p, G* g, bool next) {
  if (next) {
    G* old = p->runnext.load(std::memory_order_relaxed);
    while (!p->runnext.compare_exchange_weak(old, g, std::memory_order_acq_rel)) {
    }
    if (!old) return;
    g = old;  // the previous runnext goes to the tail of the ring
  }
  for (;;) {
    std::uint32_t h = p->runqhead.load(std::memory_order_acquire);
    std::uint32_t t = p->runqtail.load(std::memory_order_relaxed);
    if (t - h < kRunqSize) {
      p->runq[t % kRunqSize].store(g, std::memory_order_relaxed);
      p->runqtail.store(t + 1, std::memory_order_release);
      return;
    }
    if (runqputslow(p, g, h, t)) return;
  }
}

bool Sched::runqputslow(P* p, G* g, std::uint32_t h, std::uint32_t t) {
  constexpr std::uint32_t n = kRunqSize / 2;
  G* batch[n + 1];
  if (t - h != kRunqSize) return false;
  for (std::uint32_t i = 0; i < n; i++)
    batch[i] = p->runq[(h + i) % kRunqSize].load(std::memory_order_relaxed);
  if (!p->runqhead.compare_exchange_strong(h, h + n, std::memory_order_acq_rel)) return false;
  batch[n] = g;
  std::uint32_t m = overflow_home(p, batch, n + 1);  // what may not go to the global queue
  if (m == 0) return true;
  for (std::uint32_t i = 0; i + 1 < m; i++) batch[i]->schedlink = batch[i + 1];
  globrunqput(batch[0], batch[m - 1], static_cast<int>(m));
  return true;
}

G* Sched::runqget(P* p) {
  G* next = p->runnext.load(std::memory_order_relaxed);
  if (next && p->runnext.compare_exchange_strong(next, nullptr, std::memory_order_acq_rel)) {
    return next;
  }
  for (;;) {
    std::uint32_t h = p->runqhead.load(std::memory_order_acquire);
    std::uint32_t t = p->runqtail.load(std::memory_order_relaxed);
    if (t == h) return nullptr;
    G* g = p->runq[h % kRunqSize].load(std::memory_order_relaxed);
    if (p->runqhead.compare_exchange_weak(h, h + 1, std::memory_order_acq_rel)) return g;
  }
}

// Steals half of victim's ring into p's (empty) ring and returns one of
// them; with steal_runnext, takes victim's runnext when its ring is empty.
G* Sched::runqsteal(P* p, P* victim, bool steal_runnext) {
  G* batch[kRunqSize / 2];
  std::uint32_t n;
  for (;;) {
    std::uint32_t h = victim->runqhead.load(std::memory_order_acquire);
    std::uint32_t t = victim->runqtail.load(std::memory_order_acquire);
    n = t - h;
    n = n - n / 2;
    if (!steal_ok(p, victim, h)) return nullptr;
    if (n == 0) {
      if (!steal_runnext) return nullptr;
      G* next = victim->runnext.load(std::memory_order_relaxed);
      if (!next || !may_steal(next)) return nullptr;
      if (!victim->runnext.compare_exchange_strong(next, nullptr, std::memory_order_acq_rel)) {
        return nullptr;
      }
      return send_home(p, &next, 1) ? next : nullptr;  // it may have started meanwhile
    }
    if (n > kRunqSize / 2) continue;  // h and t read at different times; retry
    for (std::uint32_t i = 0; i < n; i++) {
      batch[i] = victim->runq[(h + i) % kRunqSize].load(std::memory_order_relaxed);
    }
    if (!stealable_in(victim, h, h + n)) return nullptr;
    if (victim->runqhead.compare_exchange_weak(h, h + n, std::memory_order_acq_rel)) break;
  }
  n = send_home(p, batch, n);  // what p may not run goes where it may
  if (n == 0) return nullptr;
  G* g = batch[--n];
  if (n == 0) return g;
  std::uint32_t t = p->runqtail.load(std::memory_order_relaxed);
  for (std::uint32_t i = 0; i < n; i++)
    p->runq[(t + i) % kRunqSize].store(batch[i], std::memory_order_relaxed);
  p->runqtail.store(t + n, std::memory_order_release);
  return g;
}

void Sched::globrunqput(G* head, G* tail, int n) {
  std::lock_guard lk(gq_mu_);
  tail->schedlink = nullptr;
  if (gq_tail_) {
    gq_tail_->schedlink = head;
  } else {
    gq_head_ = head;
  }
  gq_tail_ = tail;
  gq_size_.fetch_add(n, std::memory_order_release);
}

// Takes a fair share of the global queue (at most max, 0 = no limit beyond
// half a ring), keeps one to run and puts the rest on p's ring.
G* Sched::globrunqget(P* p, int max) {
  std::lock_guard lk(gq_mu_);
  int size = gq_size_.load(std::memory_order_relaxed);
  if (size == 0) return nullptr;
  int n = size / nprocs_ + 1;
  if (n > size) n = size;
  if (max > 0 && n > max) n = max;
  if (n > static_cast<int>(kRunqSize / 2)) n = kRunqSize / 2;
  gq_size_.fetch_sub(n, std::memory_order_relaxed);
  G* g = gq_head_;
  gq_head_ = g->schedlink;
  for (int i = 1; i < n; i++) {
    G* x = gq_head_;
    gq_head_ = x->schedlink;
    runqput(p, x, false);
  }
  if (!gq_head_) gq_tail_ = nullptr;
  return g;
}

// Work another P could take: the global queue or a non-empty ring. A
// runnext alone does not count: it belongs to a P that is running and about
// to run it (and an idle P's runnext is always empty).
bool Sched::has_work() {
  if (gq_size_.load(std::memory_order_acquire) > 0) return true;
  for (auto& p : ps_) {
    if (inbox_pending(p.get())) return true;
    if (p->runqtail.load(std::memory_order_acquire) !=
        p->runqhead.load(std::memory_order_acquire)) {
      return true;
    }
  }
  return false;
}

}  // namespace gort::detail
