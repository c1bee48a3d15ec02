// The run loop (see vm.hpp): computed-goto dispatch over one frame's slots,
// in two instances, one for the instructions that may switch goroutines.
//
// Locals: fr (the top Frame), R (its slots), K (its constants), pc (the next
// instruction). Anything that pushes or pops frames reloads them. A
// runtime panic goes to `unwind`, which runs deferred calls and pops frames
// until one recovers, the exec's bottom is reached (a native's callback),
// or the goroutine dies of it. Calls that may park are out of line (rt.hpp,
// vm_thread.cpp) with nothing with a destructor in scope here.
#include "vm.hpp"

#include <cstring>
#include <gort/detail/runtime.hpp>

#include "rt.hpp"
#include "vm_ops.hpp"

namespace gort::golang {

// vm_thread.cpp: what exec calls for calls, goroutines, defers, panics.
namespace vm {
enum class Unwound { Resume, Stop };
Unwound unwind(Thread& th, std::size_t stop);
// Pushes the frame of a call of f at base `at` (R + a of the caller);
// false: the stack overflowed (a fatal error: the program is ending).
bool push_frame(Thread& th, const FuncCode* f, Closure* clos, Value* at, std::uint16_t flags);
bool call_native(Thread& th, const FuncCode* f, Value* at);
// The method `name` of the interface value at[nres] (a call's receiver
// slot); nullptr (and a panic) when the value is nil or lacks it.
const FuncCode* iface_method(Thread& th, const Value* at, std::uint32_t name, int nres);
// Replaces that interface value with the receiver its method takes.
void iface_receiver(Thread& th, Value* at, int nres);
// The deferred call on top of th.defers, for the top frame: pushed as a
// frame (kPushed), or a native run at once (kRan, or kPanicked).
enum DeferResult { kPushed, kRan, kPanicked };
DeferResult push_defer(Thread& th, std::uint16_t flags);
bool go(Thread& th, Closure* c, const Value* args, std::uint32_t nslots);
// A goroutine that `go` started, before its frames run: records it, and
// runs it whole when it is one native call. true: its frames are to run.
bool go_enter(Thread& th);
// Its end.
void go_leave(Thread& th);
void defer(Thread& th, Closure* c, const Value* args, std::uint32_t nslots);
void recovered(Thread& th);
void set_line(Thread& th, const Frame* fr, const Instr* pc);
bool send(Thread& th, Value c, Value v);
// A send while tracing of a value whose %v may call a method: formats it
// first (rt::SentTexts).
bool send_traced(Thread& th, Value c, Value v, const Type* elem);
// out is a slot of th's: a sender may hand its value over there while th is
// parked or waiting to run, and only slots are the collector's roots.
bool recv(Thread& th, Value c, Value* out, bool* ok, const Type* elem);
// send and recv that never wait: done, failed (a panic, or the program's
// end), or WouldBlock, with nothing done.
enum class Chan { Done, Failed, WouldBlock };
Chan try_send(Thread& th, Value c, Value v);
Chan try_recv(Thread& th, Value c, Value* out, bool* ok);
bool select(Thread& th, const FuncCode* fn, Value* R, int first, int n, bool has_default,
            Value* chosen);
bool make_chan(Thread& th, const gort::detail::ElemOps* ops, std::int64_t size,
               std::string_view name, Value* out);
bool close(Thread& th, Value c);
// The quantum ran out at pc: a preemption; false when the program is ending.
bool preempt(Thread& th, const Frame* fr, const Instr* pc);
Value recover(Thread& th, const Frame* fr);
bool print(Thread& th, Value v, const Type* t, int flags);  // false: the program is ending
}  // namespace vm

// Whether the loop is split (below): only under asyncify, where it pays.
// Natively a split costs a return and a re-entry per channel operation
// (buffered items 41 -> 57 ns), so there the fast instance runs them all.
#ifdef __EMSCRIPTEN__
constexpr bool kSplit = true;
#else
constexpr bool kSplit = false;
#endif

// How one stretch of the run loop ended.
enum class Ran {
  Returned,  // the frame stack is back to `stop` frames
  Slow,      // at an instruction that may switch goroutines: exec_loop<true> runs it
  Wait,      // at a channel operation that must wait: wait_chan does it
  Next,      // exec_loop<true> ran its one instruction
  Unwind,    // a panic (or the program's end) to unwind from
};

// The run loop, twice. exec_loop<false> runs every instruction that
// cannot switch goroutines and stops, before changing anything, at one that
// may (a native call, a deferred call, a `go`, a preemption, a select);
// exec_loop<true> runs exactly that one instruction. A send or receive the
// fast instance does itself when it completes at once, and leaves to
// wait_chan when it must wait. Under asyncify (the wasm builds) every
// function on the stack at a switch is instrumented, and an instrumented run
// loop ran CPU-bound Go ~7x slower (DESIGN.md §9.6): exec_loop<false> is
// left out of the instrumentation (wasm/asyncify_remove.txt), so it must
// never be on the stack at a switch.
// Natives that call back into Go run under exec_loop<true>, and their
// callbacks come back through exec.
template <bool kSlow>
[[gnu::noinline]] Ran exec_loop(Thread& th, std::size_t stop) {
  // exec_loop<true> starts only at the instructions SLOW names: it takes no
  // other label's address, so the rest of the loop is left out of it.
  static void* const kLabels[] = {
#define GORT_OP(name) kSlow ? nullptr : &&L_##name,
#include "opcodes.def"
#undef GORT_OP
  };
  static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == static_cast<std::size_t>(Op::Count));
  Frame* fr;
  Value* R;
  const Value* K;
  const Instr* pc;
  Instr in;

#define RELOAD()               \
  do {                         \
    fr = &th.frames.back();    \
    R = fr->base;              \
    K = fr->fn->consts.data(); \
    pc = fr->pc;               \
  } while (0)
#define DISPATCH()                               \
  do {                                           \
    in = *pc++;                                  \
    goto* kLabels[static_cast<unsigned>(in.op)]; \
  } while (0)
#define NEXT()             \
  do {                     \
    if constexpr (kSlow) { \
      fr->pc = pc;         \
      return Ran::Next;    \
    } else {               \
      DISPATCH();          \
    }                      \
  } while (0)
// At an instruction that may switch, `words` long, of which pc is past:
// exec_loop<false> leaves it to exec_loop<true>.
#define SLOW(words)                   \
  do {                                \
    if constexpr (kSplit && !kSlow) { \
      fr->pc = pc - (words);          \
      return Ran::Slow;               \
    }                                 \
  } while (0)
// A preemption point (the budget spent) in an instruction `words` long.
#define PREEMPT(words)                  \
  do {                                  \
    if (--th.budget < 0) {              \
      if constexpr (kSplit && !kSlow) { \
        th.budget++;                    \
        SLOW(words);                    \
      }                                 \
      CHECK(vm::preempt(th, fr, pc));   \
    }                                   \
  } while (0)
// A channel operation `words` long, pc past it: split, exec_loop<false>
// does it (vm::try_*) only where it need not wait, and leaves the rest to
// wait_chan, before changing anything; unsplit, `wait` does it.
#define CHAN(words, try_op, wait)            \
  do {                                       \
    if constexpr (kSplit) {                  \
      vm::Chan r_ = (try_op);                \
      if (r_ == vm::Chan::WouldBlock) {      \
        fr->pc = pc - (words);               \
        return Ran::Wait;                    \
      }                                      \
      if (r_ != vm::Chan::Done) goto unwind; \
    } else {                                 \
      CHECK(wait);                           \
    }                                        \
  } while (0)
#define SAVE() (fr->pc = pc)
#define A R[in.a]
#define B R[in.b]
#define C R[in.c]
#define PANIC_RT(msg)      \
  do {                     \
    SAVE();                \
    th.panic_runtime(msg); \
    goto unwind;           \
  } while (0)
#define CHECK(ok)  \
  do {             \
    if (!(ok)) {   \
      goto unwind; \
    }              \
  } while (0)
#define TYPE(k) static_cast<const Type*>(K[k].p)
// An element of slice or array `x` at index i (bounds checked), then `then`
// with `slot` pointing at it.
#define ELEMENT(name, lookup, x, i, then) \
  L_##name : {                            \
    SAVE();                               \
    Value* slot;                          \
    CHECK(ops::lookup(th, x, i, &slot));  \
    then;                                 \
    NEXT();                               \
  }
