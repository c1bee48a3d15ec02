// select (Go's runtime/select.go: selectgo).
//
// Three passes under the locks of every channel involved, taken in address
// order (so two selects over the same channels in opposite order cannot
// deadlock), each channel once:
//   1. look at the cases in a uniformly random order and take the first
//      ready one (or return -1 for default when !block);
//   2. otherwise enqueue a sudog on every channel and park; the first
//      channel to claim the goroutine's select_done wins;
//   3. relock, find which sudog fired (G::param) and dequeue the others.
// Cases on nil channels take no part; no cases at all blocks forever.
#include <algorithm>
#include <gort/select.hpp>
#include <vector>

#include "chan_impl.hpp"
#include "waitq.hpp"

namespace gort::detail {

namespace {

struct Locks {
  scase* cas;
  int* order;  // indices into cas, sorted by channel address
  int n;
  void lock() {
    for (int i = 0; i < n; i++) {
      hchan* c = cas[order[i]].c;
      if (i == 0 || c != cas[order[i - 1]].c) c->lock.lock();
    }
  }
  void unlock() {
    for (int i = n - 1; i >= 0; i--) {
      hchan* c = cas[order[i]].c;
      if (i == 0 || c != cas[order[i - 1]].c) c->lock.unlock();
    }
  }
};

void trace_select(int chosen, int n) {
  Sched* s = g_sched;
  if (!s->tracing()) return;
  s->record(curp(), trace::Kind::Select, getg(), 0, chosen, static_cast<std::uint32_t>(n));
}

// selectgo proper. pollorder and lockorder hold n ints, sgs n sudogs.
// Parks (gopark): nothing to clean up in scope, so the references held while
// parked are dropped by hand (release_all) on every way out after pass 2.
Status selectgo(scase* cas, int n, bool block, int* chosen, bool* recv_ok, int* pollorder,
                int* lockorder, sudog* sgs) {
  *chosen = -1;
  *recv_ok = false;
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  P* p = curp();

  int norder = 0;
  for (int i = 0; i < n; i++) {
    if (!cas[i].c) continue;
    int j = static_cast<int>(p->rng.below(static_cast<std::uint32_t>(norder + 1)));
    pollorder[norder] = pollorder[j];
    pollorder[j] = i;
    norder++;
  }
  if (norder == 0) {
    if (!block) {
      trace_select(-1, n);
      return Status::WouldBlock;
    }
    gopark(nullptr, nullptr, n == 0 ? WaitReason::SelectNoCases : WaitReason::Select);
    return Status::Unwind;
  }
  // Lock order: by channel address (insertion sort: selects are small).
  for (int k = 0; k < norder; k++) {
    int i = pollorder[k], j = k;
    for (; j > 0 && std::less<hchan*>()(cas[i].c, cas[lockorder[j - 1]].c); j--) {
      lockorder[j] = lockorder[j - 1];
    }
    lockorder[j] = i;
  }
  Locks locks{cas, lockorder, norder};
  locks.lock();

  // Pass 1: a ready case, in random order.
  for (int k = 0; k < norder; k++) {
    int i = pollorder[k];
    Status s =
        cas[i].send ? send_locked(cas[i].c, cas[i].elem) : recv_locked(cas[i].c, cas[i].elem);
    if (s == Status::WouldBlock) continue;
    locks.unlock();
    if (s == Status::SendOnClosed) return s;
    *recv_ok = s == Status::Ok;
    *chosen = i;
    trace_select(i, n);
    return Status::Ok;
  }
  if (!block) {
    locks.unlock();
    trace_select(-1, n);
    return Status::WouldBlock;
  }

  // Pass 2: wait on every channel, holding a reference to each (see block_on).
  for (int i = 0; i < n; i++) {
    if (cas[i].c) chan_retain(cas[i].c);
  }
  auto release_all = [cas, n] {
    for (int i = 0; i < n; i++) {
      if (cas[i].c) chan_release(cas[i].c);
    }
  };
  gp->param = nullptr;
  gp->select_done.store(0, std::memory_order_relaxed);
  for (int k = 0; k < norder; k++) {
    int i = lockorder[k];
    sudog& sg = sgs[k];
    sg = sudog{};
    sg.g = gp;
    sg.elem = cas[i].elem;
    sg.c = cas[i].c;
    sg.is_select = true;
    waitq_push(cas[i].send ? cas[i].c->sendq : cas[i].c->recvq, &sg);
  }
  if (g_sched->tracing()) {
    // So the UI can queue it at every channel it waits on; in case order, as
    // lock order depends on addresses and the trace must not.
    for (int i = 0; i < n; i++) {
      if (!cas[i].c) continue;
      g_sched->record(p, trace::Kind::SelectWait, gp, cas[i].c->id, 0, cas[i].send ? 1 : 0);
    }
  }
  gopark([](void* l) { static_cast<Locks*>(l)->unlock(); }, &locks, WaitReason::Select);

  // Pass 3: which case fired; withdraw from the others.
  locks.lock();
  sudog* winner = gp->param;
  gp->param = nullptr;
  for (int k = 0; k < norder; k++) {
    int i = lockorder[k];
    if (&sgs[k] == winner) {
      *chosen = i;
      *recv_ok = winner->success;
    } else {
      waitq_remove(cas[i].send ? cas[i].c->sendq : cas[i].c->recvq, &sgs[k]);
    }
  }
  locks.unlock();
  release_all();
  if (*chosen < 0) return Status::Unwind;  // woken only to be unwound
  if (cas[*chosen].send && !*recv_ok) return Status::SendOnClosed;
  trace_select(*chosen, n);
  return Status::Ok;
}

}  // namespace

Status select_go(scase* cas, int n, bool block, int* chosen, bool* recv_ok) {
  constexpr int kInline = 8;  // small selects keep their bookkeeping on the stack
  if (n <= kInline) {
    int pollorder[kInline], lockorder[kInline];
    sudog sgs[kInline];
    return selectgo(cas, n, block, chosen, recv_ok, pollorder, lockorder, sgs);
  }
  // Freed by hand, not by a smart pointer: see gopark (nothing to clean up in
  // scope around a park). selectgo throws nothing but bad_alloc.
  int* ints = new int[2 * static_cast<std::size_t>(n)];
  sudog* sgs = new sudog[static_cast<std::size_t>(n)];
  Status s = selectgo(cas, n, block, chosen, recv_ok, ints, ints + n, sgs);
  delete[] sgs;
  delete[] ints;
  return s;
}

}  // namespace gort::detail

namespace gort {

int select(std::span<Case> cases) {
  int ndefault = 0;
  for (Case& c : cases) ndefault += c.is_default() ? 1 : 0;
  if (ndefault > 1) throw std::invalid_argument("gort::select: more than one default case");
  std::vector<detail::scase> sc;
  std::vector<int> index;
  int def = -1;
  for (int i = 0; i < static_cast<int>(cases.size()); i++) {
    if (cases[i].is_default()) {
      def = i;
      continue;
    }
    sc.push_back(cases[i].make());
    index.push_back(i);
  }
  bool ok = false;
  int chosen = -1;
  detail::Status s =
      detail::select_go(sc.data(), static_cast<int>(sc.size()), def < 0, &chosen, &ok);
  if (s != detail::Status::WouldBlock) detail::check(s);
  int arg = chosen < 0 ? def : index[chosen];
  cases[arg].fire(ok);
  return arg;
}

}  // namespace gort
