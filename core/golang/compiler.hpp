// The compiler: checked syntax trees to bytecode (bytecode.hpp), one
// FuncCode per function, literal, wrapper and native.
//
// Slots: a function's results, then its receiver and parameters, then its
// locals and temporaries, allocated as a stack: a variable keeps its slot
// to the end of its block, a temporary to the end of its statement. A
// variable that escapes (captured by a closure, or its address taken) and
// is a word lives in a heap cell whose pointer is in its slot; a boxed
// variable's slot holds its object, which is never replaced, so it needs no
// cell.
//
// Ownership of boxed values (value.hpp): an expression yields a Val that is
// `owned` when nothing else refers to its object (a literal, a call's
// result, a copy); storing a value that is not owned copies it first.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast.hpp"
#include "bytecode.hpp"
#include "checker.hpp"
#include "program.hpp"

namespace gort::golang {

struct NativeEntry;

class Compiler {
 public:
  Compiler(Program::Impl& prog, std::vector<Error>& errors);
  void compile_program();

 private:
  // ---- values and places ----
  struct Val {
    int slot;
    bool owned;
  };
  // Where a value lives: what assignment stores to and & takes the address of.
  struct Loc {
    enum class K {
      Blank,
      Slot,
      Cell,
      Global,
      Upval,
      Ptr,
      Field,
      Index,
      AIndex,
      MapIdx
    } k = K::Blank;
    int a = 0, b = 0;  // Slot/Cell: slot; Global/Upval: index; Ptr: pointer slot;
                       // Field: object slot, field index; Index/AIndex: slot, index slot;
                       // MapIdx: map slot, key slot
    const Type* type = nullptr;
  };
  struct Var {
    Loc loc;
  };

  // ---- per function ----
  struct Breakable {
    Stmt* stmt;
    std::vector<std::size_t> breaks, continues;
    std::size_t continue_pc = SIZE_MAX;
  };
  struct Fn {
    FuncCode* code;
    Fn* outer = nullptr;
    std::unordered_map<const Object*, Var> vars;
    std::vector<const Object*> upvals;  // env order
    int top = 0;
    std::vector<Breakable> breakables;
    std::unordered_map<const Stmt*, std::size_t> label_pc;  // labeled statements
    std::vector<std::pair<std::size_t, const Stmt*>> gotos;
    std::vector<std::size_t>* fallthrough = nullptr;  // jumps to the next clause's body
    Pos pos;
    int lits = 0;
    std::unordered_map<std::uint64_t, std::uint32_t> const_index;  // konst's lookup
  };

  // ---- program (compile_prog.cpp) ----
  FuncCode* func_code(Object* f);  // a declared function or method (compiled on demand)
  FuncCode* native_code(Object* f);
  FuncCode* new_func(const std::string& name, const Type* sig);
  void compile_func_body(FuncCode* fc, const FuncVars& vars, BlockStmt* body, FuncLit* lit,
                         Fn* outer, const std::vector<Object*>& captures);
  FuncCode* compile_start();
  void compile_global_init(Package* p);
  FuncCode* method_wrapper(const Type* recv, const MethodEntry& m);
  FuncCode* bound_wrapper(Object* method, bool iface, const Type* recv);
  FuncCode* builtin_wrapper(CallExpr* c, Object* b);
  int begin_wrapper(Fn& f, FuncCode* fc, int callee_params);
  void end_wrapper(int region);
  void add_method_table(const Type* t);
  std::uint32_t type_const(const Type* t);
  // Whether %v of a t may call a method (Error, String): t is an interface,
  // or its method set has one (but for the times the trace shows itself).
  // Such values reach the trace through rt::SentTexts.
  bool may_call_method(const Type* t);

  // ---- emitting ----
  std::size_t emit(Op op, int a = 0, int b = 0, int c = 0);
  std::size_t emit_bc(Op op, int a, std::uint32_t bc);
  void emit_ext(int a, int b, int c) { emit(Op::Ext, a, b, c); }
  std::size_t emit_jump(Op op, int a = 0);  // to be patched
  void patch(std::size_t at);               // jump at `at` lands here
  void patch_to(std::size_t at, std::size_t target);
  void jump_back(std::size_t target);
  std::uint32_t konst(Value v);
  void load_const(int dst, const TypeAndValue& tv);
  int tmp(int n = 1);
  Pos pos_;  // the current statement's position (for line tables)

