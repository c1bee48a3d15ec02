// The placement policy (sched.hpp, "placement"): where a goroutine may run,
// and how the pinned policy keeps a started goroutine on its home P.
//
// Pinned Ps exist where a suspended context cannot resume on another thread
// (kContextCanMigrate is false: Emscripten with pthreads, whose C++
// exception state lives in each worker's own JavaScript; DESIGN.md, Pinned
// goroutines) and Ps are threads. Invariants then:
//   - A started G has a home P (G::home, set when it first runs, or when
//     it is placed on a P to start there), the only P that runs it. A P's
//     runnext and ring hold unstarted Gs and Gs homed there; the global
//     queue holds unstarted Gs only.
//   - Placement: a G about to run for the first time on the P that made it,
//     after that P gave up a time slice (a goroutine there computes),
//     starts on the P with the fewest queued Gs if that is another
//     (place_pinned), since no thief can even the load once it has run.
//   - A G readied by another P, or found by a thief, waits in its home's
//     inbox; the home's owner moves it to its ring (the ring has one
//     producer). inbox_size mirrors the inbox's length for lock-free looks.
//   - Every P's thread starts with the program, from the thread that starts
//     it (under Emscripten a pthread created by a worker is created by the
//     main thread's event loop, which a running program blocks).
//   - Teardown runs on each P's own thread in turn, P0 first: a goroutine
//     can only be unwound where it can be resumed.
// Elsewhere every hook is a constant (pinned() is false at compile time
// where contexts migrate), so the scheduler pays nothing for this file.
#include <algorithm>
#include <vector>

#include "sched.hpp"

