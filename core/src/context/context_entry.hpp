// How the native backends run a made context's entry function (context.hpp):
// an exception escaping it is caught here, at the bottom of the context's
// stack, and entry starts over with it in tl_context_escaped. (Emscripten's
// backend catches below the fiber instead, in the thread's own context.)
#pragma once

#include <cstdlib>
#include <exception>

#include "context.hpp"

namespace gort::detail {

[[noreturn]] inline void run_entry(void (*entry)(void*), void* arg) noexcept {
  for (;;) {
    try {
      entry(arg);
    } catch (...) {
      tl_context_escaped = std::current_exception();
      continue;
    }
    std::abort();  // entry must leave with context_exit; there is nothing to return to
  }
}

}  // namespace gort::detail
