// Tests of the context shim (core/src/context/context.hpp) against whichever
// backend the build picked: registers, floating-point state, stack alignment
// and exceptions survive swaps, and each context keeps its own rounding mode
// and exception state; thousands of contexts fit on small stacks; the stack
// of a finished or dropped context can be reused at once; and, where the
// backend allows it, a context resumed on another thread carries on there.
#include "context/context.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cfenv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace gort::detail;

#ifdef __EMSCRIPTEN__
constexpr bool kWasm = true;
#else
constexpr bool kWasm = false;
#endif
#ifdef __EMSCRIPTEN_PTHREADS__
constexpr bool kWasmThreads = true;
#else
constexpr bool kWasmThreads = false;
#endif

// Fiber stack memory: 16-byte aligned heap blocks, as the stack pool gives.
class Stack {
 public:
  explicit Stack(std::size_t size)
      : size_(size), lo_(::operator new (size, std::align_val_t{16})) {}
  ~Stack() { ::operator delete (lo_, std::align_val_t{16}); }
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;
  void* lo() const { return lo_; }
  std::size_t size() const { return size_; }

 private:
  std::size_t size_;
  void* lo_;
};

// The calling thread's own context for the length of a test.
struct ThreadContext {
  Context c;
  ThreadContext() { context_init_current(c); }
  ~ThreadContext() { context_destroy(c); }
};

// A context running body(fiber). Whoever resumes it is where yield() returns
// to and where the fiber exits to when body returns.
struct Fiber {
  Context ctx;
  Context* back = nullptr;
  std::function<void(Fiber&)> body;
  bool done = false;
  std::exception_ptr escaped;  // what escaped body, which then ended the fiber

  Fiber(void* stack_lo, std::size_t size, std::function<void(Fiber&)> b) : body(std::move(b)) {
    context_make(ctx, stack_lo, size, &Fiber::run, this);
  }
  Fiber(Stack& s, std::function<void(Fiber&)> b) : Fiber(s.lo(), s.size(), std::move(b)) {}
  ~Fiber() { context_destroy(ctx); }

  void resume(Context& self) {
    back = &self;
    context_swap(self, ctx);
  }
  void yield() { context_swap(ctx, *back); }

  static void run(void* p) {
    auto& f = *static_cast<Fiber*>(p);
    f.escaped = context_take_escaped();
    if (!f.escaped) f.body(f);
    f.done = true;
    context_exit(f.ctx, *f.back);
  }
};

struct Churned {
  std::uint64_t ints;
  double floats;
  bool operator==(const Churned&) const = default;
};

// A recurrence whose 8 integers and 8 doubles all stay live across every
// pause(), so the compiler must keep them in callee-saved registers and stack
// slots, which a broken switch would lose. Doubles are only halved (exact)
// and added to integers, so fused multiply-add or not, every build and every
// caller computes the same bits.
template <class Pause>
Churned churn(std::uint64_t seed, int rounds, Pause pause) {
  constexpr std::uint64_t k = 6364136223846793005u;
  std::uint64_t a0 = seed, a1 = seed + 1, a2 = seed + 2, a3 = seed + 3;
  std::uint64_t a4 = seed + 4, a5 = seed + 5, a6 = seed + 6, a7 = seed + 7;
  double d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0;
  for (int i = 0; i < rounds; ++i) {
    a0 = a0 * k + a7;
    a1 = a1 * k + a0;
    a2 = a2 * k + a1;
    a3 = a3 * k + a2;
    a4 = a4 * k + a3;
    a5 = a5 * k + a4;
    a6 = a6 * k + a5;
    a7 = a7 * k + a6;
    d0 = d0 * 0.5 + static_cast<double>(a0 >> 40);
    d1 = d1 * 0.5 + static_cast<double>(a1 >> 40);
    d2 = d2 * 0.5 + static_cast<double>(a2 >> 40);
    d3 = d3 * 0.5 + static_cast<double>(a3 >> 40);
    d4 = d4 * 0.5 + static_cast<double>(a4 >> 40);
    d5 = d5 * 0.5 + static_cast<double>(a5 >> 40);
    d6 = d6 * 0.5 + static_cast<double>(a6 >> 40);
    d7 = d7 * 0.5 + static_cast<double>(a7 >> 40);
    pause();
  }
  return {a0 ^ a1 ^ a2 ^ a3 ^ a4 ^ a5 ^ a6 ^ a7, d0 + d1 + d2 + d3 + d4 + d5 + d6 + d7};
}

