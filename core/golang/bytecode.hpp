// The bytecode: a register machine over a frame of 8-byte slots.
//
// An instruction is 8 bytes: an opcode and three 16-bit operands a, b, c,
// usually slot numbers of the current frame (R[a]); `bc` is b and c as one
// 32-bit number (a constant index, a jump offset, a global index). An
// instruction needing more operands is followed by Ext words.
//
// Frame layout: [results][receiver, params][locals and temporaries]. A call
// puts the callee's frame at base `a` of the caller's: the caller evaluates
// arguments into R[a+nres ...] and finds results in R[a ...] when the call
// returns, so arguments and results are never copied.
//
// Jump offsets are relative to the instruction after the jump.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "value.hpp"

namespace gort::golang {

struct Type;

enum class Op : std::uint16_t {
#define GORT_OP(name) name,
#include "opcodes.def"
#undef GORT_OP
  Count
};

const char* op_name(Op op);

struct Instr {
  Op op;
  std::uint16_t a, b, c;
  std::uint32_t bc() const {
    return static_cast<std::uint32_t>(b) | static_cast<std::uint32_t>(c) << 16;
  }
  std::int32_t sbc() const { return static_cast<std::int32_t>(bc()); }
  std::int16_t sc() const { return static_cast<std::int16_t>(c); }
};
static_assert(sizeof(Instr) == 8);

// A select case, as SELECT reads it from the function's constants.
struct SelectCase {
  std::uint16_t chan;  // slot of the channel
  std::uint16_t val;   // send: slot of the value; recv: slot receiving it (0xFFFF: discard)
  std::uint16_t ok;    // recv: slot receiving ok (0xFFFF: none)
  bool send;
  bool text;         // send: its %v may call a method (rt::SentTexts)
  const Type* elem;  // boxed element types get a zero object when the channel is closed
};

// A method of a dynamic type, as interface calls find it.
struct MethodImpl {
  std::uint32_t name;         // interned method name
  const Type* sig;            // its signature (without receiver)
  const struct FuncCode* fn;  // the method, or a wrapper reaching a promoted one
};

// How a dynamic type's methods are found: sorted by name id.
struct MethodTable {
  std::vector<MethodImpl> methods;
  const MethodImpl* find(std::uint32_t name) const;
};

struct FuncCode {
  std::string name;  // as tracebacks print it: main.worker, main.(*T).M, main.main.func1
  std::vector<Instr> code;
  std::vector<Value> consts;
  std::vector<SelectCase> selects;      // SELECT's case lists
  std::vector<std::int32_t> lines;      // source line of each instruction
  std::uint32_t nslots = 0;             // frame size
  std::uint16_t nres = 0, nparams = 0;  // params include the receiver
  bool variadic = false;
  bool library = false;  // a library function: tracebacks and lines skip it
  const Type* sig = nullptr;
  // A native: called with the frame's results and params.
  void (*native)(struct Thread&, Value*) = nullptr;
  struct Closure* static_closure = nullptr;  // the func value of a top-level function
  // Named results living in cells (captured by a deferred closure): Ret
  // copies each cell's value into its result slot once the defers have run.
  std::vector<std::pair<std::uint16_t, std::uint16_t>> result_cells;  // (result slot, cell slot)
};

}  // namespace gort::golang