// R[a] = value
#define SET(name, value) \
  L_##name : A = value;  \
  NEXT();
// R[a] = R[b] op R[c], reading the slots as field `src` and writing `dst`.
#define BINARY(name, dst, src, op)   \
  L_##name : A.dst = B.src op C.src; \
  NEXT();

  RELOAD();
  if constexpr (kSlow) {
    in = *pc++;
    switch (in.op) {
      case Op::Jmp:
        goto L_Jmp;
      case Op::SendT:
        goto L_SendT;
      case Op::Select:
        goto L_Select;
      case Op::Call:
        goto L_Call;
      case Op::CallC:
        goto L_CallC;
      case Op::CallN:
        goto L_CallN;
      case Op::CallI:
        goto L_CallI;
      case Op::Ret:
        goto L_Ret;
      case Op::Go:
        goto L_Go;
      default:
        __builtin_trap();  // only the instructions that use SLOW come here
    }
  } else {
    DISPATCH();
  }

L_Nop:
  NEXT();
L_Mov:
  A = B;
  NEXT();
L_LoadK:
  A = K[in.bc()];
  NEXT();
L_LoadI:
  A.i = in.sbc();
  NEXT();
L_Zero:
  A.i = 0;
  NEXT();
L_LoadG:
  A = th.run->globals[in.bc()];
  NEXT();