std::string format_double(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%f", d);
  return buf;
}

// True if the calling function's frame sits where the ABI puts it on a
// 16-byte aligned stack (the frame address is 16-aligned on both ABIs).
[[gnu::noinline]] bool frame_is_aligned() {
  return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0)) % 16 == 0;
}

// The running thread's id, read afresh: pthread_self() is declared const, so
// a compiler may reuse a value read before a swap, i.e. on another thread.
// The asm makes this call opaque. Scheduler code reading thread_local state
// across a swap needs the same care.
[[gnu::noinline]] std::thread::id current_thread_id() {
  asm volatile("" ::: "memory");
  return std::this_thread::get_id();
}

// 1/3 rounded in the current mode of the unit doing double arithmetic (SSE's
// MXCSR on x86_64, FPCR on aarch64); volatile keeps it from being folded.
[[gnu::noinline]] double third() {
  volatile double one = 1.0, three = 3.0;
  return one / three;
}

// Yields with 32 small arrays live in this frame (under ASan: 32 redzones).
[[gnu::noinline]] void suspend_among_locals(Fiber& me) {
  char a[32][8];
  for (auto& x : a) std::snprintf(x, sizeof x, "x");
  me.yield();
}

// Stands in for library code built without ASan: its stack buffer gets no
// shadow bookkeeping of its own, and memcpy (intercepted) checks it.
[[gnu::noinline, gnu::no_sanitize_address]] bool copy_on_stack_uninstrumented() {
  static void* (*volatile copy)(void*, const void*, std::size_t) =
      [](void* to, const void* from, std::size_t n) { return std::memcpy(to, from, n); };
  static const char src[2048] = "copied";
  char buf[2048];
  copy(buf, src, sizeof buf);
  return buf[0] == 'c';
}

constexpr std::size_t kSmallStack = 16 * 1024;

}  // namespace

TEST_CASE("context: ping-pong keeps callee-saved registers and floating-point values") {
  constexpr int kRounds = 100000;
  const Churned want_fiber = churn(1, kRounds, [] {});
  const Churned want_main = churn(1000, kRounds, [] {});
  ThreadContext self;
  Stack stack(64 * 1024);
  Churned got_fiber{};
  std::string printed;
  Fiber f(stack, [&](Fiber& me) {
    got_fiber = churn(1, kRounds, [&] { me.yield(); });
    printed = format_double(got_fiber.floats);
  });
  f.resume(self.c);
  const Churned got_main = churn(1000, kRounds, [&] { f.resume(self.c); });
  CHECK(f.done);
  CHECK(got_fiber == want_fiber);
  CHECK(got_main == want_main);
  CHECK(printed == format_double(want_fiber.floats));
}

TEST_CASE("context: a new context starts on an ABI-aligned stack") {
  ThreadContext self;
  // Sizes that leave the top 0, 8 and 4 bytes past a 16-byte boundary.
  for (std::size_t size : {kSmallStack, kSmallStack + 8, kSmallStack + 4}) {
    Stack stack(size);
    bool aligned = false;
    std::string printed;
    Fiber f(stack, [&](Fiber&) {
      aligned = frame_is_aligned();
      printed = format_double(2.5);  // printf's SSE spills fault on a misaligned stack
    });
    f.resume(self.c);
    CHECK(f.done);
    CHECK(aligned);
    CHECK(printed == "2.500000");
  }
}

