// Types: classification, identity, printing, interning and the universe.
#include "types.hpp"

#include <algorithm>
#include <functional>

namespace gort::golang {

bool is_named(const Type* t) {
  return t->kind == TK::Named || t->kind <= TK::UntypedNil;
}
bool is_boolean(const Type* t) {
  TK k = t->underlying()->kind;
  return k == TK::Bool || k == TK::UntypedBool;
}
bool is_integer(const Type* t) {
  TK k = t->underlying()->kind;
  return (k >= TK::Int && k <= TK::Uintptr) || k == TK::UntypedInt || k == TK::UntypedRune;
}
bool is_unsigned(const Type* t) {
  TK k = t->underlying()->kind;
  return k >= TK::Uint && k <= TK::Uintptr;
}
bool is_float(const Type* t) {
  TK k = t->underlying()->kind;
  return k == TK::Float32 || k == TK::Float64 || k == TK::UntypedFloat;
}
bool is_complex(const Type* t) {
  TK k = t->underlying()->kind;
  return k == TK::Complex64 || k == TK::Complex128;
}
bool is_numeric(const Type* t) {
  return is_integer(t) || is_float(t) || is_complex(t);
}
bool is_string(const Type* t) {
  TK k = t->underlying()->kind;
  return k == TK::String || k == TK::UntypedString;
}
bool is_untyped(const Type* t) {
  return t->kind >= TK::UntypedBool && t->kind <= TK::UntypedNil;
}
bool is_typed(const Type* t) {
  return !is_untyped(t);
}
bool is_interface(const Type* t) {
  return t->underlying()->kind == TK::Interface;
}
bool is_const_type(const Type* t) {
  return is_boolean(t) || is_numeric(t) || is_string(t);
}
bool is_ordered(const Type* t) {
  return is_integer(t) || is_float(t) || is_string(t);
}

bool comparable(const Type* t) {
  const Type* u = t->underlying();
  switch (u->kind) {
    case TK::Slice:
    case TK::Map:
    case TK::Func:
      return false;
    case TK::Struct:
      for (const StructField& f : u->fields) {
        if (!comparable(f.type)) return false;
      }
      return true;
    case TK::Array:
      return comparable(u->elem);
    default:
      return u->kind != TK::Invalid && u->kind != TK::Tuple;
  }
}

bool has_nil(const Type* t) {
  switch (t->underlying()->kind) {
    case TK::Slice:
    case TK::Map:
    case TK::Func:
    case TK::Pointer:
    case TK::Chan:
    case TK::Interface:
    case TK::UnsafePointer:
    case TK::UntypedNil:
      return true;
    default:
      return false;
  }
}

int int_bits(const Type* t) {
  switch (t->underlying()->kind) {
    case TK::Int8:
    case TK::Uint8:
      return 8;
    case TK::Int16:
    case TK::Uint16:
      return 16;
    case TK::Int32:
    case TK::Uint32:
      return 32;
    default:
      return 64;
  }
}

bool identical(const Type* a, const Type* b) {
  return a == b;
}

const Type* word_type(const Type* t) {
  for (;;) {
    const Type* u = t->underlying();
    if (u->kind != TK::Struct || u->fields.size() != 1) return t;
    t = u->fields[0].type;
  }
}

const Type* layout_of(const Type* t) {
  return word_type(t)->underlying();
}

namespace {

const char* basic_name(TK k) {
  static const char* const names[] = {
      "invalid type", "bool",         "int",           "int8",           "int16",
      "int32",        "int64",        "uint",          "uint8",          "uint16",
      "uint32",       "uint64",       "uintptr",       "float32",        "float64",
      "complex64",    "complex128",   "string",        "unsafe.Pointer", "untyped bool",
      "untyped int",  "untyped rune", "untyped float", "untyped string", "untyped nil"};
  return names[static_cast<int>(k)];
}

void write_type(std::string& out, const Type* t, bool qualify);

void write_sig(std::string& out, const Type* t, bool qualify) {
  out += '(';
  for (std::size_t i = 0; i < t->params.size(); i++) {
    if (i) out += ", ";
    if (t->variadic && i + 1 == t->params.size()) {
      out += "...";
      write_type(out, t->params[i]->elem, qualify);
    } else {
      write_type(out, t->params[i], qualify);
    }
  }
  out += ')';
  if (t->results.size() == 1) {
    out += ' ';
    write_type(out, t->results[0], qualify);
  } else if (t->results.size() > 1) {
    out += " (";
    for (std::size_t i = 0; i < t->results.size(); i++) {
      if (i) out += ", ";
      write_type(out, t->results[i], qualify);
    }
    out += ')';
  }
}

void write_type(std::string& out, const Type* t, bool qualify) {
  switch (t->kind) {
    case TK::Named:
      if (t->pkg && (qualify || t->pkg->path != "main")) {
        out += t->pkg->name;
        out += '.';
      }
      out += t->name;
      return;
    case TK::Array:
      out += '[';
      out += std::to_string(t->len);
      out += ']';
      write_type(out, t->elem, qualify);
      return;
    case TK::Slice:
      out += "[]";
      write_type(out, t->elem, qualify);
      return;
    case TK::Pointer:
      out += '*';
      write_type(out, t->elem, qualify);
      return;
    case TK::Map:
      out += "map[";
      write_type(out, t->key, qualify);
      out += ']';
      write_type(out, t->elem, qualify);
      return;
    case TK::Chan:
      out += t->dir == ChanDir::Recv ? "<-chan " : t->dir == ChanDir::Send ? "chan<- " : "chan ";
      if (t->dir != ChanDir::Send && t->elem->kind == TK::Chan && t->elem->dir == ChanDir::Recv &&
          t->dir == ChanDir::Both) {
        out += '(';
        write_type(out, t->elem, qualify);
        out += ')';
        return;
      }
      write_type(out, t->elem, qualify);
      return;
    case TK::Func:
      out += "func";
      write_sig(out, t, qualify);
      return;
    case TK::Struct:
      out += qualify ? "struct {" : "struct{";
      for (std::size_t i = 0; i < t->fields.size(); i++) {
        out += i ? "; " : (qualify ? " " : "");
        if (!t->fields[i].embedded) {
          out += t->fields[i].name;
          out += ' ';
        }
        write_type(out, t->fields[i].type, qualify);
        if (!t->fields[i].tag.empty()) out += " \"" + t->fields[i].tag + "\"";
      }
      out += qualify ? (t->fields.empty() ? "}" : " }") : "}";
      return;
    case TK::Interface:
      if (t->methods.empty()) {
        out += qualify ? "interface {}" : "interface{}";
        return;
      }
      out += qualify ? "interface { " : "interface{";
      for (std::size_t i = 0; i < t->methods.size(); i++) {
        if (i) out += "; ";
        out += t->methods[i].name;
        write_sig(out, t->methods[i].sig, qualify);
      }
      out += qualify ? " }" : "}";
      return;
    case TK::Tuple:
      out += '(';
      for (std::size_t i = 0; i < t->types.size(); i++) {
        if (i) out += ", ";
        write_type(out, t->types[i], qualify);
      }
      out += ')';
      return;
    default:
      out += basic_name(t->kind);
  }
}

std::string ptr_key(const void* p) {
  return std::to_string(reinterpret_cast<std::uintptr_t>(p));
}

}  // namespace

std::string type_string(const Type* t, bool qualify) {
  std::string s;
  write_type(s, t, qualify);
  return s;
}

// ---------------------------------------------------------------- Types

Type* Types::add(Type t) {
  types_.push_back(std::make_unique<Type>(std::move(t)));
  return types_.back().get();
}

const Type* Types::intern(const std::string& key, Type t) {
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  const Type* r = add(std::move(t));
  interned_.emplace(key, r);
  return r;
}

const Type* Types::composite(TK kind, const Type* elem, const Type* key, std::int64_t len,
                             ChanDir dir) {
  Type t;
  t.kind = kind;
  t.elem = elem;
  t.key = key;
  t.len = len;
  t.dir = dir;
  // "K" + every part: unlike the keys of the other kinds (F, T, R, I).
  std::string k = "K" + std::to_string(static_cast<int>(kind)) + ":" + std::to_string(len) + ":" +
                  std::to_string(static_cast<int>(dir)) + ":" + ptr_key(key) + ":" + ptr_key(elem);
  return intern(k, std::move(t));
}

const Type* Types::slice(const Type* elem) {
  return composite(TK::Slice, elem);
}

const Type* Types::array(const Type* elem, std::int64_t len) {
  return composite(TK::Array, elem, nullptr, len);
}

const Type* Types::pointer(const Type* elem) {
  return composite(TK::Pointer, elem);
}

const Type* Types::map(const Type* key, const Type* value) {
  return composite(TK::Map, value, key);
}

const Type* Types::chan(const Type* elem, ChanDir dir) {
  return composite(TK::Chan, elem, nullptr, 0, dir);
}

const Type* Types::func(std::vector<const Type*> params, std::vector<const Type*> results,
                        bool variadic) {
  std::string key = variadic ? "FV" : "F";
  for (const Type* p : params) key += ptr_key(p) + ",";
  key += ";";
  for (const Type* r : results) key += ptr_key(r) + ",";
  Type t;
  t.kind = TK::Func;
  t.params = std::move(params);
  t.results = std::move(results);
  t.variadic = variadic;
  return intern(key, std::move(t));
}

const Type* Types::tuple(std::vector<const Type*> types) {
  std::string key = "T";
  for (const Type* p : types) key += ptr_key(p) + ",";
  Type t;
  t.kind = TK::Tuple;
  t.types = std::move(types);
  return intern(key, std::move(t));
}

const Type* Types::strukt(std::vector<StructField> fields) {
  std::string key = "R";
  for (const StructField& f : fields) {
    key += f.name + (f.embedded ? "!" : ":") + ptr_key(f.type) + "`" + f.tag + "`;";
  }
  Type t;
  t.kind = TK::Struct;
  t.fields = std::move(fields);
  return intern(key, std::move(t));
}

const Type* Types::iface(std::vector<IfaceMethod> methods) {
  std::sort(methods.begin(), methods.end(),
            [](const IfaceMethod& a, const IfaceMethod& b) { return a.name < b.name; });
  std::string key = "I";
  for (const IfaceMethod& m : methods) key += m.name + ":" + ptr_key(m.sig) + ";";
  Type t;
  t.kind = TK::Interface;
  t.methods = std::move(methods);
  return intern(key, std::move(t));
}

Type* Types::named(std::string name, Package* pkg, Object* obj) {
  Type t;
  t.kind = TK::Named;
  t.name = std::move(name);
  t.pkg = pkg;
  t.obj = obj;
  return add(std::move(t));
}

Object* Types::object(ObjKind k, std::string name, Pos pos, const Type* t, Package* pkg) {
  auto o = std::make_unique<Object>();
  o->kind = k;
  o->name = std::move(name);
  o->pos = pos;
  o->type = t;
  o->pkg = pkg;
  objects_.push_back(std::move(o));
  return objects_.back().get();
}

Scope* Types::scope(Scope* parent, bool func) {
  scopes_.push_back(std::make_unique<Scope>(parent, func));
  return scopes_.back().get();
}

Package* Types::package(std::string path, std::string name) {
  auto p = std::make_unique<Package>();
  p->path = std::move(path);
  p->name = std::move(name);
  packages_.push_back(std::move(p));
  return packages_.back().get();
}

Types::Types() {
  for (int k = 0; k <= static_cast<int>(TK::UntypedNil); k++) {
    Type t;
    t.kind = static_cast<TK>(k);
    basics_[k] = add(std::move(t));
  }
  universe_ = scope(nullptr);
  auto type_name = [&](const std::string& n, const Type* t) {
    Object* o = object(ObjKind::TypeName, n, {}, t, nullptr);
    o->state = 2;
    universe_->names[n] = o;
  };
  static const std::pair<const char*, TK> kBasics[] = {
      {"bool", TK::Bool},           {"int", TK::Int},
      {"int8", TK::Int8},           {"int16", TK::Int16},
      {"int32", TK::Int32},         {"int64", TK::Int64},
      {"uint", TK::Uint},           {"uint8", TK::Uint8},
      {"uint16", TK::Uint16},       {"uint32", TK::Uint32},
      {"uint64", TK::Uint64},       {"uintptr", TK::Uintptr},
      {"float32", TK::Float32},     {"float64", TK::Float64},
      {"complex64", TK::Complex64}, {"complex128", TK::Complex128},
      {"string", TK::String},       {"byte", TK::Uint8},
      {"rune", TK::Int32}};
  for (const auto& [n, k] : kBasics) type_name(n, basic(k));
  empty_iface_ = iface({});
  any_ = empty_iface_;
  type_name("any", any_);
  // type error interface { Error() string }
  Object* err_obj = object(ObjKind::TypeName, "error", {}, nullptr, nullptr);
  Type* err = named("error", nullptr, err_obj);
  err->underlying_ = iface({{"Error", func({}, {basic(TK::String)}, false), nullptr}});
  err_obj->type = err;
  err_obj->state = 2;
  universe_->names["error"] = err_obj;
  error_ = err;
  // comparable: a constraint, outside the subset (the checker names it).
  Object* cmp = object(ObjKind::TypeName, "comparable", {}, invalid(), nullptr);
  cmp->state = 2;
  universe_->names["comparable"] = cmp;

  auto constant = [&](const std::string& n, const Type* t, Const v) {
    Object* o = object(ObjKind::Const, n, {}, t, nullptr);
    o->val = std::move(v);
    o->state = 2;
    universe_->names[n] = o;
  };
  constant("true", basic(TK::UntypedBool), Const::of_bool(true));
  constant("false", basic(TK::UntypedBool), Const::of_bool(false));
  constant("iota", basic(TK::UntypedInt), Const::of_int(0));
  universe_->names["nil"] = object(ObjKind::Nil, "nil", {}, basic(TK::UntypedNil), nullptr);

  static const std::pair<const char*, Builtin> kBuiltins[] = {
      {"append", Builtin::Append},   {"cap", Builtin::Cap},         {"clear", Builtin::Clear},
      {"close", Builtin::Close},     {"complex", Builtin::Complex}, {"copy", Builtin::Copy},
      {"delete", Builtin::Delete},   {"imag", Builtin::Imag},       {"len", Builtin::Len},
      {"make", Builtin::Make},       {"max", Builtin::Max},         {"min", Builtin::Min},
      {"new", Builtin::New},         {"panic", Builtin::Panic},     {"print", Builtin::Print},
      {"println", Builtin::Println}, {"real", Builtin::Real},       {"recover", Builtin::Recover}};
  for (const auto& [n, b] : kBuiltins) {
    Object* o = object(ObjKind::Builtin, n, {}, invalid(), nullptr);
    o->builtin = b;
    o->state = 2;
    universe_->names[n] = o;
  }
}

void Types::finish_layout() {
  // Repr of a type, computed from its underlying type; Named types and
  // structs recurse through fields (never through pointers, so it ends).
  std::unordered_map<const Type*, int> state;
  std::function<void(Type*)> layout = [&](Type* t) {
    if (state[t] == 2) return;
    state[t] = 2;
    const Type* u = t->underlying();
    if (!u) return;
    if (u != t) {
      layout(const_cast<Type*>(u));
      t->repr = u->repr;
      t->nslots = u->nslots;
      return;
    }
    switch (t->kind) {
      case TK::Struct:
        for (const StructField& f : t->fields) layout(const_cast<Type*>(f.type));
        if (t->fields.size() == 1) {
          t->repr = t->fields[0].type->repr;
          t->nslots = t->fields[0].type->nslots;
        } else if (t->fields.size() > 1) {
          t->repr = Repr::Boxed;
          t->nslots = static_cast<std::uint32_t>(t->fields.size());
        }
        return;
      case TK::Array:
        layout(const_cast<Type*>(t->elem));
        if (t->len > 0) {
          t->repr = Repr::Boxed;
          t->nslots = static_cast<std::uint32_t>(t->len);
        }
        return;
      default:
        return;
    }
  };
  std::uint32_t id = 1;
  for (auto& t : types_) {
    layout(t.get());
    t->id = id++;
  }
}

}  // namespace gort::golang