L_StoreG:
  th.run->globals[in.bc()] = A;
  NEXT();
L_AddrG:
  A.p = &th.run->globals[in.bc()];
  NEXT();
L_LoadUp:
  A = fr->clos->env[in.b];
  NEXT();
L_LoadFn:
  A.p = const_cast<FuncCode*>(static_cast<const FuncCode*>(K[in.bc()].p))->static_closure;
  NEXT();

  SET(NewCell, ops::new_cell(th, B))
L_Load:
  if (!B.p) PANIC_RT("invalid memory address or nil pointer dereference");
  A = *static_cast<Value*>(B.p);
  NEXT();
L_Store:
  if (!A.p) PANIC_RT("invalid memory address or nil pointer dereference");
  *static_cast<Value*>(A.p) = B;
  NEXT();
L_GetF:
  if (!B.p) PANIC_RT("invalid memory address or nil pointer dereference");
  A = static_cast<Value*>(B.p)[in.c];
  NEXT();
L_SetF:
  if (!A.p) PANIC_RT("invalid memory address or nil pointer dereference");
  static_cast<Value*>(A.p)[in.b] = C;
  NEXT();
L_AddrF:
  if (!B.p) PANIC_RT("invalid memory address or nil pointer dereference");
  A.p = static_cast<Value*>(B.p) + in.c;
  NEXT();
L_NilCheck:
  if (!A.p) PANIC_RT("invalid memory address or nil pointer dereference");
  NEXT();
  SET(NewObj, ops::new_obj(th, TYPE(in.bc())))
  SET(NewPtr, ops::new_ptr(th, TYPE(in.bc())))
  SET(CopyObj, ops::copy_obj(th, B, TYPE(in.c)))
L_AssignObj:
  ops::assign_obj(th, A, B, TYPE(in.c));
  NEXT();
L_LoadObj:
  if (!B.p) PANIC_RT("invalid memory address or nil pointer dereference");
  A = ops::copy_obj(th, B, TYPE(in.c));
  NEXT();
L_StoreObj:
  if (!A.p) PANIC_RT("invalid memory address or nil pointer dereference");
  ops::assign_obj(th, A, B, TYPE(in.c));
  NEXT();

  // ---- integers
  BINARY(Add, u, u, +)
  BINARY(Sub, u, u, -)
  BINARY(Mul, u, u, *)
L_Div:
  if (C.i == 0) PANIC_RT("integer divide by zero");
  A.i = C.i == -1 ? static_cast<std::int64_t>(0 - B.u) : B.i / C.i;
  NEXT();
L_Rem:
  if (C.i == 0) PANIC_RT("integer divide by zero");
  A.i = C.i == -1 ? 0 : B.i % C.i;
  NEXT();
L_UDiv:
  if (C.u == 0) PANIC_RT("integer divide by zero");
  A.u = B.u / C.u;
  NEXT();
