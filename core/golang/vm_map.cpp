// Go maps: hashing by the key's type (strings by content, interfaces by
// dynamic type and value, structs field by field), insertion-ordered
// entries with tombstones, iteration from a random entry (Go's iteration
// order is unspecified and varies between iterations; here it is a
// rotation seeded from the run's seed, so a deterministic run repeats it).
//
// A map being iterated is never compacted (its entries keep their indices),
// so deleting during iteration and inserting during iteration behave as the
// spec allows. Concurrent writes are detected (an unlocked flag, as Go does)
// and end the program with Go's fatal error.
#include <atomic>
#include <cstring>

#include "rt.hpp"
#include "vm_ops.hpp"

namespace gort::golang::ops {

namespace {

struct Entry {
  Value k, v;
  std::uint64_t h;
  bool live;
};

struct GoMap {
  const Type* key;
  const Type* val;
  std::uint64_t seed;
  std::vector<Entry> entries;
  std::vector<std::int32_t> index;  // open addressing over entries; -1 empty
  std::int64_t live = 0;
  std::int64_t iterators = 0;  // started and not finished: no compaction
  std::atomic<bool> writing{false};
};

struct MapObj {
  ObjHeader h;  // type: the map type
  GoMap* m;
};

struct IterObj {
  ObjHeader h;
  GoMap* m;
  std::int64_t start, pos, n;
};

GoMap* get(Value v) {
  return v.p ? static_cast<MapObj*>(v.p)->m : nullptr;
}

void rebuild(GoMap* m, std::size_t cap) {
  if (m->iterators == 0 && m->live < static_cast<std::int64_t>(m->entries.size())) {
    std::size_t j = 0;
    for (std::size_t i = 0; i < m->entries.size(); i++) {
      if (m->entries[i].live) m->entries[j++] = m->entries[i];
    }
    m->entries.resize(j);
  }
  std::size_t size = 8;
  while (size < cap * 2) size *= 2;
  m->index.assign(size, -1);
  for (std::size_t i = 0; i < m->entries.size(); i++) {
    if (!m->entries[i].live) continue;
    std::size_t mask = size - 1;
    std::size_t p = m->entries[i].h & mask;
    while (m->index[p] >= 0) p = (p + 1) & mask;
    m->index[p] = static_cast<std::int32_t>(i);
  }
}

// The index slot for key k (hash h): holding its entry, or empty.
std::size_t probe(Thread& th, GoMap* m, Value k, std::uint64_t h, bool* ok) {
  std::size_t mask = m->index.size() - 1;
  std::size_t p = h & mask;
  for (;;) {
    std::int32_t e = m->index[p];
    if (e < 0) return p;
    Entry& en = m->entries[static_cast<std::size_t>(e)];
    if (en.h == h && en.live && equal(th, en.k, k, m->key, ok)) return p;
    if (!*ok) return p;
    p = (p + 1) & mask;
  }
}

bool hash_key(Thread& th, GoMap* m, Value k, std::uint64_t* h) {
  bool ok = true;
  *h = hash(k, is_interface(m->key) ? nullptr : m->key, m->seed, &ok);
  if (!ok) th.panic_runtime("hash of unhashable type " + type_string(ops::dyn_type(k), true));
  return ok;
}

// Go's fatal error for a write racing another: false, the program ending.
bool concurrent_writes(Thread& th) {
  th.end(2, "fatal error: concurrent map writes\n");
  return false;
}

}  // namespace

Value make_map(Thread& th, const Type* map_type, std::int64_t hint) {
  const Type* u = map_type->underlying();
  ObjHeader* h = th.alloc(sizeof(MapObj) - sizeof(ObjHeader), HeapKind::Map, map_type);
  auto* mo = reinterpret_cast<MapObj*>(h);
  auto* m = new GoMap();
  m->key = u->key;
  m->val = u->elem;
  m->seed = th.run->next_random();
  rebuild(m, hint > 0 && hint < (1 << 24) ? static_cast<std::size_t>(hint) : 4);
  mo->m = m;
  th.heap().on_free([](void* p) { delete static_cast<GoMap*>(p); }, m);
  return Value::of_ptr(mo);
}

std::int64_t map_len(Value v) {
  GoMap* m = get(v);
  return m ? m->live : 0;
}

bool map_get(Thread& th, Value v, Value k, Value* out, bool* found) {
  GoMap* m = get(v);
  *found = false;
  const Type* vt = v.p ? static_cast<MapObj*>(v.p)->h.type->underlying()->elem : nullptr;
  if (m && m->live > 0) {
    std::uint64_t h;
    if (!hash_key(th, m, k, &h)) return false;
    bool ok = true;
    std::size_t p = probe(th, m, k, h, &ok);
    if (!ok) return false;
    if (m->index[p] >= 0) {
      *out = m->entries[static_cast<std::size_t>(m->index[p])].v;
      *found = true;
      return true;
    }
  } else if (m) {
    std::uint64_t h;
    if (!hash_key(th, m, k, &h)) return false;
  }
  *out = vt ? zero_of(th, vt) : Value();
  return true;
}

bool map_set(Thread& th, Value v, Value k, Value val) {
  GoMap* m = get(v);
  if (!m) {
    th.panic_plain("assignment to entry in nil map");
    return false;
  }
  std::uint64_t h;
  if (!hash_key(th, m, k, &h)) return false;
  if (m->writing.exchange(true, std::memory_order_acquire)) return concurrent_writes(th);
  bool ok = true;
  std::size_t p = probe(th, m, k, h, &ok);
  if (!ok) {
    m->writing.store(false, std::memory_order_release);
    return false;
  }
  if (m->index[p] >= 0) {
    m->entries[static_cast<std::size_t>(m->index[p])].v = val;
  } else {
    m->index[p] = static_cast<std::int32_t>(m->entries.size());
    m->entries.push_back({k, val, h, true});
    m->live++;
    if (m->entries.size() * 4 >= m->index.size() * 3)
      rebuild(m, static_cast<std::size_t>(m->live) + 1);
  }
  m->writing.store(false, std::memory_order_release);
  return true;
}

bool map_delete(Thread& th, Value v, Value k) {
  GoMap* m = get(v);
  if (!m || m->live == 0) return true;
  std::uint64_t h;
  if (!hash_key(th, m, k, &h)) return false;
  if (m->writing.exchange(true, std::memory_order_acquire)) return concurrent_writes(th);
  bool ok = true;
  std::size_t p = probe(th, m, k, h, &ok);
  if (ok && m->index[p] >= 0) {
    // A tombstone: probes pass over it; the next growth drops it.
    m->entries[static_cast<std::size_t>(m->index[p])].live = false;
    m->live--;
  }
  m->writing.store(false, std::memory_order_release);
  return ok;
}

void map_clear(Value v) {
  GoMap* m = get(v);
  if (!m) return;
  for (Entry& e : m->entries) e.live = false;
  m->live = 0;
  rebuild(m, 4);
}

Value map_iter(Thread& th, Value v) {
  ObjHeader* h = th.alloc(sizeof(IterObj) - sizeof(ObjHeader), HeapKind::Slots, nullptr);
  auto* it = reinterpret_cast<IterObj*>(h);
  GoMap* m = get(v);
  it->m = m;
  it->n = m ? static_cast<std::int64_t>(m->entries.size()) : 0;
  it->start =
      it->n ? static_cast<std::int64_t>(th.run->next_random() % static_cast<std::uint64_t>(it->n))
            : 0;
  it->pos = 0;
  if (m && it->n) m->iterators++;
  return Value::of_ptr(it);
}

bool map_next(Value v, Value* k, Value* val) {
  auto* it = static_cast<IterObj*>(v.p);
  GoMap* m = it->m;
  while (it->pos < it->n) {
    std::size_t i = static_cast<std::size_t>((it->start + it->pos) % it->n);
    it->pos++;
    if (i < m->entries.size() && m->entries[i].live) {
      *k = m->entries[i].k;
      *val = m->entries[i].v;
      return true;
    }
  }
  if (m && it->n) {
    m->iterators--;
    it->n = 0;
  }
  return false;
}

std::size_t map_entries(Value v, std::vector<std::pair<Value, Value>>& out) {
  GoMap* m = get(v);
  out.clear();
  if (!m) return 0;
  for (const Entry& e : m->entries) {
    if (e.live) out.emplace_back(e.k, e.v);
  }
  return out.size();
}

}  // namespace gort::golang::ops
