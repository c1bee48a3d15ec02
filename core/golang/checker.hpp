// The type checker (go/types, types2): resolves names, computes every
// expression's type and constant value, and reports errors in the words
// current Go (1.22+) uses, at the positions it reports them.
//
// It checks one package at a time; imported packages are checked first and
// looked up by path. Outside-the-subset constructs (generics, complex
// numbers, unsafe, ...) are errors naming the construct.
//
// What the compiler reads afterwards: Expr::tv, Ident::obj, the Selection of
// each selector (selections()), FuncLit::captures, AssignStmt::is_new,
// BranchStmt::target, Object::escapes, and per package the initialisation
// order of its globals and every function with a body.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ast.hpp"
#include "parser.hpp"
#include "types.hpp"

namespace gort::golang {

// What a selector x.f denotes.
struct Selection {
  enum class Kind : std::uint8_t { Field, Method, MethodExpr, Qualified } kind = Kind::Field;
  // Embedded fields walked from x's type to the field or method's receiver
  // (field indices), then, for a field, the field's own index.
  std::vector<int> path;
  // For each step of `path`: whether the struct at that step is reached
  // through a pointer (so the step dereferences it).
  std::vector<bool> deref;
  Object* obj = nullptr;       // the Func of a method, the field's Var, the package member
  const Type* recv = nullptr;  // the type of x (MethodExpr: the T of T.m)
  bool indirect = false;       // some step of the path dereferences a pointer
};

// Where a method of a type's method set comes from (interface dispatch).
// A function's parameter and result variables, in order (unnamed ones
// too, so the compiler can give each a slot).
struct FuncVars {
  Object* recv = nullptr;
  std::vector<Object*> params, results;
  Scope* scope = nullptr;  // holds them; the body's top level shares it
};

struct MethodEntry {
  std::string name;
  Object* func;           // the declared method
  std::vector<int> path;  // embedded fields from the type to the method's receiver
  std::vector<bool> deref;
};

// What checking every package of a program produced, for the compiler.
struct Info {
  std::unordered_map<const Expr*, Selection> selections;
  std::unordered_map<const FuncTypeExpr*, FuncVars> func_vars;
  std::unordered_map<const Type*, std::vector<MethodEntry>> msets;
  std::unordered_map<Package*, std::vector<ValueSpec*>> init_order;
  std::vector<Package*> packages;  // in initialisation order (imports first)
};

class Checker {
 public:
  // `imports` resolves an import path to its checked package (nullptr: no
  // such package in gort's library).
  Checker(Types& types, Info& info, std::vector<Diag>& errors,
          std::function<Package*(const std::string&)> imports);

  // Checks a package made of `files`. Library packages may declare
  // functions without a body (natives).
  Package* check(const std::string& path, const std::vector<File*>& files, bool library);

  // The complete method set of T (T or *T), sorted by name.
  std::vector<MethodEntry> method_set(const Type* t);
  // Whether `t` implements interface `iface`; when not, why (Go's words).
  bool implements(const Type* t, const Type* iface, std::string* why);

 private:
  // ---- errors ----
  void error(Pos p, std::string msg);
  void soft_error(Pos p, std::string msg) { error(p, std::move(msg)); }
  std::string describe(const Expr* e);  // "x (variable of type int)"
  std::string tstr(const Type* t) const { return type_string(t, false); }

  // ---- declarations (check_decl.cpp) ----
  void collect_objects(const std::vector<File*>& files);
  void declare(Scope* s, Ident* id, Object* obj);
  void obj_decl(Object* obj);
  void const_decl(Object* obj, ValueSpec* spec, int index);
  void var_decl(Object* obj, ValueSpec* spec, int index);
  void type_decl(Object* obj, TypeSpec* spec);
  void func_decl(Object* obj);
  void collect_methods();
  void check_func_bodies();
  void compute_init_order();
  void check_unused_imports();
  const Type* signature(FuncTypeExpr* ft, Field* recv, FuncVars* vars);

  // ---- types (check_type.cpp) ----
  const Type* typexpr(Expr* e);
  const Type* typexpr_or_nil(Expr* e);
  const Type* struct_type(StructTypeExpr* st);
  const Type* interface_type(InterfaceTypeExpr* it);
  bool assignable(const Expr* x, const Type* t, std::string* reason);
  bool convertible(const Expr* x, const Type* t);
  Selection lookup(const Type* t, const std::string& name, bool* ambiguous, bool* ptr_recv_miss);
  std::string missing_method_reason(const Type* t, const Type* iface);

