// The checker's expressions: operands, untyped constants (the spec's
// conversion of untyped operands to the type their context gives them),
// operators with constant folding, selectors, indexing, literals.
#include <algorithm>
#include <cmath>
#include <set>

#include "checker.hpp"

namespace gort::golang {

namespace {

void write_expr(std::string& out, const Expr* e);

void write_list(std::string& out, const std::vector<Expr*>& l) {
  for (std::size_t i = 0; i < l.size(); i++) {
    if (i) out += ", ";
    write_expr(out, l[i]);
  }
}

void write_fields(std::string& out, const std::vector<Field>& fs) {
  for (std::size_t i = 0; i < fs.size(); i++) {
    if (i) out += ", ";
    for (std::size_t j = 0; j < fs[i].names.size(); j++) {
      if (j) out += ", ";
      out += fs[i].names[j]->name;
    }
    if (!fs[i].names.empty()) out += ' ';
    write_expr(out, fs[i].type);
  }
}

void write_sig(std::string& out, const FuncTypeExpr* f) {
  out += '(';
  write_fields(out, f->params);
  out += ')';
  if (f->results.size() == 1 && f->results[0].names.empty()) {
    out += ' ';
    write_expr(out, f->results[0].type);
  } else if (!f->results.empty()) {
    out += " (";
    write_fields(out, f->results);
    out += ')';
  }
}

void write_expr(std::string& out, const Expr* e) {
  if (!e) return;
  switch (e->kind) {
    case Node::K::Ident:
      out += static_cast<const Ident*>(e)->name;
      return;
    case Node::K::BasicLit:
      out += static_cast<const BasicLit*>(e)->text;
      return;
    case Node::K::CompositeLit: {
      auto* c = static_cast<const CompositeLit*>(e);
      write_expr(out, c->type);
      out += c->elts.empty() ? "{}" : "{…}";
      return;
    }
    case Node::K::FuncLit:
      out += "func";
      write_sig(out, static_cast<const FuncLit*>(e)->type);
      out += " {…}";
      return;
    case Node::K::Paren:
      out += '(';
      write_expr(out, static_cast<const ParenExpr*>(e)->x);
      out += ')';
      return;
    case Node::K::Selector: {
      auto* s = static_cast<const SelectorExpr*>(e);
      write_expr(out, s->x);
      out += '.';
      out += s->sel->name;
      return;
    }
    case Node::K::Index: {
      auto* x = static_cast<const IndexExpr*>(e);
      write_expr(out, x->x);
      out += '[';
      write_expr(out, x->index);
      out += ']';
      return;
    }
    case Node::K::Slice: {
      auto* s = static_cast<const SliceExpr*>(e);
      write_expr(out, s->x);
      out += '[';
      write_expr(out, s->lo);
      out += ':';
      write_expr(out, s->hi);
      if (s->slice3) {
        out += ':';
        write_expr(out, s->max);
      }
      out += ']';
      return;
    }
    case Node::K::TypeAssert: {
      auto* t = static_cast<const TypeAssertExpr*>(e);
      write_expr(out, t->x);
      out += ".(";
      if (t->type) {
        write_expr(out, t->type);
      } else {
        out += "type";
      }
      out += ')';
      return;
    }
    case Node::K::Call: {
      auto* c = static_cast<const CallExpr*>(e);
      write_expr(out, c->fun);
      out += '(';
      write_list(out, c->args);
      if (c->ellipsis.valid()) out += "...";
      out += ')';
      return;
    }
    case Node::K::Star:
      out += '*';
      write_expr(out, static_cast<const StarExpr*>(e)->x);
      return;
    case Node::K::Unary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      out += tok_string(u->op);
      write_expr(out, u->x);
      return;
    }
    case Node::K::Binary: {
      auto* b = static_cast<const BinaryExpr*>(e);
      write_expr(out, b->x);
      out += ' ';
      out += tok_string(b->op);
      out += ' ';
      write_expr(out, b->y);
      return;
    }
    case Node::K::KeyValue: {
      auto* kv = static_cast<const KeyValueExpr*>(e);
      write_expr(out, kv->key);
      out += ": ";
      write_expr(out, kv->value);
      return;
    }
    case Node::K::ArrayType: {
      auto* a = static_cast<const ArrayTypeExpr*>(e);
      out += '[';
      if (a->len && a->len->kind == Node::K::Ellipsis) {
        out += "...";
      } else {
        write_expr(out, a->len);
      }
      out += ']';
      write_expr(out, a->elt);
      return;
    }
    case Node::K::StructType:
      out += "struct{…}";
      return;
    case Node::K::FuncType:
      out += "func";
      write_sig(out, static_cast<const FuncTypeExpr*>(e));
      return;
    case Node::K::InterfaceType:
      out += static_cast<const InterfaceTypeExpr*>(e)->methods.empty() ? "interface{}"
                                                                       : "interface{…}";
      return;
    case Node::K::MapType: {
      auto* m = static_cast<const MapTypeExpr*>(e);
      out += "map[";
      write_expr(out, m->key);
      out += ']';
      write_expr(out, m->value);
      return;
    }
    case Node::K::ChanType: {
      auto* c = static_cast<const ChanTypeExpr*>(e);
      out += c->dir == ChanDir::Recv ? "<-chan " : c->dir == ChanDir::Send ? "chan<- " : "chan ";
      write_expr(out, c->value);
      return;
    }
    case Node::K::Ellipsis:
      out += "...";
      write_expr(out, static_cast<const EllipsisExpr*>(e)->elt);
      return;
    default:
      out += "_";
  }
}

}  // namespace

std::string expr_string(const Expr* e) {
  std::string s;
  write_expr(s, e);
  return s;
}

std::string Checker::describe(const Expr* e) {
  std::string expr = expr_string(e);
  const TypeAndValue& tv = e->tv;
  if (tv.type && tv.type->kind == TK::UntypedNil) return "nil";
  std::string s = expr + " (";
  bool has_type = false;
  switch (tv.mode) {
    case Mode::Invalid:
    case Mode::NoValue:
    case Mode::Builtin:
    case Mode::TypeExpr:
      break;
    default:
      if (tv.type && is_untyped(tv.type)) {
        s += type_string(tv.type, false) + " ";
      } else if (tv.type) {
        has_type = true;
      }
  }
  switch (tv.mode) {
    case Mode::Invalid:
      s += "invalid operand";
      break;
    case Mode::NoValue:
      s += "no value";
      break;
    case Mode::Builtin:
      s += "built-in";
      break;
    case Mode::TypeExpr:
      s += "type";
      break;
    case Mode::Constant:
      s += "constant";
      break;
    case Mode::Variable:
      s += "variable";
      break;
    case Mode::MapIndex:
      s += "map index expression";
      break;
    case Mode::Value:
      s += "value";
      break;
    case Mode::CommaOk:
      s += "comma, ok expression";
      break;
  }
  if (tv.mode == Mode::Constant) {
    std::string v = tv.val.text();
    if (v != expr) s += " " + v;
  }
  if (has_type) s += " of type " + tstr(tv.type);
  return s + ")";
}

