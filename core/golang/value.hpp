// How the VM represents Go values (DESIGN.md, "The Go interpreter").
//
// Every Go value is one 8-byte Value: numbers and bools inline; strings,
// slices, maps, channels, funcs, interfaces and pointers as one pointer.
// Structs of two or more fields and arrays ("boxed" types, Type::repr) are
// objects owned by the location holding them: the slot holds the pointer,
// and assignment copies into the owner's object. So no Go value is ever two
// words that racing goroutines could tear.
//
// Heap objects start with an ObjHeader: the Go type, the payload size, a
// kind. Immutable objects (strings, slice headers, interface boxes) are
// never written after they are made, so a racy reader always sees one whole
// version. A pointer to a struct or array points at its first slot (the
// payload), so &s.f and &a[i] are interior pointers into the same object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace gort::golang {

struct Type;
struct FuncCode;

union Value {
  std::int64_t i;
  std::uint64_t u;
  double f;
  void* p;
  constexpr Value() : i(0) {}
  static Value of_int(std::int64_t v) {
    Value x;
    x.i = v;
    return x;
  }
  static Value of_ptr(const void* v) {
    Value x;
    x.i = 0;
    x.p = const_cast<void*>(v);
    return x;
  }
  static Value of_float(double v) {
    Value x;
    x.f = v;
    return x;
  }
};
static_assert(sizeof(Value) == 8);

// Free: a heap slot holding no object (heap.hpp).
enum class HeapKind : std::uint8_t { Slots, Str, Slice, Map, Closure, Chan, Free };

struct alignas(8) ObjHeader {
  const Type* type;    // Slots: the Go type of the payload; Slice: the element type
  std::uint32_t size;  // payload bytes (Str: the string's length)
  HeapKind kind;
  std::uint8_t flags;  // kStatic: part of the Program, never freed by a run; kMarked
  std::uint16_t pad;
};
static_assert(sizeof(ObjHeader) == 16);
inline constexpr std::uint8_t kStatic = 1;
inline constexpr std::uint8_t kMarked = 2;  // reached by the collection under way

inline Value* payload(ObjHeader* h) {
  return reinterpret_cast<Value*>(h + 1);
}
inline ObjHeader* header_of(const Value* payload) {
  return reinterpret_cast<ObjHeader*>(const_cast<Value*>(payload)) - 1;
}

// A string: its bytes follow the header. Value::p == nullptr is "".
struct Str {
  ObjHeader h;
  const char* data() const { return reinterpret_cast<const char*>(this + 1); }
  std::size_t len() const { return h.size; }
  std::string_view view() const { return {data(), h.size}; }
};
inline std::string_view str_view(Value v) {
  return v.p ? static_cast<const Str*>(v.p)->view() : std::string_view();
}

// A slice header (immutable): `data` points into the backing array's slots.
struct SliceObj {
  ObjHeader h;
  Value* data;
  std::int64_t len, cap;
};

// A func value: the code and the variables it captured (cells, or boxed
// variables' objects).
struct Closure {
  ObjHeader h;
  const FuncCode* fn;
  std::uint32_t n;
  std::uint32_t pad;
  Value env[1];
};

}  // namespace gort::golang
