// The checker's statements and function bodies: scopes, assignments and
// short variable declarations, control flow, labels, "missing return" (the
// spec's terminating statements) and "declared and not used".
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "checker.hpp"

namespace gort::golang {

namespace {

std::string plural(std::size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

void Checker::assign_mismatch(Expr* rhs0, std::size_t nvars, std::size_t nvals) {
  std::string vars = plural(nvars, "variable"), vals = plural(nvals, "value");
  Expr* u = unparen(rhs0);
  if (u->kind == Node::K::Call) {
    error(rhs0->pos, "assignment mismatch: " + vars + " but " +
                         expr_string(static_cast<CallExpr*>(u)->fun) + " returns " + vals);
  } else {
    error(rhs0->pos, "assignment mismatch: " + vars + " but " + vals);
  }
}

void Checker::lhs_expr(Expr* e) {
  // Assigning to a variable is not using it: its used flag stays as it was.
  Object* v = nullptr;
  bool used = false;
  Expr* u = unparen(e);
  if (u->kind == Node::K::Ident) {
    v = scope_->lookup(static_cast<Ident*>(u)->name);
    if (v && v->kind == ObjKind::Var) {
      used = v->used;
    } else {
      v = nullptr;
    }
  }
  expr(e);
  if (v) v->used = used;
}

Object* Checker::new_var(Ident* id, const Type* t) {
  Object* o = T_.object(ObjKind::Var, id->name, id->pos, t, pkg_);
  o->func = fn_ ? fn_->obj : nullptr;
  id->obj = o;
  id->tv = {Mode::Variable, t, {}};
  if (fn_ && id->name != "_") fn_->locals.push_back(o);
  return o;
}

void Checker::func_body(Object* fobj, FuncLit* lit, const Type* sig, const FuncVars& vars,
                        BlockStmt* body) {
  Func f{fobj, lit, sig, fn_, {}};
  Func* saved = fn_;
  fn_ = &f;
  Scope* saved_scope = scope_;
  scope_ = vars.scope;
  Ctx saved_ctx = ctx_;
  ctx_ = {};
  int saved_iota = iota_;
  iota_ = -1;
  stmt_list(body->list);
  labels(body);
  if (!sig->results.empty() && !terminating_list(body->list)) {
    error(body->rbrace, "missing return");
  }
  std::vector<Object*> unused;
  for (Object* o : f.locals) {
    if (!o->used) unused.push_back(o);
  }
  std::sort(unused.begin(), unused.end(), [](Object* a, Object* b) { return a->pos < b->pos; });
  for (Object* o : unused) error(o->pos, "declared and not used: " + o->name);
  fn_ = saved;
  scope_ = saved_scope;
  ctx_ = saved_ctx;
  iota_ = saved_iota;
}

void Checker::stmt_list(const std::vector<Stmt*>& list) {
  for (std::size_t i = 0; i < list.size(); i++) {
    Ctx saved = ctx_;
    // fallthrough is allowed only as the last statement of a clause.
    bool last = i + 1 == list.size();
    if (!last) ctx_.fallthrough_ok = false;
    stmt(list[i]);
    ctx_ = saved;
  }
}

void Checker::block(BlockStmt* b) {
  open_scope();
  stmt_list(b->list);
  close_scope();
}

void Checker::stmt(Stmt* s) {
  switch (s->kind) {
    case Node::K::EmptyStmt:
      return;
    case Node::K::DeclStmt:
      decl_stmt(static_cast<DeclStmt*>(s)->decl);
      return;
    case Node::K::LabeledStmt: {
      auto* l = static_cast<LabeledStmt*>(s);
      stmt_labels_[l->stmt] = l->label->name;
      stmt(l->stmt);
      return;
    }
    case Node::K::ExprStmt: {
      Expr* x = static_cast<ExprStmt*>(s)->x;
      rawexpr(x, nullptr);
      Expr* u = unparen(x);
      if (x->tv.mode == Mode::Invalid) return;
      if (u->kind == Node::K::Call) {
        auto* c = static_cast<CallExpr*>(u);
        if (c->fun->tv.mode == Mode::TypeExpr) {
          error(x->pos, describe(x) + " is not used");
          return;
        }
        if (c->fun->tv.mode == Mode::Builtin && x->tv.mode != Mode::NoValue) {
          Expr* f = unparen(c->fun);
          Object* b = f->kind == Node::K::Ident ? static_cast<Ident*>(f)->obj : nullptr;
          if (!b || (b->builtin != Builtin::Copy && b->builtin != Builtin::Recover)) {
            error(x->pos, describe(x) + " is not used");
          }
        }
        return;
      }
      if (u->kind == Node::K::Unary && static_cast<UnaryExpr*>(u)->op == Tok::Arrow) return;
      if (x->tv.mode == Mode::TypeExpr) {
        error(x->pos, expr_string(x) + " (type) is not an expression");
        return;
      }
      error(x->pos, describe(x) + " is not used");
      return;
    }
    case Node::K::SendStmt: {
      auto* ss = static_cast<SendStmt*>(s);
      expr(ss->chan);
      if (ss->chan->tv.mode == Mode::Invalid) {
        rawexpr(ss->value, nullptr);
        return;
      }
      const Type* u = ss->chan->tv.type->underlying();
      if (u->kind != TK::Chan) {
        expr(ss->value);
        error(s->pos, "invalid operation: cannot send to non-channel " + describe(ss->chan));
        return;
      }
      if (u->dir == ChanDir::Recv) {
        expr(ss->value);
        error(s->pos,
              "invalid operation: cannot send to receive-only channel " + describe(ss->chan));
        return;
      }
      expr(ss->value, u->elem);
      assignment(ss->value, u->elem, "send");
      return;
    }
    case Node::K::IncDecStmt: {
      auto* id = static_cast<IncDecStmt*>(s);
      // x++ is x += 1, which reads x: a use (go/types checks it as x + 1).
      expr(id->x);
      if (id->x->tv.mode == Mode::Invalid) return;
      if (!is_numeric(id->x->tv.type)) {
        error(id->x->pos, "invalid operation: " + expr_string(id->x) +
                              std::string(id->tok == Tok::Inc ? "++" : "--") +
                              " (non-numeric type " + tstr(id->x->tv.type) + ")");
        return;
      }
      if (id->x->tv.mode != Mode::Variable && id->x->tv.mode != Mode::MapIndex) {
        error(id->x->pos, "cannot assign to " + expr_string(id->x) +
                              " (neither addressable nor a map index expression)");
      }
      return;
    }
    case Node::K::AssignStmt:
      assign_stmt(static_cast<AssignStmt*>(s));
      return;
    case Node::K::GoStmt:
      go_defer(static_cast<GoStmt*>(s)->call, "go");
      return;
    case Node::K::DeferStmt:
      go_defer(static_cast<DeferStmt*>(s)->call, "defer");
      return;
    case Node::K::ReturnStmt:
      return_stmt(static_cast<ReturnStmt*>(s));
      return;
    case Node::K::BranchStmt: {
      auto* b = static_cast<BranchStmt*>(s);
      switch (b->tok) {
        case Tok::Break:
        case Tok::Continue: {
          if (b->label) return;  // labels()
          bool brk = b->tok == Tok::Break;
          b->target = brk ? ctx_.breakable : ctx_.loop;
          if (!b->target)
            error(s->pos,
                  brk ? "break is not in a loop, switch, or select" : "continue is not in a loop");
          return;
        }
        case Tok::Fallthrough:
          if (!ctx_.fallthrough_ok) {
            error(s->pos, ctx_.final_case ? "cannot fallthrough final case in switch"
                                          : "fallthrough statement out of place");
          }
          return;
        default:
          return;  // goto: labels()
      }
    }
    case Node::K::BlockStmt:
      block(static_cast<BlockStmt*>(s));
      return;
    case Node::K::IfStmt:
      if_stmt(static_cast<IfStmt*>(s));
      return;
    case Node::K::SwitchStmt:
      switch_stmt(static_cast<SwitchStmt*>(s));
      return;
    case Node::K::TypeSwitchStmt:
      type_switch_stmt(static_cast<TypeSwitchStmt*>(s));
      return;
    case Node::K::SelectStmt:
      select_stmt(static_cast<SelectStmt*>(s));
      return;
    case Node::K::ForStmt:
      for_stmt(static_cast<ForStmt*>(s));
      return;
    case Node::K::RangeStmt:
      range_stmt(static_cast<RangeStmt*>(s));
      return;
    default:
      error(s->pos, "invalid statement");
  }
}

void Checker::decl_stmt(GenDecl* d) {
  ValueSpec* last = nullptr;
  for (Spec* sp : d->specs) {
    if (sp->kind == Node::K::TypeSpec) {
      auto* ts = static_cast<TypeSpec*>(sp);
      Object* o = T_.object(ObjKind::TypeName, ts->name->name, ts->name->pos, nullptr, pkg_);
      o->spec = ts;
      declare(scope_, ts->name, o);
      o->state = 1;
      type_decl(o, ts);
      o->state = 2;
      continue;
    }
    auto* vs = static_cast<ValueSpec*>(sp);
    if (d->tok == Tok::Const) {
      if (vs->implicit) {
        implicit_src_[vs] = last;
      } else {
        last = vs;
      }
      std::vector<Object*> objs;
      for (std::size_t i = 0; i < vs->names.size(); i++) {
        Ident* id = vs->names[i];
        Object* o = T_.object(ObjKind::Const, id->name, id->pos, nullptr, pkg_);
        int saved_iota = iota_;
        const_decl(o, vs, static_cast<int>(i));
        iota_ = saved_iota;
        o->state = 2;
        objs.push_back(o);
      }
      for (std::size_t i = 0; i < objs.size(); i++) declare(scope_, vs->names[i], objs[i]);
      continue;
    }
    // var
    const Type* t = vs->type ? typexpr(vs->type) : nullptr;
    std::vector<const Type*> types(vs->names.size(), t);
    bool single_call = vs->values.size() == 1 && unparen(vs->values[0])->kind == Node::K::Call;
    if (!vs->values.empty()) {
      if (vs->values.size() == vs->names.size() && !single_call) {
        for (std::size_t i = 0; i < vs->values.size(); i++) {
          Expr* e = vs->values[i];
          expr(e, t);
          if (t) {
            assignment(e, t, "variable declaration");
          } else if (e->tv.mode != Mode::Invalid) {
            if (e->tv.type->kind == TK::UntypedNil) {
              error(e->pos, "use of untyped nil in variable declaration");
              types[i] = T_.invalid();
              continue;
            }
            const Type* dt = default_type(e->tv.type);
            assignment(e, dt, "variable declaration");
            types[i] = dt;
          } else {
            types[i] = T_.invalid();
          }
        }
      } else if (vs->values.size() == 1) {
        Expr* e = vs->values[0];
        multi_expr(e);
        if (e->tv.mode != Mode::Invalid) {
          const Type* rt = e->tv.type;
          if (vs->names.size() == 1 && rt->kind != TK::Tuple) {
            if (t) {
              assignment(e, t, "variable declaration");
            } else if (rt->kind == TK::UntypedNil) {
              error(e->pos, "use of untyped nil in variable declaration");
              types[0] = T_.invalid();
            } else {
              types[0] = default_type(rt);
              assignment(e, types[0], "variable declaration");
            }
          } else if (rt->kind == TK::Tuple && rt->types.size() == vs->names.size()) {
            for (std::size_t i = 0; i < types.size(); i++) {
              if (!t) types[i] = rt->types[i];
            }
          } else if (vs->names.size() == 2 &&
                     (e->tv.mode == Mode::CommaOk || e->tv.mode == Mode::MapIndex)) {
            if (t) {
              assignment(e, t, "variable declaration");
            } else {
              types[0] = default_type(e->tv.type);
              types[1] = T_.basic(TK::Bool);
            }
            e->tv.mode = Mode::CommaOk;
          } else {
            assign_mismatch(e, vs->names.size(), rt->kind == TK::Tuple ? rt->types.size() : 1);
            for (auto& x : types) x = T_.invalid();
          }
        } else {
          for (auto& x : types) x = x ? x : T_.invalid();
        }
      } else {
        for (Expr* e : vs->values) expr(e);
        assign_mismatch(vs->values[0], vs->names.size(), vs->values.size());
        for (auto& x : types) x = T_.invalid();
      }
    }
    std::vector<Object*> objs;
    for (std::size_t i = 0; i < vs->names.size(); i++) {
      objs.push_back(new_var(vs->names[i], types[i] ? types[i] : T_.invalid()));
    }
    for (std::size_t i = 0; i < objs.size(); i++) declare(scope_, vs->names[i], objs[i]);
  }
}

void Checker::assign_var(Expr* lhs, Expr* rhs, const Type* rhs_type, Expr* rhs_pos) {
  if (is_blank(lhs)) {
    lhs->tv = {Mode::Variable, rhs ? rhs->tv.type : rhs_type, {}};
    if (rhs && rhs->tv.mode != Mode::Invalid && is_untyped(rhs->tv.type)) {
      if (rhs->tv.type->kind == TK::UntypedNil) {
        error(rhs->pos, "use of untyped nil in assignment");
      } else {
        convert_untyped(rhs, default_type(rhs->tv.type));
      }
    }
    return;
  }
  lhs_expr(lhs);
  if (lhs->tv.mode == Mode::Invalid) return;
  if (lhs->tv.mode != Mode::Variable && lhs->tv.mode != Mode::MapIndex) {
    Expr* u = unparen(lhs);
    if (u->kind == Node::K::Selector) {
      Expr* x = unparen(static_cast<SelectorExpr*>(u)->x);
      if (x->tv.mode == Mode::MapIndex) {
        error(lhs->pos, "cannot assign to struct field " + expr_string(lhs) + " in map");
        return;
      }
    }
    error(lhs->pos, "cannot assign to " + expr_string(lhs) +
                        " (neither addressable nor a map index expression)");
    return;
  }
  if (rhs) {
    assignment(rhs, lhs->tv.type, "assignment");
    return;
  }
  BadExpr tmp(rhs_pos->pos);
  tmp.tv = {Mode::Value, rhs_type, {}};
  std::string why;
  if (!assignable(&tmp, lhs->tv.type, &why)) {
    error(rhs_pos->pos, "cannot use " + expr_string(rhs_pos) + " (value of type " + tstr(rhs_type) +
                            ") as " + tstr(lhs->tv.type) + " value in assignment" +
                            (why.empty() ? "" : ": " + why));
  }
}

void Checker::assign_stmt(AssignStmt* a) {
  if (a->tok == Tok::Define) {
    short_var_decl(a);
    return;
  }
  if (a->tok != Tok::Assign) {
    // x op= y
    if (a->lhs.size() != 1 || a->rhs.size() != 1) {
      error(a->pos, "assignment operation " + std::string(tok_string(a->tok)) +
                        " requires single-valued expressions");
      return;
    }
    Expr* x = a->lhs[0];
    Expr* y = a->rhs[0];
    lhs_expr(x);
    expr(y, x->tv.type);
    if (x->tv.mode == Mode::Invalid || y->tv.mode == Mode::Invalid) return;
    Tok op = assign_op_base(a->tok);
    if (x->tv.mode != Mode::Variable && x->tv.mode != Mode::MapIndex) {
      error(x->pos, "cannot assign to " + expr_string(x) +
                        " (neither addressable nor a map index expression)");
      return;
    }
    // Check it as the binary expression x op y.
    BinaryExpr be(a->pos, op, x, y);
    TypeAndValue xtv = x->tv;
    if (op == Tok::Shl || op == Tok::Shr) {
      if (y->tv.mode == Mode::Constant) {
        Const c = y->tv.val.to_int();
        if (!c.known() || c.i < 0) {
          error(y->pos, "invalid operation: shift count " + describe(y) + " must be integer");
          return;
        }
        if (is_untyped(y->tv.type)) convert_untyped(y, T_.basic(TK::Uint));
      } else if (!is_integer(y->tv.type)) {
        error(y->pos, "invalid operation: shift count " + describe(y) + " must be integer");
        return;
      }
      if (!is_integer(x->tv.type)) {
        error(x->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
      }
      return;
    }
    // The variable keeps its mode; only the operand types matter here.
    x->tv.mode = Mode::Value;
    binary(&be, nullptr);
    x->tv = xtv;
    if (be.tv.mode == Mode::Invalid) return;
    if (be.tv.type != x->tv.type && y->tv.mode != Mode::Invalid) {
      assignment(y, x->tv.type, "assignment");
    }
    return;
  }
  std::size_t nl = a->lhs.size(), nr = a->rhs.size();
  bool single_call = nr == 1 && unparen(a->rhs[0])->kind == Node::K::Call;
  if (nl == nr && !single_call) {
    for (std::size_t i = 0; i < nl; i++) {
      // The hint lets an elided composite literal find its type; the lhs
      // type is only known after evaluating it, so evaluate a copy-free way:
      // rhs first (Go's order of errors), then the lhs.
      expr(a->rhs[i]);
    }
    for (std::size_t i = 0; i < nl; i++) {
      if (a->rhs[i]->tv.mode == Mode::Invalid) {
        Object* v = nullptr;
        Expr* u = unparen(a->lhs[i]);
        if (u->kind == Node::K::Ident && !is_blank(u)) {
          v = scope_->lookup(static_cast<Ident*>(u)->name);
          if (v && v->kind == ObjKind::Var) {
            bool used = v->used;
            rawexpr(a->lhs[i], nullptr);
            v->used = used;
          } else if (!v) {
            rawexpr(a->lhs[i], nullptr);
          }
        } else if (!is_blank(u)) {
          rawexpr(a->lhs[i], nullptr);
        }
        continue;
      }
      assign_var(a->lhs[i], a->rhs[i], nullptr, a->rhs[i]);
    }
    return;
  }
  if (nr == 1) {
    Expr* e = a->rhs[0];
    multi_expr(e);
    if (e->tv.mode == Mode::Invalid) {
      for (Expr* l : a->lhs) {
        if (!is_blank(l)) rawexpr(l, nullptr);
      }
      return;
    }
    const Type* rt = e->tv.type;
    if (nl == 1 && rt->kind != TK::Tuple) {
      assign_var(a->lhs[0], e, nullptr, e);
      return;
    }
    if (rt->kind == TK::Tuple && rt->types.size() == nl) {
      for (std::size_t i = 0; i < nl; i++) assign_var(a->lhs[i], nullptr, rt->types[i], e);
      return;
    }
    if (nl == 2 && (e->tv.mode == Mode::CommaOk || e->tv.mode == Mode::MapIndex)) {
      assign_var(a->lhs[0], e, nullptr, e);
      assign_var(a->lhs[1], nullptr, T_.basic(TK::UntypedBool), e);
      e->tv.mode = Mode::CommaOk;
      return;
    }
    assign_mismatch(e, nl, rt->kind == TK::Tuple ? rt->types.size() : 1);
    return;
  }
  for (Expr* e : a->rhs) expr(e);
  assign_mismatch(a->rhs[0], nl, nr);
}

void Checker::short_var_decl(AssignStmt* a) {
  std::vector<Object*> objs(a->lhs.size(), nullptr);
  a->is_new.assign(a->lhs.size(), false);
  bool any_new = false;
  bool bad = false;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < a->lhs.size(); i++) {
    Expr* l = a->lhs[i];
    if (l->kind != Node::K::Ident) {
      error(l->pos, "non-name " + expr_string(l) + " on left side of :=");
      bad = true;
      continue;
    }
    Ident* id = static_cast<Ident*>(l);
    if (id->name != "_" && !seen.insert(id->name).second) {
      error(l->pos, id->name + " repeated on left side of :=");
      bad = true;
      continue;
    }
    Object* alt = id->name == "_" ? nullptr : scope_->lookup_local(id->name);
    if (alt) {
      if (alt->kind != ObjKind::Var) {
        error(l->pos, "cannot assign to " + id->name);
        bad = true;
        continue;
      }
      objs[i] = alt;
      id->obj = alt;
    } else {
      a->is_new[i] = true;
      if (id->name != "_") any_new = true;
    }
  }
  // The right-hand side, in the scope before the new variables.
  std::size_t nl = a->lhs.size(), nr = a->rhs.size();
  std::vector<const Type*> types(nl, nullptr);
  std::vector<Expr*> rhs_of(nl, nullptr);
  // One call on the right: its results (a mismatch says how many it returns).
  bool single_call = nr == 1 && unparen(a->rhs[0])->kind == Node::K::Call;
  if (nl == nr && !single_call) {
    for (std::size_t i = 0; i < nr; i++) {
      expr(a->rhs[i], objs[i] ? objs[i]->type : nullptr);
      rhs_of[i] = a->rhs[i];
      types[i] = a->rhs[i]->tv.type;
    }
  } else if (nr == 1) {
    Expr* e = a->rhs[0];
    multi_expr(e);
    if (e->tv.mode != Mode::Invalid) {
      const Type* rt = e->tv.type;
      if (nl == 1 && rt->kind != TK::Tuple) {
        rhs_of[0] = e;
        types[0] = rt;
      } else if (rt->kind == TK::Tuple && rt->types.size() == nl) {
        for (std::size_t i = 0; i < nl; i++) types[i] = rt->types[i];
      } else if (nl == 2 && (e->tv.mode == Mode::CommaOk || e->tv.mode == Mode::MapIndex)) {
        rhs_of[0] = e;
        types[0] = e->tv.type;
        types[1] = T_.basic(TK::Bool);
        e->tv.mode = Mode::CommaOk;
      } else {
        assign_mismatch(e, nl, rt->kind == TK::Tuple ? rt->types.size() : 1);
        bad = true;
      }
    } else {
      bad = true;
    }
  } else {
    for (Expr* e : a->rhs) expr(e);
    assign_mismatch(a->rhs[0], nl, nr);
    bad = true;
  }
  // Types of the new variables; assignability for the old ones.
  std::vector<Object*> fresh;
  for (std::size_t i = 0; i < nl; i++) {
    if (a->lhs[i]->kind != Node::K::Ident) continue;
    Ident* id = static_cast<Ident*>(a->lhs[i]);
    const Type* t = types[i];
    Expr* r = rhs_of[i];
    if (objs[i]) {
      // An existing variable: assigned, not used.
      if (!bad && t) {
        if (r) {
          assignment(r, objs[i]->type, "assignment");
        } else {
          BadExpr tmp(a->rhs[0]->pos);
          tmp.tv = {Mode::Value, t, {}};
          std::string why;
          if (!assignable(&tmp, objs[i]->type, &why)) {
            error(a->rhs[0]->pos, "cannot use " + expr_string(a->rhs[0]) + " (value of type " +
                                      tstr(t) + ") as " + tstr(objs[i]->type) +
                                      " value in assignment");
          }
        }
      }
      id->tv = {Mode::Variable, objs[i]->type, {}};
      continue;
    }
    const Type* vt = T_.invalid();
    if (!bad && t && t != T_.invalid()) {
      if (t->kind == TK::UntypedNil) {
        error(r ? r->pos : a->pos, "use of untyped nil in assignment");
      } else {
        vt = default_type(t);
        if (r) {
          assignment(r, vt, "assignment");
          if (r->tv.mode == Mode::Invalid) vt = T_.invalid();
        }
      }
    }
    Object* o = new_var(id, vt);
    if (vt == T_.invalid()) o->used = true;  // no follow-on "declared and not used"
    objs[i] = o;
    fresh.push_back(o);
  }
  for (std::size_t i = 0; i < nl; i++) {
    if (a->is_new[i] && objs[i]) declare(scope_, static_cast<Ident*>(a->lhs[i]), objs[i]);
  }
  if (!any_new && !bad) error(a->pos, "no new variables on left side of :=");
}

void Checker::return_stmt(ReturnStmt* r) {
  const Type* sig = fn_->sig;
  const std::vector<const Type*>& want = sig->results;
  std::vector<Expr*>& res = r->results;
  auto summary = [&](const std::vector<const Type*>& list) {
    std::string s = "(";
    for (std::size_t i = 0; i < list.size(); i++) {
      if (i) s += ", ";
      const Type* t = list[i];
      if (is_untyped(t)) {
        s += is_numeric(t) ? "number" : type_string(t, false).substr(8);
      } else {
        s += tstr(t);
      }
    }
    return s + ")";
  };
  if (res.empty()) {
    if (!want.empty()) {
      // A naked return needs named results.
      const FuncTypeExpr* ft =
          fn_->lit ? fn_->lit->type : (fn_->obj && fn_->obj->decl ? fn_->obj->decl->type : nullptr);
      bool named = ft && !ft->results.empty() && !ft->results[0].names.empty();
      if (!named) {
        error(r->pos, "not enough return values\n\thave ()\n\twant " + summary(want));
      }
    }
    return;
  }
  std::vector<const Type*> have;
  bool spread = false;
  if (res.size() == 1 && want.size() != 1) {
    multi_expr(res[0]);
    if (res[0]->tv.mode == Mode::Invalid) return;
    if (res[0]->tv.type->kind == TK::Tuple) {
      have = res[0]->tv.type->types;
      spread = true;
    } else {
      have.push_back(res[0]->tv.type);
    }
  } else {
    for (std::size_t i = 0; i < res.size(); i++) {
      expr(res[i], i < want.size() ? want[i] : nullptr);
      if (res[i]->tv.mode == Mode::Invalid) return;
      have.push_back(res[i]->tv.type);
    }
  }
  if (have.size() != want.size()) {
    Pos at = r->pos;
    const char* q = "not enough";
    if (have.size() > want.size()) {
      at = spread ? res[0]->pos : res[want.size()]->pos;
      q = "too many";
    } else if (!have.empty()) {
      at = res[spread ? 0 : res.size() - 1]->pos;
    }
    error(at,
          std::string(q) + " return values\n\thave " + summary(have) + "\n\twant " + summary(want));
    return;
  }
  if (spread) {
    for (std::size_t i = 0; i < want.size(); i++) {
      BadExpr tmp(res[0]->pos);
      tmp.tv = {Mode::Value, have[i], {}};
      std::string why;
      if (!assignable(&tmp, want[i], &why)) {
        error(res[0]->pos, "cannot use " + expr_string(res[0]) + " (value of type " +
                               tstr(have[i]) + ") as " + tstr(want[i]) +
                               " value in return statement");
      }
    }
    return;
  }
  for (std::size_t i = 0; i < want.size(); i++) assignment(res[i], want[i], "return statement");
}

void Checker::go_defer(CallExpr* c, const char* what) {
  rawexpr(c, nullptr);
  if (c->fun->tv.mode == Mode::TypeExpr) {
    error(c->pos, std::string(what) + " requires function call, not conversion");
    return;
  }
  if (c->fun->tv.mode == Mode::Builtin && c->tv.mode != Mode::NoValue &&
      c->tv.mode != Mode::Invalid) {
    Expr* f = unparen(c->fun);
    Object* b = f->kind == Node::K::Ident ? static_cast<Ident*>(f)->obj : nullptr;
    if (!b || (b->builtin != Builtin::Copy && b->builtin != Builtin::Recover)) {
      error(c->pos, std::string(what) + " discards result of " + describe(c));
    }
  }
}

void Checker::if_stmt(IfStmt* s) {
  open_scope();
  if (s->init) stmt(s->init);
  expr(s->cond);
  if (s->cond->tv.mode != Mode::Invalid && !is_boolean(s->cond->tv.type)) {
    error(s->cond->pos, "non-boolean condition in if statement");
  } else if (s->cond->tv.mode != Mode::Invalid) {
    convert_untyped(s->cond, T_.basic(TK::Bool));
  }
  block(s->body);
  if (s->els) stmt(s->els);
  close_scope();
}

void Checker::switch_stmt(SwitchStmt* s) {
  open_scope();
  if (s->init) stmt(s->init);
  if (s->tag) {
    expr(s->tag);
    if (s->tag->tv.mode != Mode::Invalid && is_untyped(s->tag->tv.type)) {
      if (s->tag->tv.type->kind == TK::UntypedNil) {
        error(s->tag->pos, "use of untyped nil in switch expression");
        s->tag->tv.mode = Mode::Invalid;
      } else {
        convert_untyped(s->tag, default_type(s->tag->tv.type));
      }
    }
    if (s->tag->tv.mode != Mode::Invalid && !comparable(s->tag->tv.type) &&
        !has_nil(s->tag->tv.type)) {
      error(s->tag->pos, "cannot switch on " + describe(s->tag));
      s->tag->tv.mode = Mode::Invalid;
    }
  }
  Ctx saved = ctx_;
  ctx_.breakable = s;
  int defaults = 0;
  std::map<std::string, Pos> seen;
  for (std::size_t ci = 0; ci < s->clauses.size(); ci++) {
    CaseClause* c = s->clauses[ci];
    if (c->is_default && ++defaults > 1) error(c->pos, "multiple defaults in switch");
    for (Expr* e : c->list) {
      expr(e);
      if (e->tv.mode == Mode::Invalid) continue;
      if (!s->tag) {
        if (!is_boolean(e->tv.type)) {
          error(e->pos, "invalid case " + expr_string(e) + " in switch (mismatched types " +
                            tstr(e->tv.type) + " and bool)");
          continue;
        }
        convert_untyped(e, T_.basic(TK::Bool));
        continue;
      }
      if (s->tag->tv.mode == Mode::Invalid) continue;
      // As the comparison e == tag.
      BinaryExpr cmp(e->pos, Tok::Eql, e, s->tag);
      TypeAndValue tag_tv = s->tag->tv;
      if (is_untyped(e->tv.type)) {
        if (is_interface(s->tag->tv.type) && e->tv.type->kind != TK::UntypedNil) {
          convert_untyped(e, default_type(e->tv.type));
        } else {
          convert_untyped(e, s->tag->tv.type);
        }
        if (e->tv.mode == Mode::Invalid) continue;
      }
      if (!assignable(e, s->tag->tv.type, nullptr) && !assignable(s->tag, e->tv.type, nullptr)) {
        error(e->pos, "invalid case " + expr_string(e) + " in switch on " + expr_string(s->tag) +
                          " (mismatched types " + tstr(e->tv.type) + " and " +
                          tstr(s->tag->tv.type) + ")");
        continue;
      }
      s->tag->tv = tag_tv;
      if (e->tv.mode == Mode::Constant) {
        std::string key = e->tv.val.text() + "/" + tstr(e->tv.type);
        auto it = seen.find(key);
        if (it != seen.end()) {
          error(e->pos, "duplicate case " + expr_string(e) + " in expression switch\n\t./" +
                            pkg_->files[0]->filename + ":" + std::to_string(it->second.line) + ":" +
                            std::to_string(it->second.col) + ": previous case");
        } else {
          seen[key] = e->pos;
        }
      }
    }
    open_scope();
    Ctx inner = ctx_;
    ctx_.fallthrough_ok = ci + 1 < s->clauses.size();
    ctx_.final_case = ci + 1 == s->clauses.size();
    for (std::size_t i = 0; i < c->body.size(); i++) {
      Ctx before = ctx_;
      if (i + 1 < c->body.size()) ctx_.fallthrough_ok = false;
      stmt(c->body[i]);
      ctx_ = before;
    }
    ctx_ = inner;
    close_scope();
  }
  ctx_ = saved;
  close_scope();
}

void Checker::type_switch_stmt(TypeSwitchStmt* s) {
  open_scope();
  if (s->init) stmt(s->init);
  expr(s->x);
  const Type* xt = s->x->tv.type;
  bool ok = s->x->tv.mode != Mode::Invalid;
  if (ok && !is_interface(xt)) {
    error(s->x->pos, describe(s->x) + " is not an interface");
    ok = false;
  }
  Ctx saved = ctx_;
  ctx_.breakable = s;
  int defaults = 0;
  std::vector<Object*> binds;
  std::set<const Type*> seen;
  for (CaseClause* c : s->clauses) {
    if (c->is_default && ++defaults > 1) error(c->pos, "multiple defaults in switch");
    const Type* single = nullptr;
    for (Expr* e : c->list) {
      Expr* u = unparen(e);
      if (u->kind == Node::K::Ident && static_cast<Ident*>(u)->name == "nil" &&
          scope_->lookup("nil") && scope_->lookup("nil")->kind == ObjKind::Nil) {
        e->tv = {Mode::Value, T_.basic(TK::UntypedNil), {}};
        single = nullptr;
        if (c->list.size() == 1) single = xt;
        if (!seen.insert(T_.basic(TK::UntypedNil)).second) {
          error(e->pos, "multiple nil cases in type switch (at most one allowed)");
        }
        continue;
      }
      const Type* t = typexpr(e);
      if (t == T_.invalid()) continue;
      if (!seen.insert(t).second) {
        error(e->pos, "duplicate case " + tstr(t) + " in type switch");
      }
      if (ok && !is_interface(t)) {
        std::string why;
        if (!implements(t, xt, &why)) {
          std::string reason = why.substr(why.find('('));
          error(e->pos, "impossible type switch case: " + describe(s->x) +
                            " cannot have dynamic type " + tstr(t) + " " + reason);
        }
      }
      if (c->list.size() == 1) single = t;
    }
    open_scope();
    if (s->bind && s->bind->name != "_") {
      const Type* vt = single ? single : (ok ? xt : T_.invalid());
      Object* o = T_.object(ObjKind::Var, s->bind->name, s->bind->pos, vt, pkg_);
      o->func = fn_ ? fn_->obj : nullptr;
      scope_->names[o->name] = o;
      c->implicit = o;
      binds.push_back(o);
    }
    Ctx inner = ctx_;
    stmt_list(c->body);
    ctx_ = inner;
    close_scope();
  }
  ctx_ = saved;
  if (s->bind && s->bind->name != "_") {
    bool used = false;
    for (Object* o : binds) used = used || o->used;
    if (!used) error(s->bind->pos, "declared and not used: " + s->bind->name);
    // The clauses' variables share one slot in the compiler: it reads the
    // first clause's escape decision for all.
    bool esc = false;
    for (Object* o : binds) esc = esc || o->escapes;
    for (Object* o : binds) o->escapes = esc;
  }
  close_scope();
}

void Checker::select_stmt(SelectStmt* s) {
  Ctx saved = ctx_;
  ctx_.breakable = s;
  int defaults = 0;
  for (CommClause* c : s->clauses) {
    open_scope();
    if (!c->comm) {
      if (++defaults > 1) error(c->pos, "multiple defaults in select");
    } else {
      bool valid = false;
      Stmt* cs = c->comm;
      if (cs->kind == Node::K::SendStmt) {
        valid = true;
      } else if (cs->kind == Node::K::ExprStmt) {
        Expr* x = unparen(static_cast<ExprStmt*>(cs)->x);
        valid = x->kind == Node::K::Unary && static_cast<UnaryExpr*>(x)->op == Tok::Arrow;
      } else if (cs->kind == Node::K::AssignStmt) {
        auto* a = static_cast<AssignStmt*>(cs);
        if (a->rhs.size() == 1 && a->lhs.size() <= 2 &&
            (a->tok == Tok::Assign || a->tok == Tok::Define)) {
          Expr* x = unparen(a->rhs[0]);
          valid = x->kind == Node::K::Unary && static_cast<UnaryExpr*>(x)->op == Tok::Arrow;
        }
      }
      if (!valid) {
        error(cs->pos, "select case must be receive, send or assign recv");
      } else {
        stmt(cs);
      }
    }
    Ctx inner = ctx_;
    stmt_list(c->body);
    ctx_ = inner;
    close_scope();
  }
  ctx_ = saved;
}

void Checker::for_stmt(ForStmt* s) {
  open_scope();
  std::size_t before = fn_ ? fn_->locals.size() : 0;
  if (s->init) stmt(s->init);
  if (fn_) {
    for (std::size_t i = before; i < fn_->locals.size(); i++)
      s->loop_vars.push_back(fn_->locals[i]);
  }
  if (s->cond) {
    expr(s->cond);
    if (s->cond->tv.mode != Mode::Invalid) {
      if (!is_boolean(s->cond->tv.type)) {
        error(s->cond->pos, "non-boolean condition in for statement");
      } else {
        convert_untyped(s->cond, T_.basic(TK::Bool));
      }
    }
  }
  if (s->post) stmt(s->post);
  Ctx saved = ctx_;
  ctx_.breakable = s;
  ctx_.loop = s;
  block(s->body);
  ctx_ = saved;
  close_scope();
}

void Checker::range_stmt(RangeStmt* s) {
  open_scope();
  expr(s->x);
  const Type* kt = nullptr;
  const Type* vt = nullptr;
  bool ok = s->x->tv.mode != Mode::Invalid;
  std::size_t max_vars = 2;
  if (ok) {
    const Type* t = s->x->tv.type;
    const Type* u = t->underlying();
    if (u->kind == TK::Pointer && u->elem->underlying()->kind == TK::Array)
      u = u->elem->underlying();
    switch (u->kind) {
      case TK::String:
      case TK::UntypedString:
        kt = T_.basic(TK::Int);
        vt = T_.basic(TK::Int32);
        if (is_untyped(t)) convert_untyped(s->x, T_.basic(TK::String));
        break;
      case TK::Array:
      case TK::Slice:
        kt = T_.basic(TK::Int);
        vt = u->elem;
        break;
      case TK::Map:
        kt = u->key;
        vt = u->elem;
        break;
      case TK::Chan:
        kt = u->elem;
        max_vars = 1;
        if (u->dir == ChanDir::Send) {
          error(s->x->pos, "invalid operation: range " + expr_string(s->x) +
                               " receive from send-only channel " + tstr(t));
          ok = false;
        }
        break;
      case TK::Func:
        error(s->x->pos, "range over function " + describe(s->x) +
                             " (Go 1.23 iterators) is outside gort's Go subset");
        ok = false;
        break;
      default:
        if (is_integer(t)) {
          if (is_untyped(t)) {
            convert_untyped(s->x, T_.basic(TK::Int));
            kt = T_.basic(TK::Int);
          } else {
            kt = t;
          }
          max_vars = 1;
          break;
        }
        error(s->x->pos, "cannot range over " + describe(s->x));
        ok = false;
    }
  }
  std::size_t nvars = s->value ? 2 : s->key ? 1 : 0;
  if (ok && nvars > max_vars) {
    error(s->value->pos, "range over " + describe(s->x) + " permits only one iteration variable");
    ok = false;
  }
  Expr* lhs[2] = {s->key, s->value};
  const Type* rhs[2] = {kt, vt};
  if (s->tok == Tok::Define) {
    std::vector<std::pair<Ident*, Object*>> vars;
    for (int i = 0; i < 2; i++) {
      if (!lhs[i]) continue;
      if (lhs[i]->kind != Node::K::Ident) {
        error(lhs[i]->pos, "non-name " + expr_string(lhs[i]) + " on left side of :=");
        continue;
      }
      Ident* id = static_cast<Ident*>(lhs[i]);
      Object* o = new_var(id, ok && rhs[i] ? rhs[i] : T_.invalid());
      if (!ok) o->used = true;
      vars.emplace_back(id, o);
    }
    for (auto& [id, o] : vars) declare(scope_, id, o);
  } else if (s->tok == Tok::Assign) {
    for (int i = 0; i < 2; i++) {
      if (!lhs[i] || !ok || !rhs[i]) continue;
      BadExpr tmp(s->x->pos);
      tmp.tv = {Mode::Value, rhs[i], {}};
      assign_var(lhs[i], nullptr, rhs[i], s->x);
    }
  }
  Ctx saved = ctx_;
  ctx_.breakable = s;
  ctx_.loop = s;
  block(s->body);
  ctx_ = saved;
  close_scope();
}

// ---------------------------------------------------------------- labels

namespace {

// Calls f on each statement directly inside s: in blocks, if branches,
// clauses, loop bodies and labeled statements (not in function literals).
void for_each_child(Stmt* s, const std::function<void(Stmt*)>& f) {
  if (!s) return;
  auto list = [&](const std::vector<Stmt*>& l) {
    for (Stmt* x : l) f(x);
  };
  switch (s->kind) {
    case Node::K::LabeledStmt:
      f(static_cast<LabeledStmt*>(s)->stmt);
      return;
    case Node::K::BlockStmt:
      list(static_cast<BlockStmt*>(s)->list);
      return;
    case Node::K::IfStmt:
      f(static_cast<IfStmt*>(s)->body);
      if (static_cast<IfStmt*>(s)->els) f(static_cast<IfStmt*>(s)->els);
      return;
    case Node::K::SwitchStmt:
      for (CaseClause* c : static_cast<SwitchStmt*>(s)->clauses) list(c->body);
      return;
    case Node::K::TypeSwitchStmt:
      for (CaseClause* c : static_cast<TypeSwitchStmt*>(s)->clauses) list(c->body);
      return;
    case Node::K::SelectStmt:
      for (CommClause* c : static_cast<SelectStmt*>(s)->clauses) list(c->body);
      return;
    case Node::K::ForStmt:
      f(static_cast<ForStmt*>(s)->body);
      return;
    case Node::K::RangeStmt:
      f(static_cast<RangeStmt*>(s)->body);
      return;
    default:
      return;
  }
}

}  // namespace

void Checker::labels(BlockStmt* body) {
  std::map<std::string, LabeledStmt*> all;
  std::set<std::string> used;
  std::function<void(Stmt*)> collect = [&](Stmt* s) {
    if (s->kind == Node::K::LabeledStmt) {
      auto* l = static_cast<LabeledStmt*>(s);
      if (l->label->name != "_") {
        auto [it, fresh] = all.emplace(l->label->name, l);
        if (!fresh) {
          error(l->label->pos, "label " + l->label->name + " already defined at ./" +
                                   pkg_->files[0]->filename + ":" +
                                   std::to_string(it->second->label->pos.line) + ":" +
                                   std::to_string(it->second->label->pos.col));
        }
      }
    }
    for_each_child(s, collect);
  };
  for_each_child(body, collect);

  std::vector<std::pair<std::string, Stmt*>> enclosing;  // labeled loops/switches/selects
  std::function<void(Stmt*)> walk = [&](Stmt* s) {
    if (s->kind == Node::K::LabeledStmt) {
      auto* l = static_cast<LabeledStmt*>(s);
      enclosing.emplace_back(l->label->name, l->stmt);
      walk(l->stmt);
      enclosing.pop_back();
      return;
    }
    if (s->kind != Node::K::BranchStmt) {
      for_each_child(s, walk);
      return;
    }
    auto* b = static_cast<BranchStmt*>(s);
    if (!b->label) return;
    const std::string& name = b->label->name;
    if (b->tok == Tok::Goto) {
      auto it = all.find(name);
      if (it == all.end()) {
        error(b->label->pos, "label " + name + " not defined");
        return;
      }
      used.insert(name);
      b->target = it->second;
      return;
    }
    for (auto it = enclosing.rbegin(); it != enclosing.rend(); ++it) {
      if (it->first != name) continue;
      used.insert(name);
      Stmt* t = it->second;
      bool loop = t->kind == Node::K::ForStmt || t->kind == Node::K::RangeStmt;
      bool brk = loop || t->kind == Node::K::SwitchStmt || t->kind == Node::K::TypeSwitchStmt ||
                 t->kind == Node::K::SelectStmt;
      if (b->tok == Tok::Break && !brk) {
        error(b->label->pos, "invalid break label " + name);
      } else if (b->tok == Tok::Continue && !loop) {
        error(b->label->pos, "invalid continue label " + name);
      } else {
        b->target = t;
      }
      return;
    }
    const char* what = b->tok == Tok::Break ? "break" : "continue";
    if (all.count(name)) {
      used.insert(name);
      error(b->label->pos, std::string("invalid ") + what + " label " + name);
    } else {
      error(b->label->pos, std::string(what) + " label not defined: " + name);
    }
  };
  for_each_child(body, walk);
  for (auto& [name, l] : all) {
    if (!used.count(name)) error(l->label->pos, "label " + name + " defined and not used");
  }
}

// ---------------------------------------------------------------- terminating statements

bool Checker::terminating_list(const std::vector<Stmt*>& l) {
  for (auto it = l.rbegin(); it != l.rend(); ++it) {
    if ((*it)->kind == Node::K::EmptyStmt) continue;
    return terminating(*it, "");
  }
  return false;
}

bool Checker::has_break(Stmt* s, Stmt* target, bool implicit) {
  if (!s) return false;
  if (s->kind == Node::K::BranchStmt) {
    auto* b = static_cast<BranchStmt*>(s);
    return b->tok == Tok::Break && b->target == target;
  }
  bool found = false;
  for_each_child(s, [&](Stmt* x) { found = found || has_break(x, target, implicit); });
  return found;
}

// A switch or select terminates when every clause does, none breaks out of
// it, and (a switch) it has a default.
template <class Clause>
bool Checker::clauses_terminate(const std::vector<Clause*>& clauses, Stmt* s, bool need_default) {
  bool def = !need_default;
  for (Clause* c : clauses) {
    if constexpr (std::is_same_v<Clause, CaseClause>) def = def || c->is_default;
    if (!terminating_list(c->body)) return false;
    for (Stmt* x : c->body) {
      if (has_break(x, s, true)) return false;
    }
  }
  return def;
}

bool Checker::terminating(Stmt* s, const std::string& label) {
  (void)label;
  switch (s->kind) {
    case Node::K::ReturnStmt:
      return true;
    case Node::K::BranchStmt: {
      auto* b = static_cast<BranchStmt*>(s);
      return b->tok == Tok::Goto || b->tok == Tok::Fallthrough;
    }
    case Node::K::ExprStmt: {
      Expr* x = unparen(static_cast<ExprStmt*>(s)->x);
      if (x->kind != Node::K::Call) return false;
      Expr* f = unparen(static_cast<CallExpr*>(x)->fun);
      if (f->kind != Node::K::Ident) return false;
      Object* o = static_cast<Ident*>(f)->obj;
      return o && o->kind == ObjKind::Builtin && o->builtin == Builtin::Panic;
    }
    case Node::K::BlockStmt:
      return terminating_list(static_cast<BlockStmt*>(s)->list);
    case Node::K::IfStmt: {
      auto* i = static_cast<IfStmt*>(s);
      return i->els && terminating(i->body, "") && terminating(i->els, "");
    }
    case Node::K::LabeledStmt:
      return terminating(static_cast<LabeledStmt*>(s)->stmt, "");
    case Node::K::ForStmt: {
      auto* f = static_cast<ForStmt*>(s);
      return !f->cond && !has_break(f->body, f, true);
    }
    case Node::K::SwitchStmt:
      return clauses_terminate(static_cast<SwitchStmt*>(s)->clauses, s, true);
    case Node::K::TypeSwitchStmt:
      return clauses_terminate(static_cast<TypeSwitchStmt*>(s)->clauses, s, true);
    case Node::K::SelectStmt:
      return clauses_terminate(static_cast<SelectStmt*>(s)->clauses, s, false);
    default:
      return false;
  }
}

}  // namespace gort::golang