namespace gort::detail {

bool Sched::ready_home(P* p, G* g) {
  P* home = g->home.load(std::memory_order_relaxed);
  if (!home || home == p) return false;
  inbox_put(home, g);
  return true;
}

// Queues a started g on its home P, which alone may resume it, and wakes
// that P if it is idle.
void Sched::inbox_put(P* home, G* g) {
  {
    std::lock_guard lk(home->inbox_mu);
    glist_push(home->inbox_head, home->inbox_tail, g);
    home->inbox_size.fetch_add(1, std::memory_order_release);
  }
  // idle() looks at the inbox under mu_ before it marks its P idle.
  std::lock_guard lk(mu_);
  if (home->idle && home->attached) {
    home->idle = false;
    nidle_.fetch_sub(1, std::memory_order_relaxed);
    home->sem.release();
  }
}

// Moves p's inbox to its ring, as far as the ring has room (owner only: the
// ring's single producer).
void Sched::inbox_drain(P* p) {
  if (p->inbox_size.load(std::memory_order_acquire) == 0) return;
  std::lock_guard lk(p->inbox_mu);
  std::uint32_t t = p->runqtail.load(std::memory_order_relaxed);
  std::uint32_t n = 0;
  while (p->inbox_head && t + n - p->runqhead.load(std::memory_order_acquire) < kRunqSize) {
    G* g = p->inbox_head;
    p->inbox_head = g->schedlink;
    p->runq[(t + n) % kRunqSize].store(g, std::memory_order_relaxed);
    n++;
  }
  if (!p->inbox_head) p->inbox_tail = nullptr;
  p->inbox_size.fetch_sub(static_cast<int>(n), std::memory_order_relaxed);
  p->runqtail.store(t + n, std::memory_order_release);
}

void Sched::inbox_clear(P* p) {
  if (!pinned()) return;
  std::lock_guard lk(p->inbox_mu);
  p->inbox_head = p->inbox_tail = nullptr;
  p->inbox_size.store(0);
}

bool Sched::unstarted_in(P* victim, std::uint32_t h, std::uint32_t t) {
  if (t - h > kRunqSize) return false;
  for (std::uint32_t i = h; i != t; i++) {
    G* g = victim->runq[i % kRunqSize].load(std::memory_order_relaxed);
    if (g && !g->home.load(std::memory_order_relaxed)) return true;
  }
  return false;
}

namespace {

// How many Gs wait on q (runnext, ring, inbox): a racy look, for placement.
int queued(const P* q) {
  std::uint32_t h = q->runqhead.load(std::memory_order_relaxed);  // first: h <= t
  std::uint32_t t = q->runqtail.load(std::memory_order_relaxed);
  int n = static_cast<int>(std::min(t - h, kRunqSize));
  if (q->runnext.load(std::memory_order_relaxed)) n++;
  return n + q->inbox_size.load(std::memory_order_relaxed);
}

}  // namespace

// Natively a G runs wherever there is room and thieves rebalance; pinned, a
// G stays where it first ran. Without this, CPU-bound goroutines made in a
// burst all started on their maker's P (it ran each for a time slice before
// an idle P woke and looked), and a second P sat idle for the whole program.
// Only once the maker's P has time-sliced since g was made: a G started at
// once (a new stage of a pipeline, a pool's worker) stays with the Gs it
// talks to, where a handoff costs no wake-up of another thread (spreading
// those made the threaded pool and sieve rows 5-10x slower at P=2). A G
// that a thief took had waited already.
bool Sched::place_pinned(P* p, G* g) {
  if (nprocs_ < 2 || ending_.load(std::memory_order_relaxed)) return false;
  if (g->maker == p && p->yields == g->maker_yields) return false;
  P* best = nullptr;
  // Kept, g runs here now, before the queued(p) others; sent, it waits
  // behind q's queue and q's running G (counted, since a P switching from
  // one G to the next has taken the next from its queue before it queues
  // the last).
  int least = queued(p);
  for (auto& q : ps_) {
    if (q.get() == p) continue;
    if (int n = queued(q.get()) + q->busy.load(std::memory_order_relaxed); n < least) {
      least = n;
      best = q.get();
    }
  }
  if (!best) return false;
  g->home.store(best, std::memory_order_relaxed);
  inbox_put(best, g);
  return true;
}

std::uint32_t Sched::send_home_pinned(P* p, G** batch, std::uint32_t n) {
  std::uint32_t kept = 0;
  for (std::uint32_t i = 0; i < n; i++) {
    P* home = batch[i]->home.load(std::memory_order_relaxed);
    if (home && home != p) {
      inbox_put(home, batch[i]);  // it started in the meantime
    } else {
      batch[kept++] = batch[i];
    }
  }
  return kept;
}

// The global queue holds unstarted Gs only: started ones (all homed on p,
// whose ring overflowed) wait in p's inbox.
std::uint32_t Sched::overflow_pinned(P* p, G** batch, std::uint32_t n) {
  std::uint32_t global = 0;
  std::lock_guard lk(p->inbox_mu);
  for (std::uint32_t i = 0; i < n; i++) {
    G* g = batch[i];
    if (g->home.load(std::memory_order_relaxed)) {
      glist_push(p->inbox_head, p->inbox_tail, g);
      p->inbox_size.fetch_add(1, std::memory_order_release);
    } else {
      batch[global++] = g;
    }
  }
  return global;
}

bool Sched::unwinds_here(P* p, const G* g) const {
  if (!pinned() || !g->started || !g->fn || g->stack_size < Config::kSmallStackSize) return true;
  return g->home.load(std::memory_order_relaxed) == p;  // else its home's thread does
}

void Sched::start_pinned_threads() {
  if (!pinned()) return;
  std::lock_guard lk(mu_);
  for (auto& q : ps_) {
    if (q->id == 0 || q->attached) continue;
    q->idle = false;
    nidle_.fetch_sub(1, std::memory_order_relaxed);
    q->attached = true;
    start_thread(q.get());
  }
}

void Sched::worker_done(P* p) {
  if (pinned()) teardown_turn(p);
}

// Pinned, P i > 0, once its worker() has returned: waits for its turn,
// unwinds the goroutines homed here, hands the turn back.
void Sched::teardown_turn(P* p) {
  std::unique_lock lk(td_mu_);
  td_stopped_++;
  td_cv_.notify_all();
  td_cv_.wait(lk, [&] { return td_turn_ == p->id; });
  lk.unlock();
  unwind_alive(p);
  lk.lock();
  td_turn_ = -1;
  td_cv_.notify_all();
}

void Sched::finish_on_p0(P* p0) {
  if (!pinned()) {
    // Teardown runs alone: the other workers are joined first (P0's own
    // thread, if it has one, is joined by join_threads).
    join_threads(p0);
    teardown();
    return;
  }
  // Once every other P's thread has stopped, goroutines are unwound one P at
  // a time, each on its own thread (P0: its own and the never-started
  // ones); the threads are joined by join_threads, from the thread that
  // started the program.
  std::vector<P*> others;
  {
    std::lock_guard lk(mu_);
    for (auto& q : ps_) {
      if (q.get() != p0 && q->attached) others.push_back(q.get());
    }
  }
  {
    std::unique_lock lk(td_mu_);
    td_cv_.wait(lk, [&] { return td_stopped_ == static_cast<int>(others.size()); });
  }
  unwind_alive(p0);
  for (P* q : others) {
    std::unique_lock lk(td_mu_);
    td_turn_ = q->id;
    td_cv_.notify_all();
    td_cv_.wait(lk, [&] { return td_turn_ == -1; });
  }
  teardown_rest();
}

}  // namespace gort::detail
