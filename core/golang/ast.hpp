// The syntax tree of a Go file (go/ast, for the subset gort compiles), and
// the arena that owns its nodes.
//
// The parser builds it; the type checker fills in each expression's `tv`
// (mode, type, constant value) and each identifier's object; the compiler
// reads both. Nodes never own other nodes: the Arena owns them all, and
// outlives every pointer into it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "constant.hpp"
#include "token.hpp"

namespace gort::golang {

struct Type;
struct Object;
struct Scope;

struct Node {
  enum class K : std::uint8_t {
    // Expressions.
    Bad,
    Ident,
    BasicLit,
    CompositeLit,
    FuncLit,
    Paren,
    Selector,
    Index,
    Slice,
    TypeAssert,
    Call,
    Star,
    Unary,
    Binary,
    KeyValue,
    ArrayType,
    StructType,
    FuncType,
    InterfaceType,
    MapType,
    ChanType,
    Ellipsis,
    // Statements.
    DeclStmt,
    EmptyStmt,
    LabeledStmt,
    ExprStmt,
    SendStmt,
    IncDecStmt,
    AssignStmt,
    GoStmt,
    DeferStmt,
    ReturnStmt,
    BranchStmt,
    BlockStmt,
    IfStmt,
    CaseClause,
    SwitchStmt,
    TypeSwitchStmt,
    CommClause,
    SelectStmt,
    ForStmt,
    RangeStmt,
    // Declarations.
    GenDecl,
    ImportSpec,
    ValueSpec,
    TypeSpec,
    FuncDecl,
  };
  explicit Node(K k, Pos p) : kind(k), pos(p) {}
  virtual ~Node() = default;
  K kind;
  Pos pos;
};

// What the checker learned about an expression.
enum class Mode : std::uint8_t {
  Invalid,   // an error was reported
  NoValue,   // a call of a function without results
  Builtin,   // a built-in function name (len, append, ...)
  TypeExpr,  // the expression denotes a type
  Constant,  // a constant value (tv.val)
  Variable,  // an addressable value
  MapIndex,  // m[k]: assignable, not addressable
  Value,     // any other value
  CommaOk,   // a value that may be used in a two-value assignment (v, ok)
};

struct TypeAndValue {
  Mode mode = Mode::Invalid;
  const Type* type = nullptr;
  Const val;
};

struct Expr : Node {
  using Node::Node;
  TypeAndValue tv;
};

struct Ident : Expr {
  Ident(Pos p, std::string_view n) : Expr(K::Ident, p), name(n) {}
  std::string name;
  Object* obj = nullptr;  // what it refers to or declares (nullptr for _ )
};

struct BadExpr : Expr {
  explicit BadExpr(Pos p) : Expr(K::Bad, p) {}
};

struct BasicLit : Expr {
  BasicLit(Pos p, Tok t, std::string_view v) : Expr(K::BasicLit, p), tok(t), text(v) {}
  Tok tok;
  std::string text;
};

struct CompositeLit : Expr {
  CompositeLit(Pos p, Expr* t) : Expr(K::CompositeLit, p), type(t) {}
  Expr* type;  // nullptr when elided inside another composite literal
  std::vector<Expr*> elts;
  Pos rbrace;
};

struct FuncTypeExpr;
struct BlockStmt;

struct FuncLit : Expr {
  FuncLit(Pos p, FuncTypeExpr* t, BlockStmt* b) : Expr(K::FuncLit, p), type(t), body(b) {}
  FuncTypeExpr* type;
  BlockStmt* body;
  // Filled in by the checker: the variables of enclosing functions it uses.
  std::vector<Object*> captures;
  std::string name;       // main.main.func1
  Object* obj = nullptr;  // the function it defines (its Func object)
};

struct ParenExpr : Expr {
  ParenExpr(Pos p, Expr* e) : Expr(K::Paren, p), x(e) {}
  Expr* x;
};

struct SelectorExpr : Expr {
  SelectorExpr(Pos p, Expr* e, Ident* s) : Expr(K::Selector, p), x(e), sel(s) {}
  Expr* x;
  Ident* sel;
};

struct IndexExpr : Expr {
  IndexExpr(Pos p, Expr* e, Expr* i) : Expr(K::Index, p), x(e), index(i) {}
  Expr* x;
  Expr* index;
  bool multi = false;  // x[a, b]: generic instantiation, outside the subset
};

struct SliceExpr : Expr {
  SliceExpr(Pos p, Expr* e) : Expr(K::Slice, p), x(e) {}
  Expr* x;
  Expr* lo = nullptr;
  Expr* hi = nullptr;
  Expr* max = nullptr;
  bool slice3 = false;
};

struct TypeAssertExpr : Expr {
  TypeAssertExpr(Pos p, Expr* e, Expr* t) : Expr(K::TypeAssert, p), x(e), type(t) {}
  Expr* x;
  Expr* type;  // nullptr for x.(type)
};

struct CallExpr : Expr {
  CallExpr(Pos p, Expr* f) : Expr(K::Call, p), fun(f) {}
  Expr* fun;
  std::vector<Expr*> args;
  Pos ellipsis;  // valid when the last argument is followed by ...
  Pos rparen;
};

struct StarExpr : Expr {
  StarExpr(Pos p, Expr* e) : Expr(K::Star, p), x(e) {}
  Expr* x;
};

struct UnaryExpr : Expr {
  UnaryExpr(Pos p, Tok o, Expr* e) : Expr(K::Unary, p), op(o), x(e) {}
  Tok op;
  Expr* x;
};

struct BinaryExpr : Expr {
  BinaryExpr(Pos p, Tok o, Expr* a, Expr* b) : Expr(K::Binary, p), op(o), x(a), y(b) {}
  Tok op;  // pos is the operator's position, as go/types reports it
  Expr* x;
  Expr* y;
};

struct KeyValueExpr : Expr {
  KeyValueExpr(Pos p, Expr* k, Expr* v) : Expr(K::KeyValue, p), key(k), value(v) {}
  Expr* key;
  Expr* value;
};

struct ArrayTypeExpr : Expr {
  ArrayTypeExpr(Pos p, Expr* l, Expr* e) : Expr(K::ArrayType, p), len(l), elt(e) {}
  Expr* len;  // nullptr: a slice type; an Ellipsis: [...]T
  Expr* elt;
};

struct Field {
  std::vector<Ident*> names;  // empty: an anonymous (embedded) field or unnamed parameter
  Expr* type = nullptr;
  std::string tag;
  Pos pos;
};

struct StructTypeExpr : Expr {
  explicit StructTypeExpr(Pos p) : Expr(K::StructType, p) {}
  std::vector<Field> fields;
};

struct FuncTypeExpr : Expr {
  explicit FuncTypeExpr(Pos p) : Expr(K::FuncType, p) {}
  std::vector<Field> params;
  std::vector<Field> results;
  bool has_tparams = false;  // func f[T any](...): outside the subset
};

struct InterfaceTypeExpr : Expr {
  explicit InterfaceTypeExpr(Pos p) : Expr(K::InterfaceType, p) {}
  // Methods have one name and a FuncTypeExpr; embedded interfaces have no
  // name. A type union or ~T element makes `constraint` true.
  std::vector<Field> methods;
  bool constraint = false;
};

struct MapTypeExpr : Expr {
  MapTypeExpr(Pos p, Expr* k, Expr* v) : Expr(K::MapType, p), key(k), value(v) {}
  Expr* key;
  Expr* value;
};

enum class ChanDir : std::uint8_t { Both, Send, Recv };

struct ChanTypeExpr : Expr {
  ChanTypeExpr(Pos p, ChanDir d, Expr* v) : Expr(K::ChanType, p), dir(d), value(v) {}
  ChanDir dir;
  Expr* value;
};

struct EllipsisExpr : Expr {
  EllipsisExpr(Pos p, Expr* e) : Expr(K::Ellipsis, p), elt(e) {}
  Expr* elt;  // nullptr in [...]T
};

// ---- statements ----

struct Stmt : Node {
  using Node::Node;
};

struct GenDecl;

struct DeclStmt : Stmt {
  DeclStmt(Pos p, GenDecl* d) : Stmt(K::DeclStmt, p), decl(d) {}
  GenDecl* decl;
};

struct EmptyStmt : Stmt {
  explicit EmptyStmt(Pos p) : Stmt(K::EmptyStmt, p) {}
};

struct LabeledStmt : Stmt {
  LabeledStmt(Pos p, Ident* l, Stmt* s) : Stmt(K::LabeledStmt, p), label(l), stmt(s) {}
  Ident* label;
  Stmt* stmt;
};

struct ExprStmt : Stmt {
  ExprStmt(Pos p, Expr* e) : Stmt(K::ExprStmt, p), x(e) {}
  Expr* x;
};

struct SendStmt : Stmt {
  SendStmt(Pos p, Expr* c, Expr* v) : Stmt(K::SendStmt, p), chan(c), value(v) {}
  Expr* chan;
  Expr* value;
};

struct IncDecStmt : Stmt {
  IncDecStmt(Pos p, Expr* e, Tok t) : Stmt(K::IncDecStmt, p), x(e), tok(t) {}
  Expr* x;
  Tok tok;
};

struct AssignStmt : Stmt {
  AssignStmt(Pos p, Tok t) : Stmt(K::AssignStmt, p), tok(t) {}
  std::vector<Expr*> lhs;
  Tok tok;  // =, :=, or an op= token
  std::vector<Expr*> rhs;
  // :=, filled in by the checker: which lhs names declare a new variable.
  std::vector<bool> is_new;
};

struct GoStmt : Stmt {
  GoStmt(Pos p, CallExpr* c) : Stmt(K::GoStmt, p), call(c) {}
  CallExpr* call;
};

struct DeferStmt : Stmt {
  DeferStmt(Pos p, CallExpr* c) : Stmt(K::DeferStmt, p), call(c) {}
  CallExpr* call;
};

struct ReturnStmt : Stmt {
  explicit ReturnStmt(Pos p) : Stmt(K::ReturnStmt, p) {}
  std::vector<Expr*> results;
};

struct BranchStmt : Stmt {
  BranchStmt(Pos p, Tok t, Ident* l) : Stmt(K::BranchStmt, p), tok(t), label(l) {}
  Tok tok;                 // break, continue, goto, fallthrough
  Ident* label;            // may be nullptr
  Stmt* target = nullptr;  // filled in by the checker: the statement it leaves or continues
};

struct BlockStmt : Stmt {
  explicit BlockStmt(Pos p) : Stmt(K::BlockStmt, p) {}
  std::vector<Stmt*> list;
  Pos rbrace;
};

struct IfStmt : Stmt {
  explicit IfStmt(Pos p) : Stmt(K::IfStmt, p) {}
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* body = nullptr;
  Stmt* els = nullptr;  // an IfStmt or a BlockStmt
};

struct CaseClause : Stmt {
  explicit CaseClause(Pos p) : Stmt(K::CaseClause, p) {}
  std::vector<Expr*> list;  // empty: default
  bool is_default = false;
  std::vector<Stmt*> body;
  Object* implicit = nullptr;  // type switches: the clause's own x in `x := y.(type)`
};

struct SwitchStmt : Stmt {
  explicit SwitchStmt(Pos p) : Stmt(K::SwitchStmt, p) {}
  Stmt* init = nullptr;
  Expr* tag = nullptr;
  std::vector<CaseClause*> clauses;
};

struct TypeSwitchStmt : Stmt {
  explicit TypeSwitchStmt(Pos p) : Stmt(K::TypeSwitchStmt, p) {}
  Stmt* init = nullptr;
  Ident* bind = nullptr;  // x in `switch x := y.(type)`
  Expr* x = nullptr;      // y
  std::vector<CaseClause*> clauses;
};

struct CommClause : Stmt {
  explicit CommClause(Pos p) : Stmt(K::CommClause, p) {}
  Stmt* comm = nullptr;  // a SendStmt, an ExprStmt (<-c), an AssignStmt (v[, ok] = / := <-c);
                         // nullptr: default
  std::vector<Stmt*> body;
};

struct SelectStmt : Stmt {
  explicit SelectStmt(Pos p) : Stmt(K::SelectStmt, p) {}
  std::vector<CommClause*> clauses;
};

struct ForStmt : Stmt {
  explicit ForStmt(Pos p) : Stmt(K::ForStmt, p) {}
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
  std::vector<Object*> loop_vars;  // variables declared by init (per-iteration copies, Go 1.22)
};

struct RangeStmt : Stmt {
  explicit RangeStmt(Pos p) : Stmt(K::RangeStmt, p) {}
  Expr* key = nullptr;
  Expr* value = nullptr;
  Tok tok = Tok::Illegal;  // Define, Assign, or Illegal when there is no key
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
};

// ---- declarations ----

struct Spec : Node {
  using Node::Node;
};

struct ImportSpec : Spec {
  explicit ImportSpec(Pos p) : Spec(K::ImportSpec, p) {}
  Ident* name = nullptr;  // nullptr, or the local name (., _ or an identifier)
  std::string path;
  Pos path_pos;
  Object* pkgname = nullptr;  // set by the checker
};

struct ValueSpec : Spec {
  explicit ValueSpec(Pos p) : Spec(K::ValueSpec, p) {}
  std::vector<Ident*> names;
  Expr* type = nullptr;
  std::vector<Expr*> values;
  int iota = 0;
  bool implicit = false;  // a const spec that repeats the previous one's expressions
};

struct TypeSpec : Spec {
  explicit TypeSpec(Pos p) : Spec(K::TypeSpec, p) {}
  Ident* name = nullptr;
  bool alias = false;
  bool has_tparams = false;
  Expr* type = nullptr;
};

struct GenDecl : Node {
  GenDecl(Pos p, Tok t) : Node(K::GenDecl, p), tok(t) {}
  Tok tok;
  std::vector<Spec*> specs;
};

struct FuncDecl : Node {
  explicit FuncDecl(Pos p) : Node(K::FuncDecl, p) {}
  Field* recv = nullptr;  // methods
  Ident* name = nullptr;
  FuncTypeExpr* type = nullptr;
  BlockStmt* body = nullptr;  // nullptr: implemented natively (library packages)
  bool recv_has_tparams = false;
};

struct File {
  std::string filename;
  Ident* package = nullptr;
  std::vector<ImportSpec*> imports;
  std::vector<Node*> decls;  // GenDecl and FuncDecl, in source order
};

// e without its parentheses.
inline Expr* unparen(Expr* e) {
  while (e->kind == Node::K::Paren) e = static_cast<ParenExpr*>(e)->x;
  return e;
}

// Whether e is the blank identifier _.
inline bool is_blank(const Expr* e) {
  return e->kind == Node::K::Ident && static_cast<const Ident*>(e)->name == "_";
}

// Owns every node and field of a parse.
class Arena {
 public:
  template <class T, class... A>
  T* make(A&&... a) {
    auto p = std::make_unique<T>(std::forward<A>(a)...);
    T* raw = p.get();
    nodes_.push_back(std::move(p));
    return raw;
  }
  Field* field() {
    fields_.push_back(std::make_unique<Field>());
    return fields_.back().get();
  }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<std::unique_ptr<Field>> fields_;
};

}  // namespace gort::golang