L_URem:
  if (C.u == 0) PANIC_RT("integer divide by zero");
  A.u = B.u % C.u;
  NEXT();
  BINARY(And, u, u, &)
  BINARY(Or, u, u, |)
  BINARY(Xor, u, u, ^)
L_AndNot:
  A.u = B.u & ~C.u;
  NEXT();
L_Shl:
  if (C.i < 0) PANIC_RT("negative shift amount");
  A.u = C.u >= 64 ? 0 : B.u << C.u;
  NEXT();
L_Shr:
  if (C.i < 0) PANIC_RT("negative shift amount");
  A.i = C.u >= 64 ? (B.i < 0 ? -1 : 0) : B.i >> C.u;
  NEXT();
L_UShr:
  if (C.i < 0) PANIC_RT("negative shift amount");
  A.u = C.u >= 64 ? 0 : B.u >> C.u;
  NEXT();
L_AddI:
  A.u = B.u + static_cast<std::uint64_t>(static_cast<std::int64_t>(in.sc()));
  NEXT();
L_Neg:
  A.u = 0 - B.u;
  NEXT();
L_BitNot:
  A.u = ~B.u;
  NEXT();
L_Not:
  A.i = !B.i;
  NEXT();
L_SExt : {
  int sh = 64 - in.c;
  A.i = static_cast<std::int64_t>(B.u << sh) >> sh;
  NEXT();
}
L_ZExt:
  A.u = B.u & ((std::uint64_t{1} << in.c) - 1);
  NEXT();
  BINARY(Eq, i, u, ==)
  BINARY(Ne, i, u, !=)
  BINARY(Lt, i, i, <)
  BINARY(Le, i, i, <=)
  BINARY(ULt, i, u, <)
  BINARY(ULe, i, u, <=)

  // ---- floats
  BINARY(AddF, f, f, +)
  BINARY(SubF, f, f, -)
  BINARY(MulF, f, f, *)
  BINARY(DivF, f, f, /)
L_NegF:
  A.f = -B.f;
  NEXT();
  BINARY(EqF, i, f, ==)
  BINARY(NeF, i, f, !=)
  BINARY(LtF, i, f, <)
  BINARY(LeF, i, f, <=)
L_F32:
  A.f = static_cast<double>(static_cast<float>(B.f));
  NEXT();
L_I2F:
  A.f = static_cast<double>(B.i);
  NEXT();
L_U2F:
  A.f = static_cast<double>(B.u);
  NEXT();
L_F2I : {
  double d = B.f;
  A.i = d != d                                                     ? INT64_MIN
        : d >= 9.2233720368547758e18 || d < -9.2233720368547758e18 ? INT64_MIN
                                                                   : static_cast<std::int64_t>(d);
  NEXT();
}
L_F2U : {
  double d = B.f;
  A.u = d != d || d < 0              ? (d < 0 && d > -9.2233720368547758e18
                                            ? static_cast<std::uint64_t>(static_cast<std::int64_t>(d))
                                            : 0x8000000000000000ull)
        : d >= 1.8446744073709552e19 ? 0x8000000000000000ull
                                     : static_cast<std::uint64_t>(d);
  NEXT();
}

  // ---- jumps
L_Jmp:
  if (in.sbc() < 0 && --th.budget < 0) {
    if constexpr (kSplit && !kSlow) {
      th.budget++;
      SLOW(1);
    }
    SAVE();
    CHECK(vm::preempt(th, fr, pc));
  }
  pc += in.sbc();
  NEXT();
L_JmpIf:
  if (A.i) pc += in.sbc();
  NEXT();
L_JmpIfNot:
  if (!A.i) pc += in.sbc();
  NEXT();
L_JLt:
  if (A.i < B.i) pc += in.sc();
  NEXT();
L_JGe:
  if (A.i >= B.i) pc += in.sc();
  NEXT();
L_JEq:
  if (A.u == B.u) pc += in.sc();
  NEXT();
L_JNe:
  if (A.u != B.u) pc += in.sc();
  NEXT();
L_JTable : {
  std::int64_t v = A.i;
  const Instr* end = pc + in.b;
  if (v >= 0 && v < in.b) {
    pc = end + pc[v].sbc();
  } else {
    pc = end;
  }
  NEXT();
}

  // ---- strings
  SET(Concat, ops::concat(th, B, C))
