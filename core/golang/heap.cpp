// The run's heap (see heap.hpp): per-thread bump chunks.
#include "heap.hpp"

#include <cstdlib>
#include <new>

namespace gort::golang {

namespace {

constexpr std::size_t kChunk = 256 * 1024;
std::atomic<std::uint64_t> g_gen{1};

// The calling thread's chunk, valid while gen matches its heap's.
struct Tlab {
  std::uint64_t gen = 0;
  char* cur = nullptr;
  char* end = nullptr;
};
thread_local Tlab tlab;

}  // namespace

Heap::Heap(std::size_t limit)
    : limit_(limit), gen_(g_gen.fetch_add(1, std::memory_order_relaxed)) {}

Heap::~Heap() {
  for (auto it = finalizers_.rbegin(); it != finalizers_.rend(); ++it) it->first(it->second);
  for (void* b : blocks_) std::free(b);
}

void Heap::on_free(void (*fn)(void*), void* arg) {
  std::lock_guard lk(mu_);
  finalizers_.emplace_back(fn, arg);
}

char* Heap::refill(std::size_t need) {
  std::size_t size = need > kChunk / 4 ? need : kChunk;
  char* b = static_cast<char*>(std::calloc(1, size));
  if (!b) throw std::bad_alloc();
  {
    std::lock_guard lk(mu_);
    blocks_.push_back(b);
  }
  std::size_t total = bytes_.fetch_add(size, std::memory_order_relaxed) + size;
  if (limit_ && total > limit_) over_.store(true, std::memory_order_relaxed);
  if (size == kChunk) {
    tlab.gen = gen_;
    tlab.cur = b + need;
    tlab.end = b + size;
  }
  return b;
}

ObjHeader* Heap::alloc(std::size_t payload, HeapKind kind, const Type* type) {
  std::size_t need = (sizeof(ObjHeader) + payload + 7) & ~std::size_t{7};
  char* p;
  if (tlab.gen == gen_ && static_cast<std::size_t>(tlab.end - tlab.cur) >= need) {
    p = tlab.cur;
    tlab.cur += need;
  } else {
    p = refill(need);
  }
  auto* h = reinterpret_cast<ObjHeader*>(p);
  h->type = type;
  h->size = static_cast<std::uint32_t>(payload);
  h->kind = kind;
  return h;
}

}  // namespace gort::golang
