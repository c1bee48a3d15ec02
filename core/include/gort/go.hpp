// Goroutines: `go f()`, and what a goroutine may ask about itself.
//
// gort::go(f) starts f as a new goroutine of the running program and returns
// at once; f's closure is stored inside the goroutine's own stack, so a spawn
// allocates nothing when the closure fits (see go_alloc). Calling any of these
// outside a running program is a logic error (std::logic_error).
#pragma once

#include <cstdint>
#include <gort/detail/runtime.hpp>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>

namespace gort {

template <class F>
void go(F&& f) {
  using Fn = std::decay_t<F>;
  static_assert(std::is_invocable_v<Fn&>, "gort::go needs a callable taking no arguments");
  static constexpr detail::GoFn fn = {
      [](void* p) { (*static_cast<Fn*>(p))(); },
      [](void* p) noexcept { static_cast<Fn*>(p)->~Fn(); },
  };
  detail::G* g;
  void* storage;
  detail::check(detail::go_alloc(sizeof(Fn), alignof(Fn), &g, &storage));
  try {
    new (storage) Fn(std::forward<F>(f));
  } catch (...) {
    detail::go_abort(g);
    throw;
  }
  detail::go_start(g, &fn);
}

// runtime.Gosched(): let other goroutines run.
inline void yield() {
  detail::check(detail::go_yield());
}
// The current goroutine's id (1 for main), as Go's tracebacks number them.
std::uint64_t goid();
// Names the current goroutine for the UI, traces and tracebacks: after its
// function, as Go's tracebacks print it. A name with a dot is one already
// (main.worker, main.(*T).run, main.main.func1); a bare name (worker) is a
// function of package main, and tracebacks print it as main.worker.
void set_name(std::string_view name);
// Marks the line of the pattern's Go source the goroutine has reached.
void at(int line);
// Names the Go source file whose lines at() marks, as the runtime's reports
// (deadlock, fatal errors) print it: main.go unless set. An interpreter
// sets the name it compiled the program as.
void set_file(std::string_view name);
// panic(msg): ends the program with "panic: msg" and exit code 2.
[[noreturn]] void panic(std::string_view message);
// os.Exit(code): ends the program at once with this exit code.
[[noreturn]] inline void exit(int code) {
  detail::raise(detail::go_exit(code));
}
// runtime.NumGoroutine()
std::size_t num_goroutine();
// runtime.GOMAXPROCS(0): how many Ps the running program has.
int gomaxprocs();
// The running program's seed: Config::seed, or the one drawn at random when
// that was 0. What a deterministic run seeds its own random numbers from
// (an interpreter's math/rand), so that a seed reproduces them too.
std::uint64_t run_seed();
// Whether the running program's clock is virtual (Config::clock): it moves
// only when every goroutine is blocked, jumping to the next timer.
bool virtual_clock();

}  // namespace gort