// ---------------------------------------------------------------- entry points

void Checker::expr(Expr* e, const Type* hint) {
  rawexpr(e, hint);
  switch (e->tv.mode) {
    case Mode::NoValue:
      error(e->pos, expr_string(e) + " (no value) used as value");
      e->tv.mode = Mode::Invalid;
      break;
    case Mode::Builtin:
      error(e->pos, expr_string(e) + " (built-in) must be called");
      e->tv.mode = Mode::Invalid;
      break;
    case Mode::TypeExpr:
      error(e->pos, expr_string(e) + " (type) is not an expression");
      e->tv.mode = Mode::Invalid;
      break;
    default:
      if (e->tv.type && e->tv.type->kind == TK::Tuple) {
        error(e->pos, "multiple-value " + expr_string(e) + " (value of type " + tstr(e->tv.type) +
                          ") in single-value context");
        e->tv.mode = Mode::Invalid;
      }
  }
  if (e->tv.mode == Mode::Invalid) e->tv.type = T_.invalid();
}

void Checker::multi_expr(Expr* e) {
  rawexpr(e, nullptr);
  if (e->tv.mode == Mode::NoValue || e->tv.mode == Mode::Builtin || e->tv.mode == Mode::TypeExpr) {
    Mode m = e->tv.mode;
    error(e->pos, expr_string(e) + (m == Mode::NoValue   ? " (no value) used as value"
                                    : m == Mode::Builtin ? " (built-in) must be called"
                                                         : " (type) is not an expression"));
    e->tv.mode = Mode::Invalid;
    e->tv.type = T_.invalid();
  }
}

void Checker::expr_or_type(Expr* e) {
  rawexpr(e, nullptr);
  if (e->tv.mode == Mode::NoValue) {
    error(e->pos, expr_string(e) + " (no value) used as value");
    e->tv.mode = Mode::Invalid;
  }
}

void Checker::use_var(Object* o, Pos) {
  o->used = true;
  // A variable of an enclosing function: captured by every literal in between.
  if (!o->is_global && o->func && fn_ && o->func != fn_->obj) {
    o->escapes = true;
    for (Func* f = fn_; f && f->obj != o->func; f = f->outer) {
      if (!f->lit) break;
      auto& caps = f->lit->captures;
      if (std::find(caps.begin(), caps.end(), o) == caps.end()) caps.push_back(o);
    }
  }
}

void Checker::rawexpr(Expr* e, const Type* hint) {
  e->tv = {};
  switch (e->kind) {
    case Node::K::Bad:
      return;
    case Node::K::Ident:
      ident(static_cast<Ident*>(e), false);
      return;
    case Node::K::BasicLit:
      basic_lit(static_cast<BasicLit*>(e));
      return;
    case Node::K::CompositeLit:
      composite_lit(static_cast<CompositeLit*>(e), hint);
      return;
    case Node::K::FuncLit:
      func_lit(static_cast<FuncLit*>(e));
      return;
    case Node::K::Paren: {
      Expr* x = static_cast<ParenExpr*>(e)->x;
      rawexpr(x, hint);
      e->tv = x->tv;
      return;
    }
    case Node::K::Selector:
      selector(static_cast<SelectorExpr*>(e));
      return;
    case Node::K::Index:
      index(static_cast<IndexExpr*>(e));
      return;
    case Node::K::Slice:
      slice_expr(static_cast<SliceExpr*>(e));
      return;
    case Node::K::TypeAssert:
      type_assert(static_cast<TypeAssertExpr*>(e));
      return;
    case Node::K::Call:
      call(static_cast<CallExpr*>(e), hint);
      return;
    case Node::K::Star: {
      auto* s = static_cast<StarExpr*>(e);
      expr_or_type(s->x);
      if (s->x->tv.mode == Mode::Invalid) return;
      if (s->x->tv.mode == Mode::TypeExpr) {
        e->tv = {Mode::TypeExpr, T_.pointer(s->x->tv.type), {}};
        return;
      }
      const Type* t = s->x->tv.type;
      if (t->kind == TK::UntypedNil) {
        error(e->pos, "invalid operation: cannot indirect nil");
        return;
      }
      if (t->underlying()->kind != TK::Pointer) {
        error(e->pos, "invalid operation: cannot indirect " + describe(s->x));
        return;
      }
      e->tv = {Mode::Variable, t->underlying()->elem, {}};
      return;
    }
    case Node::K::Unary:
      unary(static_cast<UnaryExpr*>(e), hint);
      return;
    case Node::K::Binary:
      binary(static_cast<BinaryExpr*>(e), hint);
      return;
    case Node::K::KeyValue:
      error(e->pos, "unexpected key:value expression");
      return;
    case Node::K::ArrayType:
    case Node::K::StructType:
    case Node::K::FuncType:
    case Node::K::InterfaceType:
    case Node::K::MapType:
    case Node::K::ChanType: {
      const Type* t = typexpr(e);
      if (t != T_.invalid()) e->tv = {Mode::TypeExpr, t, {}};
      return;
    }
    case Node::K::Ellipsis:
      error(e->pos, "invalid use of ...");
      return;
    default:
      error(e->pos, "unexpected expression");
  }
}

void Checker::ident(Ident* id, bool) {
  if (id->name == "_") {
    error(id->pos, "cannot use _ as value");
    return;
  }
  Object* o = scope_->lookup(id->name);
  if (!o) {
    error(id->pos, "undefined: " + id->name);
    return;
  }
  id->obj = o;
  switch (o->kind) {
    case ObjKind::Var:
      if (o->pkg == pkg_ && o->is_global && decl_obj_) deps_[decl_obj_].push_back(o);
      if (!o->type) obj_decl(o);
      use_var(o, id->pos);
      id->tv = {Mode::Variable, o->type ? o->type : T_.invalid(), {}};
      if (id->tv.type == T_.invalid()) id->tv.mode = Mode::Invalid;
      return;
    case ObjKind::Const:
      if (o->pkg == pkg_) obj_decl(o);
      o->used = true;
      if (!o->type || o->type == T_.invalid()) return;
      if (o->name == "iota" && !o->pos.valid()) {
        if (iota_ < 0) {
          error(id->pos, "cannot use iota outside constant declaration");
          return;
        }
        id->tv = {Mode::Constant, o->type, Const::of_int(iota_)};
        return;
      }
      id->tv = {Mode::Constant, o->type, o->val};
      return;
    case ObjKind::TypeName:
      if (o->pkg == pkg_) obj_decl(o);
      o->used = true;
      if (!o->type || o->type == T_.invalid()) return;
      id->tv = {Mode::TypeExpr, o->type, {}};
      return;
    case ObjKind::Func:
      if (o->pkg == pkg_) {
        obj_decl(o);
        if (decl_obj_) deps_[decl_obj_].push_back(o);
      }
      o->used = true;
      if (!o->type) return;
      id->tv = {Mode::Value, o->type, {}};
      return;
    case ObjKind::PkgName:
      error(id->pos, "use of package " + o->name + " without selector");
      o->used = true;
      return;
    case ObjKind::Builtin:
      id->tv = {Mode::Builtin, T_.invalid(), {}};
      return;
    case ObjKind::Nil:
      id->tv = {Mode::Value, T_.basic(TK::UntypedNil), {}};
      return;
    default:
      return;
  }
}

