// The run's heap (see heap.hpp): size-classed spans, per-thread caches.
#include "heap.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
// A free slot's payload is poisoned: a Go value the collector freed while
// still reachable fails at its first use under AddressSanitizer.
#define GORT_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define GORT_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define GORT_POISON(p, n) ((void)(p), (void)(n))
#define GORT_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace gort::golang {

struct Span {
  char* base;
  std::size_t elem;     // bytes of a slot (a large object: its bytes)
  std::uint32_t n;      // slots
  std::uint32_t nfree;  // free slots when it was swept or made
  int cls;              // size class; kLarge: one large object
  bool cached;          // in a thread's cache: only that thread allocates from it
  char* free;           // the free slots' chain
};

namespace {

constexpr std::size_t kSpan = 64 * 1024;
constexpr int kSpanShift = 16;
constexpr int kLarge = -1;
constexpr std::size_t kMinTrigger = 4 * 1024 * 1024;
constexpr std::size_t kKeepEmpty = 64;  // empty spans kept for reuse after a sweep
// Slot sizes, header included (multiples of 16).
constexpr std::uint32_t kClass[] = {16,   32,   48,   64,    80,    96,    112,  128,  160,
                                    192,  224,  256,  320,   384,   448,   512,  640,  768,
                                    896,  1024, 1280, 1536,  1792,  2048,  2560, 3072, 4096,
                                    5120, 6144, 8192, 10912, 16384, 21840, 32768};
constexpr int kClasses = sizeof kClass / sizeof kClass[0];
constexpr std::size_t kMaxSmall = 32768;

// The class of a slot of `need` bytes, need <= kMaxSmall.
int class_of(std::size_t need) {
  static const auto small = [] {  // need / 16 -> class, up to 1024 bytes
    std::array<std::uint8_t, 65> t{};
    int c = 0;
    for (std::size_t i = 0; i < t.size(); i++) {
      while (kClass[c] < i * 16) c++;
      t[i] = static_cast<std::uint8_t>(c);
    }
    return t;
  }();
  if (need <= 1024) return small[(need + 15) / 16];
  int c = 19;
  while (kClass[c] < need) c++;
  return c;
}

std::atomic<std::uint64_t> g_gen{1};

// The calling thread's spans, valid while gen and epoch match its heap's.
struct Cache {
  std::uint64_t gen = 0, epoch = 0;
  Span* span[kClasses] = {};
};
thread_local Cache cache;

void set_free(char* slot, char* next, std::size_t elem) {
  GORT_POISON(slot + sizeof(ObjHeader), elem - sizeof(ObjHeader));
  auto* h = reinterpret_cast<ObjHeader*>(slot);
  std::memcpy(&h->type, &next, sizeof next);
  h->kind = HeapKind::Free;
  h->flags = 0;
}
char* next_free(char* slot) {
  char* next;
  std::memcpy(&next, &reinterpret_cast<ObjHeader*>(slot)->type, sizeof next);
  return next;
}

}  // namespace

Heap::Heap(std::size_t limit)
    : partial_(kClasses),
      top_(static_cast<Span***>(
          std::calloc(std::size_t{1} << (sizeof(void*) == 8 ? 16 : 0), sizeof(Span**)))),
      next_gc_(limit ? std::min(kMinTrigger, limit / 2) : kMinTrigger),
      limit_(limit),
      gen_(g_gen.fetch_add(1, std::memory_order_relaxed)) {
  if (!top_) throw std::bad_alloc();
}

Heap::~Heap() {
  for (auto it = finalizers_.rbegin(); it != finalizers_.rend(); ++it) it->first(it->second);
  for (Span* s : spans_) {
    for (std::uint32_t i = 0; i < s->n; i++) {
      auto* h = reinterpret_cast<ObjHeader*>(s->base + i * s->elem);
      if (h->kind != HeapKind::Free) free_obj(h);
    }
    release(s);
  }
  for (Span* s : empty_) release(s);
  std::size_t ntop = std::size_t{1} << (sizeof(void*) == 8 ? 16 : 0);
  for (std::size_t i = 0; i < ntop; i++) std::free(top_[i]);
  std::free(top_);
}

void Heap::on_free(void (*fn)(void*), void* arg) {
  std::lock_guard lk(mu_);
  finalizers_.emplace_back(fn, arg);
}

void Heap::free_obj(ObjHeader* h) {
  if (Finalizer f = finalize_[static_cast<int>(h->kind)]) f(h);
}

namespace {
std::size_t top_index(std::uintptr_t a) {
  return sizeof(void*) == 8 ? static_cast<std::size_t>(static_cast<std::uint64_t>(a) >> 32) : 0;
}
std::size_t leaf_index(std::uintptr_t a) {
  return (a >> kSpanShift) & 0xFFFF;
}
}  // namespace

Span*& Heap::entry(std::uintptr_t a) {
  Span**& leaf = top_[top_index(a)];
  if (!leaf) {
    leaf = static_cast<Span**>(std::calloc(std::size_t{1} << 16, sizeof(Span*)));
    if (!leaf) throw std::bad_alloc();
  }
  return leaf[leaf_index(a)];
}

// A new span of `bytes` (a multiple of kSpan for a small class), mapped.
Span* Heap::new_span(std::size_t bytes, int cls) {
  void* m = nullptr;
  if (posix_memalign(&m, kSpan, bytes) != 0) throw std::bad_alloc();
  auto* s = new Span{static_cast<char*>(m), bytes, 1, 0, cls, false, nullptr};
  auto a = reinterpret_cast<std::uintptr_t>(m);
  for (std::uintptr_t g = a; g < a + bytes; g += kSpan) entry(g) = s;
  lo_ = std::min(lo_, a);
  hi_ = std::max(hi_, a + bytes);
  return s;
}

