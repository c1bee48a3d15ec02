// on_libc_stack: runs a libc call too deep for a goroutine's stack in
// WebAssembly (strtod) on the thread's own stack, through the runtime's
// call_on_thread_stack. Invariant: f never parks and never calls back into
// Go, so no goroutine switch happens while the stack is borrowed.
#pragma once

#include <gort/detail/runtime.hpp>

namespace gort::golang {

template <class F>
auto on_libc_stack(F f) {
  decltype(f()) r{};
  auto call = [&] { r = f(); };
  gort::detail::call_on_thread_stack([](void* c) { (*static_cast<decltype(call)*>(c))(); }, &call);
  return r;
}

}  // namespace gort::golang
