// The VM's one door to gort's runtime: channels, select, sleep, timers,
// sync, goroutines and the trace, through gort's public API only.
//
// Every call that may park reports a Go panic raised by the runtime ("send
// on closed channel", "sync: negative WaitGroup counter") as a message in
// *panic instead of throwing, so Go code can recover it. The program ending
// (gort's Unwind) passes through. This file is where the switch to the
// core's non-throwing entry points happens (DESIGN.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "value.hpp"

namespace gort::detail {
struct hchan;
struct ElemOps;
struct scase;
}  // namespace gort::detail

namespace gort::golang {

struct Type;

namespace rt {

using gort::detail::hchan;

// A channel of 8-byte Values; `elem` picks how the trace shows its values.
hchan* chan_make(const Type* elem, std::size_t cap, std::string_view name, std::string* panic);
void chan_release(hchan* c);
bool send(hchan* c, Value* v, std::string* panic);
// *ok: a value was received (false: closed). Returns false on a panic.
bool recv(hchan* c, Value* v, bool* ok, std::string* panic);
bool close(hchan* c, std::string* panic);
std::size_t len(hchan* c);
std::size_t cap(hchan* c);
// select: -1 = default; -2 = a panic (in *panic).
int select(gort::detail::scase* cases, int n, bool block, bool* ok, std::string* panic);

bool sleep(std::int64_t ns, std::string* panic);
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
bool mutex_lock(void* m, std::string* panic);
bool mutex_unlock(void* m, std::string* panic);
bool mutex_trylock(void* m);
bool rw_lock(void* m, bool shared, std::string* panic);
bool rw_unlock(void* m, bool shared, std::string* panic);
bool rw_trylock(void* m, bool shared);
bool wg_add(void* wg, std::int64_t delta, std::string* panic);
bool wg_wait(void* wg, std::string* panic);
constexpr std::size_t kMutexWords = 4, kRWMutexWords = 8, kWaitGroupWords = 4;

// Goroutines.
void yield();
void preempt();  // the instruction quantum ran out
void set_line(int line);
void set_name(std::string_view name);
std::size_t num_goroutine();
int procs();
std::uint64_t seed();
void write_out(std::string_view s);
void write_err(std::string_view s);
[[noreturn]] void exit(int code);

}  // namespace rt
}  // namespace gort::golang
