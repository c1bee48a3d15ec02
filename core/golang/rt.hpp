// The VM's one door to gort's runtime: channels, select, sleep, timers,
// sync, goroutines and the trace, through gort's public API only.
//
// Everything that may park returns the core's Status and throws nothing, so
// the VM calls it with no try block open and nothing to destroy (under
// Emscripten a goroutine switch then crosses no invoke_* wrapper). The VM
// turns a Status into Go's behaviour in one place (Thread::status): a panic
// status becomes a recoverable Go panic, Unwind and the fatal errors end the
// goroutine at once.
#pragma once

#include <cstdint>
#include <deque>
#include <gort/detail/runtime.hpp>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "value.hpp"

namespace gort::golang {

struct Type;

namespace rt {

using gort::detail::hchan;
using gort::detail::Status;

// The %v texts of values in flight on channels whose element's %v may call
// a method (Error, String). The trace hook runs under the channel's lock,
// where no Go code may run, so when tracing the sender formats its value
// first, as fmt.Print would, and puts the text here; the hook finds it by
// element type and value bits. A put text is taken by two events, the
// send's and the receive's (drop: the send did not happen); one Run at a
// time uses a Program's, and texts it leaves (never received) are cleared
// for the next.
class SentTexts {
 public:
  void put(const Type* elem, Value v, std::string_view text);
  void drop(const Type* elem, Value v);
  bool take(const Type* elem, Value v, std::string* text);  // false: none put
  void clear();

 private:
  struct Entry {
    std::string text;
    int events = 0;  // still to take it
  };
  std::mutex mu_;  // a leaf: taken under a channel's lock
  std::map<std::pair<const Type*, std::uint64_t>, Entry> texts_;
};

// How a channel moves its elements (one Value each) and how the trace shows
// them: a basic type as the trace's own kind of value, struct{} as {}, any
// other as its %v text, truncated to 32 bytes, for which the ops carry the
// type: the sender's text from `texts` when the %v may call a method, else
// the value printed without calling any.
struct ChanOps {
  gort::detail::ElemOps ops;  // first: the runtime hands it back to the trace hook
  const Type* type;
  SentTexts* texts;  // the Program's, or null: the element's %v calls no method
};
// time.Duration and time.Time: the trace shows them as gort's own values
// (as their String methods print them).
bool traced_as_time(const Type* t);
// The ops for a channel of elem; those that need the type are made once
// per type in `store` (the Program's).
const gort::detail::ElemOps* chan_ops(const Type* elem, SentTexts* texts,
                                      std::deque<ChanOps>& store);
Status chan_make(const gort::detail::ElemOps* ops, std::size_t cap, std::string_view name,
                 hchan** out);
void chan_release(hchan* c);
Status send(hchan* c, Value* v);
// *v must be zero on entry; Closed: the channel is closed and drained.
Status recv(hchan* c, Value* v);
// send and recv that never park: WouldBlock, with nothing done, where they
// would wait (the run loop's fast instance, vm.cpp).
Status try_send(hchan* c, Value* v);
Status try_recv(hchan* c, Value* v);
// send and recv once try_send / try_recv said WouldBlock (vm.cpp's
// wait_chan): the runtime's blocking path, inline, so that a goroutine
// parked there has no adapter frame on its stack for a switch to unwind.
inline Status send_wait(hchan* c, Value* v) {
  return gort::detail::chan_send(c, v, true);
}
// *v must be zero on entry, as for recv.
inline Status recv_wait(hchan* c, Value* v) {
  return gort::detail::chan_recv(c, v, true);
}
Status close(hchan* c);
std::size_t len(hchan* c);
std::size_t cap(hchan* c);
// Ok with *chosen and *ok (false: a receive saw a closed channel), or
// WouldBlock (*chosen = -1: the default case).
Status select(gort::detail::scase* cases, int n, bool block, int* chosen, bool* ok);

Status sleep(std::int64_t ns);
std::int64_t now();  // ns since the run started, on the run's clock
// A channel of Times that receives once after ns (time.After).
hchan* after(std::int64_t ns);
hchan* tick(std::int64_t ns);
// time.Timer / time.Ticker: an opaque handle; its channel.
void* timer_new(std::int64_t ns, bool ticker, hchan** c);
bool timer_stop(void* t, bool ticker);
bool timer_reset(void* t, bool ticker, std::int64_t ns);
void timer_free(void* t, bool ticker);

// sync: the runtime's own types, built in place in a Go struct's words.
// `block` false is TryLock: WouldBlock when it is held.
Status mutex_lock(void* m, bool block);
Status mutex_unlock(void* m);
Status rw_lock(void* m, bool shared, bool block);
Status rw_unlock(void* m, bool shared);
Status wg_add(void* wg, std::int64_t delta);
Status wg_wait(void* wg);
constexpr std::size_t kMutexWords = 4, kRWMutexWords = 8, kWaitGroupWords = 4;

// Goroutines.
Status yield();
Status preempt();  // the instruction quantum ran out: a GoPreempt event
// The running goroutine's line, without a trace event (the events it makes
// later carry it). g: gort::detail::current_g(), fetched once per goroutine.
inline void set_line(gort::detail::G* g, int line) {
  gort::detail::set_line(g, line);
}
void set_name(std::string_view name);
void set_file(std::string_view name);  // the program's, for the core's reports
bool tracing();                        // the running program records a trace
std::size_t num_goroutine();
int procs();
std::uint64_t seed();
void write_out(std::string_view s);
void write_err(std::string_view s);
// os.Exit(code), a fatal error or an unrecovered panic's report (text on
// stderr): ends the program; returns Unwind.
Status exit(int code, std::string_view text = {});

}  // namespace rt
}  // namespace gort::golang
