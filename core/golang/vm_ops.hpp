// The run loop's out-of-line operations (vm_ops.cpp, vm_map.cpp): strings,
// slices, arrays, objects, maps, interfaces and equality. Each that can
// fail panics through the Thread and returns false; none parks.
#pragma once

#include <cstdint>

#include "vm.hpp"

namespace gort::golang::ops {

// Strings.
Value concat(Thread& th, Value a, Value b);
int str_cmp(Value a, Value b);
bool str_eq(Value a, Value b);
bool str_index(Thread& th, Value s, std::int64_t i, Value* out);
bool str_slice(Thread& th, Value s, const Value* lo, const Value* hi, Value* out);
Value str_from_rune(Thread& th, std::int64_t r);
Value str_from_bytes(Thread& th, Value slice);
Value str_from_runes(Thread& th, Value slice);
Value bytes_from_str(Thread& th, Value s, const Type* elem);
Value runes_from_str(Thread& th, Value s, const Type* elem);
// Range over a string: the rune at byte i, and the index after it.
void str_next(Value s, std::int64_t i, Value* rune, Value* next);

// Slices and arrays.
bool make_slice(Thread& th, const Type* slice_type, std::int64_t len, std::int64_t cap, Value* out);
Value slice_lit(Thread& th, const Type* elem, const Value* vals, int n);
bool index(Thread& th, Value s, std::int64_t i, Value** slot);
bool aindex(Thread& th, Value arr, std::int64_t i, Value** slot);
bool slice_slice(Thread& th, Value s, const Value* lo, const Value* hi, const Value* max,
                 Value* out);
bool array_slice(Thread& th, Value arr, const Type* slice_type, const Value* lo, const Value* hi,
                 const Value* max, Value* out);
Value append(Thread& th, Value s, const Type* elem, const Value* vals, std::int64_t n);
Value append_str(Thread& th, Value s, Value str, const Type* elem);
std::int64_t copy(Value dst, Value src);
std::int64_t copy_str(Value dst, Value str);
void clear_slice(Value s, const Type* elem, Thread& th);
inline std::int64_t slice_len(Value s) {
  return s.p ? static_cast<SliceObj*>(s.p)->len : 0;
}
inline std::int64_t slice_cap(Value s) {
  return s.p ? static_cast<SliceObj*>(s.p)->cap : 0;
}

// Objects (boxed structs and arrays).
Value new_obj(Thread& th, const Type* t);  // the zero value, nested objects too
Value new_ptr(Thread& th, const Type* t);  // new(T)
Value copy_obj(Thread& th, Value src, const Type* t);
void assign_obj(Thread& th, Value dst, Value src, const Type* t);
Value new_cell(Thread& th, Value v);
// The zero value of t: 0, or a new object for a boxed type.
inline Value zero_of(Thread& th, const Type* t);

// Maps (vm_map.cpp).
Value make_map(Thread& th, const Type* map_type, std::int64_t hint);
std::int64_t map_len(Value m);
// The value for key k (the zero value when absent); *found whether present.
bool map_get(Thread& th, Value m, Value k, Value* out, bool* found);
bool map_set(Thread& th, Value m, Value k, Value v);
bool map_delete(Thread& th, Value m, Value k);
bool map_clear(Thread& th, Value m);
Value map_iter(Thread& th, Value m);
// *more: k and v hold the iteration's next entry. false: the program is ending.
bool map_next(Thread& th, Value it, Value* k, Value* v, bool* more);
// For the collector: visit(v, arg) on every key and value of map object h;
// and what frees h's table (Heap::set_finalizer).
void map_trace(ObjHeader* h, void (*visit)(Value v, void* arg), void* arg);
void map_finalize(ObjHeader* h);
// Keys in Go's sorted order for fmt (%v prints maps sorted).
std::size_t map_entries(Value m, std::vector<std::pair<Value, Value>>& out);

// Interfaces.
Value box(Thread& th, Value v, const Type* t);      // t a word type
Value box_obj(Thread& th, Value v, const Type* t);  // t a boxed type: copies the object
inline const Type* dyn_type(Value iface) {
  return iface.p ? header_of(static_cast<const Value*>(iface.p))->type : nullptr;
}
// The value an interface holds (a boxed type's object itself, not a copy).
inline Value unbox_raw(Value iface) {
  const Value* p = static_cast<const Value*>(iface.p);
  const Type* t = header_of(p)->type;
  return t->repr == Repr::Boxed ? Value::of_ptr(p) : *p;
}
bool implements(const Program::Impl& prog, const Type* t, const Type* iface);
const MethodImpl* find_method(const Program::Impl& prog, const Type* t, std::uint32_t name);
// Type assertion failures in Go's words.
void assert_failed(Thread& th, Value iface, const Type* want, const Type* static_type);
// x.(want): out[0] = the value (want an interface type: x itself), and with
// comma_ok out[1] = whether it held; false: it failed without comma-ok (a
// panic raised).
bool type_assert(Thread& th, Value x, const Type* want, bool comma_ok, Value* out);

// Equality: of two values of type t (interfaces compare dynamically and
// panic on uncomparable dynamic types).
bool equal(Thread& th, Value a, Value b, const Type* t, bool* ok);
std::uint64_t hash(Value v, const Type* t, std::uint64_t seed, bool* ok);

// The print/println built-ins' formatting of one value.
void print_builtin(std::string& out, Value v, const Type* t);

}  // namespace gort::golang::ops

namespace gort::golang::ops {
inline Value zero_of(Thread& th, const Type* t) {
  return t->repr == Repr::Boxed ? new_obj(th, t) : Value();
}
}  // namespace gort::golang::ops