void Checker::basic_lit(BasicLit* lit) {
  if (lit->tok == Tok::Imag) {
    error(lit->pos, "complex numbers (" + lit->text + ") are outside gort's Go subset");
    return;
  }
  Const v = Const::from_literal(lit->tok, lit->text);
  if (!v.known()) return;  // the scanner reported it
  const Type* t = lit->tok == Tok::Int     ? T_.basic(TK::UntypedInt)
                  : lit->tok == Tok::Float ? T_.basic(TK::UntypedFloat)
                  : lit->tok == Tok::Char  ? T_.basic(TK::UntypedRune)
                                           : T_.basic(TK::UntypedString);
  if (v.overflow) {
    error(lit->pos, "constant overflow");
    return;
  }
  lit->tv = {Mode::Constant, t, v};
}

void Checker::func_lit(FuncLit* fl) {
  Object* o = T_.object(ObjKind::Func, "", fl->pos, nullptr, pkg_);
  fl->obj = o;
  // Name: the enclosing function's, then funcN (Go's closure names).
  std::string outer = cur_func_name_;
  int n = ++lit_counter_;
  fl->name = outer + (outer.find(".func") == std::string::npos ? ".func" : ".") + std::to_string(n);
  o->name = fl->name;
  FuncVars& vars = info_.func_vars[fl->type];
  Func f{o, fl, nullptr, fn_, {}};
  Func* saved = fn_;
  fn_ = &f;
  const Type* sig = signature(fl->type, nullptr, &vars);
  fn_ = saved;
  o->type = sig;
  std::string saved_name = cur_func_name_;
  int saved_counter = lit_counter_;
  cur_func_name_ = fl->name;
  lit_counter_ = 0;
  func_body(o, fl, sig, vars, fl->body);
  cur_func_name_ = saved_name;
  lit_counter_ = saved_counter;
  fl->tv = {Mode::Value, sig, {}};
}

// ---------------------------------------------------------------- composite literals

void Checker::composite_lit(CompositeLit* cl, const Type* hint) {
  const Type* t = nullptr;
  if (cl->type) {
    // [...]T: the length comes from the elements.
    if (cl->type->kind == Node::K::ArrayType && static_cast<ArrayTypeExpr*>(cl->type)->len &&
        static_cast<ArrayTypeExpr*>(cl->type)->len->kind == Node::K::Ellipsis) {
      const Type* elem = typexpr(static_cast<ArrayTypeExpr*>(cl->type)->elt);
      std::int64_t max = 0, i = 0;
      for (Expr* el : cl->elts) {
        if (el->kind == Node::K::KeyValue) {
          Expr* k = static_cast<KeyValueExpr*>(el)->key;
          expr(k);
          if (k->tv.mode == Mode::Constant && k->tv.val.to_int().known()) {
            i = static_cast<std::int64_t>(k->tv.val.to_int().i);
          }
        }
        i++;
        max = std::max(max, i);
      }
      t = T_.array(elem, max);
    } else {
      t = typexpr(cl->type);
    }
  } else if (hint) {
    t = hint;
    if (t->underlying()->kind == TK::Pointer) t = t->underlying()->elem;  // &T elided
  } else {
    error(cl->pos, "invalid composite literal type: missing type");
    return;
  }
  if (t == T_.invalid()) {
    for (Expr* el : cl->elts) {
      Expr* v = el->kind == Node::K::KeyValue ? static_cast<KeyValueExpr*>(el)->value : el;
      if (v->kind != Node::K::CompositeLit) rawexpr(v, nullptr);
    }
    return;
  }
  const Type* u = t->underlying();
  auto elem_value = [&](Expr* v, const Type* et, const char* ctx) {
    if (v->kind == Node::K::CompositeLit && !static_cast<CompositeLit*>(v)->type) {
      composite_lit(static_cast<CompositeLit*>(v), et);
      if (v->tv.mode != Mode::Invalid && et->underlying()->kind == TK::Pointer) {
        v->tv.type = et;  // &T{...} elided
      }
      return;
    }
    expr(v, et);
    assignment(v, et, ctx);
  };
  switch (u->kind) {
    case TK::Struct: {
      if (cl->elts.empty()) break;
      bool keyed = cl->elts[0]->kind == Node::K::KeyValue;
      if (keyed) {
        std::set<std::string> seen;
        for (Expr* el : cl->elts) {
          if (el->kind != Node::K::KeyValue) {
            error(el->pos, "mixture of field:value and value elements in struct literal");
            continue;
          }
          auto* kv = static_cast<KeyValueExpr*>(el);
          if (kv->key->kind != Node::K::Ident) {
            error(kv->key->pos,
                  "invalid field name " + expr_string(kv->key) + " in struct literal");
            continue;
          }
          const std::string& name = static_cast<Ident*>(kv->key)->name;
          int idx = -1;
          for (std::size_t i = 0; i < u->fields.size(); i++) {
            if (u->fields[i].name == name) idx = static_cast<int>(i);
          }
          if (idx < 0) {
            error(kv->key->pos, "unknown field " + name + " in struct literal of type " + tstr(t));
            rawexpr(kv->value, nullptr);
            continue;
          }
          if (!seen.insert(name).second) {
            error(kv->key->pos, "duplicate field name " + name + " in struct literal");
          }
          kv->key->tv = {Mode::Value, u->fields[static_cast<std::size_t>(idx)].type,
                         Const::of_int(idx)};
          elem_value(kv->value, u->fields[static_cast<std::size_t>(idx)].type, "struct literal");
        }
      } else {
        for (std::size_t i = 0; i < cl->elts.size(); i++) {
          Expr* el = cl->elts[i];
          if (el->kind == Node::K::KeyValue) {
            error(el->pos, "mixture of field:value and value elements in struct literal");
            continue;
          }
          if (i >= u->fields.size()) {
            error(el->pos, "too many values in struct literal of type " + tstr(t));
            break;
          }
          elem_value(el, u->fields[i].type, "struct literal");
        }
        if (cl->elts.size() < u->fields.size()) {
          error(cl->rbrace, "too few values in struct literal of type " + tstr(t));
        }
      }
      break;
    }
    case TK::Array:
    case TK::Slice: {
      std::int64_t i = 0;
      std::set<std::int64_t> seen;
      for (Expr* el : cl->elts) {
        Expr* v = el;
        if (el->kind == Node::K::KeyValue) {
          auto* kv = static_cast<KeyValueExpr*>(el);
          expr(kv->key);
          if (kv->key->tv.mode == Mode::Constant && is_numeric(kv->key->tv.type) &&
              kv->key->tv.val.to_int().known() && kv->key->tv.val.to_int().i >= 0) {
            i = static_cast<std::int64_t>(kv->key->tv.val.to_int().i);
          } else if (kv->key->tv.mode != Mode::Invalid) {
            error(kv->key->pos, "index " + expr_string(kv->key) + " must be integer constant");
          }
          v = kv->value;
        }
        if (u->kind == TK::Array && i >= u->len) {
          error(v->pos, "index " + std::to_string(i) +
                            " is out of bounds (>= " + std::to_string(u->len) + ")");
        }
        if (!seen.insert(i).second) {
          error(el->pos, "duplicate index " + std::to_string(i) + " in array or slice literal");
        }
        elem_value(v, u->elem, "array or slice literal");
        i++;
      }
      break;
    }
    case TK::Map: {
      std::set<std::string> keys;
      for (Expr* el : cl->elts) {
        if (el->kind != Node::K::KeyValue) {
          error(el->pos, "missing key in map literal");
          rawexpr(el, nullptr);
          continue;
        }
        auto* kv = static_cast<KeyValueExpr*>(el);
        elem_value(kv->key, u->key, "map literal");
        if (kv->key->tv.mode == Mode::Constant) {
          std::string k = kv->key->tv.val.text();
          if (!keys.insert(k).second) {
            error(kv->key->pos, "duplicate key " + k + " in map literal");
          }
        }
        elem_value(kv->value, u->elem, "map literal");
      }
      break;
    }
    default:
      error(cl->pos, "invalid composite literal type " + tstr(t));
      return;
  }
  cl->tv = {Mode::Value, t, {}};
}

