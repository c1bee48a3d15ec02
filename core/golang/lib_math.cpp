// Natives of math (libm), math/rand (the run's generator), sync/atomic (the
// hardware's atomics on 8-byte slots) and sort (a slice's elements).
#include <cmath>
#include <cstring>

#include "natives.hpp"
#include "vm_ops.hpp"

namespace gort::golang {

namespace {

#define MATH1(name, fn)                                          \
  {                                                              \
    "math." name, [](Thread&, Value* f) { f[0].f = fn(f[1].f); } \
  }
#define MATH2(name, fn)                                                  \
  {                                                                      \
    "math." name, [](Thread&, Value* f) { f[0].f = fn(f[1].f, f[2].f); } \
  }

double round_half_away(double x) {
  return std::round(x);
}
double round_even(double x) {
  return std::nearbyint(x);
}

// The slot an atomic operates on (the compiler's builtins: Emscripten
// 3.1.6's libc++ has no std::atomic_ref); a nil pointer panics as Go's does.
std::int64_t* slot_of(Thread& th, Value p) {
  if (!p.p) th.panic_runtime("invalid memory address or nil pointer dereference");
  return static_cast<std::int64_t*>(p.p);
}

// Narrows a 64-bit slot's value to the operation's type (32-bit: sign- or
// zero-extended, as the VM keeps sized integers).
std::int64_t narrow(std::int64_t v, int bits, bool is_unsigned) {
  if (bits == 64) return v;
  return is_unsigned ? static_cast<std::int64_t>(static_cast<std::uint32_t>(v))
                     : static_cast<std::int64_t>(static_cast<std::int32_t>(v));
}

template <int Bits, bool Unsigned>
void atomic_add(Thread& th, Value* f) {
  std::int64_t* a = slot_of(th, f[1]);
  if (!a) return;
  std::int64_t old = __atomic_load_n(a, __ATOMIC_SEQ_CST), next;
  do {
    next =
        narrow(static_cast<std::int64_t>(static_cast<std::uint64_t>(old) + f[2].u), Bits, Unsigned);
  } while (!__atomic_compare_exchange_n(a, &old, next, true, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
  f[0].i = next;
}

void atomic_load(Thread& th, Value* f) {
  if (std::int64_t* a = slot_of(th, f[1])) f[0].i = __atomic_load_n(a, __ATOMIC_SEQ_CST);
}

void atomic_store(Thread& th, Value* f) {
  if (std::int64_t* a = slot_of(th, f[0])) __atomic_store_n(a, f[1].i, __ATOMIC_SEQ_CST);
}

void atomic_swap(Thread& th, Value* f) {
  if (std::int64_t* a = slot_of(th, f[1]))
    f[0].i = __atomic_exchange_n(a, f[2].i, __ATOMIC_SEQ_CST);
}

void atomic_cas(Thread& th, Value* f) {
  if (std::int64_t* a = slot_of(th, f[1])) {
    std::int64_t expected = f[2].i;
    f[0].i = __atomic_compare_exchange_n(a, &expected, f[3].i, false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
  }
}

// sort.length(x any) int and sort.swapElems(x any, i, j int): x holds a slice.
SliceObj* slice_in(Thread& th, Value x) {
  const Type* t = ops::dyn_type(x);
  if (!t || t->underlying()->kind != TK::Slice) {
    th.panic_plain("reflect: call of Swapper on " +
                   (t ? type_string(t, true) : std::string("zero")) + " Value");
    return nullptr;
  }
  return static_cast<SliceObj*>(ops::unbox_raw(x).p);
}

const NativeDef kMath[] = {
    MATH1("Sqrt", std::sqrt),
    MATH2("Pow", std::pow),
    MATH1("Exp", std::exp),
    MATH1("Log", std::log),
    MATH1("Log2", std::log2),
    MATH1("Log10", std::log10),
    MATH1("Log1p", std::log1p),
    MATH1("Sin", std::sin),
    MATH1("Cos", std::cos),
    MATH1("Tan", std::tan),
    MATH1("Asin", std::asin),
    MATH1("Acos", std::acos),
    MATH1("Atan", std::atan),
    MATH2("Atan2", std::atan2),
    MATH1("Sinh", std::sinh),
    MATH1("Cosh", std::cosh),
    MATH1("Tanh", std::tanh),
    MATH2("Hypot", std::hypot),
    MATH1("Cbrt", std::cbrt),
    MATH1("Floor", std::floor),
    MATH1("Ceil", std::ceil),
    MATH1("Trunc", std::trunc),
    MATH1("Round", round_half_away),
    MATH1("RoundToEven", round_even),
    MATH2("Mod", std::fmod),
    {"math.Float64bits", [](Thread&, Value* f) { f[0].u = f[1].u; }},
    {"math.Float64frombits", [](Thread&, Value* f) { f[0].u = f[1].u; }},
    {"math.Float32bits",
     [](Thread&, Value* f) {
       float x = static_cast<float>(f[1].f);
       std::uint32_t b;
       std::memcpy(&b, &x, 4);
       f[0].u = b;
     }},
    {"math.Float32frombits",
     [](Thread&, Value* f) {
       auto b = static_cast<std::uint32_t>(f[1].u);
       float x;
       std::memcpy(&x, &b, 4);
       f[0].f = x;
     }},
    {"rand.next",
     [](Thread& th, Value* f) { f[0].i = static_cast<std::int64_t>(th.run->next_random() >> 1); }},
    {"atomic.AddInt64", atomic_add<64, false>},
    {"atomic.AddUint64", atomic_add<64, true>},
    {"atomic.AddInt32", atomic_add<32, false>},
    {"atomic.AddUint32", atomic_add<32, true>},
    {"atomic.LoadInt64", atomic_load},
    {"atomic.LoadUint64", atomic_load},
    {"atomic.LoadInt32", atomic_load},
    {"atomic.LoadUint32", atomic_load},
    {"atomic.StoreInt64", atomic_store},
    {"atomic.StoreUint64", atomic_store},
    {"atomic.StoreInt32", atomic_store},
    {"atomic.StoreUint32", atomic_store},
    {"atomic.SwapInt64", atomic_swap},
    {"atomic.SwapUint64", atomic_swap},
    {"atomic.SwapInt32", atomic_swap},
    {"atomic.SwapUint32", atomic_swap},
    {"atomic.CompareAndSwapInt64", atomic_cas},
    {"atomic.CompareAndSwapUint64", atomic_cas},
    {"atomic.CompareAndSwapInt32", atomic_cas},
    {"atomic.CompareAndSwapUint32", atomic_cas},
    {"atomic.loadAny", atomic_load},
    {"atomic.storeAny", atomic_store},
    {"sort.length",
     [](Thread& th, Value* f) {
       SliceObj* s = slice_in(th, f[1]);
       f[0].i = s ? s->len : 0;
     }},
    {"sort.swapElems",
     [](Thread& th, Value* f) {
       SliceObj* s = slice_in(th, f[0]);
       if (!s) return;
       std::int64_t i = f[1].i, j = f[2].i;
       if (i < 0 || j < 0 || i >= s->len || j >= s->len) {
         th.panic_runtime("index out of range [" + std::to_string(i >= s->len || i < 0 ? i : j) +
                          "] with length " + std::to_string(s->len));
         return;
       }
       std::swap(s->data[i], s->data[j]);
     }},
};

#undef MATH1
#undef MATH2

}  // namespace

std::span<const NativeDef> math_natives() {
  return kMath;
}

}  // namespace gort::golang
