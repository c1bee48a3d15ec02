// Channels: make, send, receive, close (Go's runtime/chan.go, one code path
// per operation). See chan_impl.hpp for the invariants.
//
// A blocked sender or receiver waits in a sudog on its own stack; whoever
// completes its operation moves the value straight between the two stacks
// (or through the buffer, to keep FIFO order) and readies it, so a blocked
// operation costs no allocation. A channel's storage is freed when its last
// handle is released.
#include <cstdint>
#include <gort/chan.hpp>
#include <new>

#include "chan_impl.hpp"
#include "waitq.hpp"

namespace gort::detail {

namespace {

void unlock_chan(void* c) {
  static_cast<hchan*>(c)->lock.unlock();
}

// Operations on a nil channel block forever: only the program's end wakes
// the goroutine, to be unwound.
Status park_forever(WaitReason reason) {
  gopark(nullptr, nullptr, reason);
  return Status::Unwind;
}

// Waits in q (c locked) until another goroutine completes the operation
// (Ok) or closes c (`closed`), or the program ends (Unwind). While parked
// the goroutine holds a reference to c, as a blocked Go goroutine keeps its
// channel reachable: so unwinding it after main's frame (and main's handle)
// is gone still finds c alive. Inlined into chan_send and chan_recv: under
// asyncify every frame on a parked goroutine's stack is unwound and rewound
// at each switch (DESIGN.md §4.1).
[[gnu::always_inline]] inline Status block_on(hchan* c, waitq& q, G* gp, void* ep,
                                              WaitReason reason, Status closed) {
  sudog me;
  me.g = gp;
  me.elem = ep;
  me.c = c;
  chan_retain(c);
  waitq_push(q, &me);
  gopark(unlock_chan, c, reason, c->id);
  bool unwind = gp->unwinding;
  if (unwind) {
    c->lock.lock();
    waitq_remove(q, &me);
    c->lock.unlock();
  }
  chan_release(c);
  if (unwind && must_unwind(gp)) return Status::Unwind;
  return me.success ? Status::Ok : closed;
}

}  // namespace

void trace_chan(hchan* c, trace::Kind k, G* who, const void* ep, std::uint32_t ok) {
  TraceValue v = ep ? c->ops->trace(ep, c->ops) : TraceValue{};
  g_sched->record(curp(), k, who ? who : getg(), c->id, v.bits, ok,
                  static_cast<std::uint8_t>(v.kind));
}

void send_direct(hchan* c, sudog* sg, void* ep) {
  trace_op(c, trace::Kind::ChanSend, nullptr, ep);
  trace_op(c, trace::Kind::ChanRecv, sg->g, ep);
  elem_move(c->ops, sg->elem, ep);
  sg->success = true;
  sg->g->param = sg;
  goready(sg->g);
}

void recv_direct(hchan* c, sudog* sg, void* ep) {
  if (c->dataqsiz == 0) {
    trace_op(c, trace::Kind::ChanSend, sg->g, sg->elem);
    trace_op(c, trace::Kind::ChanRecv, nullptr, sg->elem);
    elem_move(c->ops, ep, sg->elem);
  } else {
    // The buffer is full: take its head, and put the sender's value at its
    // tail (the same slot, since the ring is full).
    void* slot = c->slot(c->recvx);
    trace_op(c, trace::Kind::ChanRecv, nullptr, slot);
    elem_move(c->ops, ep, slot);
    trace_op(c, trace::Kind::ChanSend, sg->g, sg->elem);
    elem_move(c->ops, slot, sg->elem);
    if (++c->recvx == c->dataqsiz) c->recvx = 0;
    c->sendx = c->recvx;
  }
  sg->success = true;
  sg->g->param = sg;
  goready(sg->g);
}

Status chan_make(const ElemOps* ops, std::size_t cap, std::string_view name, hchan** out) {
  // At most 1 TiB of buffer, or half the address space on 32-bit targets
  // (wasm32), so that head + cap * size cannot overflow.
  constexpr std::uint64_t kMaxBytes =
      sizeof(std::size_t) >= 8 ? std::uint64_t{1} << 40 : SIZE_MAX / 2;
  if (std::uint64_t{cap} > kMaxBytes / (ops->size ? ops->size : 1)) return Status::MakechanSize;
  std::size_t align = ops->align > alignof(hchan) ? ops->align : alignof(hchan);
  std::size_t head = (sizeof(hchan) + align - 1) / align * align;
  char* mem = static_cast<char*>(::operator new (head + cap * ops->size, std::align_val_t{align}));
  hchan* c = new (mem) hchan();
  c->ops = ops;
  c->dataqsiz = cap;
  c->buf = mem + head;
  for (std::size_t i = 0; i < cap; i++) ops->construct(c->slot(i));
  if (Sched* s = g_sched) {
    c->id = s->new_chan_id();
    if (s->tracing()) {
      s->record(curp(), trace::Kind::ChanMake, getg(), c->id, static_cast<std::int64_t>(cap),
                name.empty() ? 0 : s->strings().intern(name), 0);
    }
  }
  *out = c;
  return Status::Ok;
}

void chan_retain(hchan* c) noexcept {
  c->refs.fetch_add(1, std::memory_order_relaxed);
}

void chan_release(hchan* c) noexcept {
  if (c->refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  for (std::size_t i = 0; i < c->dataqsiz; i++) c->ops->destroy(c->slot(i));
  std::size_t align = c->ops->align > alignof(hchan) ? c->ops->align : alignof(hchan);
  c->~hchan();
  ::operator delete (static_cast<void*>(c), std::align_val_t{align});
}

Status send_locked(hchan* c, void* ep) {
  if (c->closed) return Status::SendOnClosed;
  if (sudog* sg = waitq_pop(c->recvq)) {
    send_direct(c, sg, ep);
    return Status::Ok;
  }
  if (c->qcount < c->dataqsiz) {
    buf_put(c, ep);
    return Status::Ok;
  }
  return Status::WouldBlock;
}

Status recv_locked(hchan* c, void* ep) {
  if (c->closed && c->qcount == 0) {
    trace_op(c, trace::Kind::ChanRecv, nullptr, nullptr, 0);
    return Status::Closed;
  }
  if (sudog* sg = waitq_pop(c->sendq)) {
    recv_direct(c, sg, ep);
    return Status::Ok;
  }
  if (c->qcount > 0) {
    buf_take(c, ep);
    return Status::Ok;
  }
  return Status::WouldBlock;
}

Status chan_send(hchan* c, void* ep, bool block) {
  if (!block) return chan_try_send(c, ep);
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  if (!c) return park_forever(WaitReason::ChanSendNilChan);
  c->lock.lock();
  Status s = send_locked(c, ep);
  if (s != Status::WouldBlock) {
    c->lock.unlock();
    return s;
  }
  return block_on(c, c->sendq, gp, ep, WaitReason::ChanSend, Status::SendOnClosed);
}

Status chan_recv(hchan* c, void* ep, bool block) {
  if (!block) return chan_try_recv(c, ep);
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  if (!c) return park_forever(WaitReason::ChanReceiveNilChan);
  c->lock.lock();
  Status s = recv_locked(c, ep);
  if (s != Status::WouldBlock) {
    c->lock.unlock();
    return s;
  }
  return block_on(c, c->recvq, gp, ep, WaitReason::ChanReceive, Status::Closed);
}

Status chan_try_send(hchan* c, void* ep) {
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  if (!c) return Status::WouldBlock;
  c->lock.lock();
  Status s = send_locked(c, ep);
  c->lock.unlock();
  return s;
}

Status chan_try_recv(hchan* c, void* ep) {
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  if (!c) return Status::WouldBlock;
  c->lock.lock();
  Status s = recv_locked(c, ep);
  c->lock.unlock();
  return s;
}

bool chan_send_buffered(hchan* c, void* ep) noexcept {
  if (!enter_op_quiet()) return false;
  c->lock.lock();
  bool room = !c->closed && c->qcount < c->dataqsiz && !c->recvq.first;
  if (room) buf_put(c, ep);
  c->lock.unlock();
  return room;
}

bool chan_recv_buffered(hchan* c, void* ep) noexcept {
  if (!enter_op_quiet()) return false;
  c->lock.lock();
  bool value = c->qcount > 0 && !c->sendq.first;
  if (value) buf_take(c, ep);
  c->lock.unlock();
  return value;
}

Status chan_close(hchan* c) {
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  if (!c) return Status::CloseOfNil;
  c->lock.lock();
  if (c->closed) {
    c->lock.unlock();
    return Status::CloseOfClosed;
  }
  c->closed = true;
  trace_op(c, trace::Kind::ChanClose, nullptr, nullptr);
  // Collect every waiter (receivers get the zero value, senders will panic),
  // then ready them once the lock is released.
  G* list = nullptr;
  for (waitq* q : {&c->recvq, &c->sendq}) {
    while (sudog* sg = waitq_pop(*q)) {
      if (q == &c->recvq) trace_op(c, trace::Kind::ChanRecv, sg->g, nullptr, 0);
      sg->success = false;
      sg->g->param = sg;
      sg->g->schedlink = list;
      list = sg->g;
    }
  }
  c->lock.unlock();
  ready_list(list);
  return Status::Ok;
}

std::size_t chan_len(const hchan* c) noexcept {
  auto* m = const_cast<hchan*>(c);
  m->lock.lock();
  std::size_t n = m->qcount;
  m->lock.unlock();
  return n;
}

void chan_each(hchan* c, void (*fn)(void* elem, void* arg), void* arg) noexcept {
  c->lock.lock();
  for (std::size_t i = 0, x = c->recvx; i < c->qcount; i++, x = x + 1 == c->dataqsiz ? 0 : x + 1)
    fn(c->slot(x), arg);
  c->lock.unlock();
}

std::uint32_t chan_id(const hchan* c) noexcept {
  return c->id;
}

}  // namespace gort::detail