// ---------------------------------------------------------------- selectors

void Checker::selector(SelectorExpr* se) {
  const std::string& sel = se->sel->name;
  if (se->x->kind == Node::K::Ident) {
    Object* o = scope_->lookup(static_cast<Ident*>(se->x)->name);
    if (o && o->kind == ObjKind::PkgName) {
      static_cast<Ident*>(se->x)->obj = o;
      o->used = true;
      Package* p = o->imported;
      Object* m = p->scope->lookup_local(sel);
      if (!m) {
        error(se->sel->pos, "undefined: " + expr_string(se));
        return;
      }
      if (!(sel[0] >= 'A' && sel[0] <= 'Z')) {
        error(se->sel->pos, "name " + sel + " not exported by package " + p->name);
        return;
      }
      se->sel->obj = m;
      Selection s;
      s.kind = Selection::Kind::Qualified;
      s.obj = m;
      info_.selections[se] = s;
      switch (m->kind) {
        case ObjKind::Const:
          se->tv = {Mode::Constant, m->type, m->val};
          return;
        case ObjKind::TypeName:
          se->tv = {Mode::TypeExpr, m->type, {}};
          return;
        case ObjKind::Var:
          se->tv = {Mode::Variable, m->type, {}};
          return;
        case ObjKind::Func:
          se->tv = {Mode::Value, m->type, {}};
          return;
        default:
          return;
      }
    }
  }
  expr_or_type(se->x);
  if (se->x->tv.mode == Mode::Invalid) return;
  const Type* t = se->x->tv.type;
  if (se->x->tv.mode == Mode::TypeExpr) {
    // A method expression T.m: a function taking the receiver first.
    bool amb = false, miss = false;
    Selection s = lookup(t, sel, &amb, &miss);
    if (!s.obj || s.kind != Selection::Kind::Method) {
      error(se->sel->pos,
            expr_string(se) + " undefined (type " + tstr(t) + " has no method " + sel + ")");
      return;
    }
    if (s.obj->ptr_recv && t->kind != TK::Pointer && !s.indirect) {
      error(se->sel->pos, "invalid method expression " + expr_string(se) +
                              " (needs pointer receiver (*" + tstr(t) + ")." + sel + ")");
      return;
    }
    const Type* sig = s.obj->type;
    std::vector<const Type*> params{t};
    for (const Type* p : sig->params) params.push_back(p);
    s.kind = Selection::Kind::MethodExpr;
    s.recv = t;
    info_.selections[se] = s;
    if (decl_obj_ && s.obj->pkg == pkg_) deps_[decl_obj_].push_back(s.obj);
    se->tv = {Mode::Value, T_.func(params, sig->results, sig->variadic), {}};
    return;
  }
  if (se->x->tv.mode == Mode::NoValue || se->x->tv.mode == Mode::Builtin) {
    error(se->x->pos, expr_string(se->x) + " is not an expression");
    return;
  }
  if (t->kind == TK::Tuple) {
    error(se->x->pos, "multiple-value " + expr_string(se->x) + " (value of type " + tstr(t) +
                          ") in single-value context");
    return;
  }
  if (t->kind == TK::UntypedNil) {
    error(se->pos, "use of untyped nil");
    return;
  }
  // Pointer to pointer has no fields.
  if (t->underlying()->kind == TK::Pointer &&
      t->underlying()->elem->underlying()->kind == TK::Pointer) {
    error(se->sel->pos,
          expr_string(se) + " undefined (type " + tstr(t) + " has no field or method " + sel + ")");
    return;
  }
  bool amb = false, miss = false;
  Selection s = lookup(t, sel, &amb, &miss);
  if (amb) {
    error(se->sel->pos, "ambiguous selector " + expr_string(se));
    return;
  }
  if (!s.obj) {
    std::string why = "type " + tstr(t) + " has no field or method " + sel;
    // Hint at a differently capitalised name, as Go does.
    std::string alt = sel;
    alt[0] = static_cast<char>(alt[0] >= 'a' && alt[0] <= 'z'   ? alt[0] - 32
                               : alt[0] >= 'A' && alt[0] <= 'Z' ? alt[0] + 32
                                                                : alt[0]);
    bool amb2 = false;
    Selection s2 = lookup(t, alt, &amb2, nullptr);
    if (s2.obj) {
      why += ", but does have " +
             std::string(s2.kind == Selection::Kind::Field ? "field " : "method ") + alt;
    }
    error(se->sel->pos, expr_string(se) + " undefined (" + why + ")");
    return;
  }
  s.recv = t;
  if (s.kind == Selection::Kind::Field) {
    bool addressable =
        se->x->tv.mode == Mode::Variable || s.indirect || t->underlying()->kind == TK::Pointer;
    se->tv = {addressable ? Mode::Variable : Mode::Value, s.obj->type, {}};
    info_.selections[se] = s;
    return;
  }
  // A method value or call.
  if (s.obj->ptr_recv && !s.indirect && t->underlying()->kind != TK::Pointer) {
    if (se->x->tv.mode != Mode::Variable) {
      error(se->pos, "cannot call pointer method " + sel + " on " + tstr(t));
      return;
    }
    mark_escape(se->x);
  }
  if (decl_obj_ && s.obj->pkg == pkg_) deps_[decl_obj_].push_back(s.obj);
  info_.selections[se] = s;
  se->tv = {Mode::Value, s.obj->type, {}};
}