// WebAssembly has one rounding mode (to nearest): fesetround fails there.
TEST_CASE("context: each context keeps its own rounding mode" * doctest::skip(kWasm)) {
  std::fesetround(FE_UPWARD);
  const double up = third();
  std::fesetround(FE_DOWNWARD);
  const double down = third();
  REQUIRE(up != down);

  ThreadContext self;
  Stack stack(kSmallStack);
  // What the fiber sees: x87/FPCR mode via fegetround, SSE/FPCR via third().
  std::vector<int> modes;
  std::vector<double> values;
  Fiber f(stack, [&](Fiber& me) {
    modes.push_back(std::fegetround());  // inherited from its creator
    values.push_back(third());
    std::fesetround(FE_UPWARD);
    me.yield();
    modes.push_back(std::fegetround());
    values.push_back(third());
    me.yield();
    modes.push_back(std::fegetround());
    values.push_back(third());
  });
  f.resume(self.c);
  CHECK(std::fegetround() == FE_DOWNWARD);
  CHECK(third() == down);
  f.resume(self.c);
  CHECK(std::fegetround() == FE_DOWNWARD);
  std::fesetround(FE_TOWARDZERO);
  f.resume(self.c);
  CHECK(std::fegetround() == FE_TOWARDZERO);
  std::fesetround(FE_TONEAREST);

  CHECK(f.done);
  CHECK(modes == std::vector<int>{FE_DOWNWARD, FE_UPWARD, FE_UPWARD});
  CHECK(values == std::vector<double>{down, up, up});
}

TEST_CASE("context: exceptions thrown after a swap unwind inside the context") {
  struct SetOnDestroy {
    bool& flag;
    ~SetOnDestroy() { flag = true; }
  };
  ThreadContext self;
  Stack stack(kSmallStack);
  bool destroyed = false;
  std::string caught;
  Fiber f(stack, [&](Fiber& me) {
    try {
      SetOnDestroy guard{destroyed};
      me.yield();
      throw std::runtime_error("thrown in a context");
    } catch (const std::runtime_error& e) {
      caught = e.what();
    }
  });
  f.resume(self.c);
  CHECK_FALSE(destroyed);
  // The thread's own context throws and catches while the fiber is suspended
  // inside its try block.
  CHECK_THROWS_AS(throw std::logic_error("thrown on the thread"), std::logic_error);
  f.resume(self.c);
  CHECK(f.done);
  CHECK(destroyed);
  CHECK(caught == "thrown in a context");
}

TEST_CASE("context: each context has its own exceptions in flight and being handled") {
  ThreadContext self;
  Stack stack(kSmallStack);
  int uncaught_in_unwind = -1, uncaught_after_swap = -1;
  bool started_handling_none = false;
  std::string rethrown_in_fiber;
  Fiber f(stack, [&](Fiber& me) {
    started_handling_none = std::current_exception() == nullptr;
    struct YieldOnDestroy {
      Fiber& me;
      int& before;
      int& after;
      ~YieldOnDestroy() {
        before = std::uncaught_exceptions();
        me.yield();  // suspended halfway through unwinding
        after = std::uncaught_exceptions();
      }
    };
    try {
      YieldOnDestroy y{me, uncaught_in_unwind, uncaught_after_swap};
      throw std::runtime_error("fiber's");
    } catch (const std::runtime_error&) {
      me.yield();  // suspended inside a handler
      try {
        throw;
      } catch (const std::runtime_error& e) {
        rethrown_in_fiber = e.what();
      }
    }
  });
  std::string rethrown_in_main;
  int uncaught_in_main = -1;
  try {
    throw std::logic_error("main's");
  } catch (const std::logic_error&) {
    f.resume(self.c);  // the fiber starts here, and yields while unwinding
    uncaught_in_main = std::uncaught_exceptions();
    f.resume(self.c);  // the fiber yields inside its handler
    try {
      throw;
    } catch (const std::logic_error& e) {
      rethrown_in_main = e.what();
    } catch (...) {
      rethrown_in_main = "another context's exception";
    }
  }
  f.resume(self.c);
  CHECK(f.done);
  CHECK(started_handling_none);
  CHECK(uncaught_in_unwind == 1);
  CHECK(uncaught_after_swap == 1);
  CHECK(uncaught_in_main == 0);
  CHECK(rethrown_in_main == "main's");
  CHECK(rethrown_in_fiber == "fiber's");
}