L_StrCmp : {
  int c = ops::str_cmp(B, C);
  int how = pc->a;
  pc++;
  A.i = how == 0 ? c == 0 : how == 1 ? c != 0 : how == 2 ? c < 0 : c <= 0;
  NEXT();
}
L_StrEq:
  A.i = ops::str_eq(B, C);
  NEXT();
L_StrLen:
  A.i = B.p ? static_cast<std::int64_t>(static_cast<Str*>(B.p)->len()) : 0;
  NEXT();
L_StrIndex:
  SAVE();
  CHECK(ops::str_index(th, B, C.i, &A));
  NEXT();
L_StrSlice : {
  const Instr ext = *pc++;
  SAVE();
  Value* out = &A;
  CHECK(
      ops::str_slice(th, B, ext.c & 1 ? &R[ext.a] : nullptr, ext.c & 2 ? &R[ext.b] : nullptr, out));
  NEXT();
}
  SET(StrFromRune, ops::str_from_rune(th, B.i))
  SET(StrFromBytes, ops::str_from_bytes(th, B))
  SET(StrFromRunes, ops::str_from_runes(th, B))
  SET(BytesFromStr, ops::bytes_from_str(th, B, TYPE(in.c)))
  SET(RunesFromStr, ops::runes_from_str(th, B, TYPE(in.c)))
L_StrNext:
  ops::str_next(C, B.i, &R[in.a], &R[in.a + 1]);
  NEXT();

  // ---- slices and arrays
L_MakeSlice : {
  const Instr ext = *pc++;
  SAVE();
  Value v;
  CHECK(ops::make_slice(th, TYPE(ext.bc()), B.i, C.i, &v));
  A = v;
  NEXT();
}
L_SliceLit : {
  const Instr ext = *pc++;
  A = ops::slice_lit(th, TYPE(ext.bc()), &B, in.c);
  NEXT();
}
L_SliceLen:
  A.i = ops::slice_len(B);
  NEXT();
L_SliceCap:
  A.i = ops::slice_cap(B);
  NEXT();
L_Index : {
  SliceObj* s = static_cast<SliceObj*>(B.p);
  std::int64_t i = C.i;
  if (s && static_cast<std::uint64_t>(i) < static_cast<std::uint64_t>(s->len)) {
    A = s->data[i];
    NEXT();
  }
  SAVE();
  Value* slot;
  CHECK(ops::index(th, B, i, &slot));
  A = *slot;
  NEXT();
}
L_SetIndex : {
  SliceObj* s = static_cast<SliceObj*>(A.p);
  std::int64_t i = B.i;
  if (s && static_cast<std::uint64_t>(i) < static_cast<std::uint64_t>(s->len)) {
    s->data[i] = C;
    NEXT();
  }
  SAVE();
  Value* slot;
  CHECK(ops::index(th, A, i, &slot));
  *slot = C;
  NEXT();
}
  ELEMENT(AddrIndex, index, B, C.i, A.p = slot)
  ELEMENT(AIndex, aindex, B, C.i, A = *slot)
  ELEMENT(ASetIndex, aindex, A, B.i, *slot = C)
  ELEMENT(AAddrIndex, aindex, B, C.i, A.p = slot)
L_SliceSlice : {
  const Instr ext = *pc++;
  const Instr ext2 = *pc++;
  SAVE();
  Value v;
  CHECK(ops::slice_slice(th, B, ext.c & 1 ? &R[ext.a] : nullptr, ext.c & 2 ? &R[ext.b] : nullptr,
                         ext.c & 4 ? &R[ext2.a] : nullptr, &v));
  A = v;
  NEXT();
}
L_ArraySlice : {
  const Instr ext = *pc++;
  const Instr ext2 = *pc++;
  SAVE();
  Value v;
  CHECK(ops::array_slice(th, B, TYPE(ext2.bc()), ext.c & 1 ? &R[ext.a] : nullptr,
                         ext.c & 2 ? &R[ext.b] : nullptr, ext.c & 4 ? &R[ext2.a] : nullptr, &v));
  A = v;
  NEXT();
}
L_Append : {
  const Instr ext = *pc++;
  Value v = C;
  A = ops::append(th, B, TYPE(ext.bc()), &v, 1);
  NEXT();
}
L_AppendSlice : {
  const Instr ext = *pc++;
  SliceObj* src = static_cast<SliceObj*>(C.p);
  A = src ? ops::append(th, B, TYPE(ext.bc()), src->data, src->len) : B;
  NEXT();
}
L_AppendStr : {
  const Instr ext = *pc++;
  A = ops::append_str(th, B, C, TYPE(ext.bc()));
  NEXT();
}
L_Copy:
  A.i = ops::copy(B, C);
  NEXT();