void Checker::mark_escape(Expr* e) {
  // &x, or a pointer method on x: the variable at the root of x (through
  // fields and array elements, not through pointers or slices) lives in a
  // heap cell.
  e = unparen(e);
  for (;;) {
    if (e->kind == Node::K::Ident) {
      Object* o = static_cast<Ident*>(e)->obj;
      if (o && o->kind == ObjKind::Var) o->escapes = true;
      return;
    }
    if (e->kind == Node::K::Selector) {
      auto* se = static_cast<SelectorExpr*>(e);
      auto it = info_.selections.find(se);
      if (it == info_.selections.end() || it->second.indirect ||
          se->x->tv.type->underlying()->kind == TK::Pointer) {
        return;
      }
      e = unparen(se->x);
      continue;
    }
    if (e->kind == Node::K::Index) {
      auto* ix = static_cast<IndexExpr*>(e);
      if (ix->x->tv.type && ix->x->tv.type->underlying()->kind == TK::Array) {
        e = unparen(ix->x);
        continue;
      }
      return;
    }
    return;
  }
}

// ---------------------------------------------------------------- index, slice, assert

std::int64_t Checker::const_index(Expr* e, std::int64_t max, bool) {
  // An index: integer typed or an untyped constant representable as int.
  expr(e);
  if (e->tv.mode == Mode::Invalid) return -1;
  if (e->tv.mode == Mode::Constant && is_untyped(e->tv.type)) {
    if (!e->tv.val.to_int().known()) {
      error(e->pos, "invalid argument: index " + describe(e) + " must be integer");
      return -1;
    }
    convert_untyped(e, T_.basic(TK::Int));
    if (e->tv.mode == Mode::Invalid) return -1;
  }
  if (!is_integer(e->tv.type)) {
    error(e->pos, "invalid argument: index " + describe(e) + " must be integer");
    return -1;
  }
  if (e->tv.mode == Mode::Constant) {
    i128 v = e->tv.val.to_int().i;
    if (v < 0) {
      error(e->pos, "invalid argument: index " + describe(e) + " must not be negative");
      return -1;
    }
    if (max >= 0 && v >= max) {
      error(e->pos, "invalid argument: index " + expr_string(e) +
                        " out of bounds [0:" + std::to_string(max) + "]");
      return -1;
    }
    return static_cast<std::int64_t>(v);
  }
  return -1;
}

void Checker::index(IndexExpr* ix) {
  expr_or_type(ix->x);
  if (ix->x->tv.mode == Mode::Invalid) {
    rawexpr(ix->index, nullptr);
    return;
  }
  if (ix->x->tv.mode == Mode::TypeExpr || ix->multi) {
    error(ix->pos, "generic type instantiation " + expr_string(ix) +
                       ": type parameters (generics) are outside gort's Go subset");
    return;
  }
  if (ix->x->tv.mode == Mode::Value && ix->x->tv.type->kind == TK::Func) {
    error(ix->pos, "generic function instantiation " + expr_string(ix) +
                       ": type parameters (generics) are outside gort's Go subset");
    return;
  }
  const Type* t = ix->x->tv.type;
  const Type* u = t->underlying();
  switch (u->kind) {
    case TK::String:
    case TK::UntypedString: {
      std::int64_t n =
          ix->x->tv.mode == Mode::Constant ? static_cast<std::int64_t>(ix->x->tv.val.s.size()) : -1;
      std::int64_t i = const_index(ix->index, n, true);
      if (ix->x->tv.mode == Mode::Constant && i >= 0) {
        ix->tv = {Mode::Constant, T_.basic(TK::Uint8),
                  Const::of_int(
                      static_cast<unsigned char>(ix->x->tv.val.s[static_cast<std::size_t>(i)]))};
        return;
      }
      if (is_untyped(t)) convert_untyped(ix->x, T_.basic(TK::String));
      ix->tv = {Mode::Value, T_.basic(TK::Uint8), {}};
      return;
    }
    case TK::Array:
      const_index(ix->index, u->len, true);
      ix->tv = {ix->x->tv.mode == Mode::Variable ? Mode::Variable : Mode::Value, u->elem, {}};
      return;
    case TK::Pointer:
      if (u->elem->underlying()->kind == TK::Array) {
        const_index(ix->index, u->elem->underlying()->len, true);
        ix->tv = {Mode::Variable, u->elem->underlying()->elem, {}};
        return;
      }
      break;
    case TK::Slice:
      const_index(ix->index, -1, true);
      ix->tv = {Mode::Variable, u->elem, {}};
      return;
    case TK::Map:
      expr(ix->index, u->key);
      assignment(ix->index, u->key, "map index");
      ix->tv = {Mode::MapIndex, u->elem, {}};
      return;
    default:
      break;
  }
  error(ix->pos, "invalid operation: cannot index " + describe(ix->x));
  rawexpr(ix->index, nullptr);
}

void Checker::slice_expr(SliceExpr* se) {
  expr(se->x);
  if (se->x->tv.mode == Mode::Invalid) return;
  const Type* t = se->x->tv.type;
  const Type* u = t->underlying();
  const Type* result = nullptr;
  std::int64_t len = -1;
  switch (u->kind) {
    case TK::String:
    case TK::UntypedString:
      if (se->slice3) {
        error(se->pos, "invalid operation: 3-index slice of string");
        return;
      }
      if (se->x->tv.mode == Mode::Constant) len = static_cast<std::int64_t>(se->x->tv.val.s.size());
      if (is_untyped(t)) {
        convert_untyped(se->x, T_.basic(TK::String));
        t = T_.basic(TK::String);
      }
      result = t;
      break;
    case TK::Array:
      if (se->x->tv.mode != Mode::Variable) {
        error(se->pos,
              "invalid operation: " + expr_string(se->x) + " (slice of unaddressable value)");
        return;
      }
      mark_escape(se->x);
      result = T_.slice(u->elem);
      len = u->len;
      break;
    case TK::Pointer:
      if (u->elem->underlying()->kind == TK::Array) {
        result = T_.slice(u->elem->underlying()->elem);
        len = u->elem->underlying()->len;
        break;
      }
      [[fallthrough]];
    case TK::Slice:
      if (u->kind == TK::Slice) {
        result = t;
        break;
      }
      [[fallthrough]];
    default:
      error(se->pos, "cannot slice " + describe(se->x));
      return;
  }
  std::int64_t prev = 0;
  for (Expr* e : {se->lo, se->hi, se->max}) {
    if (!e) continue;
    std::int64_t v = const_index(e, len >= 0 ? len + 1 : -1, true);
    if (v >= 0) {
      if (v < prev) {
        error(e->pos, "invalid slice indices: " + std::to_string(v) + " < " + std::to_string(prev));
      }
      prev = v;
    }
  }
  se->tv = {Mode::Value, result, {}};
}

void Checker::type_assert(TypeAssertExpr* ta) {
  expr(ta->x);
  if (!ta->type) {
    error(ta->pos, "invalid syntax tree: use of .(type) outside type switch");
    return;
  }
  const Type* t = typexpr(ta->type);
  if (ta->x->tv.mode == Mode::Invalid || t == T_.invalid()) return;
  const Type* xt = ta->x->tv.type;
  if (!is_interface(xt)) {
    error(ta->x->pos, "invalid operation: " + expr_string(ta->x) + " (" +
                          (ta->x->tv.mode == Mode::Variable ? "variable" : "value") + " of type " +
                          tstr(xt) + ") is not an interface");
    return;
  }
  if (!is_interface(t)) {
    std::string why;
    if (!implements(t, xt, &why)) {
      error(ta->type->pos, "impossible type assertion: " + expr_string(ta) + "\n\t" + why);
      return;
    }
  }
  ta->tv = {Mode::CommaOk, t, {}};
}

