// The channel object (Go's hchan) and the primitive transfers that chan.cpp
// and select.cpp share.
//
// Invariants (as in Go's runtime/chan.go):
//   - At least one of sendq and recvq is empty, except for an unbuffered
//     channel with a single goroutine blocked on both sides of it via select.
//   - For a buffered channel: qcount > 0 implies recvq is empty, and
//     qcount < dataqsiz implies sendq is empty.
//   - lock protects every field but refs, ops, dataqsiz, id and name_id,
//     which never change. Never park or block while holding lock, except
//     through gopark, which releases it once the goroutine is parked.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <gort/detail/runtime.hpp>
#include <gort/sync.hpp>
#include <type_traits>

#include "sched.hpp"

namespace gort::detail {

struct hchan {
  std::size_t dataqsiz = 0;  // capacity; first, for chan_capacity (runtime.hpp)
  std::atomic<int> refs{1};
  SpinLock lock;
  const ElemOps* ops;
  std::size_t qcount = 0;
  std::size_t sendx = 0;
  std::size_t recvx = 0;
  bool closed = false;
  waitq recvq, sendq;
  std::uint32_t id = 0;
  char* buf = nullptr;  // dataqsiz constructed elements

  void* slot(std::size_t i) const { return buf + i * ops->size; }
};
static_assert(std::is_standard_layout_v<hchan> && offsetof(hchan, dataqsiz) == 0,
              "chan_capacity reads dataqsiz at the start of the object");

// *dst = std::move(*src) for the channel's element type.
inline void elem_move(const ElemOps* ops, void* dst, void* src) {
  if (!ops->trivial) {
    ops->move(dst, src);
    return;
  }
  switch (ops->size) {  // fixed sizes compile to one load and store
    case 1:
      std::memcpy(dst, src, 1);
      break;
    case 4:
      std::memcpy(dst, src, 4);
      break;
    case 8:
      std::memcpy(dst, src, 8);
      break;
    case 16:
      std::memcpy(dst, src, 16);
      break;
    default:
      std::memcpy(dst, src, ops->size);
  }
}

// Records a channel event by `who` (nullptr: the running goroutine) when
// tracing; otherwise costs one load.
void trace_chan(hchan* c, trace::Kind k, G* who, const void* ep, std::uint32_t ok);
inline void trace_op(hchan* c, trace::Kind k, G* who, const void* ep, std::uint32_t ok = 1) {
  if (g_sched->tracing()) [[unlikely]] {
    trace_chan(c, k, who, ep, ok);
  }
}

// Hands *ep to the receiver waiting in sg and readies it. Called with c locked.
void send_direct(hchan* c, sudog* sg, void* ep);
// Takes a value for *ep from the sender waiting in sg (through the buffer
// when there is one, keeping FIFO order) and readies it. c locked.
void recv_direct(hchan* c, sudog* sg, void* ep);
// Puts *ep in the buffer / takes the oldest buffered value. c locked.
// Inline: chan_send_buffered and chan_recv_buffered must not call out to
// code that may throw (a call Emscripten would route through JavaScript);
// for a trivially copyable element these make no call at all.
[[gnu::always_inline]] inline void buf_put(hchan* c, void* ep) {
  trace_op(c, trace::Kind::ChanSend, nullptr, ep);
  elem_move(c->ops, c->slot(c->sendx), ep);
  if (++c->sendx == c->dataqsiz) c->sendx = 0;
  c->qcount++;
}
[[gnu::always_inline]] inline void buf_take(hchan* c, void* ep) {
  void* slot = c->slot(c->recvx);
  trace_op(c, trace::Kind::ChanRecv, nullptr, slot);
  elem_move(c->ops, ep, slot);
  if (++c->recvx == c->dataqsiz) c->recvx = 0;
  c->qcount--;
}
// The part of a send (receive) that does not wait, c locked: completes it
// if it can at once. Ok (recv: or Closed, c closed and drained),
// SendOnClosed, or WouldBlock. chan_send, chan_recv and select's first pass
// are these plus waiting.
Status send_locked(hchan* c, void* ep);
Status recv_locked(hchan* c, void* ep);

}  // namespace gort::detail