L_CopyStr:
  A.i = ops::copy_str(B, C);
  NEXT();
L_ClearSlice:
  ops::clear_slice(A, nullptr, th);
  NEXT();

  // ---- maps
  SET(MakeMap, ops::make_map(th, TYPE(in.c), B.i))
L_MapLen:
  A.i = ops::map_len(B);
  NEXT();
L_MapGet : {
  const Instr ext = *pc++;
  SAVE();
  bool found;
  Value v;
  CHECK(ops::map_get(th, B, C, &v, &found));
  A = v;
  if (ext.a) R[in.a + 1].i = found;
  NEXT();
}
L_MapSet:
  SAVE();
  CHECK(ops::map_set(th, A, B, C));
  NEXT();
L_MapDel:
  SAVE();
  CHECK(ops::map_delete(th, A, B));
  NEXT();
L_MapClear:
  SAVE();
  CHECK(ops::map_clear(th, A));
  NEXT();
  SET(MapIter, ops::map_iter(th, B))
L_MapNext : {
  bool more;
  SAVE();
  CHECK(ops::map_next(th, B, &R[in.a], &R[in.a + 1], &more));
  if (!more) pc += in.sc();
  NEXT();
}

  // ---- channels
L_MakeChan : {
  const Instr ext = *pc++;
  SAVE();
  Value v;
  CHECK(vm::make_chan(th, static_cast<const gort::detail::ElemOps*>(K[in.c].p), B.i,
                      ext.bc() != 0xFFFFFFFFu ? str_view(K[ext.bc()]) : std::string_view(), &v));
  A = v;
  NEXT();
}
L_SendT:
  if (th.run->tracing) {
    SLOW(1);
    SAVE();
    vm::set_line(th, fr, pc);
    CHECK(vm::send_traced(th, A, B, TYPE(in.c)));
    NEXT();
  }
L_Send:
  SAVE();
  vm::set_line(th, fr, pc);
  CHAN(1, vm::try_send(th, A, B), vm::send(th, A, B));
  NEXT();
L_Recv : {
  SAVE();
  vm::set_line(th, fr, pc);
  bool ok;
  CHAN(1, vm::try_recv(th, B, &A, &ok), vm::recv(th, B, &A, &ok, nullptr));
  if (in.c) R[in.a + 1].i = ok;
  NEXT();
}
L_Close:
  SAVE();
  vm::set_line(th, fr, pc);
  CHECK(vm::close(th, A));
  NEXT();
L_ChanLen:
  A.i = static_cast<std::int64_t>(rt::len(static_cast<rt::hchan*>(B.p)));
  NEXT();
L_ChanCap:
  A.i = static_cast<std::int64_t>(rt::cap(static_cast<rt::hchan*>(B.p)));
  NEXT();
L_ChanNext : {
  SAVE();
  vm::set_line(th, fr, pc);
  bool ok;
  CHAN(1, vm::try_recv(th, B, &A, &ok), vm::recv(th, B, &A, &ok, nullptr));
  if (!ok) pc += in.sc();
  NEXT();
}
L_Select : {
  SLOW(1);
  const Instr ext = *pc++;
  SAVE();
  vm::set_line(th, fr, pc);
  Value chosen;
  CHECK(vm::select(th, fr->fn, R, in.b, ext.a, in.c != 0, &chosen));
  A = chosen;
  NEXT();
}

  // ---- calls