// ---------------------------------------------------------------- operators

void Checker::unary(UnaryExpr* u, const Type* hint) {
  if (u->op == Tok::And) {
    Expr* x = unparen(u->x);
    if (x->kind == Node::K::CompositeLit) {
      const Type* h =
          hint && hint->underlying()->kind == TK::Pointer ? hint->underlying()->elem : nullptr;
      rawexpr(x, h);
      u->x->tv = x->tv;
      if (x->tv.mode == Mode::Invalid) return;
      u->tv = {Mode::Value, T_.pointer(x->tv.type), {}};
      return;
    }
    expr(u->x);
    if (u->x->tv.mode == Mode::Invalid) return;
    if (u->x->tv.mode != Mode::Variable) {
      error(u->pos, "invalid operation: cannot take address of " + describe(u->x));
      return;
    }
    mark_escape(u->x);
    u->tv = {Mode::Value, T_.pointer(u->x->tv.type), {}};
    return;
  }
  if (u->op == Tok::Arrow) {
    expr(u->x);
    if (u->x->tv.mode == Mode::Invalid) return;
    const Type* t = u->x->tv.type->underlying();
    if (t->kind != TK::Chan) {
      error(u->pos, "invalid operation: cannot receive from non-channel " + describe(u->x));
      return;
    }
    if (t->dir == ChanDir::Send) {
      error(u->pos, "invalid operation: cannot receive from send-only channel " + describe(u->x));
      return;
    }
    u->tv = {Mode::CommaOk, t->elem, {}};
    return;
  }
  if (u->op == Tok::Tilde) {
    error(u->pos, "cannot use ~ outside of interface or type constraint");
    return;
  }
  expr(u->x, hint);
  if (u->x->tv.mode == Mode::Invalid) return;
  const Type* t = u->x->tv.type;
  bool ok = true;
  switch (u->op) {
    case Tok::Add:
    case Tok::Sub:
      ok = is_numeric(t);
      break;
    case Tok::Xor:
      ok = is_integer(t);
      break;
    case Tok::Not:
      ok = is_boolean(t);
      break;
    default:
      ok = false;
  }
  if (!ok) {
    error(u->pos, "invalid operation: operator " + std::string(tok_string(u->op)) +
                      " not defined on " + describe(u->x));
    return;
  }
  if (u->x->tv.mode == Mode::Constant) {
    Const v = const_unary(u->op, u->x->tv.val);
    if (u->op == Tok::Xor && is_typed(t) && is_unsigned(t)) {
      // ^x on an unsigned type flips its bits only.
      int bits = int_bits(t);
      i128 mask = (static_cast<i128>(1) << bits) - 1;
      v = Const::of_int(~u->x->tv.val.i & mask);
    }
    u->tv = {Mode::Constant, t, v};
    if (is_typed(t)) {
      std::string why;
      if (!representable(u, t, &why)) {
        error(u->pos, describe(u) + " overflows " + tstr(t));
        u->tv.mode = Mode::Invalid;
      }
    }
    return;
  }
  u->tv = {Mode::Value, t, {}};
}

bool Checker::representable(Expr* e, const Type* t, std::string* why) {
  const Const& v = e->tv.val;
  const Type* u = t->underlying();
  if (u->kind == TK::Interface) return true;
  if (is_boolean(u)) return v.kind == Const::Kind::Bool;
  if (is_string(u)) return v.kind == Const::Kind::String;
  if (is_integer(u)) {
    if (v.kind != Const::Kind::Int && v.kind != Const::Kind::Float) return false;
    Const iv = v.to_int();
    if (!iv.known()) {
      if (why) *why = "truncated";
      return false;
    }
    if (is_untyped(u)) return true;
    if (!iv.fits_int(int_bits(u), is_unsigned(u))) {
      if (why) *why = "overflows";
      return false;
    }
    e->tv.val = iv;
    return true;
  }
  if (is_float(u)) {
    if (v.kind != Const::Kind::Int && v.kind != Const::Kind::Float) return false;
    double d = v.as_double();
    if (u->kind == TK::Float32 && std::isfinite(d) && std::fabs(d) > 3.4028234663852886e38) {
      if (why) *why = "overflows";
      return false;
    }
    if (!std::isfinite(d) || v.overflow) {
      if (why) *why = "overflows";
      return false;
    }
    if (v.kind == Const::Kind::Int) e->tv.val = v.to_float();
    return true;
  }
  if (is_complex(u)) {
    if (why) *why = "complex";
    return false;
  }
  return false;
}

const Type* Checker::default_type(const Type* t) {
  switch (t->kind) {
    case TK::UntypedBool:
      return T_.basic(TK::Bool);
    case TK::UntypedInt:
      return T_.basic(TK::Int);
    case TK::UntypedRune:
      return T_.basic(TK::Int32);
    case TK::UntypedFloat:
      return T_.basic(TK::Float64);
    case TK::UntypedString:
      return T_.basic(TK::String);
    default:
      return t;
  }
}

// Sets the type of an untyped (non-constant or constant) expression and of
// the untyped operands it was computed from.
void Checker::set_untyped_type(Expr* e, const Type* target) {
  if (!e->tv.type || !is_untyped(e->tv.type)) return;
  e->tv.type = target;
  switch (e->kind) {
    case Node::K::Paren:
      set_untyped_type(static_cast<ParenExpr*>(e)->x, target);
      return;
    case Node::K::Unary:
      set_untyped_type(static_cast<UnaryExpr*>(e)->x, target);
      return;
    case Node::K::Binary: {
      auto* b = static_cast<BinaryExpr*>(e);
      Tok op = b->op;
      if (op == Tok::Eql || op == Tok::Neq || op == Tok::Lss || op == Tok::Leq || op == Tok::Gtr ||
          op == Tok::Geq) {
        return;  // the operands have their own types
      }
      if (op == Tok::Shl || op == Tok::Shr) {
        set_untyped_type(b->x, target);
        return;
      }
      set_untyped_type(b->x, target);
      set_untyped_type(b->y, target);
      return;
    }
    default:
      return;
  }
}

