// The runtime's type-erased entry points that gort's public templates call,
// and that an interpreter calls directly. Templates (Chan<T>, go, select)
// only marshal typed values into these calls; every piece of scheduling and
// channel logic lives once, in core/src.
//
// Every entry point that may park the goroutine (or end it) returns a Status
// instead of throwing: an interpreter's run loop calls them with nothing to
// catch and no destructor in scope, so that under Emscripten its goroutine
// switches cross no JavaScript invoke_* wrapper (the rule is stated where
// parking is defined, core/src/sched.hpp: gopark). The C++ API throws what a
// Status means from an inline wrapper (check, raise).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <gort/trace.hpp>
#include <string>
#include <string_view>
#include <type_traits>

namespace gort {
struct Clock;  // time.hpp
}

namespace gort::detail {

struct G;
struct hchan;

// What an operation that may park says happened.
enum class Status : std::uint8_t {
  Ok,          // it completed
  WouldBlock,  // block == false, and it could not complete at once
  Closed,      // a receive from a closed, drained channel: the zero value, ok == false
  // The program is ending: the goroutine must return from its function
  // without doing anything else that blocks (every later call says Unwind
  // too). Not while a C++ exception is in flight on the goroutine: a
  // destructor run by unwinding may still use channels.
  Unwind,
  NoGoroutine,  // called outside a running goroutine: a logic error
  // Go panics (recoverable in Go); status_text is the message after "panic: ".
  SendOnClosed,       // send on closed channel
  CloseOfNil,         // close of nil channel
  CloseOfClosed,      // close of closed channel
  NegativeWaitGroup,  // sync: negative WaitGroup counter
  MakechanSize,       // makechan: size out of range
  // Go fatal errors: the runtime has printed "fatal error: " + status_text
  // and the goroutine's traceback, and ends the program (exit code 2); the
  // goroutine unwinds, as for Unwind.
  UnlockOfUnlocked,     // sync: unlock of unlocked mutex
  RWUnlockOfUnlocked,   // sync: Unlock of unlocked RWMutex
  RWRUnlockOfUnlocked,  // sync: RUnlock of unlocked RWMutex
  GoroutineLimit,       // goroutine limit exceeded (Config::max_goroutines)
  OutOfMemory,          // runtime: out of memory (no memory for a goroutine's stack)
};

constexpr bool is_panic(Status s) {
  return s >= Status::SendOnClosed && s <= Status::MakechanSize;
}
constexpr bool is_fatal(Status s) {
  return s >= Status::UnlockOfUnlocked;
}
// Go's words for a panic or fatal error status; "" for the others.
constexpr std::string_view status_text(Status s) {
  switch (s) {
    case Status::SendOnClosed:
      return "send on closed channel";
    case Status::CloseOfNil:
      return "close of nil channel";
    case Status::CloseOfClosed:
      return "close of closed channel";
    case Status::NegativeWaitGroup:
      return "sync: negative WaitGroup counter";
    case Status::MakechanSize:
      return "makechan: size out of range";
    case Status::UnlockOfUnlocked:
      return "sync: unlock of unlocked mutex";
    case Status::RWUnlockOfUnlocked:
      return "sync: Unlock of unlocked RWMutex";
    case Status::RWRUnlockOfUnlocked:
      return "sync: RUnlock of unlocked RWMutex";
    case Status::GoroutineLimit:
      return "goroutine limit exceeded";
    case Status::OutOfMemory:
      return "runtime: out of memory";
    default:
      return "";
  }
}

// Throws what s means for C++ code: Panic (a panic status), Unwind (Unwind,
// a fatal error), std::logic_error (NoGoroutine, or a status the operation
// cannot return).
[[noreturn]] void raise(Status s);
inline void check(Status s) {
  if (s != Status::Ok) [[unlikely]]
    raise(s);
}

// Thrown into a goroutine to unwind it when its program has ended. It is not
// a std::exception, so `catch (const std::exception&)` in user code never
// swallows it; code that catches `...` must rethrow.
struct Unwind {};

// A Go panic (gort::panic, runtime panics like "send on closed channel").
// Not a std::exception for the same reason as Unwind.
struct Panic {
  std::string message;
};

// Whether the running program records a trace (Config::trace); false
// outside a program.
bool tracing() noexcept;

// The string id of a traced value's text (trace::ValueKind::Text) in the
// running program; `quoted`: text is a Go string, shown as %q shows it.
// 0 once the program's budget for value texts is spent, or outside a
// program. For ElemOps::trace, which runs only when tracing, with the
// channel's lock held: it takes only the string table's own (leaf) lock.
std::uint32_t trace_text(std::string_view text, bool quoted = false);

// A value as the trace shows it.
struct TraceValue {
  std::int64_t bits = 0;
  trace::ValueKind kind = trace::ValueKind::None;
};

template <class T>
TraceValue trace_value(const T& v) {
  using U = std::remove_cv_t<T>;
  TraceValue t;
  if constexpr (std::is_same_v<U, bool>) {
    t = {v ? 1 : 0, trace::ValueKind::Bool};
  } else if constexpr (std::is_enum_v<U>) {
    t = {static_cast<std::int64_t>(v), trace::ValueKind::Int};
  } else if constexpr (std::is_integral_v<U> && std::is_signed_v<U>) {
    t = {static_cast<std::int64_t>(v), trace::ValueKind::Int};
  } else if constexpr (std::is_integral_v<U>) {
    t = {static_cast<std::int64_t>(v), trace::ValueKind::Uint};
  } else if constexpr (std::is_floating_point_v<U>) {
    double d = static_cast<double>(v);
    std::memcpy(&t.bits, &d, sizeof d);
    t.kind = trace::ValueKind::Float;
  } else if constexpr (std::is_convertible_v<const U&, std::string_view>) {
    std::string_view s = v;
    if (s.size() <= sizeof t.bits) {
      std::memcpy(&t.bits, s.data(), s.size());
      t.kind = trace::ValueKind::Str;
    } else {
      t = {trace_text(s, true), trace::ValueKind::Text};
    }
  } else if constexpr (requires {
                         v.count();
                         typename U::period;
                       }) {
    t = {std::chrono::duration_cast<std::chrono::nanoseconds>(v).count(),
         trace::ValueKind::Duration};
  } else if constexpr (requires { typename U::clock; }) {
    if constexpr (std::is_same_v<typename U::clock, Clock>) {
      t = {std::chrono::duration_cast<std::chrono::nanoseconds>(v.time_since_epoch()).count(),
           trace::ValueKind::Time};
    }
  }
  return t;
}

// How the runtime moves values of a channel's element type.
struct ElemOps {
  std::size_t size, align;
  bool trivial;                        // trivially copyable: moved with memcpy, no call
  void (*construct)(void* p);          // new (p) T()
  void (*destroy)(void* p);            // p->~T()
  void (*move)(void* dst, void* src);  // *dst = std::move(*src)
  // How the trace shows *p. ops is this ElemOps: one function serves many
  // element types when their ops embed what it needs (an interpreter's type).
  TraceValue (*trace)(const void* p, const ElemOps* ops);
};

template <class T>
inline constexpr ElemOps elem_ops = {
    sizeof(T),
    alignof(T),
    std::is_trivially_copyable_v<T>,
    [](void* p) { new (p) T(); },
    [](void* p) { static_cast<T*>(p)->~T(); },
    [](void* dst, void* src) { *static_cast<T*>(dst) = std::move(*static_cast<T*>(src)); },
    [](const void* p, const ElemOps*) { return trace_value(*static_cast<const T*>(p)); },
};

// make(chan T, cap): *c receives a channel with one reference. Ok, or
// MakechanSize. (Also outside a program: such a channel has id 0.)
Status chan_make(const ElemOps* ops, std::size_t cap, std::string_view name, hchan** c);
void chan_retain(hchan* c) noexcept;
void chan_release(hchan* c) noexcept;
// Go's chansend(c, ep, block): sends *elem (moved from once it is taken).
// Ok once delivered or buffered; SendOnClosed; with !block, WouldBlock when
// that cannot happen at once. On a nil channel: blocks forever (Unwind once
// the program ends), or WouldBlock.
Status chan_send(hchan* c, void* elem, bool block);
// Go's chanrecv(c, ep, block): receives into *elem, which holds a zero value
// on entry. Ok with a value; Closed (closed and drained: *elem untouched);
// with !block, WouldBlock. A nil channel blocks forever, or WouldBlock.
Status chan_recv(hchan* c, void* elem, bool block);
// chan_send / chan_recv with !block, apart: they never park, so a caller
// that must never be on the stack at a switch may call them (under
// Emscripten, code left out of asyncify's instrumentation:
// wasm/asyncify_remove.txt lists them).
Status chan_try_send(hchan* c, void* elem);
Status chan_try_recv(hchan* c, void* elem);
// close(c): Ok, CloseOfNil or CloseOfClosed.
Status chan_close(hchan* c);
// c's capacity, read without a call: it never changes after make, and it
// is the first member of the channel object (chan_impl.hpp asserts so).
inline std::size_t chan_capacity(const hchan* c) noexcept {
  std::size_t cap;
  std::memcpy(&cap, static_cast<const void*>(c), sizeof cap);
  return cap;
}
// The buffered case of chan_send / chan_recv alone, for a buffered channel
// c (chan_capacity > 0): false, having done nothing, unless c has room (a
// value) and no goroutine waiting at its other end, in a running goroutine. Never throws,
// so a caller in a cleanup scope calls it directly: under Emscripten every
// call that may throw from inside one goes through a JavaScript invoke_*
// wrapper. For element types whose move assignment cannot throw.
bool chan_send_buffered(hchan* c, void* elem) noexcept;
bool chan_recv_buffered(hchan* c, void* elem) noexcept;
std::size_t chan_len(const hchan* c) noexcept;
std::uint32_t chan_id(const hchan* c) noexcept;
// Calls fn(elem, arg) on each value in c's buffer, oldest first, with c
// locked: fn must not use c (an interpreter's collector reads them).
void chan_each(hchan* c, void (*fn)(void* elem, void* arg), void* arg) noexcept;

// One case of a select: a send of *elem or a receive into *elem on c.
struct scase {
  hchan* c;
  void* elem;
  bool send;
};
// Go's selectgo: chooses uniformly among the ready cases, does its
// operation and sets *chosen to its index; *recv_ok says whether a receive
// got a real value (false: the channel was closed). Ok; with !block,
// WouldBlock (*chosen = -1) when no case is ready; SendOnClosed when the
// chosen case sends on a closed channel. Cases on nil channels never fire;
// none at all blocks forever (Unwind once the program ends).
Status select_go(scase* cases, int n, bool block, int* chosen, bool* recv_ok);

// Starts a goroutine whose closure lives in storage the runtime provides.
struct GoFn {
  void (*invoke)(void* closure);
  void (*destroy)(void* closure) noexcept;
};
// Makes a goroutine: *g receives it and *closure storage of `size` bytes
// (aligned to `align`) for its closure, which go_start then makes runnable.
// Ok, GoroutineLimit (Config::max_goroutines), OutOfMemory (no memory left
// for its stack), Unwind or NoGoroutine.
Status go_alloc(std::size_t size, std::size_t align, G** g, void** closure);
void go_start(G* g, const GoFn* fn) noexcept;
// Names the function whose `go` statement made g (between go_alloc and
// go_start), for tracebacks' "created by" line; by default it is the
// creating goroutine's name.
void set_creator(G* g, std::string_view function);
// Gives back a goroutine from go_alloc whose closure failed to construct.
void go_abort(G* g) noexcept;

// runtime.Gosched(): lets other goroutines run, then returns Ok (or Unwind).
Status go_yield();
// An interpreter's instruction quantum ran out: records GoPreempt, then
// yields like go_yield. Deterministic in simulated mode, like any switch.
Status go_preempt();
// time.Sleep(ns): Ok once ns have passed on the program's clock (ns <= 0:
// at once), or Unwind.
Status go_sleep(std::int64_t ns);
// os.Exit(code), or the end of an unrecovered panic: unless the program is
// already ending, writes stderr_text to its standard error and ends it with
// `code`. Returns Unwind (NoGoroutine outside a running goroutine).
Status go_exit(int code, std::string_view stderr_text = {});

// Runs fn(arg) on a stack of the calling thread's own with room for libc's
// deepest calls (64 KiB). In WebAssembly a goroutine's whole stack is 16 KiB
// and musl's strtod alone takes about 9 (its scanner is sized for wasm's
// 128-bit long double); natively fn runs where it is. fn must not park.
void call_on_thread_stack(void (*fn)(void*), void* arg);

// The running goroutine, nullptr outside one. A goroutine's G stays the
// same (and valid) for as long as it runs.
G* current_g() noexcept;
// Sets the line of the Go source that goroutine g (the running one) has
// reached, like gort::at but without recording an event: the events g makes
// from then on carry it (trace::Event::line), and tracebacks show it. One
// store: G::line is the first member of a G (sched.hpp asserts so).
inline void set_line(G* g, int line) noexcept {
  std::memcpy(static_cast<void*>(g), &line, sizeof line);
}
inline void set_line(int line) noexcept {
  if (G* g = current_g()) set_line(g, line);
}

// Makes every later park of goroutine g check the parking rule (gopark,
// core/src/sched.hpp): in the debug-checks WebAssembly build
// (GORT_WASM_DEBUG_CHECKS), a park with a JavaScript invoke_* wrapper on g's
// stack, from a call made with a destructor in scope or a try block open,
// aborts with a message naming the rule. For goroutines whose frames keep
// the rule, as an interpreter's do; a no-op in other builds.
void check_parking_rule(G* g) noexcept;

// What a goroutine marked by watch_parks does around each switch away (a
// park, a yield or a preemption): `parking` runs on it just before it
// switches away, `resumed` as soon as it runs again. An interpreter's
// collector counts the goroutines running Go code with them: between the
// two hooks a goroutine touches none of its Go values.
struct ParkHooks {
  void (*parking)(void* arg);
  void (*resumed)(void* arg);
  void* arg;
};
void watch_parks(G* g, const ParkHooks* hooks) noexcept;

// Writes text to the running program's standard output (or stderr).
void write_out(std::string_view text);
void write_err(std::string_view text);

}  // namespace gort::detail
