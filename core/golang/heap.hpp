// The heap of one run: every object a Go program allocates comes from here,
// with an ObjHeader, zeroed.
//
// Part 1 frees the whole heap when the run ends (many programs run one after
// another in one page). The one-allocator-with-headers design is what a
// tracing collector needs later (part 2): objects know their type, roots are
// the VM stacks, globals and channel buffers, safe points the VM's yields.
//
// Threads allocate from chunks of their own (no lock on the fast path); a
// chunk is taken under the heap's mutex. Objects larger than a chunk's
// quarter get a block of their own. Finalizers (a map's table, a channel's
// reference) run when the heap is freed.
//
// A heap has a limit (Limits::max_memory): the allocation that takes it
// past the limit still succeeds, and over_limit() says so from then on.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include "value.hpp"

namespace gort::golang {

class Heap {
 public:
  explicit Heap(std::size_t limit);  // 0: none
  ~Heap();                           // runs the finalizers, then frees every block
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  // Zeroed memory for an object of `payload` bytes after its header.
  ObjHeader* alloc(std::size_t payload, HeapKind kind, const Type* type);
  // Calls fn(arg) when the heap is freed.
  void on_free(void (*fn)(void*), void* arg);
  std::size_t bytes() const { return bytes_.load(std::memory_order_relaxed); }
  std::size_t limit() const { return limit_; }
  bool over_limit() const { return over_.load(std::memory_order_relaxed); }

 private:
  char* refill(std::size_t need);

  std::mutex mu_;
  std::vector<void*> blocks_;
  std::vector<std::pair<void (*)(void*), void*>> finalizers_;
  std::atomic<std::size_t> bytes_{0};
  const std::size_t limit_;
  std::atomic<bool> over_{false};
  std::uint64_t gen_;
};

}  // namespace gort::golang
