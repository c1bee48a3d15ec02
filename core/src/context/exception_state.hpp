// Per-context C++ exception state, shared by the context backends.
//
// The C++ runtime keeps, per thread, the exceptions being handled (what
// `throw;` and std::current_exception() see) and the count of exceptions in
// flight (std::uncaught_exceptions()). A context that swaps inside a catch
// block, or in a destructor run by unwinding, must take both with it: else
// another context handling its own exception on that thread pops the wrong
// one, and a context resumed on another thread finds that thread's state.
//
// Invariants:
//   - A suspended context holds its state in eh_caught/eh_uncaught; the
//     running one holds it in its thread's globals.
//   - context_swap saves into `from` before the switch and restores from
//     `from` once resumed; a new context starts with none.
//   - The switching side finds the thread's globals and passes their address
//     across the switch, so the resumed side never asks which thread it is on.
//   - A thread's own context keeps that thread's globals in eh_thread: a
//     switch to or from it (every g0 <-> goroutine switch) makes no call.
#pragma once

#include <cxxabi.h>

#include "context.hpp"

namespace gort::detail {

// The layout of __cxa_eh_globals in libstdc++ and libc++abi alike (only the
// ARM EHABI unwinder of 32-bit arm adds a field).
struct EhGlobals {
  void* caught;
  unsigned int uncaught;
};

// Never inlined, and opaque: __cxa_get_globals is declared const, so the
// compiler could otherwise reuse the address it returned before a switch,
// i.e. another thread's globals.
[[gnu::noinline]] inline EhGlobals* eh_globals() noexcept {
  asm volatile("" ::: "memory");
  return reinterpret_cast<EhGlobals*>(abi::__cxa_get_globals());
}

inline void eh_init_current(Context& c) noexcept {
  c.eh_thread = eh_globals();
}

// The running thread's globals. A thread's own context only ever runs on
// that thread, so if either side is one, it knows them.
inline EhGlobals* eh_of_thread(const Context& from, const Context& to) noexcept {
  if (from.eh_thread != nullptr) return static_cast<EhGlobals*>(from.eh_thread);
  if (to.eh_thread != nullptr) return static_cast<EhGlobals*>(to.eh_thread);
  return eh_globals();
}

inline void eh_save(Context& c, const EhGlobals* g) noexcept {
  c.eh_caught = g->caught;
  c.eh_uncaught = g->uncaught;
}

inline void eh_restore(const Context& c, EhGlobals* g) noexcept {
  *g = {c.eh_caught, c.eh_uncaught};
}

// A new context: nothing caught, nothing in flight.
inline void eh_reset(EhGlobals* g) noexcept {
  *g = {nullptr, 0};
}

}  // namespace gort::detail