TEST_CASE("context: contexts switch directly to each other, each with its own exception") {
  // No thread's own context on either side of the inner switches.
  ThreadContext self;
  Stack stack_a(kSmallStack), stack_b(kSmallStack);
  std::string in_a, in_b;
  Fiber b(stack_b, [&](Fiber& me) {
    try {
      throw std::runtime_error("b's");
    } catch (const std::runtime_error&) {
      me.yield();  // back to a, inside this handler
      try {
        throw;
      } catch (const std::runtime_error& e) {
        in_b = e.what();
      }
    }
  });
  Fiber a(stack_a, [&](Fiber& me) {
    try {
      throw std::logic_error("a's");
    } catch (const std::logic_error&) {
      b.resume(me.ctx);
      try {
        throw;
      } catch (const std::logic_error& e) {
        in_a = e.what();
      } catch (...) {
        in_a = "another context's exception";
      }
      b.resume(me.ctx);
    }
  });
  a.resume(self.c);
  CHECK(a.done);
  CHECK(b.done);
  CHECK(in_a == "a's");
  CHECK(in_b == "b's");
}

TEST_CASE("context: an exception escaping entry starts the context over with it") {
  struct CountOnDestroy {
    int& n;
    ~CountOnDestroy() { n++; }
  };
  ThreadContext self;
  Stack stack_a(kSmallStack), stack_b(kSmallStack), stack_c(kSmallStack);
  int starts = 0, destroyed = 0;
  // b throws after a switch, resumed by a directly (no thread's own context
  // on either side), then starts over and exits back to a.
  Fiber b(stack_b, [&](Fiber& me) {
    starts++;
    CountOnDestroy guard{destroyed};
    me.yield();
    throw std::runtime_error("escaped b");
  });
  Fiber a(stack_a, [&](Fiber& me) {
    b.resume(me.ctx);
    b.resume(me.ctx);
    CountOnDestroy guard{destroyed};
    me.yield();
  });
  a.resume(self.c);
  CHECK(b.done);
  CHECK_FALSE(a.done);
  CHECK(starts == 1);
  CHECK(destroyed == 1);
  REQUIRE(b.escaped);
  CHECK_THROWS_WITH_AS(std::rethrow_exception(b.escaped), "escaped b", std::runtime_error);
  a.resume(self.c);  // a carries on after b's start over
  CHECK(a.done);
  CHECK(destroyed == 2);
  CHECK(a.escaped == nullptr);
  // c throws at once, resumed by the thread's own context.
  Fiber c(stack_c, [](Fiber&) { throw 42; });
  c.resume(self.c);
  CHECK(c.done);
  CHECK_THROWS_AS(std::rethrow_exception(c.escaped), int);
  CHECK(std::current_exception() == nullptr);
}

TEST_CASE("context: 10k contexts on 16 KB stacks") {
  constexpr int kFibers = 10000;
  constexpr int kRounds = 3;
  ThreadContext self;
  std::vector<std::unique_ptr<Stack>> stacks;
  std::vector<std::unique_ptr<Fiber>> fibers;
  std::vector<int> bad(kFibers, 0);
  for (int i = 0; i < kFibers; ++i) {
    stacks.push_back(std::make_unique<Stack>(kSmallStack));
    // Each fiber fills 2 KB of its stack with its own pattern and checks it
    // after every swap: overlapping or clobbered stacks show up here.
    fibers.push_back(std::make_unique<Fiber>(*stacks.back(), [i, &bad](Fiber& me) {
      unsigned char mine[2048];
      for (int r = 0; r < kRounds; ++r) {
        for (std::size_t j = 0; j < sizeof mine; ++j)
          mine[j] = static_cast<unsigned char>(i + r + j);
        me.yield();
        for (std::size_t j = 0; j < sizeof mine; ++j) {
          if (mine[j] != static_cast<unsigned char>(i + r + j)) ++bad[i];
        }
      }
    }));
  }
  // Round-robin until every fiber has finished; each is freed as soon as it
  // has exited, which context_exit allows.
  int finished = 0;
  for (int round = 0; round <= kRounds; ++round) {
    for (auto& f : fibers) {
      if (!f) continue;
      f->resume(self.c);
      if (f->done) {
        ++finished;
        f.reset();
      }
    }
  }
  CHECK(finished == kFibers);
  CHECK(std::count(bad.begin(), bad.end(), 0) == kFibers);
}