void Heap::release(Span* s) {
  auto a = reinterpret_cast<std::uintptr_t>(s->base);
  std::size_t bytes = s->cls == kLarge ? s->elem : kSpan;
  GORT_UNPOISON(s->base, bytes);
  for (std::uintptr_t g = a; g < a + bytes; g += kSpan) entry(g) = nullptr;
  std::free(s->base);
  delete s;
}

// A span of class cls with free slots, for the calling thread's cache.
Span* Heap::take_span(int cls) {
  std::lock_guard lk(mu_);
  Span* s;
  auto& part = partial_[static_cast<std::size_t>(cls)];
  if (!part.empty()) {
    s = part.back();
    part.pop_back();
  } else {
    if (!empty_.empty()) {
      s = empty_.back();
      empty_.pop_back();
    } else {
      s = new_span(kSpan, cls);
    }
    GORT_UNPOISON(s->base, kSpan);  // a reused span: its old slots' payloads
    s->cls = cls;
    s->elem = kClass[cls];
    s->n = static_cast<std::uint32_t>(kSpan / s->elem);
    s->nfree = s->n;
    s->free = nullptr;
    for (std::uint32_t i = s->n; i-- > 0;) {
      char* slot = s->base + i * s->elem;
      set_free(slot, s->free, s->elem);
      s->free = slot;
    }
    spans_.push_back(s);
  }
  s->cached = true;
  bytes_.fetch_add(s->nfree * s->elem, std::memory_order_relaxed);
  return s;
}

ObjHeader* Heap::alloc(std::size_t payload, HeapKind kind, const Type* type) {
  std::size_t need = sizeof(ObjHeader) + payload;
  char* p;
  if (need <= kMaxSmall) {
    std::uint64_t epoch = epoch_.load(std::memory_order_relaxed);
    if (cache.gen != gen_ || cache.epoch != epoch) cache = {gen_, epoch, {}};
    int cls = class_of(need);
    Span*& s = cache.span[cls];
    if (!s || !s->free) {
      if (s) s->cached = false;  // full: the next sweep finds its free slots
      s = take_span(cls);
    }
    p = s->free;
    s->free = next_free(p);
    GORT_UNPOISON(p, s->elem);
    std::memset(p, 0, s->elem);
  } else {
    need = (need + 4095) & ~std::size_t{4095};
    {
      std::lock_guard lk(mu_);
      Span* s = new_span(need, kLarge);
      spans_.push_back(s);
      p = s->base;
    }
    std::memset(p, 0, need);
    bytes_.fetch_add(need, std::memory_order_relaxed);
  }
  auto* h = reinterpret_cast<ObjHeader*>(p);
  h->type = type;
  h->size = static_cast<std::uint32_t>(payload);
  h->kind = kind;
  return h;
}

ObjHeader* Heap::find(const void* p) const {
  auto a = reinterpret_cast<std::uintptr_t>(p);
  if (a < lo_ || a >= hi_) return nullptr;
  Span* const* leaf = top_[top_index(a)];
  const Span* s = leaf ? leaf[leaf_index(a)] : nullptr;
  if (!s || a < reinterpret_cast<std::uintptr_t>(s->base)) return nullptr;
  std::size_t off = a - reinterpret_cast<std::uintptr_t>(s->base);
  std::size_t i = off / s->elem;
  if (i >= s->n) return nullptr;
  auto* h = reinterpret_cast<ObjHeader*>(s->base + i * s->elem);
  return h->kind == HeapKind::Free ? nullptr : h;
}

void Heap::sweep() {
  std::lock_guard lk(mu_);
  for (auto& part : partial_) part.clear();
  std::size_t live = 0;
  std::size_t kept = 0;
  for (Span* s : spans_) {
    if (s->cls == kLarge) {
      auto* h = reinterpret_cast<ObjHeader*>(s->base);
      if (h->flags & kMarked) {
        h->flags &= static_cast<std::uint8_t>(~kMarked);
        live += s->elem;
        spans_[kept++] = s;
      } else {
        free_obj(h);
        release(s);
      }
      continue;
    }
    s->free = nullptr;
    s->nfree = 0;
    s->cached = false;
    for (std::uint32_t i = s->n; i-- > 0;) {
      char* slot = s->base + i * s->elem;
      auto* h = reinterpret_cast<ObjHeader*>(slot);
      if (h->kind != HeapKind::Free) {
        if (h->flags & kMarked) {
          h->flags &= static_cast<std::uint8_t>(~kMarked);
          live += s->elem;
          continue;
        }
        free_obj(h);
      }
      set_free(slot, s->free, s->elem);
      s->free = slot;
      s->nfree++;
    }
    if (s->nfree == s->n) {
      if (empty_.size() < kKeepEmpty) {
        empty_.push_back(s);
      } else {
        release(s);
      }
      continue;
    }
    if (s->nfree) partial_[static_cast<std::size_t>(s->cls)].push_back(s);
    spans_[kept++] = s;
  }
  spans_.resize(kept);
  bytes_.store(live, std::memory_order_relaxed);
  std::size_t next = std::max(kMinTrigger, 2 * live);
  if (limit_ && live < limit_) next = std::min(next, live + (limit_ - live) / 2);
  next_gc_.store(next, std::memory_order_relaxed);
  epoch_.fetch_add(1, std::memory_order_relaxed);
  collections_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace gort::golang
