// Goroutine stacks: fixed-size blocks carved from large anonymous mappings
// and reused for the life of the process.
//
// Invariants:
//   - Memory is mapped in chunks and kept: a block, once carved, moves
//     between the shared free list of its size and P caches. So spawning
//     never maps or faults fresh pages once warm (a page fault costs more
//     than a spawn: DESIGN.md, 3), and RSS stays flat from run to run. The
//     one exception: after a program ran out of memory, stack_release gives
//     back every chunk of a size class none of whose blocks is in use, so
//     the next program has that memory for its heap.
//   - Pages are touched lazily: a blocked goroutine costs the pages its
//     frames (and its G, at the top of the block) reached, not the block size.
//   - Blocks of kLargeStack (16 KiB) and more are separated by an untouched gap page, so a
//     small overflow lands in the gap rather than in a neighbour's G.
//   - A P's cache is touched only by the thread driving that P; the shared
//     pool is behind a mutex and is refilled or drained kBatch blocks at a time.
#include <sys/mman.h>

#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sched.hpp"

namespace gort::detail {

namespace {

constexpr std::size_t kBatch = 32;
constexpr std::size_t kCacheMax = 2 * kBatch;
constexpr std::size_t kChunkBytes = 4 << 20;

struct SizeClass {
  std::vector<char*> free;
  char* carve = nullptr;  // next unused block of the current chunk
  char* carve_end = nullptr;
  std::size_t carved = 0;                             // blocks handed out of chunks
  std::vector<std::pair<void*, std::size_t>> chunks;  // every mapping, for stack_release
};

struct Pool {
  std::mutex mu;
  std::unordered_map<std::size_t, SizeClass> classes;
};

Pool& pool() {
  static Pool* p = new Pool();  // never destroyed: worker threads may outlive statics
  return *p;
}

std::size_t gap_for(std::size_t size) {
#ifdef __EMSCRIPTEN__
  // WebAssembly memory has no pages to leave untouched: a gap would cost its
  // full size per goroutine and catch nothing (overflows are found by the
  // saved stack pointer, as for any large stack).
  (void)size;
  return 0;
#else
  return size >= kLargeStack ? 4096 : 0;
#endif
}

char* carve_locked(SizeClass& sc, std::size_t size) {
  std::size_t stride = size + gap_for(size);
  if (sc.carve == nullptr || sc.carve + stride > sc.carve_end) {
    std::size_t bytes = stride * 16 > kChunkBytes ? stride * 16 : kChunkBytes;
    void* m = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) return nullptr;
    sc.chunks.emplace_back(m, bytes);
    sc.carve = static_cast<char*>(m);
    sc.carve_end = sc.carve + bytes;
  }
  char* lo = sc.carve + gap_for(size);
  sc.carve += stride;
  sc.carved++;
  return lo;
}

}  // namespace

char* stack_get(P* p, std::size_t size) {
  if (p && !p->stack_cache.empty()) {
    char* lo = p->stack_cache.back();
    p->stack_cache.pop_back();
    return lo;
  }
  Pool& pl = pool();
  std::lock_guard lk(pl.mu);
  SizeClass& sc = pl.classes[size];
  std::size_t want = p ? kBatch : 1;
  while (sc.free.size() < want) {
    char* lo = carve_locked(sc, size);
    if (!lo) break;  // out of memory: hand out what there is
    sc.free.push_back(lo);
  }
  if (sc.free.empty()) return nullptr;
  char* lo = sc.free.back();
  sc.free.pop_back();
  if (p) {
    for (std::size_t i = 1; i < want && !sc.free.empty(); i++) {
      p->stack_cache.push_back(sc.free.back());
      sc.free.pop_back();
    }
  }
  return lo;
}

void stack_put(P* p, char* lo, std::size_t size) {
  if (p && p->stack_cache.size() < kCacheMax) {
    p->stack_cache.push_back(lo);
    return;
  }
  Pool& pl = pool();
  std::lock_guard lk(pl.mu);
  SizeClass& sc = pl.classes[size];
  sc.free.push_back(lo);
  if (p) {
    for (std::size_t i = 0; i < kBatch; i++) {
      sc.free.push_back(p->stack_cache.back());
      p->stack_cache.pop_back();
    }
  }
}

void stack_flush(P* p) {
  Pool& pl = pool();
  std::lock_guard lk(pl.mu);
  SizeClass& sc = pl.classes[p->s->stack_size()];
  sc.free.insert(sc.free.end(), p->stack_cache.begin(), p->stack_cache.end());
  p->stack_cache.clear();
}

void stack_release() {
  Pool& pl = pool();
  std::lock_guard lk(pl.mu);
  for (auto& [size, sc] : pl.classes) {
    if (sc.free.size() != sc.carved) continue;  // a block is in use (or abandoned)
    for (auto [m, bytes] : sc.chunks) munmap(m, bytes);
    sc = SizeClass{};
  }
}

}  // namespace gort::detail