void Checker::convert_untyped(Expr* e, const Type* target) {
  if (e->tv.mode == Mode::Invalid || !is_untyped(e->tv.type) || target == T_.invalid()) return;
  const Type* from = e->tv.type;
  if (is_untyped(target)) {
    // Both untyped: the larger kind wins (int < rune < float).
    if (from->kind == TK::UntypedNil || target->kind == TK::UntypedNil) return;
    if (is_numeric(from) && is_numeric(target)) {
      if (from->kind < target->kind) {
        if (e->tv.mode == Mode::Constant && target->kind == TK::UntypedFloat) {
          e->tv.val = e->tv.val.to_float();
        }
        set_untyped_type(e, target);
      }
    }
    return;
  }
  const Type* tu = target->underlying();
  if (from->kind == TK::UntypedNil) {
    if (!has_nil(target)) {
      error(e->pos, "cannot convert nil to type " + tstr(target));
      e->tv.mode = Mode::Invalid;
      return;
    }
    e->tv.type = target;
    return;
  }
  if (tu->kind == TK::Interface) {
    const Type* d = default_type(from);
    if (e->tv.mode == Mode::Constant && d->kind == TK::Int) {
      std::string why;
      if (!representable(e, d, &why)) {
        error(e->pos, "cannot use " + expr_string(e) + " (untyped int constant " +
                          e->tv.val.text() + ") as int value in " + "assignment (overflows)");
        e->tv.mode = Mode::Invalid;
        return;
      }
    }
    if (e->tv.mode == Mode::Constant && d->kind == TK::Float64) e->tv.val = e->tv.val.to_float();
    set_untyped_type(e, d);
    return;
  }
  if (e->tv.mode == Mode::Constant) {
    std::string why;
    bool kind_ok = (is_boolean(from) && is_boolean(tu)) || (is_string(from) && is_string(tu)) ||
                   (is_numeric(from) && is_numeric(tu));
    if (!kind_ok || !representable(e, target, &why)) {
      if (kind_ok && why == "truncated") {
        error(e->pos, describe(e) + " truncated to " + tstr(target));
      } else if (kind_ok && why == "overflows") {
        error(e->pos, describe(e) + " overflows " + tstr(target));
      } else {
        error(e->pos, "cannot convert " + describe(e) + " to type " + tstr(target));
      }
      e->tv.mode = Mode::Invalid;
      return;
    }
    e->tv.type = target;
    return;
  }
  // Non-constant untyped values: comparisons (bool) and shifts of untyped constants.
  if (from->kind == TK::UntypedBool) {
    if (!is_boolean(tu)) {
      error(e->pos, "cannot convert " + describe(e) + " to type " + tstr(target));
      e->tv.mode = Mode::Invalid;
      return;
    }
  } else if (is_numeric(from)) {
    if (!is_integer(tu)) {
      error(e->pos, "invalid operation: shifted operand " + expr_string(e) + " (type " +
                        tstr(target) + ") must be integer");
      e->tv.mode = Mode::Invalid;
      return;
    }
  }
  set_untyped_type(e, target);
}

void Checker::assignment(Expr* e, const Type* t, const std::string& context) {
  if (e->tv.mode == Mode::Invalid || t == T_.invalid()) return;
  if (e->tv.type->kind == TK::Tuple) {
    error(e->pos, "multiple-value " + expr_string(e) + " (value of type " + tstr(e->tv.type) +
                      ") in single-value context");
    e->tv.mode = Mode::Invalid;
    return;
  }
  if (is_untyped(e->tv.type)) {
    const Type* target = t;
    if (e->tv.type->kind == TK::UntypedNil) {
      if (!has_nil(t)) {
        error(e->pos, "cannot use nil as " + tstr(t) + " value in " + context);
        e->tv.mode = Mode::Invalid;
        return;
      }
      e->tv.type = t;
      return;
    }
    if (is_interface(t)) target = default_type(e->tv.type);
    if (e->tv.mode == Mode::Constant) {
      const Type* tu = target->underlying();
      const Type* from = e->tv.type;
      bool kind_ok = (is_boolean(from) && is_boolean(tu)) || (is_string(from) && is_string(tu)) ||
                     (is_numeric(from) && is_numeric(tu));
      std::string why;
      if (!kind_ok || !representable(e, target, &why)) {
        std::string msg = "cannot use " + describe(e) + " as " + tstr(t) + " value in " + context;
        if (kind_ok && why == "truncated") msg += " (truncated)";
        if (kind_ok && why == "overflows") msg += " (overflows)";
        error(e->pos, msg);
        e->tv.mode = Mode::Invalid;
        return;
      }
      e->tv.type = target;
      if (!is_interface(t)) return;
    } else {
      convert_untyped(e, target);
      if (e->tv.mode == Mode::Invalid) return;
    }
  }
  std::string why;
  if (!assignable(e, t, &why)) {
    std::string msg = "cannot use " + describe(e) + " as " + tstr(t) + " value in " + context;
    if (!why.empty()) msg += ": " + why;
    error(e->pos, msg);
    e->tv.mode = Mode::Invalid;
  }
}

void Checker::match_types(Expr* x, Expr* y) {
  // The spec: an untyped operand takes the other operand's type.
  bool ux = is_untyped(x->tv.type), uy = is_untyped(y->tv.type);
  if (ux && !uy) {
    if (is_interface(y->tv.type) && x->tv.type->kind != TK::UntypedNil) {
      convert_untyped(x, default_type(x->tv.type));
    } else {
      convert_untyped(x, y->tv.type);
    }
  } else if (uy && !ux) {
    if (is_interface(x->tv.type) && y->tv.type->kind != TK::UntypedNil) {
      convert_untyped(y, default_type(y->tv.type));
    } else {
      convert_untyped(y, x->tv.type);
    }
  } else if (ux && uy) {
    convert_untyped(x, y->tv.type);
    convert_untyped(y, x->tv.type);
  }
}

void Checker::binary(BinaryExpr* b, const Type* hint) {
  Tok op = b->op;
  if (op == Tok::Shl || op == Tok::Shr) {
    shift(b);
    return;
  }
  expr(b->x, hint);
  expr(b->y, hint);
  if (b->x->tv.mode == Mode::Invalid || b->y->tv.mode == Mode::Invalid) return;
  if (op == Tok::Eql || op == Tok::Neq || op == Tok::Lss || op == Tok::Leq || op == Tok::Gtr ||
      op == Tok::Geq) {
    comparison(b);
    return;
  }
  match_types(b->x, b->y);
  if (b->x->tv.mode == Mode::Invalid || b->y->tv.mode == Mode::Invalid) return;
  const Type* xt = b->x->tv.type;
  const Type* yt = b->y->tv.type;
  if (xt != yt) {
    // Untyped operands of different kinds that could not be matched.
    error(b->x->pos, "invalid operation: " + expr_string(b) + " (mismatched types " + tstr(xt) +
                         " and " + tstr(yt) + ")");
    return;
  }
  bool ok;
  switch (op) {
    case Tok::Add:
      ok = is_numeric(xt) || is_string(xt);
      break;
    case Tok::Sub:
    case Tok::Mul:
    case Tok::Quo:
      ok = is_numeric(xt);
      break;
    case Tok::Rem:
    case Tok::And:
    case Tok::Or:
    case Tok::Xor:
    case Tok::AndNot:
      ok = is_integer(xt);
      break;
    case Tok::LAnd:
    case Tok::LOr:
      ok = is_boolean(xt);
      break;
    default:
      ok = false;
  }
  if (!ok) {
    error(b->x->pos, "invalid operation: operator " + std::string(tok_string(op)) +
                         " not defined on " + describe(b->x));
    return;
  }
  if ((op == Tok::Quo || op == Tok::Rem) && b->y->tv.mode == Mode::Constant &&
      (b->x->tv.mode == Mode::Constant || is_integer(xt)) && b->y->tv.val.sign() == 0 &&
      is_numeric(yt)) {
    error(b->y->pos, "invalid operation: division by zero");
    return;
  }
  if (b->x->tv.mode == Mode::Constant && b->y->tv.mode == Mode::Constant) {
    bool int_div = is_integer(xt);
    Const v = const_binary(op, b->x->tv.val, b->y->tv.val, int_div);
    if (is_integer(xt) && v.kind == Const::Kind::Float) v = v.to_int();
    b->tv = {Mode::Constant, xt, v};
    if (v.overflow) {
      error(b->pos, "constant " +
                        std::string(op == Tok::Add   ? "addition"
                                    : op == Tok::Sub ? "subtraction"
                                    : op == Tok::Mul ? "multiplication"
                                                     : "") +
                        " overflow");
      b->tv.mode = Mode::Invalid;
      return;
    }
    if (is_typed(xt)) {
      std::string why;
      if (!representable(b, xt, &why)) {
        error(b->x->pos, "constant " + v.text() + " overflows " + tstr(xt));
        b->tv.mode = Mode::Invalid;
      }
    }
    return;
  }
  b->tv = {Mode::Value, xt, {}};
}

