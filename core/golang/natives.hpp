// Natives: library functions implemented in C++ (declared without a body in
// lib/*.go). A native gets its frame: results first, then its parameters
// (receiver first), as bytecode.hpp lays a frame out; it writes its results
// there. It may panic (Thread::panic_*: it then returns at once) and may call
// back into Go (Thread::call), and it keeps the runtime's rule where a
// goroutine may park: nothing with a destructor in scope around a call that
// blocks or calls back.
#pragma once

#include <span>
#include <string_view>

#include "value.hpp"

namespace gort::golang {

struct Thread;
using NativeFn = void (*)(Thread& th, Value* frame);

struct NativeDef {
  const char* name;  // "time.Sleep", "sync.Mutex.Lock"
  NativeFn fn;
};

// The native with this name, or nullptr.
NativeFn find_native(std::string_view name);

// Each library file's natives (lib_*.cpp).
std::span<const NativeDef> fmt_natives();
std::span<const NativeDef> time_natives();
std::span<const NativeDef> sync_natives();
std::span<const NativeDef> runtime_natives();
std::span<const NativeDef> errors_natives();
std::span<const NativeDef> text_natives();
std::span<const NativeDef> math_natives();

}  // namespace gort::golang