L_Call : {
  const auto* f = static_cast<const FuncCode*>(K[in.bc()].p);
  SAVE();
  PREEMPT(1);
  CHECK(vm::push_frame(th, f, f->static_closure, R + in.a, 0));
  RELOAD();
  NEXT();
}
L_CallC : {
  auto* c = static_cast<Closure*>(B.p);
  SAVE();
  if (!c) PANIC_RT("invalid memory address or nil pointer dereference");
  if (c->fn->native) {
    SLOW(1);
    vm::set_line(th, fr, pc);
    CHECK(vm::call_native(th, c->fn, R + in.a));
    NEXT();
  }
  PREEMPT(1);
  CHECK(vm::push_frame(th, c->fn, c, R + in.a, 0));
  RELOAD();
  NEXT();
}
L_CallN : {
  SLOW(1);
  const auto* f = static_cast<const FuncCode*>(K[in.bc()].p);
  SAVE();
  vm::set_line(th, fr, pc);
  CHECK(vm::call_native(th, f, R + in.a));
  NEXT();
}
L_CallI : {
  const Instr ext = *pc++;
  SAVE();
  const FuncCode* f = vm::iface_method(th, R + in.a, in.bc(), ext.a);
  CHECK(f);
  if (f->native) {
    SLOW(2);
    vm::iface_receiver(th, R + in.a, ext.a);
    vm::set_line(th, fr, pc);
    CHECK(vm::call_native(th, f, R + in.a));
    NEXT();
  }
  PREEMPT(2);
  vm::iface_receiver(th, R + in.a, ext.a);
  CHECK(vm::push_frame(th, f, f->static_closure, R + in.a, 0));
  RELOAD();
  NEXT();
}
L_Ret : {
  if (th.defers.size() > fr->defer_base) {
    SLOW(1);
    fr->pc = pc - 1;  // back to this Ret once the deferred call returns
    vm::DeferResult d = vm::push_defer(th, kDeferRet);
    if (d == vm::kPanicked) goto unwind;
    RELOAD();
    NEXT();
  }
  for (const auto& [rs, cs] : fr->fn->result_cells) R[rs] = *static_cast<Value*>(R[cs].p);
  std::uint16_t flags = fr->flags;
  th.pop_frame();
  if (flags & kDeferPanic) {
    if (th.panic && th.panic->recovered) {
      // The function whose deferred call recovered returns normally.
      vm::recovered(th);
      if (th.frames.size() == stop) return Ran::Returned;
      fr = &th.frames.back();
      R = fr->base;
      K = fr->fn->consts.data();
      pc = fr->fn->code.data() + fr->fn->code.size();  // just past its final Ret
      in = pc[-1];
      goto L_Ret;
    }
    goto unwind;
  }
  if (th.frames.size() == stop) return Ran::Returned;
  RELOAD();
  NEXT();
}
L_Go : {
  SLOW(1);
  SAVE();
  vm::set_line(th, fr, pc);
  CHECK(vm::go(th, static_cast<Closure*>(B.p), &A, in.c));
  NEXT();
}
L_Defer:
  vm::defer(th, static_cast<Closure*>(B.p), &A, in.c);
  NEXT();
L_MakeClosure : {
  const Instr ext = *pc++;
  const auto* f = static_cast<const FuncCode*>(K[ext.bc()].p);
  ObjHeader* h =
      th.alloc(sizeof(Closure) - sizeof(ObjHeader) + sizeof(Value) * (in.c > 0 ? in.c - 1 : 0),
               HeapKind::Closure, nullptr);
  auto* c = reinterpret_cast<Closure*>(h);
  c->fn = f;
  c->n = in.c;
  for (int i = 0; i < in.c; i++) c->env[i] = R[in.b + i];
  A.p = c;
  NEXT();
}
L_Panic:
  SAVE();
  th.panic_value(A);
  goto unwind;
  SET(Recover, vm::recover(th, fr))

  // ---- interfaces
  SET(Box, ops::box(th, B, TYPE(in.c)))
  SET(BoxObj, ops::box_obj(th, B, TYPE(in.c)))
L_TypeOf:
  A.p = const_cast<Type*>(ops::dyn_type(B));
  NEXT();
