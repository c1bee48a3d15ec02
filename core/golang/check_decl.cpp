// The checker's declarations: packages, imports, package-level objects
// (checked on demand, in dependency order, as go/types does), methods,
// function signatures, and the initialisation order of package variables.
#include <algorithm>
#include <functional>
#include <set>

#include "checker.hpp"

namespace gort::golang {

Checker::Checker(Types& types, Info& info, std::vector<Diag>& errors,
                 std::function<Package*(const std::string&)> imports)
    : T_(types), info_(info), errs_(errors), imports_(std::move(imports)) {}

void Checker::error(Pos p, std::string msg) {
  errs_.push_back({p, std::move(msg)});
}

void Checker::declare(Scope* s, Ident* id, Object* obj) {
  if (id) id->obj = obj;
  if (obj->name == "_") return;
  if (Object* alt = s->lookup_local(obj->name)) {
    std::string msg = obj->name + " redeclared in this block";
    if (alt->pos.valid()) {
      msg += "\n\t./" + (pkg_ && !pkg_->files.empty() ? pkg_->files[0]->filename : std::string()) +
             ":" + std::to_string(alt->pos.line) + ":" + std::to_string(alt->pos.col) +
             ": other declaration of " + obj->name;
    }
    error(obj->pos, msg);
    return;
  }
  obj->parent = s;
  s->names[obj->name] = obj;
}

Package* Checker::check(const std::string& path, const std::vector<File*>& files, bool library) {
  std::string name = files.empty() || !files[0]->package ? "main" : files[0]->package->name;
  pkg_ = T_.package(path, name);
  pkg_->library = library;
  pkg_->files = files;
  pkg_->scope = T_.scope(T_.universe());
  library_ = library;
  file_scope_ = T_.scope(pkg_->scope);
  scope_ = file_scope_;
  if (!library && name != "main") {
    error(files[0]->package->pos, "package " + name + " is not a main package");
  }
  collect_objects(files);
  // Function literals in package-level declarations belong to the
  // package's initialisation: current Go names them main.init.func1 (Go
  // 1.19 said main.glob..func1).
  cur_func_name_ = path + ".init";
  lit_counter_ = 0;
  init_funcs_ = 0;
  for (Object* o : pkg_objects_) obj_decl(o);
  collect_methods();
  for (auto& d : delayed_) d();
  delayed_.clear();
  check_func_bodies();
  compute_init_order();
  check_unused_imports();
  info_.packages.push_back(pkg_);
  if (!library) {
    Object* m = pkg_->scope->lookup_local("main");
    if (!m || m->kind != ObjKind::Func) {
      error({}, "function main is undeclared in the main package");
    }
  }
  return pkg_;
}

void Checker::collect_objects(const std::vector<File*>& files) {
  for (File* f : files) {
    for (ImportSpec* is : f->imports) {
      Package* p = imports_(is->path);
      if (!p) {
        error(is->path_pos,
              "package " + is->path + " is not in std (gort's library has fmt, " +
                  "time, sync, sync/atomic, context, errors, strings, strconv, " +
                  "sort, math, math/rand, os, log, runtime, unicode, unicode/utf8, io)");
        continue;
      }
      std::string local = is->name ? is->name->name : p->name;
      if (local == "_") continue;
      if (local == ".") {
        error(is->name->pos, "dot imports are outside gort's Go subset");
        continue;
      }
      Object* o = T_.object(ObjKind::PkgName, local, is->name ? is->name->pos : is->path_pos,
                            T_.invalid(), pkg_);
      o->imported = p;
      o->state = 2;
      o->spec = is;
      is->pkgname = o;
      if (Object* alt = file_scope_->lookup_local(local)) {
        error(o->pos, local + " redeclared in this block");
        (void)alt;
        continue;
      }
      file_scope_->names[local] = o;
      imports_objs_.push_back(o);
    }
    for (Node* d : f->decls) {
      if (d->kind == Node::K::GenDecl) {
        GenDecl* g = static_cast<GenDecl*>(d);
        if (g->tok == Tok::Import) continue;
        ValueSpec* last = nullptr;
        for (Spec* sp : g->specs) {
          if (sp->kind == Node::K::ValueSpec) {
            ValueSpec* vs = static_cast<ValueSpec*>(sp);
            if (g->tok == Tok::Const) {
              if (vs->implicit) {
                implicit_src_[vs] = last;
              } else {
                last = vs;
              }
            }
            for (std::size_t i = 0; i < vs->names.size(); i++) {
              Ident* id = vs->names[i];
              Object* o = T_.object(g->tok == Tok::Const ? ObjKind::Const : ObjKind::Var, id->name,
                                    id->pos, nullptr, pkg_);
              o->spec = vs;
              if (g->tok == Tok::Var) {
                o->is_global = true;
                var_specs_[o] = {vs, static_cast<int>(i)};
              } else {
                const_specs_[o] = {vs, static_cast<int>(i)};
              }
              declare(pkg_->scope, id, o);
              pkg_objects_.push_back(o);
              if (id->name == "_" && g->tok == Tok::Var) pkg_objects_.back() = o;
            }
          } else if (sp->kind == Node::K::TypeSpec) {
            TypeSpec* ts = static_cast<TypeSpec*>(sp);
            Object* o = T_.object(ObjKind::TypeName, ts->name->name, ts->name->pos, nullptr, pkg_);
            o->spec = ts;
            declare(pkg_->scope, ts->name, o);
            pkg_objects_.push_back(o);
          }
        }
      } else if (d->kind == Node::K::FuncDecl) {
        FuncDecl* fd = static_cast<FuncDecl*>(d);
        Object* o = T_.object(ObjKind::Func, fd->name->name, fd->name->pos, nullptr, pkg_);
        o->decl = fd;
        if (fd->recv) {
          // The receiver's base type name: T or *T (generic receivers are errors later).
          Expr* t = fd->recv->type;
          while (t->kind == Node::K::Paren) t = static_cast<ParenExpr*>(t)->x;
          if (t->kind == Node::K::Star) t = static_cast<StarExpr*>(t)->x;
          while (t->kind == Node::K::Paren) t = static_cast<ParenExpr*>(t)->x;
          if (t->kind == Node::K::Index) t = static_cast<IndexExpr*>(t)->x;
          std::string base = t->kind == Node::K::Ident ? static_cast<Ident*>(t)->name : "";
          methods_by_type_[base].push_back(o);
          methods_.push_back(o);
          fd->name->obj = o;
          continue;
        }
        if (fd->name->name == "init") {
          fd->name->obj = o;
          if (!fd->type->params.empty() || !fd->type->results.empty()) {
            error(fd->name->pos, "func init must have no arguments and no return values");
          }
          pkg_objects_.push_back(o);
          continue;
        }
        if (fd->name->name == "main" && !library_ &&
            (!fd->type->params.empty() || !fd->type->results.empty())) {
          error(fd->name->pos, "func main must have no arguments and no return values");
        }
        declare(pkg_->scope, fd->name, o);
        pkg_objects_.push_back(o);
      }
    }
  }
}

void Checker::obj_decl(Object* obj) {
  if (obj->state == 2) return;
  if (obj->state == 1) {
    // A cycle: only types may refer to themselves (through their use).
    if (obj->kind == ObjKind::TypeName) return;
    if (obj->kind == ObjKind::Func) return;  // recursion through bodies is fine
    if (!obj->type) {
      error(obj->pos, "initialization cycle or invalid recursive reference to " + obj->name);
      obj->type = T_.invalid();
    }
    return;
  }
  obj->state = 1;
  Scope* saved_scope = scope_;
  Func* saved_fn = fn_;
  int saved_iota = iota_;
  Object* saved_decl = decl_obj_;
  Ctx saved_ctx = ctx_;
  scope_ = file_scope_;
  fn_ = nullptr;
  iota_ = -1;
  ctx_ = {};
  switch (obj->kind) {
    case ObjKind::Const: {
      auto [spec, i] = const_specs_[obj];
      const_decl(obj, spec, i);
      break;
    }
    case ObjKind::Var: {
      auto [spec, i] = var_specs_[obj];
      decl_obj_ = obj;
      var_decl(obj, spec, i);
      break;
    }
    case ObjKind::TypeName:
      type_decl(obj, static_cast<TypeSpec*>(obj->spec));
      break;
    case ObjKind::Func:
      decl_obj_ = obj;
      func_decl(obj);
      break;
    default:
      break;
  }
  scope_ = saved_scope;
  fn_ = saved_fn;
  iota_ = saved_iota;
  decl_obj_ = saved_decl;
  ctx_ = saved_ctx;
  obj->state = 2;
}

void Checker::const_decl(Object* obj, ValueSpec* spec, int index) {
  ValueSpec* src = spec->implicit ? implicit_src_[spec] : spec;
  iota_ = spec->iota;
  const Type* t = nullptr;
  if (src && src->type) {
    t = typexpr(src->type);
    if (!is_const_type(t) && t != T_.invalid()) {
      error(src->type->pos, "invalid constant type " + tstr(t));
      obj->type = T_.invalid();
      return;
    }
  }
  if (!src || static_cast<std::size_t>(index) >= src->values.size()) {
    if (src && !src->values.empty() && index == static_cast<int>(src->values.size())) {
      error(obj->pos, "missing init expr for const declaration");
    } else if (!src || src->values.empty()) {
      error(obj->pos, "missing init expr for const declaration");
    }
    obj->type = T_.invalid();
    return;
  }
  if (index == 0 && spec == src && src->values.size() > src->names.size()) {
    error(src->values[src->names.size()]->pos, "extra init expr");
  }
  Expr* e = src->values[static_cast<std::size_t>(index)];
  expr(e);
  if (e->tv.mode == Mode::Invalid) {
    obj->type = T_.invalid();
    return;
  }
  if (e->tv.mode != Mode::Constant) {
    error(e->pos, describe(e) + " is not constant");
    obj->type = T_.invalid();
    return;
  }
  if (t) {
    assignment(e, t, "constant declaration");
    if (e->tv.mode == Mode::Invalid) {
      obj->type = T_.invalid();
      return;
    }
  }
  obj->type = e->tv.type;
  obj->val = e->tv.val;
}

void Checker::var_decl(Object* obj, ValueSpec* spec, int index) {
  (void)index;
  // All names of the spec are declared together (one init expression may
  // produce all their values).
  std::vector<Object*> objs;
  for (Ident* id : spec->names) objs.push_back(id->obj ? id->obj : obj);
  for (Object* o : objs) o->state = 1;
  const Type* t = spec->type ? typexpr(spec->type) : nullptr;
  if (spec->values.empty()) {
    for (Object* o : objs) o->type = t ? t : T_.invalid();
    for (Object* o : objs) o->state = 2;
    return;
  }
  auto init_one = [&](Object* o, Expr* e) {
    if (t) {
      assignment(e, t, "variable declaration");
      o->type = t;
      return;
    }
    if (e->tv.mode == Mode::Invalid) {
      o->type = T_.invalid();
      return;
    }
    if (e->tv.type->kind == TK::UntypedNil) {
      error(e->pos, "use of untyped nil in variable declaration");
      o->type = T_.invalid();
      return;
    }
    const Type* d = default_type(e->tv.type);
    assignment(e, d, "variable declaration");
    o->type = d;
  };
  Expr* v0 = spec->values[0];
  while (v0->kind == Node::K::Paren) v0 = static_cast<ParenExpr*>(v0)->x;
  bool single_call = spec->values.size() == 1 && v0->kind == Node::K::Call;
  if (spec->values.size() == objs.size() && !single_call) {
    for (std::size_t i = 0; i < objs.size(); i++) {
      expr(spec->values[i]);
      init_one(objs[i], spec->values[i]);
    }
  } else if (spec->values.size() == 1) {
    Expr* e = spec->values[0];
    multi_expr(e);
    const Type* rt = e->tv.type;
    std::size_t n = rt && rt->kind == TK::Tuple ? rt->types.size() : 1;
    bool commaok =
        objs.size() == 2 && (e->tv.mode == Mode::CommaOk || e->tv.mode == Mode::MapIndex);
    if (e->tv.mode != Mode::Invalid && objs.size() == 1 && rt->kind != TK::Tuple) {
      init_one(objs[0], e);
    } else if (e->tv.mode == Mode::Invalid) {
      for (Object* o : objs) o->type = t ? t : T_.invalid();
    } else if (rt->kind == TK::Tuple && n == objs.size()) {
      for (std::size_t i = 0; i < n; i++) {
        const Type* vt = rt->types[i];
        if (t) {
          std::string why;
          BadExpr tmp(e->pos);
          tmp.tv = {Mode::Value, vt, {}};
          if (!assignable(&tmp, t, &why)) {
            error(e->pos, "cannot use " + expr_string(e) + " (value of type " + tstr(vt) + ") as " +
                              tstr(t) + " value in assignment");
          }
        }
        objs[i]->type = t ? t : vt;
      }
    } else if (commaok) {
      init_one(objs[0], e);
      objs[1]->type = t ? t : T_.basic(TK::Bool);
      e->tv.mode = Mode::CommaOk;
    } else {
      assign_mismatch(e, objs.size(), n);
      for (Object* o : objs) o->type = T_.invalid();
    }
  } else {
    for (Expr* e : spec->values) expr(e);
    assign_mismatch(spec->values[0], objs.size(), spec->values.size());
    for (Object* o : objs) o->type = T_.invalid();
  }
  for (Object* o : objs) o->state = 2;
}

void Checker::type_decl(Object* obj, TypeSpec* spec) {
  if (spec->has_tparams) {
    error(spec->name->pos, "generic type " + obj->name +
                               ": type parameters (generics) are outside gort's Go subset");
  }
  if (spec->alias) {
    obj->type = typexpr(spec->type);
    return;
  }
  Type* named = T_.named(obj->name, pkg_, obj);
  obj->type = named;
  const Type* u = typexpr(spec->type);
  const Type* under = u->kind == TK::Named ? u->underlying() : u;
  if (!under) {
    error(obj->pos, "invalid recursive type " + obj->name);
    under = T_.invalid();
  }
  named->underlying_ = under;
  // A struct or array containing itself (not through a pointer, slice, map,
  // channel or function) has no size.
  std::function<bool(const Type*, std::set<const Type*>&)> contains =
      [&](const Type* t, std::set<const Type*>& seen) -> bool {
    if (t == named) return true;
    if (!seen.insert(t).second) return false;
    const Type* x = t->kind == TK::Named ? t->underlying_ : t;
    if (!x) return false;
    if (x->kind == TK::Array) return contains(x->elem, seen);
    if (x->kind == TK::Struct) {
      for (const StructField& f : x->fields) {
        if (contains(f.type, seen)) return true;
      }
    }
    return false;
  };
  std::set<const Type*> seen;
  bool self = false;
  if (under->kind == TK::Array) {
    self = contains(under->elem, seen);
  } else if (under->kind == TK::Struct) {
    for (const StructField& f : under->fields) self = self || contains(f.type, seen);
  }
  if (self) {
    error(obj->pos, "invalid recursive type " + obj->name + "\n\t./" + pkg_->files[0]->filename +
                        ":" + std::to_string(obj->pos.line) + ":" + std::to_string(obj->pos.col) +
                        ": " + obj->name + " refers to " + obj->name);
    named->underlying_ = T_.invalid();
  }
  obj->state = 2;
  // Its methods.
  auto it = methods_by_type_.find(obj->name);
  if (it != methods_by_type_.end()) {
    for (Object* m : it->second) {
      obj_decl(m);
    }
  }
}

const Type* Checker::signature(FuncTypeExpr* ft, Field* recv, FuncVars* vars) {
  if (ft->has_tparams) {
    error(ft->pos, "generic function: type parameters (generics) are outside gort's Go subset");
  }
  Scope* s = T_.scope(scope_, true);
  vars->scope = s;
  Object* owner = fn_ ? fn_->obj : nullptr;
  auto declare_params = [&](std::vector<Field>& fields, std::vector<Object*>& out,
                            std::vector<const Type*>& types, bool params, bool* variadic) {
    for (std::size_t i = 0; i < fields.size(); i++) {
      Field& f = fields[i];
      Expr* te = f.type;
      const Type* t;
      if (te->kind == Node::K::Ellipsis) {
        if (!params || i + 1 != fields.size() || f.names.size() > 1) {
          error(te->pos, "can only use ... with final parameter in list");
        }
        t = T_.slice(typexpr(static_cast<EllipsisExpr*>(te)->elt));
        if (variadic) *variadic = true;
      } else {
        t = typexpr(te);
      }
      if (f.names.empty()) {
        Object* o = T_.object(ObjKind::Var, "", f.pos, t, pkg_);
        o->is_param = true;
        o->used = true;
        out.push_back(o);
        types.push_back(t);
        continue;
      }
      for (Ident* id : f.names) {
        Object* o = T_.object(ObjKind::Var, id->name, id->pos, t, pkg_);
        o->is_param = true;
        o->used = true;
        declare(s, id, o);
        out.push_back(o);
        types.push_back(t);
      }
    }
  };
  std::vector<const Type*> ptypes, rtypes;
  if (recv) {
    std::vector<Field> rf{*recv};
    std::vector<Object*> ro;
    std::vector<const Type*> rt;
    declare_params(rf, ro, rt, false, nullptr);
    vars->recv = ro.empty() ? nullptr : ro[0];
  }
  bool variadic = false;
  declare_params(ft->params, vars->params, ptypes, true, &variadic);
  declare_params(ft->results, vars->results, rtypes, false, nullptr);
  for (Object* o : vars->params) o->func = owner;
  for (Object* o : vars->results) o->func = owner;
  if (vars->recv) vars->recv->func = owner;
  return T_.func(std::move(ptypes), std::move(rtypes), variadic);
}

void Checker::func_decl(Object* obj) {
  FuncDecl* d = obj->decl;
  FuncVars& vars = info_.func_vars[d->type];
  // Parameters belong to the function itself (their Object::func).
  Func f{obj, nullptr, nullptr, nullptr, {}};
  Func* saved = fn_;
  fn_ = &f;
  obj->type = signature(d->type, d->recv, &vars);
  fn_ = saved;
  if (!d->body) {
    if (!library_) error(d->name->pos, "missing function body");
    std::string qual = pkg_->name + ".";
    if (d->recv && vars.recv) {
      const Type* rt = vars.recv->type;
      if (rt->kind == TK::Pointer) rt = rt->elem;
      qual += rt->name + ".";
    }
    obj->native = qual + obj->name;
  }
  if (d->recv) {
    if (d->recv_has_tparams) {
      error(d->recv->pos,
            "generic receiver: type parameters (generics) are outside gort's Go subset");
    }
    const Type* rt = vars.recv ? vars.recv->type : T_.invalid();
    bool ptr = rt->kind == TK::Pointer;
    const Type* base = ptr ? rt->elem : rt;
    if (base->kind != TK::Named || base->pkg != pkg_) {
      if (base != T_.invalid()) {
        error(d->recv->type->pos, "cannot define new methods on non-local type " + tstr(base));
      }
      return;
    }
    const Type* u = base->underlying();
    if (u && (u->kind == TK::Pointer || u->kind == TK::Interface)) {
      error(d->recv->type->pos, "invalid receiver type " + tstr(rt) +
                                    (u->kind == TK::Pointer ? " (pointer or interface type)"
                                                            : " (pointer or interface type)"));
      return;
    }
    obj->ptr_recv = ptr;
    obj->recv_named = base;
    Type* nt = const_cast<Type*>(base);
    for (Object* m : nt->named_methods) {
      if (m->name == obj->name && obj->name != "_") {
        error(obj->pos, "method " + base->name + "." + obj->name + " already declared at ./" +
                            pkg_->files[0]->filename + ":" + std::to_string(m->pos.line) + ":" +
                            std::to_string(m->pos.col));
        return;
      }
    }
    if (u && u->kind == TK::Struct) {
      for (const StructField& f2 : u->fields) {
        if (f2.name == obj->name) {
          error(obj->pos, "field and method with the same name " + obj->name + "\n\t./" +
                              pkg_->files[0]->filename + ": other declaration of " + obj->name);
          return;
        }
      }
    }
    nt->named_methods.push_back(obj);
  }
  obj->go_name = pkg_->path + ".";
  if (obj->recv_named) {
    const std::string& t = obj->recv_named->name;
    obj->go_name += (obj->ptr_recv ? "(*" + t + ")" : t) + ".";
  }
  obj->go_name +=
      d->recv || obj->name != "init" ? obj->name : "init." + std::to_string(init_funcs_++);
  if (d->body) pkg_funcs_.push_back(obj);
}

void Checker::collect_methods() {
  for (Object* m : methods_) {
    if (m->state == 0) {
      // A receiver whose base type is not a package-level type of this
      // package: the signature check reports it.
      obj_decl(m);
    }
  }
}

void Checker::check_func_bodies() {
  for (std::size_t i = 0; i < pkg_funcs_.size(); i++) {
    Object* o = pkg_funcs_[i];
    FuncDecl* d = o->decl;
    decl_obj_ = o;
    cur_func_name_ = o->go_name;
    lit_counter_ = 0;
    scope_ = file_scope_;
    func_body(o, nullptr, o->type, info_.func_vars[d->type], d->body);
    decl_obj_ = nullptr;
  }
}

void Checker::compute_init_order() {
  // Each package variable's dependencies on other package variables,
  // following references through functions and methods.
  std::vector<ValueSpec*> specs;
  std::unordered_map<ValueSpec*, std::vector<Object*>> spec_objs;
  for (Object* o : pkg_objects_) {
    if (o->kind != ObjKind::Var) continue;
    ValueSpec* vs = var_specs_[o].first;
    if (spec_objs.find(vs) == spec_objs.end()) specs.push_back(vs);
    spec_objs[vs].push_back(o);
  }
  std::unordered_map<Object*, ValueSpec*> spec_of;
  for (auto& [vs, objs] : spec_objs) {
    for (Object* o : objs) spec_of[o] = vs;
  }
  std::unordered_map<ValueSpec*, std::set<ValueSpec*>> needs;
  for (ValueSpec* vs : specs) {
    std::set<Object*> seen;
    std::vector<Object*> stack;
    for (Object* o : spec_objs[vs]) {
      for (Object* d : deps_[o]) stack.push_back(d);
    }
    while (!stack.empty()) {
      Object* d = stack.back();
      stack.pop_back();
      if (!seen.insert(d).second) continue;
      if (d->kind == ObjKind::Var) {
        auto it = spec_of.find(d);
        if (it != spec_of.end() && it->second != vs) needs[vs].insert(it->second);
        if (it != spec_of.end() && it->second == vs && !vs->values.empty()) {
          error(d->pos, "initialization cycle: " + d->name + " refers to itself");
        }
        continue;
      }
      for (Object* x : deps_[d]) stack.push_back(x);
    }
  }
  std::vector<ValueSpec*>& order = info_.init_order[pkg_];
  std::set<ValueSpec*> done;
  while (order.size() < specs.size()) {
    bool progress = false;
    for (ValueSpec* vs : specs) {
      if (done.count(vs)) continue;
      bool ready = true;
      for (ValueSpec* n : needs[vs]) {
        if (!done.count(n)) ready = false;
      }
      if (!ready) continue;
      order.push_back(vs);
      done.insert(vs);
      progress = true;
      break;
    }
    if (!progress) {
      for (ValueSpec* vs : specs) {
        if (!done.count(vs)) {
          error(vs->names[0]->pos,
                "initialization cycle or dependency loop at " + vs->names[0]->name);
          order.push_back(vs);
          done.insert(vs);
        }
      }
    }
  }
  for (Object* o : pkg_objects_) {
    if (o->kind == ObjKind::Var) pkg_->globals.push_back(o);
  }
  for (Object* o : pkg_funcs_) pkg_->funcs.push_back(o);
}

void Checker::check_unused_imports() {
  for (Object* o : imports_objs_) {
    if (o->used) continue;
    ImportSpec* is = static_cast<ImportSpec*>(o->spec);
    if (is->name) {
      error(is->pos, "\"" + is->path + "\" imported as " + is->name->name + " and not used");
    } else {
      error(is->pos, "\"" + is->path + "\" imported and not used");
    }
  }
}

}  // namespace gort::golang