void Checker::comparison(BinaryExpr* b) {
  // nil stays nil when it takes the other operand's type (x == nil).
  bool xnil = b->x->tv.type->kind == TK::UntypedNil, ynil = b->y->tv.type->kind == TK::UntypedNil;
  match_types(b->x, b->y);
  if (b->x->tv.mode == Mode::Invalid || b->y->tv.mode == Mode::Invalid) return;
  Expr* x = b->x;
  Expr* y = b->y;
  const Type* xt = x->tv.type;
  const Type* yt = y->tv.type;
  Tok op = b->op;
  std::string why;
  bool ok = true;
  if (!assignable(x, yt, nullptr) && !assignable(y, xt, nullptr)) {
    error(x->pos, "invalid operation: " + expr_string(b) + " (mismatched types " + tstr(xt) +
                      " and " + tstr(yt) + ")");
    return;
  }
  if (op == Tok::Eql || op == Tok::Neq) {
    if (xnil || ynil) {
      const Type* other = xnil ? yt : xt;
      if (xnil && ynil) {
        error(b->pos, "invalid operation: " + expr_string(b) + " (operator " +
                          std::string(tok_string(op)) + " not defined on nil)");
        return;
      }
      ok = has_nil(other);
      if (!ok) why = "mismatched types";
    } else if (!comparable(xt)) {
      const Type* u = xt->underlying();
      std::string kind = u->kind == TK::Slice  ? "slice"
                         : u->kind == TK::Map  ? "map"
                         : u->kind == TK::Func ? "func"
                                               : "";
      if (!kind.empty()) {
        error(x->pos, "invalid operation: " + expr_string(b) + " (" + kind +
                          " can only be compared to nil)");
      } else {
        error(x->pos,
              "invalid operation: " + expr_string(b) + " (" + tstr(xt) + " cannot be compared)");
      }
      return;
    }
  } else if (!is_ordered(xt)) {
    error(x->pos, "invalid operation: " + expr_string(b) + " (operator " +
                      std::string(tok_string(op)) + " not defined on " + describe(x) + ")");
    return;
  }
  if (!ok) {
    error(x->pos, "invalid operation: " + expr_string(b) + " (mismatched types " + tstr(xt) +
                      " and " + tstr(yt) + ")");
    return;
  }
  if (x->tv.mode == Mode::Constant && y->tv.mode == Mode::Constant) {
    b->tv = {Mode::Constant, T_.basic(TK::UntypedBool),
             Const::of_bool(const_compare(op, x->tv.val, y->tv.val))};
    return;
  }
  // Operands that stay untyped get their default types (e.g. nil == nil is
  // rejected above; 1 == x made x's type).
  if (is_untyped(xt) && xt->kind != TK::UntypedNil) convert_untyped(x, default_type(xt));
  if (is_untyped(yt) && yt->kind != TK::UntypedNil) convert_untyped(y, default_type(yt));
  b->tv = {Mode::Value, T_.basic(TK::UntypedBool), {}};
}

void Checker::shift(BinaryExpr* b) {
  expr(b->x);
  expr(b->y);
  if (b->x->tv.mode == Mode::Invalid || b->y->tv.mode == Mode::Invalid) return;
  Expr* x = b->x;
  Expr* y = b->y;
  // The count: an integer, or an untyped constant representable as uint.
  if (y->tv.mode == Mode::Constant) {
    Const c = y->tv.val.to_int();
    if (!c.known() || !is_numeric(y->tv.type)) {
      error(y->pos, "invalid operation: shift count " + describe(y) + " must be integer");
      return;
    }
    if (c.i < 0) {
      error(y->pos, "invalid operation: negative shift count " + describe(y));
      return;
    }
    if (is_untyped(y->tv.type)) convert_untyped(y, T_.basic(TK::Uint));
  } else if (!is_integer(y->tv.type)) {
    error(y->pos, "invalid operation: shift count " + describe(y) + " must be integer");
    return;
  }
  if (x->tv.mode == Mode::Constant) {
    if (is_untyped(x->tv.type)) {
      Const xi = x->tv.val.to_int();
      if (!xi.known()) {
        error(x->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
        return;
      }
      if (y->tv.mode == Mode::Constant) {
        Const r = const_shift(b->op, xi, static_cast<std::uint64_t>(y->tv.val.to_int().i));
        if (r.overflow) {
          error(b->pos, "constant shift overflow");
          return;
        }
        const Type* rt =
            x->tv.type->kind == TK::UntypedFloat ? T_.basic(TK::UntypedInt) : x->tv.type;
        b->tv = {Mode::Constant, rt, r};
        return;
      }
      // 1 << n: the untyped constant takes its type from the context.
      x->tv.val = xi;
      b->tv = {Mode::Value,
               x->tv.type->kind == TK::UntypedFloat ? T_.basic(TK::UntypedInt) : x->tv.type,
               {}};
      return;
    }
    if (!is_integer(x->tv.type)) {
      error(x->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
      return;
    }
    if (y->tv.mode == Mode::Constant) {
      std::uint64_t s = static_cast<std::uint64_t>(y->tv.val.to_int().i);
      Const r = const_shift(b->op, x->tv.val, s);
      b->tv = {Mode::Constant, x->tv.type, r};
      std::string why;
      if (r.overflow || !representable(b, x->tv.type, &why)) {
        error(b->pos, "constant " + r.text() + " overflows " + tstr(x->tv.type));
        b->tv.mode = Mode::Invalid;
      }
      return;
    }
    b->tv = {Mode::Value, x->tv.type, {}};
    return;
  }
  if (!is_integer(x->tv.type)) {
    error(x->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
    return;
  }
  b->tv = {Mode::Value, x->tv.type, {}};
}

}  // namespace gort::golang