L_Assert : {
  const Instr ext = *pc++;
  SAVE();
  CHECK(ops::type_assert(th, B, TYPE(in.c), ext.a != 0, &A));
  NEXT();
}
L_Implements : {
  const Type* dt = static_cast<const Type*>(B.p);
  A.i = dt && ops::implements(*th.prog, dt, TYPE(in.c));
  NEXT();
}
L_IfaceEq : {
  SAVE();
  bool ok = true;
  bool eq = ops::equal(th, B, C, nullptr, &ok);  // nullptr: interfaces
  CHECK(ok);
  A.i = eq;
  NEXT();
}
L_ObjEq : {
  const Instr ext = *pc++;
  SAVE();
  bool ok = true;
  bool eq = ops::equal(th, B, C, TYPE(ext.bc()), &ok);
  CHECK(ok);
  A.i = eq;
  NEXT();
}
L_Unbox : {
  const Type* t = TYPE(in.c);
  Value v = ops::unbox_raw(B);
  A = t->repr == Repr::Boxed ? ops::copy_obj(th, v, t) : v;
  NEXT();
}
L_ZeroObj:
  if (!A.p) A = ops::new_obj(th, TYPE(in.bc()));
  NEXT();
L_PrintB : {
  const Instr ext = *pc++;
  CHECK(vm::print(th, A, ext.a & 4 ? nullptr : TYPE(in.bc()), ext.a));
  NEXT();
}
L_Ext:
  NEXT();

unwind:
  return Ran::Unwind;

#undef RELOAD
#undef NEXT
#undef DISPATCH
#undef SLOW
#undef PREEMPT
#undef CHAN
#undef SAVE
#undef A
#undef B
#undef C
#undef PANIC_RT
#undef CHECK
#undef TYPE
#undef BINARY
#undef SET
#undef ELEMENT
}

namespace {

// The channel operation at the top frame's pc, which exec_loop<false> found
// must wait (Ran::Wait): does it, waiting, as the run loop would, and moves
// pc past it. Apart from exec_loop<true>, so that what a switch unwinds and
// rewinds at each wait is this small frame, not the slow run loop's (the
// sieve's every other channel operation waits; DESIGN.md §9.6).
Ran wait_chan(Thread& th) {
  Frame* fr = &th.frames.back();
  Value* R = fr->base;
  const Instr in = *fr->pc++;
  if (in.op == Op::Send || in.op == Op::SendT) {
    Value v = R[in.b];
    return th.status(rt::send_wait(static_cast<rt::hchan*>(R[in.a].p), &v)) ? Ran::Next
                                                                            : Ran::Unwind;
  }
  auto* c = static_cast<rt::hchan*>(R[in.b].p);
  R[in.a].i = 0;
  rt::Status s = rt::recv_wait(c, &R[in.a]);
  bool ok = s == rt::Status::Ok;
  if (!th.status(s)) return Ran::Unwind;
  if (in.op == Op::ChanNext) {
    if (!ok) fr->pc += in.sc();
  } else if (in.c) {
    R[in.a + 1].i = ok;
  }
  return Ran::Next;
}

// exec's loop, inlined into exec and into go_main.
[[gnu::always_inline]] inline bool run(Thread& th, std::size_t stop) {
  // Called through pointers: binaryen inlines a function with one caller,
  // whatever its size and noinline, and exec_loop<false> must stay its own
  // (exec_loop<true> inlined would make exec's frame, unwound at every
  // switch, as big as its own).
  static Ran (*const volatile fast)(Thread&, std::size_t) = exec_loop<false>;
  static Ran (*const volatile slow)(Thread&, std::size_t) = exec_loop<true>;
  for (;;) {
    Ran r = fast(th, stop);
    if constexpr (kSplit) {
      if (r == Ran::Wait) r = wait_chan(th);
      if (r == Ran::Slow) r = slow(th, stop);
    }
    if (r == Ran::Returned) return true;
    // (With th.exiting set, unwind stops at once: every exec returns.)
    if (r == Ran::Unwind && vm::unwind(th, stop) == vm::Unwound::Stop) return false;
  }
}

}  // namespace

bool exec(Thread& th, std::size_t stop) {
  return run(th, stop);
}

void go_main(void* closure) {
  Thread& th = **static_cast<Thread**>(closure);
  if (vm::go_enter(th)) {
    run(th, 0);
    th.count_steps();
  }
  vm::go_leave(th);
}

}  // namespace gort::golang