  // ---- statements (compile_stmt.cpp) ----
  void stmt(Stmt* s);
  void block(const std::vector<Stmt*>& list);
  void decl_stmt(GenDecl* d);
  void assign(AssignStmt* a);
  void define(AssignStmt* a);
  void op_assign(AssignStmt* a);
  void inc_dec(IncDecStmt* s);
  void return_stmt(ReturnStmt* r);
  void if_stmt(IfStmt* s);
  void switch_stmt(SwitchStmt* s);
  void type_switch(TypeSwitchStmt* s);
  void switch_clauses(
      Stmt* s, const std::vector<std::vector<std::size_t>>& to_body, int def, int saved,
      const std::function<void(std::size_t i, std::vector<std::size_t>& fall)>& body);
  void select_stmt(SelectStmt* s);
  void for_stmt(ForStmt* s);
  void range_stmt(RangeStmt* s);
  void branch(BranchStmt* b);
  void go_defer(CallExpr* c, bool go);
  void cond_jump(Expr* e, bool jump_if, std::vector<std::size_t>& jumps);
  Breakable* find_breakable(const Stmt* s);
  void declare_var(Object* o, Val v);  // a new variable initialised from v
  int declare_slot(Object* o);         // reserves the slot of a new variable
  void finish_var(Object* o, int slot);
  void fresh_iteration(const std::vector<Object*>& vars);

  // ---- expressions (compile_expr.cpp) ----
  Val expr(Expr* e, int dst = -1);
  int expr_to(Expr* e, const Type* target, int dst = -1);  // converted and owned
  int into(Val v, const Type* from, const Type* to, int dst);
  int own(Val v, const Type* t, int dst = -1);
  Val ident(Ident* id, int dst);
  Val selector(SelectorExpr* se, int dst);
  Val index(IndexExpr* ix, int dst);
  Val slice_expr(SliceExpr* se, int dst);
  Val unary(UnaryExpr* u, int dst);
  Val binary(BinaryExpr* b, int dst);
  Val compare(Tok op, Expr* x, Expr* y, int dst);
  Val equal_values(int x, int y, const Type* t, bool neq, int dst);
  Val composite(CompositeLit* cl, int dst);
  Val func_lit(FuncLit* fl, int dst);
  Val type_assert(TypeAssertExpr* ta, int dst, bool comma_ok);
  Val recv(UnaryExpr* u, int dst, bool comma_ok);
  Val map_index(IndexExpr* ix, int dst, bool comma_ok);
  // v, ok := e for a type assertion, map index or receive: v at the
  // returned slot, ok in the next.
  int comma_ok(Expr* e);
  void truncate(int slot, const Type* t);
  Val zero_value(const Type* t, int dst);

  // Places.
  Loc loc(Expr* e);
  Loc var_loc(const Object* o);
  Val load(const Loc& l, int dst);
  void store(const Loc& l, Val v);  // v already converted to l.type
  int addr(const Loc& l, int dst);
  Loc field_loc(Loc base, const Type* struct_type, int index);
  Loc deref_loc(int ptr_slot, const Type* elem);
  Loc step(Loc l, const Type*& t, int field);

  // ---- calls (compile_call.cpp) ----
  Val call(CallExpr* c, int dst);  // the first result (or nothing)
  int call_region(CallExpr* c);    // every result, at the returned slot
  int args(CallExpr* c, const Type* sig, int region, int first_param);
  Val builtin(CallExpr* c, Object* b, int dst);
  Val conversion(CallExpr* c, const Type* t, int dst);
  int receiver(SelectorExpr* se, const Selection& s, int dst);
  // The receiver `method` needs, reached from l (of type t) through the
  // embedded fields `path`: its address, a copy of its value, or (an
  // interface's method) the interface.
  int method_receiver(Loc l, const Type* t, const std::vector<int>& path, Object* method, int dst);
  int method_value(SelectorExpr* se, const Selection& s, int dst);

  Program::Impl& prog_;
  Unit& unit_;
  Types& T_;
  Info& info_;
  std::vector<Error>& errors_;
  Fn* fn_ = nullptr;
  std::unordered_map<const Object*, FuncCode*> funcs_;
  std::unordered_map<const Object*, std::uint32_t> globals_;
  std::vector<std::pair<Object*, FuncCode*>> pending_;  // declared functions to compile
  std::map<std::pair<const Type*, std::string>, FuncCode*> wrappers_;
  std::map<std::pair<const Object*, const Type*>, FuncCode*> bound_;
  std::unordered_map<const Type*, std::uint32_t> type_consts_;
  Checker* checker_ = nullptr;
  // The variable a make(chan ...) being compiled is assigned to: its name
  // names the channel in traces ("jobs").
  std::string chan_name_;
  void name_channel(Expr* lhs, Expr* rhs);
};

}  // namespace gort::golang
