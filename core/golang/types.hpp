// Go types, objects (what a name denotes), scopes and packages (go/types),
// shared by the checker, the compiler and the running program (fmt's %v and
// %T, type assertions, maps' hashing read them).
//
// Invariants:
//   - Unnamed types are interned by Types (hash-consing), so two identical
//     unnamed types are one object and identity is pointer equality; a named
//     type is its declaration. A Named's underlying type is set once its
//     declaration is checked (recursive types point at the Named).
//   - The runtime representation (repr, below) is fixed once the program is
//     checked and never changes while it runs.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast.hpp"
#include "constant.hpp"

namespace gort::golang {

enum class TK : std::uint8_t {
  Invalid,
  Bool,
  Int,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  Float32,
  Float64,
  Complex64,
  Complex128,
  String,
  UnsafePointer,
  UntypedBool,
  UntypedInt,
  UntypedRune,
  UntypedFloat,
  UntypedString,
  UntypedNil,
  Array,
  Slice,
  Struct,
  Pointer,
  Func,
  Interface,
  Map,
  Chan,
  Named,
  Tuple,
};

struct Type;
struct Object;
struct Package;
struct FuncCode;  // bytecode.hpp

struct StructField {
  std::string name;
  const Type* type;
  bool embedded;
  bool exported;
  std::string tag;
  Package* pkg;  // for unexported names
};

struct IfaceMethod {
  std::string name;
  const Type* sig;  // TK::Func
  Package* pkg;     // unexported method names are package-qualified
};

// How the VM holds a value of the type (see DESIGN.md, "The Go interpreter").
//   Word: the value is one 8-byte slot (numbers, bools, and references:
//         strings, slices, maps, channels, funcs, interfaces, pointers).
//   Boxed: the slot holds a pointer to an object owned by the location that
//         holds it (structs of 2+ fields, arrays); assignment copies into it.
// A struct with no fields is a Word (always 0); one with one field has its
// field's representation.
enum class Repr : std::uint8_t { Word, Boxed };

struct Type {
  TK kind = TK::Invalid;
  // Array, Slice, Pointer, Chan: the element; Map: the value.
  const Type* elem = nullptr;
  const Type* key = nullptr;  // Map
  std::int64_t len = 0;       // Array
  ChanDir dir = ChanDir::Both;
  std::vector<StructField> fields;           // Struct
  std::vector<const Type*> params, results;  // Func (results: as a list, no tuple)
  bool variadic = false;                     // Func: the last param is a slice
  std::vector<IfaceMethod> methods;          // Interface: the complete set, sorted by name
  std::vector<const Type*> types;            // Tuple
  // Named.
  std::string name;
  Package* pkg = nullptr;
  const Type* underlying_ = nullptr;
  std::vector<Object*> named_methods;  // declared methods (Func objects)
  Object* obj = nullptr;               // its TypeName
  bool is_alias_any = false;           // the universe's `any`

  // Runtime information, filled in by finish_layout() after checking.
  Repr repr = Repr::Word;
  std::uint32_t nslots = 1;  // Boxed: slots of its object (fields or elements)
  std::uint32_t id = 0;      // a small number unique within the program

