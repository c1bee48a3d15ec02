// Stack overflow (core/src/proc.cpp after_switch, sched.hpp
// stack_overflowed): a goroutine whose call chain outgrows its stack ends the
// program with Go's "fatal error: stack overflow" naming the goroutine, exit
// code 2, and the next program runs normally.
//
// WebAssembly only: there a goroutine's wasm locals are saved into the
// asyncify buffer at its stack's top when it switches away, and a recursion
// that keeps its values in wasm locals outgrows that buffer while its C
// stack stays nearly empty, so the overflow is caught at the switch without
// any write outside the block (context_emscripten.cpp/.js). Natively an
// overflow writes below the stack before the check at the next switch sees
// it, which no test can do safely.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "test_util.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/stack.h>
#endif

using namespace gort_test;

namespace {

#ifdef __EMSCRIPTEN__
constexpr bool kWasm = true;

std::uintptr_t c_stack_pointer() {
  return emscripten_stack_get_current();
}
#else
constexpr bool kWasm = false;

std::uintptr_t c_stack_pointer() {
  return 0;
}
#endif

// n frames, each keeping n and the result across the call (no tail call, no
// accumulator LLVM could turn into a loop), then a receive that parks: the
// switch must save every frame.
// The receive is a function of its own: its locals live on the C stack, and
// a compiler allocates a function's C stack frame on entry, whichever branch
// runs.
[[gnu::noinline]] unsigned bottom(const gort::Chan<unsigned>& c, std::uintptr_t& bottom_sp) {
  bottom_sp = c_stack_pointer();
  return c.recv();
}

[[gnu::noinline]] unsigned descend(unsigned n, const gort::Chan<unsigned>& c,
                                   std::uintptr_t& bottom_sp) {
  if (n == 0) return bottom(c, bottom_sp);
  return descend(n - 1, c, bottom_sp) * 3 + n;
}

}  // namespace

TEST_CASE(
    "stack: a goroutine too deep for its stack is a fatal stack overflow, the next run works" *
    doctest::skip(!kWasm)) {
  for_each_mode([](gort::Config cfg) {
    gort::Config small = cfg;
    small.stack_size = 4096;
    std::uintptr_t top_sp = 0, bottom_sp = 0;
    unsigned result = 0;
    auto r = run_captured(small, [&] {
      auto c = gort::make_chan<unsigned>();
      gort::go([&, c] {
        top_sp = c_stack_pointer();
        result = descend(2000, c, bottom_sp);
      });
      gort::select();
    });
    CHECK(r.code == 2);
    CHECK(r.err.find("fatal error: stack overflow\n\ngoroutine 2 [running]:\n") !=
          std::string::npos);
    CHECK(r.err.find("deadlock") == std::string::npos);
    CHECK(result == 0);
    // The recursion's values lived in wasm locals, not on the C stack: the
    // overflow was the asyncify buffer's, caught before any write past it.
    CHECK(top_sp - bottom_sp < 2048);

    unsigned got = 0;
    auto next = run_captured(cfg, [&] {
      auto c = gort::make_chan<unsigned>();
      auto done = gort::make_chan<unsigned>();
      gort::go([&, c, done] { done.send(descend(50, c, bottom_sp)); });
      c.send(7);
      got = done.recv();
    });
    unsigned want = 7;
    for (unsigned k = 1; k <= 50; k++) want = want * 3 + k;
    CHECK(next.code == 0);
    CHECK(next.err == "");
    CHECK(got == want);
  });
}

TEST_CASE("stack: call_on_thread_stack gives a goroutine's libc call 48 KiB more than its stack") {
  for_each_mode([](gort::Config cfg) {
    cfg.stack_size = 16 * 1024;
    std::uintptr_t inside = 0, outside = 0;
    unsigned sum = 0;
    auto r = run_captured(cfg, [&] {
      auto done = gort::make_chan<int>();
      gort::go([&, done] {
        outside = c_stack_pointer();
        // 48 KiB written below the stack pointer: past a 16 KiB goroutine
        // stack unless the call runs elsewhere (the debug-checks build
        // aborts on the first stack pointer move out of bounds).
        auto deep = [](void* p) {
          volatile unsigned char big[48 * 1024];
          for (std::size_t i = 0; i < sizeof big; i += 512) big[i] = static_cast<unsigned char>(i);
          unsigned s = 0;
          for (std::size_t i = 0; i < sizeof big; i += 512) s += big[i];
          *static_cast<unsigned*>(p) = s;
        };
        gort::detail::call_on_thread_stack(deep, &sum);
        inside = c_stack_pointer();
        done.send(1);
      });
      done.recv();
    });
    CHECK(r.code == 0);
    CHECK(r.err == "");
    unsigned want = 0;
    for (std::size_t i = 0; i < 48 * 1024; i += 512) want += static_cast<unsigned char>(i);
    CHECK(sum == want);
    CHECK(inside == outside);  // the goroutine's own stack pointer is back
  });
}

// The threaded WebAssembly build has a fixed memory (wasm/emscripten.cmake):
// a program that parks goroutines until their stacks no longer fit ends with
// Go's out-of-memory fatal error instead of aborting the module, and the
// next program has the memory back (stack_release), here for a heap as
// large as the Go interpreter's limit in this build. The other builds grow
// their memory past what a test may take.
TEST_CASE("stack: goroutines past the threaded build's memory end the program, the next runs" *
          doctest::skip(!(kWasm && kThreads))) {
  gort::Config cfg;
  cfg.gomaxprocs = 2;
  std::size_t parked = 0;
  auto r = run_captured(cfg, [&] {
    auto never = gort::make_chan<int>();
    for (;;) {
      gort::go([never] { never.recv(); });
      parked++;
    }
  });
  CHECK(r.code == 2);
  CHECK(r.err.rfind("fatal error: runtime: out of memory\n\ngoroutine 1 [running]:\n", 0) == 0);
  CHECK(parked > 10000);
  MESSAGE("parked goroutines at the default stack: " << parked);

  std::size_t sum = 0;
  auto next = run_captured(cfg, [&] {
    std::vector<char> heap(256u << 20, 1);
    auto done = gort::make_chan<std::size_t>(100);
    for (int i = 0; i < 100; i++) gort::go([done, &heap, i] { done.send(heap[i * 4096] + 0u); });
    for (int i = 0; i < 100; i++) sum += done.recv();
  });
  CHECK(next.code == 0);
  CHECK(next.err == "");
  CHECK(sum == 100);
}
