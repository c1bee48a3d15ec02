// The checker's types: type expressions, struct and interface types, field
// and method lookup through embedded fields (go/types' lookupFieldOrMethod),
// method sets, interface satisfaction, assignability and convertibility.
#include <algorithm>
#include <set>

#include "checker.hpp"

namespace gort::golang {

const Type* Checker::typexpr(Expr* e) {
  const Type* t = typexpr_or_nil(e);
  return t ? t : T_.invalid();
}

const Type* Checker::typexpr_or_nil(Expr* e) {
  switch (e->kind) {
    case Node::K::Ident:
    case Node::K::Selector: {
      expr_or_type(e);
      if (e->tv.mode == Mode::Invalid) return T_.invalid();
      if (e->tv.mode != Mode::TypeExpr) {
        error(e->pos, expr_string(e) + " is not a type");
        return T_.invalid();
      }
      if (e->kind == Node::K::Ident && static_cast<Ident*>(e)->name == "comparable" &&
          static_cast<Ident*>(e)->obj && !static_cast<Ident*>(e)->obj->pos.valid()) {
        error(e->pos, "comparable: a type constraint (generics) is outside gort's Go subset");
        return T_.invalid();
      }
      return e->tv.type;
    }
    case Node::K::Paren:
      return typexpr(static_cast<ParenExpr*>(e)->x);
    case Node::K::Index:
      error(e->pos, "generic type instantiation " + expr_string(e) +
                        ": type parameters (generics) are outside gort's Go subset");
      return T_.invalid();
    case Node::K::ArrayType: {
      auto* a = static_cast<ArrayTypeExpr*>(e);
      const Type* elem = typexpr(a->elt);
      const Type* t;
      if (!a->len) {
        t = T_.slice(elem);
      } else if (a->len->kind == Node::K::Ellipsis) {
        error(a->len->pos, "invalid use of [...] array (outside a composite literal)");
        t = T_.invalid();
      } else {
        expr(a->len);
        std::int64_t n = -1;
        if (a->len->tv.mode == Mode::Constant && a->len->tv.val.to_int().known() &&
            is_numeric(a->len->tv.type)) {
          Const v = a->len->tv.val.to_int();
          if (v.i < 0 || v.i > (static_cast<i128>(1) << 40)) {
            error(a->len->pos, "invalid array length " + expr_string(a->len));
          } else {
            n = static_cast<std::int64_t>(v.i);
          }
        } else if (a->len->tv.mode != Mode::Invalid) {
          error(a->len->pos, "array length " + expr_string(a->len) + " (" +
                                 (a->len->tv.mode == Mode::Constant
                                      ? "untyped constant"
                                      : "variable of type " + tstr(a->len->tv.type)) +
                                 ") must be constant");
        }
        t = n >= 0 ? T_.array(elem, n) : T_.invalid();
      }
      e->tv = {Mode::TypeExpr, t, {}};
      return t;
    }
    case Node::K::StructType: {
      const Type* t = struct_type(static_cast<StructTypeExpr*>(e));
      e->tv = {Mode::TypeExpr, t, {}};
      return t;
    }
    case Node::K::Star: {
      const Type* t = T_.pointer(typexpr(static_cast<StarExpr*>(e)->x));
      e->tv = {Mode::TypeExpr, t, {}};
      return t;
    }
    case Node::K::FuncType: {
      FuncVars vars;
      const Type* t = signature(static_cast<FuncTypeExpr*>(e), nullptr, &vars);
      e->tv = {Mode::TypeExpr, t, {}};
      return t;
    }
    case Node::K::InterfaceType: {
      const Type* t = interface_type(static_cast<InterfaceTypeExpr*>(e));
      e->tv = {Mode::TypeExpr, t, {}};
      return t;
    }
    case Node::K::MapType: {
      auto* m = static_cast<MapTypeExpr*>(e);
      const Type* k = typexpr(m->key);
      const Type* v = typexpr(m->value);
      Expr* kexpr = m->key;
      auto check_key = [this, k, kexpr] {
        if (k != T_.invalid() && !comparable(k)) {
          error(kexpr->pos, "invalid map key type " + tstr(k));
        }
      };
      if (fn_) {
        check_key();  // inside a function every type is complete
      } else {
        delayed_.push_back(check_key);
      }
      const Type* t = T_.map(k, v);
      e->tv = {Mode::TypeExpr, t, {}};
      return t;
    }
    case Node::K::ChanType: {
      auto* c = static_cast<ChanTypeExpr*>(e);
      const Type* t = T_.chan(typexpr(c->value), c->dir);
      e->tv = {Mode::TypeExpr, t, {}};
      return t;
    }
    default:
      rawexpr(e, nullptr);
      if (e->tv.mode != Mode::Invalid) error(e->pos, expr_string(e) + " is not a type");
      return nullptr;
  }
}

const Type* Checker::struct_type(StructTypeExpr* st) {
  std::vector<StructField> fields;
  std::set<std::string> names;
  for (Field& f : st->fields) {
    const Type* t = typexpr(f.type);
    auto add = [&](const std::string& name, Pos pos, bool embedded) {
      if (name != "_" && !names.insert(name).second) {
        error(pos, name + " redeclared");
        return;
      }
      bool exported = !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
      fields.push_back({name, t, embedded, exported, f.tag, pkg_});
    };
    if (f.names.empty()) {
      // Embedded: T, *T, pkg.T; its name is the type name.
      Expr* te = f.type;
      if (te->kind == Node::K::Star) te = static_cast<StarExpr*>(te)->x;
      std::string name;
      if (te->kind == Node::K::Ident) name = static_cast<Ident*>(te)->name;
      if (te->kind == Node::K::Selector) name = static_cast<SelectorExpr*>(te)->sel->name;
      const Type* base = t->kind == TK::Pointer ? t->elem : t;
      if (t->kind == TK::Pointer && base->kind == TK::Named && base->underlying_ &&
          (base->underlying_->kind == TK::Pointer || base->underlying_->kind == TK::Interface)) {
        error(f.pos, "embedded field type cannot be a pointer to an interface");
      }
      add(name, f.pos, true);
    } else {
      for (Ident* id : f.names) add(id->name, id->pos, false);
    }
  }
  return T_.strukt(std::move(fields));
}

const Type* Checker::interface_type(InterfaceTypeExpr* it) {
  if (it->constraint) {
    error(it->pos, "interface with type constraints (generics) is outside gort's Go subset");
    return T_.invalid();
  }
  std::vector<IfaceMethod> methods;
  std::set<std::string> names;
  auto add = [&](const IfaceMethod& m, Pos pos, bool embedded) {
    if (!names.insert(m.name).second) {
      if (embedded) {
        // Identical methods through two embedded interfaces are fine.
        for (const IfaceMethod& x : methods) {
          if (x.name == m.name && x.sig == m.sig) return;
        }
      }
      error(pos, "duplicate method " + m.name);
      return;
    }
    methods.push_back(m);
  };
  for (Field& f : it->methods) {
    if (!f.names.empty()) {
      FuncVars vars;
      const Type* sig = signature(static_cast<FuncTypeExpr*>(f.type), nullptr, &vars);
      add({f.names[0]->name, sig, pkg_}, f.names[0]->pos, false);
      continue;
    }
    const Type* e = typexpr(f.type);
    if (e == T_.invalid()) continue;
    const Type* u = e->underlying();
    if (!u) {
      error(f.pos, "invalid recursive type: interface embeds itself");
      continue;
    }
    if (u->kind != TK::Interface) {
      error(f.pos, "interface contains type constraints (generics are outside gort's Go subset)");
      continue;
    }
    for (const IfaceMethod& m : u->methods) add(m, f.pos, true);
  }
  return T_.iface(std::move(methods));
}

// ---------------------------------------------------------------- lookup

Selection Checker::lookup(const Type* t, const std::string& name, bool* ambiguous,
                          bool* ptr_recv_miss) {
  *ambiguous = false;
  if (ptr_recv_miss) *ptr_recv_miss = false;
  Selection none;
  none.obj = nullptr;
  if (name == "_") return none;
  bool is_ptr = false;
  if (t->kind == TK::Pointer) {
    t = t->elem;
    is_ptr = true;
  } else if (t->kind == TK::Named && t->underlying() && t->underlying()->kind == TK::Pointer) {
    // A named pointer type has no methods; its base's fields are reachable.
    t = t->underlying()->elem;
    is_ptr = true;
  }
  struct Entry {
    const Type* t;
    std::vector<int> path;
    std::vector<bool> deref;
    bool indirect;
  };
  std::vector<Entry> current{{t, {}, {}, is_ptr}};
  std::set<const Type*> seen;
  while (!current.empty()) {
    std::vector<Entry> next;
    Selection found;
    int nfound = 0;
    for (Entry& e : current) {
      const Type* typ = e.t;
      if (typ->kind == TK::Named) {
        if (!seen.insert(typ).second) continue;
        if (typ->obj && typ->obj->state < 2) obj_decl(typ->obj);
        for (Object* m : typ->named_methods) {
          if (m->name == name) {
            nfound++;
            found.kind = Selection::Kind::Method;
            found.obj = m;
            found.path = e.path;
            found.deref = e.deref;
            found.indirect = e.indirect;
          }
        }
        typ = typ->underlying();
        if (!typ) continue;
      }
      if (typ->kind == TK::Struct) {
        for (std::size_t i = 0; i < typ->fields.size(); i++) {
          const StructField& f = typ->fields[i];
          if (f.name == name) {
            nfound++;
            found.kind = Selection::Kind::Field;
            found.path = e.path;
            found.path.push_back(static_cast<int>(i));
            found.deref = e.deref;
            found.deref.push_back(false);
            found.indirect = e.indirect;
            Object* fo = T_.object(ObjKind::Var, f.name, {}, f.type, f.pkg);
            fo->is_field = true;
            found.obj = fo;
          }
          if (f.embedded) {
            const Type* ft = f.type;
            bool ptr = ft->kind == TK::Pointer;
            if (ptr) ft = ft->elem;
            Entry n{ft, e.path, e.deref, e.indirect || ptr};
            n.path.push_back(static_cast<int>(i));
            n.deref.push_back(ptr);
            next.push_back(std::move(n));
          }
        }
      } else if (typ->kind == TK::Interface) {
        for (const IfaceMethod& m : typ->methods) {
          if (m.name == name) {
            nfound++;
            found.kind = Selection::Kind::Method;
            Object* mo = T_.object(ObjKind::Func, m.name, {}, m.sig, m.pkg);
            found.obj = mo;
            found.path = e.path;
            found.deref = e.deref;
            found.indirect = e.indirect;
          }
        }
      }
    }
    if (nfound > 1) {
      *ambiguous = true;
      return none;
    }
    if (nfound == 1) {
      if (found.kind == Selection::Kind::Method && found.obj->ptr_recv && !found.indirect &&
          ptr_recv_miss) {
        *ptr_recv_miss = true;
      }
      found.recv = t;
      return found;
    }
    current = std::move(next);
  }
  return none;
}

std::vector<MethodEntry> Checker::method_set(const Type* t) {
  auto it = info_.msets.find(t);
  if (it != info_.msets.end()) return it->second;
  std::vector<MethodEntry> out;
  if (is_interface(t)) {
    info_.msets[t] = out;
    return out;
  }
  // Candidate names: every method reachable through embedding.
  std::set<std::string> names;
  std::vector<const Type*> stack{t->kind == TK::Pointer ? t->elem : t};
  std::set<const Type*> seen;
  while (!stack.empty()) {
    const Type* x = stack.back();
    stack.pop_back();
    if (!seen.insert(x).second) continue;
    if (x->kind == TK::Named) {
      for (Object* m : x->named_methods) names.insert(m->name);
    }
    const Type* u = x->underlying();
    if (!u) continue;
    if (u->kind == TK::Interface) {
      for (const IfaceMethod& m : u->methods) names.insert(m.name);
    }
    if (u->kind == TK::Struct) {
      for (const StructField& f : u->fields) {
        if (f.embedded) stack.push_back(f.type->kind == TK::Pointer ? f.type->elem : f.type);
      }
    }
  }
  bool is_ptr = t->kind == TK::Pointer;
  for (const std::string& n : names) {
    bool amb = false, miss = false;
    Selection s = lookup(t, n, &amb, &miss);
    if (amb || !s.obj || s.kind != Selection::Kind::Method) continue;
    // A pointer-receiver method is in T's set only when reached through an
    // embedded pointer; every method is in *T's.
    if (s.obj->ptr_recv && !is_ptr && !s.indirect) continue;
    out.push_back({n, s.obj, s.path, s.deref});
  }
  info_.msets[t] = out;
  return out;
}

bool Checker::implements(const Type* t, const Type* iface, std::string* why) {
  const Type* iu = iface->underlying();
  if (!iu || iu->kind != TK::Interface) return false;
  if (t == T_.invalid()) return true;
  const Type* tu = t->underlying();
  if (tu && tu->kind == TK::Interface) {
    for (const IfaceMethod& m : iu->methods) {
      bool ok = false;
      for (const IfaceMethod& x : tu->methods) {
        if (x.name == m.name && x.sig == m.sig) ok = true;
      }
      if (!ok) {
        if (why)
          *why =
              tstr(t) + " does not implement " + tstr(iface) + " (missing method " + m.name + ")";
        return false;
      }
    }
    return true;
  }
  for (const IfaceMethod& m : iu->methods) {
    bool amb = false, miss = false;
    Selection s = lookup(t, m.name, &amb, &miss);
    if (!s.obj || s.kind != Selection::Kind::Method) {
      if (why) {
        *why = tstr(t) + " does not implement " + tstr(iface) + " (missing method " + m.name + ")";
      }
      return false;
    }
    if (s.obj->type != m.sig) {
      if (why) {
        *why = tstr(t) + " does not implement " + tstr(iface) + " (wrong type for method " +
               m.name + ")\n\t\thave " + m.name + type_string(s.obj->type, false).substr(4) +
               "\n\t\twant " + m.name + type_string(m.sig, false).substr(4);
      }
      return false;
    }
    if (s.obj->ptr_recv && t->kind != TK::Pointer && !s.indirect) {
      if (why) {
        *why = tstr(t) + " does not implement " + tstr(iface) + " (method " + m.name +
               " has pointer receiver)";
      }
      return false;
    }
  }
  return true;
}

std::string Checker::missing_method_reason(const Type* t, const Type* iface) {
  std::string why;
  implements(t, iface, &why);
  return why;
}

// ---------------------------------------------------------------- assignability

bool Checker::assignable(const Expr* x, const Type* t, std::string* reason) {
  const Type* v = x->tv.type;
  if (!v || v == T_.invalid() || t == T_.invalid()) return true;
  if (v == t) return true;
  if (is_untyped(v)) {
    if (v->kind == TK::UntypedNil) return has_nil(t);
    const Type* tu = t->underlying();
    if (tu->kind == TK::Interface)
      return tu->methods.empty() || implements(default_type(v), t, reason);
    if (v->kind == TK::UntypedBool) return is_boolean(t);
    if (v->kind == TK::UntypedString) return is_string(t);
    return is_numeric(t);
  }
  const Type* vu = v->underlying();
  const Type* tu = t->underlying();
  // Identical underlying types and at least one of them not named.
  if (vu == tu && (v->kind != TK::Named || t->kind != TK::Named) && tu->kind > TK::UntypedNil) {
    return true;
  }
  if (tu->kind == TK::Interface) {
    return implements(v, t, reason);
  }
  // A bidirectional channel to a channel type with the same element.
  if (vu->kind == TK::Chan && vu->dir == ChanDir::Both && tu->kind == TK::Chan &&
      vu->elem == tu->elem && (v->kind != TK::Named || t->kind != TK::Named)) {
    return true;
  }
  return false;
}

bool Checker::convertible(const Expr* x, const Type* t) {
  if (assignable(x, t, nullptr)) return true;
  const Type* v = x->tv.type;
  const Type* vu = v->underlying();
  const Type* tu = t->underlying();
  auto strip_tags = [&](const Type* s) -> const Type* {
    if (s->kind != TK::Struct) return s;
    std::vector<StructField> f = s->fields;
    for (StructField& x2 : f) x2.tag.clear();
    return T_.strukt(std::move(f));
  };
  if (strip_tags(vu) == strip_tags(tu)) return true;
  if (vu->kind == TK::Pointer && tu->kind == TK::Pointer &&
      strip_tags(vu->elem->underlying()) == strip_tags(tu->elem->underlying())) {
    return true;
  }
  if (is_numeric(v) && is_numeric(t)) return true;
  if (is_string(t)) {
    if (is_integer(v)) return true;
    if (vu->kind == TK::Slice) {
      TK ek = vu->elem->underlying()->kind;
      if (ek == TK::Uint8 || ek == TK::Int32) return true;
    }
  }
  if (is_string(v) && tu->kind == TK::Slice) {
    TK ek = tu->elem->underlying()->kind;
    if (ek == TK::Uint8 || ek == TK::Int32) return true;
  }
  // Slice to array (pointer): Go 1.17/1.20.
  if (vu->kind == TK::Slice && tu->kind == TK::Array && vu->elem == tu->elem) return true;
  if (vu->kind == TK::Slice && tu->kind == TK::Pointer &&
      tu->elem->underlying()->kind == TK::Array && tu->elem->underlying()->elem == vu->elem) {
    return true;
  }
  return false;
}

}  // namespace gort::golang