  // ---- expressions (check_expr.cpp) ----
  void rawexpr(Expr* e, const Type* hint);
  void expr(Expr* e, const Type* hint = nullptr);  // a single value
  void multi_expr(Expr* e);                        // a value or a multi-value call
  void expr_or_type(Expr* e);
  void ident(Ident* id, bool want_type);
  void basic_lit(BasicLit* lit);
  void composite_lit(CompositeLit* cl, const Type* hint);
  void func_lit(FuncLit* fl);
  void selector(SelectorExpr* se);
  void index(IndexExpr* ix);
  void slice_expr(SliceExpr* se);
  void type_assert(TypeAssertExpr* ta);
  void unary(UnaryExpr* u, const Type* hint);
  void binary(BinaryExpr* b, const Type* hint);
  void shift(BinaryExpr* b);
  void comparison(BinaryExpr* b);
  void match_types(Expr* x, Expr* y);
  void convert_untyped(Expr* e, const Type* target);
  void set_untyped_type(Expr* e, const Type* target);
  const Type* default_type(const Type* t);
  bool representable(Expr* e, const Type* t, std::string* why);
  void assignment(Expr* e, const Type* t, const std::string& context);
  std::int64_t const_index(Expr* e, std::int64_t max, bool allow_neg_check);
  void mark_escape(Expr* e);
  void use_var(Object* o, Pos p);

  // ---- calls (check_call.cpp) ----
  void call(CallExpr* c, const Type* hint);
  void conversion(CallExpr* c, const Type* t);
  void builtin(CallExpr* c, Object* b);
  void arguments(CallExpr* c, const Type* sig, const std::string& fname);

  // ---- statements (check_stmt.cpp) ----
  void func_body(Object* fobj, FuncLit* lit, const Type* sig, const FuncVars& vars,
                 BlockStmt* body);
  void stmt_list(const std::vector<Stmt*>& list);
  void stmt(Stmt* s);
  void block(BlockStmt* b);
  void decl_stmt(GenDecl* d);
  void assign_stmt(AssignStmt* a);
  void short_var_decl(AssignStmt* a);
  void assign_var(Expr* lhs, Expr* rhs_or_null, const Type* rhs_type, Expr* rhs_pos);
  void return_stmt(ReturnStmt* r);
  void if_stmt(IfStmt* s);
  void switch_stmt(SwitchStmt* s);
  void type_switch_stmt(TypeSwitchStmt* s);
  void select_stmt(SelectStmt* s);
  void for_stmt(ForStmt* s);
  void range_stmt(RangeStmt* s);
  void go_defer(CallExpr* c, const char* what);
  void labels(BlockStmt* body);
  bool terminating(Stmt* s, const std::string& label);
  bool terminating_list(const std::vector<Stmt*>& l);
  bool has_break(Stmt* s, Stmt* target, bool implicit);
  template <class Clause>
  bool clauses_terminate(const std::vector<Clause*>& clauses, Stmt* s, bool need_default);
  void open_scope() { scope_ = T_.scope(scope_); }
  void close_scope() { scope_ = scope_->parent; }
  Object* new_var(Ident* id, const Type* t);
  // An assignment's left side: evaluated without counting as a use.
  void lhs_expr(Expr* e);
  // "assignment mismatch: 2 variables but f returns 1 value" (types2's assignError).
  void assign_mismatch(Expr* rhs0, std::size_t nvars, std::size_t nvals);

  Types& T_;
  Info& info_;
  std::vector<Diag>& errs_;
  std::function<Package*(const std::string&)> imports_;
  Package* pkg_ = nullptr;
  Scope* file_scope_ = nullptr;
  Scope* scope_ = nullptr;
  bool library_ = false;

  // The package-level object being declared (dependency recording).
  Object* decl_obj_ = nullptr;
  std::unordered_map<Object*, std::vector<Object*>> deps_;
  std::vector<Object*> pkg_objects_;  // package-level objects, in source order
  std::unordered_map<Object*, std::pair<ValueSpec*, int>> var_specs_;
  std::unordered_map<Object*, std::pair<ValueSpec*, int>> const_specs_;
  std::vector<Object*> methods_;    // methods, in source order
  std::vector<Object*> pkg_funcs_;  // funcs and methods with bodies to check
  std::vector<Object*> imports_objs_;

  // The function being checked.
  struct Func {
    Object* obj;   // the Func object (FuncDecl) or the FuncLit's object
    FuncLit* lit;  // nullptr for a FuncDecl
    const Type* sig;
    Func* outer;
    std::vector<Object*> locals;  // for "declared and not used"
  };
  Func* fn_ = nullptr;
  int iota_ = -1;  // inside a constant declaration: its iota

  // Statement context for break/continue/fallthrough.
  struct Ctx {
    Stmt* breakable = nullptr;  // innermost for/switch/select
    Stmt* loop = nullptr;       // innermost for/range
    bool fallthrough_ok = false;
    bool final_case = false;
  };
  Ctx ctx_;
  std::unordered_map<Stmt*, std::string> stmt_labels_;  // statement -> its label

  int lit_counter_ = 0;
  std::string cur_func_name_;
  int init_funcs_ = 0;  // the package's init functions so far: main.init.0, main.init.1, ...
  std::unordered_map<std::string, std::vector<Object*>> methods_by_type_;
  std::unordered_map<ValueSpec*, ValueSpec*> implicit_src_;  // const spec -> the spec it repeats
  std::vector<std::function<void()>> delayed_;               // checks that need every type complete
};

// The Go source of an expression, as go/types prints it in messages.
std::string expr_string(const Expr* e);

}  // namespace gort::golang