  const Type* underlying() const { return kind == TK::Named ? underlying_ : this; }
  bool boxed() const { return repr == Repr::Boxed; }
};

// ---- classification (on the underlying type) ----
bool is_named(const Type* t);
bool is_boolean(const Type* t);
bool is_integer(const Type* t);
bool is_unsigned(const Type* t);
bool is_float(const Type* t);
bool is_complex(const Type* t);
bool is_numeric(const Type* t);
bool is_string(const Type* t);
bool is_untyped(const Type* t);
bool is_typed(const Type* t);
bool is_interface(const Type* t);
bool is_const_type(const Type* t);  // bool, numeric or string
bool is_ordered(const Type* t);
bool comparable(const Type* t);
bool has_nil(const Type* t);
int int_bits(const Type* t);  // 8..64 for integer kinds (int, uint, uintptr: 64)
bool identical(const Type* a, const Type* b);
// A struct of one field is represented as its field (Type::repr): the
// type a word-represented value has in the end (what it compares as).
const Type* word_type(const Type* t);
// The underlying struct or array whose fields or elements a boxed value's
// slots are (through structs of one field).
const Type* layout_of(const Type* t);

// "int", "[]main.T", "map[string]int", "func(int) error": as %T prints it
// (qualify = true), or as go/types prints it in messages about package main
// (main's own types unqualified).
std::string type_string(const Type* t, bool qualify);

// ---------------------------------------------------------------- objects

enum class ObjKind : std::uint8_t { Bad, Var, Const, TypeName, Func, PkgName, Builtin, Nil, Label };

enum class Builtin : std::uint8_t {
  Append,
  Cap,
  Clear,
  Close,
  Complex,
  Copy,
  Delete,
  Imag,
  Len,
  Make,
  Max,
  Min,
  New,
  Panic,
  Print,
  Println,
  Real,
  Recover,
};

struct FuncDecl;
struct Scope;

struct Object {
  ObjKind kind = ObjKind::Bad;
  std::string name;
  Pos pos;
  const Type* type = nullptr;
  Package* pkg = nullptr;
  Scope* parent = nullptr;  // the scope that declares it
  // Const.
  Const val;
  // Var.
  bool used = false;
  bool is_field = false;
  bool is_param = false;
  bool is_global = false;
  bool escapes = false;     // captured by a closure or its address taken: lives in a heap cell
  std::uint32_t index = 0;  // globals: index in the global table; locals: the compiler's slot
  Object* func = nullptr;   // Var: the function (Func object or FuncLit owner) declaring it
  // Func.
  FuncDecl* decl = nullptr;
  bool ptr_recv = false;             // a method with a pointer receiver
  const Type* recv_named = nullptr;  // a method's receiver base type (the Named)
  FuncCode* code = nullptr;          // compiled body (compiler)
  std::string native;                // "time.Sleep": implemented natively
  std::string go_name;  // as tracebacks print it: main.(*T).M, math/rand.Intn, main.init.0
  // Builtin.
  Builtin builtin{};
  // PkgName.
  Package* imported = nullptr;
  // TypeName / Func: declared in package scope, checked yet?
  int state = 0;         // 0 unchecked, 1 in progress, 2 done
  Node* spec = nullptr;  // its declaring TypeSpec / ValueSpec
};

struct Scope {
  explicit Scope(Scope* p, bool func = false) : parent(p), is_func(func) {}
  Scope* parent;
  bool is_func;  // the outermost scope of a function body (params, results)
  std::unordered_map<std::string, Object*> names;
  Object* lookup_local(const std::string& n) const {
    auto it = names.find(n);
    return it == names.end() ? nullptr : it->second;
  }
  Object* lookup(const std::string& n) const {
    for (const Scope* s = this; s; s = s->parent) {
      if (Object* o = s->lookup_local(n)) return o;
    }
    return nullptr;
  }
};

struct Package {
  std::string path, name;
  Scope* scope = nullptr;
  std::vector<File*> files;
  bool library = false;          // one of gort's library packages (fmt, time, ...)
  std::vector<Object*> funcs;    // every function and method declared, in order
  std::vector<Object*> globals;  // package-level variables, in initialisation order
};

// ---------------------------------------------------------------- the table

// Owns every type, object and scope of one compilation; interns unnamed types.
class Types {
 public:
  Types();
  Types(const Types&) = delete;
  Types& operator=(const Types&) = delete;

  const Type* basic(TK k) const { return basics_[static_cast<int>(k)]; }
  const Type* invalid() const { return basic(TK::Invalid); }
  const Type* error_type() const { return error_; }
  const Type* any() const { return any_; }
  const Type* empty_iface() const { return empty_iface_; }
  Scope* universe() const { return universe_; }

  const Type* slice(const Type* elem);
  const Type* array(const Type* elem, std::int64_t len);
  const Type* pointer(const Type* elem);
  const Type* map(const Type* key, const Type* value);
  const Type* chan(const Type* elem, ChanDir dir);
  const Type* func(std::vector<const Type*> params, std::vector<const Type*> results,
                   bool variadic);
  const Type* tuple(std::vector<const Type*> types);
  const Type* strukt(std::vector<StructField> fields);
  const Type* iface(std::vector<IfaceMethod> methods);  // sorts them
  Type* named(std::string name, Package* pkg, Object* obj);

  Object* object(ObjKind k, std::string name, Pos pos, const Type* t, Package* pkg);
  Scope* scope(Scope* parent, bool func = false);
  Package* package(std::string path, std::string name);

  // Every type made so far (runtime layout, ids).
  const std::deque<std::unique_ptr<Type>>& all() const { return types_; }
  // Sets repr/nslots/id of every type (call once checking is done).
  void finish_layout();

 private:
  Type* add(Type t);
  const Type* intern(const std::string& key, Type t);
  // The one slice, array, pointer, map or chan type of these parts.
  const Type* composite(TK kind, const Type* elem, const Type* key = nullptr, std::int64_t len = 0,
                        ChanDir dir = ChanDir::Both);

  std::deque<std::unique_ptr<Type>> types_;
  std::deque<std::unique_ptr<Object>> objects_;
  std::deque<std::unique_ptr<Scope>> scopes_;
  std::deque<std::unique_ptr<Package>> packages_;
  std::unordered_map<std::string, const Type*> interned_;
  const Type* basics_[static_cast<int>(TK::UntypedNil) + 1] = {};
  const Type* error_ = nullptr;
  const Type* any_ = nullptr;
  const Type* empty_iface_ = nullptr;
  Scope* universe_ = nullptr;
};

}  // namespace gort::golang
