// The heap of one run: every object a Go program allocates comes from here,
// with an ObjHeader, zeroed; the collector (gc.cpp) frees what no root
// reaches (DESIGN.md §9.4).
//
// Layout: 64 KiB spans, aligned to their size. A small object (up to 32
// KiB with its header) takes a slot of its size class in a span of that
// class; a larger one has a span of its own. A two-level table maps every
// 64 KiB of address space to its span, so any address inside an object
// (interior pointers: &s.f, &a[i], a slice's data) finds the object's
// header: that is what the collector's conservative scan needs.
//
// Invariants:
//   - A slot is free iff its header's kind is HeapKind::Free; free slots of
//     a span are chained through their headers' first word.
//   - Threads allocate without a lock from spans cached for them (one per
//     class per OS thread); a span is in at most one cache. A collection
//     empties every cache (the epoch changes), with the world stopped.
//   - bytes(): the bytes live at the last collection plus every byte handed
//     out since (a cached span counts whole), so it never undercounts what
//     the program holds. Finalizers (a map's table) run when their object
//     is swept; on_free ones (a channel, a timer) when the heap is freed.
//
// A heap has a limit (Limits::max_memory): the allocation that takes it
// past the limit still succeeds, and over_limit() says so until a
// collection brings it back under.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include "value.hpp"

namespace gort::golang {

struct Span;

class Heap {
 public:
  explicit Heap(std::size_t limit);  // 0: none
  ~Heap();                           // runs the finalizers, then frees every span
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  // Zeroed memory for an object of `payload` bytes after its header.
  ObjHeader* alloc(std::size_t payload, HeapKind kind, const Type* type);
  // Calls fn(arg) when the heap is freed.
  void on_free(void (*fn)(void*), void* arg);
  // Runs fn(h) when an object of kind k is freed (swept, or the heap freed).
  using Finalizer = void (*)(ObjHeader* h);
  void set_finalizer(HeapKind k, Finalizer fn) { finalize_[static_cast<int>(k)] = fn; }
  std::size_t bytes() const { return bytes_.load(std::memory_order_relaxed); }
  std::size_t limit() const { return limit_; }
  bool over_limit() const { return limit_ && bytes() > limit_; }
  // Enough was allocated since the last collection to start the next one.
  bool want_collect() const { return bytes() >= next_gc_.load(std::memory_order_relaxed); }
  std::uint64_t collections() const { return collections_.load(std::memory_order_relaxed); }

  // ---- for the collector, with the world stopped ----
  // The allocated object whose slot holds address p, or nullptr.
  ObjHeader* find(const void* p) const;
  // Frees every object not marked (kMarked) and unmarks the others.
  void sweep();

 private:
  Span* take_span(int cls);
  Span* new_span(std::size_t bytes, int cls);
  void release(Span* s);           // unmapped and freed
  Span*& entry(std::uintptr_t a);  // its leaf made if missing
  void free_obj(ObjHeader* h);

  mutable std::mutex mu_;
  std::vector<Span*> spans_;                  // every span in use
  std::vector<std::vector<Span*>> partial_;   // per class: spans with free slots, uncached
  std::vector<Span*> empty_;                  // swept empty spans, for any class
  Span*** top_;                               // address >> 32 -> (address >> 16 & 0xFFFF) -> span
  std::uintptr_t lo_ = UINTPTR_MAX, hi_ = 0;  // the spans' address range
  std::vector<std::pair<void (*)(void*), void*>> finalizers_;
  Finalizer finalize_[8] = {};
  std::atomic<std::size_t> bytes_{0};
  std::atomic<std::size_t> next_gc_;
  std::atomic<std::uint64_t> epoch_{0};
  std::atomic<std::uint64_t> collections_{0};
  const std::size_t limit_;
  std::uint64_t gen_;
};

}  // namespace gort::golang
