// Go maps: hashing by the key's type (strings by content, interfaces by
// dynamic type and value, structs field by field), insertion-ordered
// entries with tombstones, iteration from a random entry (Go's iteration
// order is unspecified and varies between iterations; here it is a
// rotation seeded from the run's seed, so a deterministic run repeats it).
//
// A map being iterated is never compacted (its entries keep their indices),
// so deleting during iteration and inserting during iteration behave as the
// spec allows. A write overlapping another write or a read ends the
// program with Go's fatal error (see begin_read); no overlap goes unseen,
// so no read walks a table that a write is rebuilding.
#include <atomic>
#include <cstring>
#include <thread>

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
  std::atomic<std::int64_t> iterators{0};  // started and not finished: no compaction
  std::atomic<bool> writing{false};        // a write is under way
  std::atomic<std::int32_t> readers{0};    // reads under way
};

struct MapObj {
  ObjHeader h;  // type: the map type
  GoMap* m;
};

struct IterObj {
  ObjHeader h;
  MapObj* owner;  // keeps the map (and so m) alive while the iterator is
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

// Reads and writes of one map from goroutines on different Ps meet here.
// Go sees a write overlapping another operation through an unlocked flag,
// and its garbage collector keeps an old table alive for a racing reader;
// here a rebuilt table's memory is freed at once, so every overlap must be
// seen. Both sides announce themselves before they look (sequentially
// consistent): a reader counts itself in `readers`, then looks at
// `writing`; a writer sets `writing`, then looks at `readers`. Of two
// overlapping operations the later sees the earlier, and ends the program
// with Go's fatal error without touching the map. false: the program is
// ending.
bool fatal(Thread& th, const char* what) {
  th.end(2, std::string("fatal error: concurrent map ") + what + "\n");
  return false;
}

bool begin_read(Thread& th, GoMap* m, const char* what = "read and map write") {
  m->readers.fetch_add(1);
  if (!m->writing.load()) return true;
  m->readers.fetch_sub(1);
  return fatal(th, what);
}

void end_read(GoMap* m) {
  m->readers.fetch_sub(1, std::memory_order_release);
}

bool begin_write(Thread& th, GoMap* m) {
  if (m->writing.exchange(true)) return fatal(th, "writes");
  if (m->readers.load() == 0) return true;
  m->writing.store(false);
  return fatal(th, "read and map write");
}

void end_write(GoMap* m) {
  m->writing.store(false, std::memory_order_release);
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
    if (!hash_key(th, m, k, &h) || !begin_read(th, m)) return false;
    bool ok = true;
    std::size_t p = probe(th, m, k, h, &ok);
    if (ok && m->index[p] >= 0) {
      *out = m->entries[static_cast<std::size_t>(m->index[p])].v;
      *found = true;
    }
    end_read(m);
    if (!ok || *found) return ok;
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
  if (!begin_write(th, m)) return false;
  bool ok = true;
  std::size_t p = probe(th, m, k, h, &ok);
  if (!ok) {
    end_write(m);
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
  end_write(m);
  return true;
}

bool map_delete(Thread& th, Value v, Value k) {
  GoMap* m = get(v);
  if (!m || m->live == 0) return true;
  std::uint64_t h;
  if (!hash_key(th, m, k, &h)) return false;
  if (!begin_write(th, m)) return false;
  bool ok = true;
  std::size_t p = probe(th, m, k, h, &ok);
  if (ok && m->index[p] >= 0) {
    // A tombstone: probes pass over it; the next growth drops it.
    m->entries[static_cast<std::size_t>(m->index[p])].live = false;
    m->live--;
  }
  end_write(m);
  return ok;
}

bool map_clear(Thread& th, Value v) {
  GoMap* m = get(v);
  if (!m) return true;
  if (!begin_write(th, m)) return false;
  for (Entry& e : m->entries) e.live = false;
  m->live = 0;
  rebuild(m, 4);
  end_write(m);
  return true;
}

Value map_iter(Thread& th, Value v) {
  ObjHeader* h = th.alloc(sizeof(IterObj) - sizeof(ObjHeader), HeapKind::Slots, nullptr);
  auto* it = reinterpret_cast<IterObj*>(h);
  GoMap* m = get(v);
  it->owner = static_cast<MapObj*>(v.p);
  it->m = m;
  it->n = 0;
  if (m && begin_read(th, m, "iteration and map write")) {
    it->n = static_cast<std::int64_t>(m->entries.size());
    end_read(m);
  }
  it->start =
      it->n ? static_cast<std::int64_t>(th.run->next_random() % static_cast<std::uint64_t>(it->n))
            : 0;
  it->pos = 0;
  if (m && it->n) m->iterators++;
  return Value::of_ptr(it);
}

bool map_next(Thread& th, Value v, Value* k, Value* val, bool* more) {
  auto* it = static_cast<IterObj*>(v.p);
  GoMap* m = it->m;
  *more = false;
  const bool reading = it->pos < it->n;
  if (reading && !begin_read(th, m, "iteration and map write")) return false;
  while (it->pos < it->n) {
    std::size_t i = static_cast<std::size_t>((it->start + it->pos) % it->n);
    it->pos++;
    if (i < m->entries.size() && m->entries[i].live) {
      *k = m->entries[i].k;
      *val = m->entries[i].v;
      *more = true;
      break;
    }
  }
  if (reading) end_read(m);
  if (!*more && it->n) {
    m->iterators--;
    it->n = 0;
  }
  return true;
}

void map_trace(ObjHeader* h, void (*visit)(Value v, void* arg), void* arg) {
  GoMap* m = reinterpret_cast<MapObj*>(h)->m;
  if (!m) return;
  for (const Entry& e : m->entries) {
    if (!e.live) continue;
    visit(e.k, arg);
    visit(e.v, arg);
  }
}

void map_finalize(ObjHeader* h) {
  delete reinterpret_cast<MapObj*>(h)->m;
}

std::size_t map_entries(Value v, std::vector<std::pair<Value, Value>>& out) {
  GoMap* m = get(v);
  out.clear();
  if (!m) return 0;
  // fmt printing a map that a write is changing prints it after the write.
  for (;;) {
    m->readers.fetch_add(1);
    if (!m->writing.load()) break;
    m->readers.fetch_sub(1);
    std::this_thread::yield();
  }
  for (const Entry& e : m->entries) {
    if (e.live) out.emplace_back(e.k, e.v);
  }
  end_read(m);
  return out.size();
}

}  // namespace gort::golang::ops
