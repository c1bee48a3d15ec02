// The run loop's out-of-line operations (see vm_ops.hpp): strings, slices,
// arrays, objects, interfaces, equality and hashing, with Go's runtime
// error messages.
#include "vm_ops.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "utf8.hpp"

namespace gort::golang::ops {

namespace {

std::string fmt_i(std::int64_t v) {
  return std::to_string(v);
}

// The type of slot i of an object of layout type u (a struct or an array).
const Type* slot_type(const Type* u, std::size_t i) {
  return u->kind == TK::Array ? u->elem : u->fields[i].type;
}

Value new_backing(Thread& th, const Type* elem, std::int64_t n) {
  ObjHeader* h = th.alloc(sizeof(Value) * static_cast<std::size_t>(n), HeapKind::Slots, elem);
  Value* p = payload(h);
  if (elem->repr == Repr::Boxed) {
    for (std::int64_t i = 0; i < n; i++) p[i] = new_obj(th, elem);
  }
  return Value::of_ptr(p);
}

Value new_slice(Thread& th, const Type* elem, Value* data, std::int64_t len, std::int64_t cap) {
  ObjHeader* h = th.alloc(sizeof(SliceObj) - sizeof(ObjHeader), HeapKind::Slice, elem);
  auto* s = reinterpret_cast<SliceObj*>(h);
  s->data = data;
  s->len = len;
  s->cap = cap;
  return Value::of_ptr(s);
}

// Go's size in bytes of a value of type t (for append's growth, which
// depends on it through the allocator's size classes).
std::int64_t go_size(const Type* t) {
  const Type* u = t->underlying();
  switch (u->kind) {
    case TK::Bool:
    case TK::Int8:
    case TK::Uint8:
      return 1;
    case TK::Int16:
    case TK::Uint16:
      return 2;
    case TK::Int32:
    case TK::Uint32:
    case TK::Float32:
      return 4;
    case TK::String:
    case TK::Interface:
      return 16;
    case TK::Slice:
      return 24;
    case TK::Array:
      return u->len * go_size(u->elem);
    case TK::Struct: {
      std::int64_t size = 0, align = 1;
      for (const StructField& f : u->fields) {
        std::int64_t fs = go_size(f.type);
        std::int64_t fa = fs >= 8 ? 8 : fs >= 4 ? 4 : fs >= 2 ? 2 : 1;
        if (f.type->underlying()->kind == TK::Array || f.type->underlying()->kind == TK::Struct)
          fa = 8;
        align = std::max(align, fa);
        size = (size + fa - 1) / fa * fa + fs;
      }
      return (size + align - 1) / align * align;
    }
    default:
      return 8;
  }
}

std::int64_t roundupsize(std::int64_t size) {
  static const std::int64_t kClasses[] = {
      8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,   160,
      176,   192,   208,   224,   240,   256,   288,   320,   352,   384,   416,   448,
      480,   512,   576,   640,   704,   768,   896,   1024,  1152,  1280,  1408,  1536,
      1792,  2048,  2304,  2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,  6528,
      6784,  6912,  8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384, 18432,
      19072, 20480, 21760, 24576, 27264, 28672, 32768};
  for (std::int64_t c : kClasses) {
    if (size <= c) return c;
  }
  return (size + 8191) / 8192 * 8192;
}

// Go's growslice: the new capacity for a slice of cap `old` that needs `need`.
std::int64_t grow_cap(std::int64_t old, std::int64_t need, const Type* elem) {
  std::int64_t cap = old;
  std::int64_t dbl = cap + cap;
  if (need > dbl) {
    cap = need;
  } else if (old < 256) {
    cap = dbl;
  } else {
    while (cap < need) cap += (cap + 3 * 256) / 4;
  }
  std::int64_t es = go_size(elem);
  if (es == 0) return cap;
  return roundupsize(cap * es) / es;
}

}  // namespace

// ---------------------------------------------------------------- strings

Value concat(Thread& th, Value a, Value b) {
  if (!a.p) return b;
  if (!b.p) return a;
  std::string_view x = str_view(a), y = str_view(b);
  ObjHeader* h = th.alloc(x.size() + y.size(), HeapKind::Str, nullptr);
  char* p = reinterpret_cast<char*>(h + 1);
  std::memcpy(p, x.data(), x.size());
  std::memcpy(p + x.size(), y.data(), y.size());
  return Value::of_ptr(h);
}

int str_cmp(Value a, Value b) {
  std::string_view x = str_view(a), y = str_view(b);
  int c = x.compare(y);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool str_eq(Value a, Value b) {
  if (a.p == b.p) return true;
  return str_view(a) == str_view(b);
}

bool str_index(Thread& th, Value s, std::int64_t i, Value* out) {
  std::string_view v = str_view(s);
  if (i < 0 || static_cast<std::uint64_t>(i) >= v.size()) {
    th.panic_runtime("index out of range [" + fmt_i(i) + "] with length " +
                     fmt_i(static_cast<std::int64_t>(v.size())));
    return false;
  }
  out->i = static_cast<unsigned char>(v[static_cast<std::size_t>(i)]);
  return true;
}

namespace {

// Go's bounds checks for x[lo:hi:max] over length `len` (strings, and
// arrays and slices whose bound is their capacity).
bool check_slice(Thread& th, std::int64_t lo, std::int64_t hi, std::int64_t max, bool three,
                 std::int64_t bound, const char* what) {
  if (three) {
    if (max < 0 || max > bound) {
      th.panic_runtime("slice bounds out of range [::" + fmt_i(max) + "] with " + what + " " +
                       fmt_i(bound));
      return false;
    }
    if (hi < 0 || hi > max) {
      th.panic_runtime("slice bounds out of range [:" + fmt_i(hi) + ":" + fmt_i(max) + "]");
      return false;
    }
    if (lo < 0 || lo > hi) {
      th.panic_runtime("slice bounds out of range [" + fmt_i(lo) + ":" + fmt_i(hi) + ":]");
      return false;
    }
    return true;
  }
  if (hi < 0 || hi > bound) {
    th.panic_runtime("slice bounds out of range [:" + fmt_i(hi) + "] with " + what + " " +
                     fmt_i(bound));
    return false;
  }
  if (lo < 0 || lo > hi) {
    th.panic_runtime("slice bounds out of range [" + fmt_i(lo) + ":" + fmt_i(hi) + "]");
    return false;
  }
  return true;
}

}  // namespace

bool str_slice(Thread& th, Value s, const Value* lo, const Value* hi, Value* out) {
  std::string_view v = str_view(s);
  auto n = static_cast<std::int64_t>(v.size());
  std::int64_t l = lo ? lo->i : 0, h = hi ? hi->i : n;
  if (!check_slice(th, l, h, 0, false, n, "length")) return false;
  *out = th.str(v.substr(static_cast<std::size_t>(l), static_cast<std::size_t>(h - l)));
  return true;
}

Value str_from_rune(Thread& th, std::int64_t r) {
  std::string s;
  utf8_append(s, r < 0 || r > 0x10FFFF ? 0xFFFD : static_cast<std::uint32_t>(r));
  return th.str(s);
}

Value str_from_bytes(Thread& th, Value slice) {
  if (!slice.p) return {};
  auto* s = static_cast<SliceObj*>(slice.p);
  ObjHeader* h = th.alloc(static_cast<std::size_t>(s->len), HeapKind::Str, nullptr);
  char* p = reinterpret_cast<char*>(h + 1);
  for (std::int64_t i = 0; i < s->len; i++) p[i] = static_cast<char>(s->data[i].i);
  return s->len ? Value::of_ptr(h) : Value();
}

Value str_from_runes(Thread& th, Value slice) {
  if (!slice.p) return {};
  auto* s = static_cast<SliceObj*>(slice.p);
  std::string out;
  for (std::int64_t i = 0; i < s->len; i++) {
    std::int64_t r = s->data[i].i;
    utf8_append(out, r < 0 || r > 0x10FFFF ? 0xFFFD : static_cast<std::uint32_t>(r));
  }
  return th.str(out);
}

Value bytes_from_str(Thread& th, Value str, const Type* elem) {
  std::string_view v = str_view(str);
  auto n = static_cast<std::int64_t>(v.size());
  Value data = new_backing(th, elem, n);
  Value* p = static_cast<Value*>(data.p);
  for (std::int64_t i = 0; i < n; i++)
    p[i].i = static_cast<unsigned char>(v[static_cast<std::size_t>(i)]);
  return new_slice(th, elem, p, n, n);
}

Value runes_from_str(Thread& th, Value str, const Type* elem) {
  std::string_view v = str_view(str);
  std::vector<std::uint32_t> rs;
  for (std::size_t i = 0; i < v.size();) {
    std::uint32_t r;
    i += utf8_decode(v.data() + i, v.size() - i, &r);
    rs.push_back(r);
  }
  auto n = static_cast<std::int64_t>(rs.size());
  Value data = new_backing(th, elem, n);
  Value* p = static_cast<Value*>(data.p);
  for (std::int64_t i = 0; i < n; i++) p[i].i = rs[static_cast<std::size_t>(i)];
  return new_slice(th, elem, p, n, n);
}

void str_next(Value s, std::int64_t i, Value* rune, Value* next) {
  std::string_view v = str_view(s);
  std::uint32_t r;
  std::size_t w = utf8_decode(v.data() + i, v.size() - static_cast<std::size_t>(i), &r);
  rune->i = r;
  next->i = i + static_cast<std::int64_t>(w);
}

// ---------------------------------------------------------------- slices

bool make_slice(Thread& th, const Type* slice_type, std::int64_t len, std::int64_t cap,
                Value* out) {
  const Type* elem = slice_type->underlying()->elem;
  if (len < 0 || len > (std::int64_t{1} << 34)) {
    th.panic_runtime("makeslice: len out of range");
    return false;
  }
  if (cap < len || cap > (std::int64_t{1} << 34)) {
    th.panic_runtime("makeslice: cap out of range");
    return false;
  }
  if (!th.can_alloc(static_cast<std::uint64_t>(cap) * sizeof(Value))) return false;
  Value data = new_backing(th, elem, cap);
  *out = new_slice(th, elem, static_cast<Value*>(data.p), len, cap);
  return true;
}

Value slice_lit(Thread& th, const Type* elem, const Value* vals, int n) {
  ObjHeader* h = th.alloc(sizeof(Value) * static_cast<std::size_t>(n), HeapKind::Slots, elem);
  Value* p = payload(h);
  std::memcpy(p, vals, sizeof(Value) * static_cast<std::size_t>(n));
  return new_slice(th, elem, p, n, n);
}

bool index(Thread& th, Value s, std::int64_t i, Value** slot) {
  auto* so = static_cast<SliceObj*>(s.p);
  std::int64_t len = so ? so->len : 0;
  if (i < 0 || i >= len) {
    th.panic_runtime("index out of range [" + fmt_i(i) + "] with length " + fmt_i(len));
    return false;
  }
  *slot = so->data + i;
  return true;
}

bool aindex(Thread& th, Value arr, std::int64_t i, Value** slot) {
  if (!arr.p) {
    th.panic_runtime("invalid memory address or nil pointer dereference");
    return false;
  }
  Value* p = static_cast<Value*>(arr.p);
  auto len = static_cast<std::int64_t>(header_of(p)->size / sizeof(Value));
  if (i < 0 || i >= len) {
    th.panic_runtime("index out of range [" + fmt_i(i) + "] with length " + fmt_i(len));
    return false;
  }
  *slot = p + i;
  return true;
}

bool slice_slice(Thread& th, Value s, const Value* lo, const Value* hi, const Value* max,
                 Value* out) {
  auto* so = static_cast<SliceObj*>(s.p);
  std::int64_t len = so ? so->len : 0, cap = so ? so->cap : 0;
  std::int64_t l = lo ? lo->i : 0, h = hi ? hi->i : len, m = max ? max->i : cap;
  if (!check_slice(th, l, h, m, max != nullptr, cap, "capacity")) return false;
  if (!so) {
    *out = Value();
    return true;
  }
  *out = new_slice(th, so->h.type, so->data + l, h - l, m - l);
  return true;
}

bool array_slice(Thread& th, Value arr, const Type* slice_type, const Value* lo, const Value* hi,
                 const Value* max, Value* out) {
  const Type* elem = slice_type->underlying()->elem;
  if (!arr.p) {
    // A nil pointer to an array: only [0:0] is valid... and Go panics on the deref.
    th.panic_runtime("invalid memory address or nil pointer dereference");
    return false;
  }
  Value* p = static_cast<Value*>(arr.p);
  auto len = static_cast<std::int64_t>(header_of(p)->size / sizeof(Value));
  std::int64_t l = lo ? lo->i : 0, h = hi ? hi->i : len, m = max ? max->i : len;
  if (!check_slice(th, l, h, m, max != nullptr, len, "length")) return false;
  *out = new_slice(th, elem, p + l, h - l, m - l);
  return true;
}

Value append(Thread& th, Value s, const Type* elem, const Value* vals, std::int64_t n) {
  auto* so = static_cast<SliceObj*>(s.p);
  std::int64_t len = so ? so->len : 0, cap = so ? so->cap : 0;
  if (n == 0) return s;
  if (len + n <= cap) {
    std::memmove(so->data + len, vals, sizeof(Value) * static_cast<std::size_t>(n));
    return new_slice(th, elem, so->data, len + n, cap);
  }
  std::int64_t ncap = grow_cap(cap, len + n, elem);
  ObjHeader* h = th.alloc(sizeof(Value) * static_cast<std::size_t>(ncap), HeapKind::Slots, elem);
  Value* p = payload(h);
  bool boxed = elem->repr == Repr::Boxed;
  for (std::int64_t i = 0; i < len; i++)
    p[i] = boxed ? copy_obj(th, so->data[i], elem) : so->data[i];
  std::memcpy(p + len, vals, sizeof(Value) * static_cast<std::size_t>(n));
  if (boxed) {
    for (std::int64_t i = len + n; i < ncap; i++) p[i] = new_obj(th, elem);
  }
  return new_slice(th, elem, p, len + n, ncap);
}

Value append_str(Thread& th, Value s, Value str, const Type* elem) {
  std::string_view v = str_view(str);
  std::vector<Value> bytes(v.size());
  for (std::size_t i = 0; i < v.size(); i++) bytes[i].i = static_cast<unsigned char>(v[i]);
  return append(th, s, elem, bytes.data(), static_cast<std::int64_t>(bytes.size()));
}

std::int64_t copy(Value dst, Value src) {
  auto* d = static_cast<SliceObj*>(dst.p);
  auto* s = static_cast<SliceObj*>(src.p);
  if (!d || !s) return 0;
  std::int64_t n = std::min(d->len, s->len);
  if (d->h.type->repr == Repr::Boxed) {
    // Element objects belong to their arrays: copy their contents.
    std::vector<Value> tmp(s->data, s->data + n);
    for (std::int64_t i = 0; i < n; i++) {
      Value* a = static_cast<Value*>(d->data[i].p);
      Value* b = static_cast<Value*>(tmp[static_cast<std::size_t>(i)].p);
      std::memmove(a, b, header_of(a)->size);
    }
    return n;
  }
  std::memmove(d->data, s->data, sizeof(Value) * static_cast<std::size_t>(n));
  return n;
}

std::int64_t copy_str(Value dst, Value str) {
  auto* d = static_cast<SliceObj*>(dst.p);
  std::string_view v = str_view(str);
  if (!d) return 0;
  std::int64_t n = std::min(d->len, static_cast<std::int64_t>(v.size()));
  for (std::int64_t i = 0; i < n; i++)
    d->data[i].i = static_cast<unsigned char>(v[static_cast<std::size_t>(i)]);
  return n;
}

void clear_slice(Value s, const Type*, Thread& th) {
  auto* so = static_cast<SliceObj*>(s.p);
  if (!so) return;
  const Type* elem = so->h.type;
  for (std::int64_t i = 0; i < so->len; i++) {
    if (elem->repr == Repr::Boxed) {
      assign_obj(th, so->data[i], new_obj(th, elem), elem);
    } else {
      so->data[i].i = 0;
    }
  }
}

// ---------------------------------------------------------------- objects

Value new_obj(Thread& th, const Type* t) {
  const Type* u = layout_of(t);
  std::size_t n = t->nslots;
  ObjHeader* h = th.alloc(sizeof(Value) * n, HeapKind::Slots, t);
  Value* p = payload(h);
  for (std::size_t i = 0; i < n; i++) {
    const Type* st = slot_type(u, i);
    if (st->repr == Repr::Boxed) p[i] = new_obj(th, st);
  }
  return Value::of_ptr(p);
}

Value new_cell(Thread& th, Value v) {
  ObjHeader* h = th.alloc(sizeof(Value), HeapKind::Slots, nullptr);
  *payload(h) = v;
  return Value::of_ptr(payload(h));
}

Value new_ptr(Thread& th, const Type* t) {
  return t->repr == Repr::Boxed ? new_obj(th, t) : new_cell(th, Value());
}

Value copy_obj(Thread& th, Value src, const Type* t) {
  const Type* u = layout_of(t);
  std::size_t n = t->nslots;
  ObjHeader* h = th.alloc(sizeof(Value) * n, HeapKind::Slots, t);
  Value* p = payload(h);
  const Value* s = static_cast<const Value*>(src.p);
  for (std::size_t i = 0; i < n; i++) {
    const Type* st = slot_type(u, i);
    p[i] = st->repr == Repr::Boxed ? copy_obj(th, s[i], st) : s[i];
  }
  return Value::of_ptr(p);
}

void assign_obj(Thread& th, Value dst, Value src, const Type* t) {
  if (dst.p == src.p) return;
  const Type* u = layout_of(t);
  std::size_t n = t->nslots;
  Value* d = static_cast<Value*>(dst.p);
  const Value* s = static_cast<const Value*>(src.p);
  for (std::size_t i = 0; i < n; i++) {
    const Type* st = slot_type(u, i);
    if (st->repr == Repr::Boxed) {
      assign_obj(th, d[i], s[i], st);
    } else {
      d[i] = s[i];
    }
  }
}

// ---------------------------------------------------------------- interfaces

Value box(Thread& th, Value v, const Type* t) {
  ObjHeader* h = th.alloc(sizeof(Value), HeapKind::Slots, t);
  *payload(h) = v;
  return Value::of_ptr(payload(h));
}

Value box_obj(Thread& th, Value v, const Type* t) {
  return copy_obj(th, v, t);
}

const MethodImpl* find_method(const Program::Impl& prog, const Type* t, std::uint32_t name) {
  const MethodTable* mt = prog.method_table(t);
  return mt ? mt->find(name) : nullptr;
}

bool implements(const Program::Impl& prog, const Type* t, const Type* iface) {
  for (const IfaceMethod& m : iface->underlying()->methods) {
    auto it = prog.method_ids.find(m.name);
    if (it == prog.method_ids.end()) return false;
    const MethodImpl* impl = find_method(prog, t, it->second);
    if (!impl || impl->sig != m.sig) return false;
  }
  return true;
}

void assert_failed(Thread& th, Value iface, const Type* want, const Type* static_type) {
  std::string st = static_type ? type_string(static_type, true) : "interface {}";
  const Type* dt = dyn_type(iface);
  std::string w = type_string(want, true);
  if (!dt) {
    th.panic_plain("interface conversion: " + st + " is nil, not " + w);
    return;
  }
  std::string d = type_string(dt, true);
  if (is_interface(want)) {
    std::string missing;
    for (const IfaceMethod& m : want->underlying()->methods) {
      auto it = th.prog->method_ids.find(m.name);
      if (it == th.prog->method_ids.end() || !find_method(*th.prog, dt, it->second)) {
        missing = m.name;
        break;
      }
    }
    th.panic_plain("interface conversion: " + d + " is not " + w + ": missing method " + missing);
    return;
  }
  th.panic_plain("interface conversion: " + st + " is " + d + ", not " + w);
}

bool type_assert(Thread& th, Value x, const Type* want, bool comma_ok, Value* out) {
  const Type* dt = dyn_type(x);
  bool iface = is_interface(want);
  if (iface ? dt && implements(*th.prog, dt, want) : dt == want) {
    Value v = iface ? x : unbox_raw(x);
    out[0] = !iface && want->repr == Repr::Boxed ? copy_obj(th, v, want) : v;
    if (comma_ok) out[1].i = 1;
    return true;
  }
  if (!comma_ok) {
    assert_failed(th, x, want, nullptr);
    return false;
  }
  out[0] = iface ? Value() : zero_of(th, want);
  out[1].i = 0;
  return true;
}

// ---------------------------------------------------------------- equality

bool equal(Thread& th, Value a, Value b, const Type* t, bool* ok) {
  if (!t) {  // interfaces
    const Type* ta = dyn_type(a);
    const Type* tb = dyn_type(b);
    if (ta != tb) return false;
    if (!ta) return true;
    if (!comparable(ta)) {
      th.panic_runtime("comparing uncomparable type " + type_string(ta, true));
      *ok = false;
      return false;
    }
    return equal(th, unbox_raw(a), unbox_raw(b), ta, ok);
  }
  if (t->repr == Repr::Boxed) {
    const Type* u = layout_of(t);
    const Value* x = static_cast<const Value*>(a.p);
    const Value* y = static_cast<const Value*>(b.p);
    for (std::size_t i = 0; i < t->nslots; i++) {
      if (!equal(th, x[i], y[i], slot_type(u, i), ok)) return false;
      if (!*ok) return false;
    }
    return true;
  }
  const Type* u = word_type(t)->underlying();
  if (u->kind == TK::Struct || (u->kind == TK::Array && u->len == 0)) return true;
  if (u->kind == TK::Interface) return equal(th, a, b, nullptr, ok);
  if (is_string(u)) return str_eq(a, b);
  if (is_float(u)) return a.f == b.f;
  return a.u == b.u;
}

std::uint64_t hash(Value v, const Type* t, std::uint64_t seed, bool* ok) {
  auto mix = [](std::uint64_t h, std::uint64_t x) {
    h ^= x + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 33);
  };
  if (!t) {
    const Type* dt = dyn_type(v);
    if (!dt) return mix(seed, 0);
    if (!comparable(dt)) {
      *ok = false;
      return 0;
    }
    return mix(hash(unbox_raw(v), dt, seed, ok), dt->id);
  }
  if (t->repr == Repr::Boxed) {
    const Type* u = layout_of(t);
    const Value* x = static_cast<const Value*>(v.p);
    std::uint64_t h = seed;
    for (std::size_t i = 0; i < t->nslots; i++) h = mix(h, hash(x[i], slot_type(u, i), seed, ok));
    return h;
  }
  const Type* u = word_type(t)->underlying();
  if (u->kind == TK::Interface) return hash(v, nullptr, seed, ok);
  if (is_string(u)) {
    std::string_view s = str_view(v);
    std::uint64_t h = 0xCBF29CE484222325ull ^ seed;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    return mix(h, s.size());
  }
  if (is_float(u)) {
    double d = v.f;
    if (d == 0) d = 0;  // +0 and -0 are equal keys
    Value x = Value::of_float(d);
    return mix(seed, x.u);
  }
  return mix(seed, v.u);
}

// ---------------------------------------------------------------- print built-in

void print_builtin(std::string& out, Value v, const Type* t) {
  char buf[64];
  if (!t) return;
  const Type* u = t->underlying();
  switch (u->kind) {
    case TK::Bool:
    case TK::UntypedBool:
      out += v.i ? "true" : "false";
      return;
    case TK::String:
    case TK::UntypedString:
      out += str_view(v);
      return;
    case TK::Float32:
    case TK::Float64:
    case TK::UntypedFloat: {
      double d = v.f;
      if (d != d) {
        out += "NaN";
        return;
      }
      if (std::isinf(d)) {
        out += d > 0 ? "+Inf" : "-Inf";
        return;
      }
      // Go's runtime print: +d.dddddde+xxx
      std::snprintf(buf, sizeof buf, "%+.6e", d);
      std::string s = buf;
      std::size_t e = s.find('e');
      std::string mant = s.substr(0, e);
      int exp = std::atoi(s.c_str() + e + 1);
      std::snprintf(buf, sizeof buf, "e%c%03d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
      out += mant + buf;
      return;
    }
    default:
      break;
  }
  if (is_integer(u)) {
    if (is_unsigned(u)) {
      out += std::to_string(v.u);
    } else {
      out += std::to_string(v.i);
    }
    return;
  }
  if (u->kind == TK::Interface) {
    std::snprintf(buf, sizeof buf, "(%p,%p)", static_cast<const void*>(dyn_type(v)), v.p);
    out += buf;
    return;
  }
  if (u->kind == TK::Slice) {
    std::snprintf(buf, sizeof buf, "[%lld/%lld]%p", static_cast<long long>(slice_len(v)),
                  static_cast<long long>(slice_cap(v)),
                  v.p ? static_cast<void*>(static_cast<SliceObj*>(v.p)->data) : nullptr);
    out += buf;
    return;
  }
  std::snprintf(buf, sizeof buf, "%p", v.p);
  out += v.p ? buf : "0x0";
}

}  // namespace gort::golang::ops