TEST_CASE("context: a finished context's stack is reused by the next one") {
  ThreadContext self;
  Stack stack(kSmallStack);
  for (int i = 0; i < 100; ++i) {
    char text[512];
    Fiber f(stack, [&](Fiber& me) {
      // A local at the same address each time, still in scope when the
      // context leaves with context_exit (it never returns).
      char local[256];
      std::snprintf(local, sizeof local, "run %d", i);
      me.yield();
      std::snprintf(text, sizeof text, "%s done", local);
    });
    f.resume(self.c);
    f.resume(self.c);
    REQUIRE(f.done);
    CHECK(std::string(text) == "run " + std::to_string(i) + " done");
  }
}

TEST_CASE("context: the stack of a context dropped while suspended can be reused") {
  ThreadContext self;
  Stack stack(kSmallStack);
  {
    // Suspended with many locals near the top of its stack, then destroyed
    // unfinished, as the scheduler may drop goroutines at exit. Under ASan
    // the redzones around those locals stay poisoned.
    Fiber dropped(stack, [](Fiber& me) { suspend_among_locals(me); });
    dropped.resume(self.c);
  }
  // Code that ASan does not instrument (libc, libstdc++) using that stack
  // must not trip over the dropped context's redzones.
  bool copied = false;
  Fiber f(stack, [&](Fiber&) { copied = copy_on_stack_uninstrumented(); });
  f.resume(self.c);
  CHECK(f.done);
  CHECK(copied);
}

// The single-threaded WebAssembly build has no other thread; the threaded
// one resumes a context only on its own thread (kContextCanMigrate).
TEST_CASE("context: a context resumed on another thread carries on there" *
          doctest::skip((kWasm && !kWasmThreads) || !kContextCanMigrate)) {
  // Two threads take turns resuming one fiber, so every resume is on the
  // other thread than the one the fiber last ran on.
  constexpr int kRounds = 1000;
  constexpr int kResumes = kRounds + 2;
  const Churned want = churn(7, kRounds, [] {});
  Stack stack(64 * 1024);
  std::vector<std::thread::id> seen_inside;
  std::vector<std::thread::id> resumed_by(kResumes);
  Churned got{};
  std::string caught;
  Fiber f(stack, [&](Fiber& me) {
    got = churn(7, kRounds, [&] {
      seen_inside.push_back(current_thread_id());
      me.yield();
    });
    try {
      throw std::runtime_error("thrown before moving");
    } catch (const std::runtime_error&) {
      me.yield();  // resumed inside the handler on the other thread
      try {
        throw;
      } catch (const std::runtime_error& e) {
        caught = e.what();
      }
    }
  });
  std::atomic<int> turn{0};
  auto worker = [&](int parity) {
    ThreadContext self;
    for (int r = parity; r < kResumes; r += 2) {
      while (turn.load(std::memory_order_acquire) != r) std::this_thread::yield();
      resumed_by[r] = std::this_thread::get_id();
      f.resume(self.c);
      turn.store(r + 1, std::memory_order_release);
    }
  };
  std::thread t0(worker, 0), t1(worker, 1);
  t0.join();
  t1.join();

  CHECK(f.done);
  CHECK(got == want);
  CHECK(caught == "thrown before moving");
  REQUIRE(seen_inside.size() == static_cast<std::size_t>(kRounds));
  int moved = 0;
  for (int r = 0; r < kRounds; ++r) {
    CHECK(seen_inside[r] == resumed_by[r]);
    moved += r > 0 && seen_inside[r] != seen_inside[r - 1];
  }
  CHECK(moved == kRounds - 1);
}
