// Sanitizer fiber annotations shared by the context backends (and used by
// nothing else): every stack switch tells ASan which stack it is moving to and
// TSan which fiber runs next.
//
// Invariants:
//   - Every switch is bracketed: san_start_switch(from, to) right before the
//     backend switches, san_finish_switch(...) first thing on the side that
//     resumes (in context_swap after the switch, or in a new context's start
//     function before the user's entry). Both halves run on the same thread.
//   - A suspended context's ASan fake stack lives in its asan_fake slot; a
//     finished context passes no slot, so ASan frees its fake stack.
//   - TSan fibers: context_make creates one (owns_tsan_fiber), a thread's own
//     context borrows the thread's, context_destroy frees only owned ones.
//   - Without sanitizers every function here is empty and compiles away.
//   - Every function here is inlined into the backend's own functions: TSan
//     pairs the instrumented entry and exit of each frame on the fiber that
//     is current at the time, so a frame that calls __tsan_switch_to_fiber
//     and returns would leave one entry on one fiber and pop another's.
#pragma once

#include "context.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GORT_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define GORT_TSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define GORT_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#define GORT_TSAN 1
#endif

#if defined(GORT_ASAN)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#if defined(GORT_TSAN)
#include <sanitizer/tsan_interface.h>
#endif

namespace gort::detail {

// Called by context_make once c.stack_lo and c.stack_size are set, before the
// backend writes its initial frame into the stack.
[[gnu::always_inline]] inline void san_make([[maybe_unused]] Context& c) {
#if defined(GORT_ASAN)
  // A stack whose previous context was dropped while suspended still has
  // its frames' redzones poisoned. Code ASan does not instrument (libc,
  // libstdc++) never re-marks its own frames, so in the next context it would
  // trip over them. (context_exit leaves none: ASan clears the stack at that
  // noreturn call.)
  ASAN_UNPOISON_MEMORY_REGION(c.stack_lo, c.stack_size);
#endif
#if defined(GORT_TSAN)
  c.tsan_fiber = __tsan_create_fiber(0);
  c.owns_tsan_fiber = true;
#endif
}

[[gnu::always_inline]] inline void san_init_current([[maybe_unused]] Context& c) {
#if defined(GORT_TSAN)
  c.tsan_fiber = __tsan_get_current_fiber();
  c.owns_tsan_fiber = false;
#endif
}

[[gnu::always_inline]] inline void san_destroy([[maybe_unused]] Context& c) {
#if defined(GORT_TSAN)
  if (c.owns_tsan_fiber) __tsan_destroy_fiber(c.tsan_fiber);
  c.tsan_fiber = nullptr;
  c.owns_tsan_fiber = false;
#endif
}

// `from` is leaving its stack; finished means it will never run again.
[[gnu::always_inline]] inline void san_start_switch([[maybe_unused]] Context& from,
                                                    [[maybe_unused]] const Context& to,
                                                    [[maybe_unused]] bool finished) {
#if defined(GORT_ASAN)
  // A thread's own context has stack_lo == nullptr until it is learned in
  // san_finish_switch; it is always known by the time anyone switches back.
  __sanitizer_start_switch_fiber(finished ? nullptr : &from.asan_fake, to.stack_lo, to.stack_size);
#endif
#if defined(GORT_TSAN)
  // Flags 0: the switch is a happens-before edge, as it is on one thread.
  __tsan_switch_to_fiber(to.tsan_fiber, 0);
#endif
}

// fake is the resumed context's saved fake stack (nullptr on first entry);
// prev is the context that switched here, or nullptr if it has finished.
[[gnu::always_inline]] inline void san_finish_switch([[maybe_unused]] void* fake,
                                                     [[maybe_unused]] Context* prev) {
#if defined(GORT_ASAN)
  const void* lo = nullptr;
  std::size_t size = 0;
  __sanitizer_finish_switch_fiber(fake, &lo, &size);
  // ASan reports the bounds of the stack we came from: the only way to learn
  // those of a thread's own stack, which the next switch back to it needs.
  if (prev != nullptr && prev->stack_lo == nullptr) {
    prev->stack_lo = const_cast<void*>(lo);
    prev->stack_size = size;
  }
#endif
}

}  // namespace gort::detail
