// The compiler's statements: declarations, assignments, control flow,
// select, go and defer. Temporaries are released at the end of each
// statement; a block releases its variables' slots.
#include <algorithm>

#include "compiler.hpp"

namespace gort::golang {

namespace {

bool used_var(const Object* o) {
  return o && o->name != "_" && !o->name.empty();
}

}  // namespace

void Compiler::name_channel(Expr* lhs, Expr* rhs) {
  chan_name_.clear();
  Expr* r = unparen(rhs);
  if (r->kind != Node::K::Call) return;
  Expr* f = unparen(static_cast<CallExpr*>(r)->fun);
  if (f->kind != Node::K::Ident || !static_cast<Ident*>(f)->obj ||
      static_cast<Ident*>(f)->obj->kind != ObjKind::Builtin ||
      static_cast<Ident*>(f)->obj->builtin != Builtin::Make) {
    return;
  }
  Expr* l = unparen(lhs);
  if (l->kind == Node::K::Ident) {
    chan_name_ = static_cast<Ident*>(l)->name;
  } else if (l->kind == Node::K::Selector) {
    chan_name_ = static_cast<SelectorExpr*>(l)->sel->name;
  } else if (l->kind == Node::K::Index) {
    Expr* x = unparen(static_cast<IndexExpr*>(l)->x);
    if (x->kind == Node::K::Ident) chan_name_ = static_cast<Ident*>(x)->name + "[i]";
  }
}

int Compiler::comma_ok(Expr* e) {
  e = unparen(e);
  int r = tmp(2);
  if (e->kind == Node::K::TypeAssert) {
    type_assert(static_cast<TypeAssertExpr*>(e), r, true);
  } else if (e->kind == Node::K::Index) {
    map_index(static_cast<IndexExpr*>(e), r, true);
  } else {
    recv(static_cast<UnaryExpr*>(e), r, true);
  }
  return r;
}

void Compiler::block(const std::vector<Stmt*>& list) {
  int saved = fn_->top;
  for (Stmt* s : list) stmt(s);
  fn_->top = saved;
}

int Compiler::declare_slot(Object*) {
  return tmp();
}

void Compiler::finish_var(Object* o, int slot) {
  if (o->escapes && !o->type->boxed()) {
    emit(Op::NewCell, slot, slot);
    fn_->vars[o] = {{Loc::K::Cell, slot, 0, o->type}};
  } else {
    fn_->vars[o] = {{Loc::K::Slot, slot, 0, o->type}};
  }
}

void Compiler::declare_var(Object* o, Val v) {
  int s = declare_slot(o);
  int saved = fn_->top;
  if (v.slot < 0) {
    zero_value(o->type, s);
  } else {
    own(v, o->type, s);
  }
  fn_->top = saved;
  finish_var(o, s);
}

// Go 1.22: each iteration of a 3-clause loop has its own variables. A
// variable in a cell gets a fresh cell holding its current value before the
// post statement; others need nothing (no closure can see them).
void Compiler::fresh_iteration(const std::vector<Object*>& vars) {
  for (Object* o : vars) {
    auto it = fn_->vars.find(o);
    if (it == fn_->vars.end() || it->second.loc.k != Loc::K::Cell) continue;
    int c = it->second.loc.a;
    int t = tmp();
    emit(Op::Load, t, c);
    emit(Op::NewCell, c, t);
  }
}

void Compiler::stmt(Stmt* s) {
  pos_ = s->pos;
  int saved = fn_->top;
  switch (s->kind) {
    case Node::K::EmptyStmt:
      break;
    case Node::K::DeclStmt:
      decl_stmt(static_cast<DeclStmt*>(s)->decl);
      return;  // keeps its variables
    case Node::K::LabeledStmt: {
      auto* l = static_cast<LabeledStmt*>(s);
      fn_->label_pc[l] = fn_->code->code.size();
      stmt(l->stmt);
      return;
    }
    case Node::K::ExprStmt:
      expr(static_cast<ExprStmt*>(s)->x);
      break;
    case Node::K::SendStmt: {
      auto* ss = static_cast<SendStmt*>(s);
      int c = expr(ss->chan).slot;
      const Type* elem = ss->chan->tv.type->underlying()->elem;
      int v = expr_to(ss->value, elem);
      pos_ = s->pos;
      if (may_call_method(elem)) {
        emit(Op::SendT, c, v, static_cast<int>(type_const(elem)));
      } else {
        emit(Op::Send, c, v);
      }
      break;
    }
    case Node::K::IncDecStmt:
      inc_dec(static_cast<IncDecStmt*>(s));
      break;
    case Node::K::AssignStmt: {
      auto* a = static_cast<AssignStmt*>(s);
      if (a->tok == Tok::Define) {
        define(a);
        return;  // keeps its variables
      }
      if (a->tok == Tok::Assign) {
        assign(a);
      } else {
        op_assign(a);
      }
      break;
    }
    case Node::K::GoStmt:
      go_defer(static_cast<GoStmt*>(s)->call, true);
      break;
    case Node::K::DeferStmt:
      go_defer(static_cast<DeferStmt*>(s)->call, false);
      break;
    case Node::K::ReturnStmt:
      return_stmt(static_cast<ReturnStmt*>(s));
      break;
    case Node::K::BranchStmt:
      branch(static_cast<BranchStmt*>(s));
      break;
    case Node::K::BlockStmt:
      block(static_cast<BlockStmt*>(s)->list);
      break;
    case Node::K::IfStmt:
      if_stmt(static_cast<IfStmt*>(s));
      break;
    case Node::K::SwitchStmt:
      switch_stmt(static_cast<SwitchStmt*>(s));
      break;
    case Node::K::TypeSwitchStmt:
      type_switch(static_cast<TypeSwitchStmt*>(s));
      break;
    case Node::K::SelectStmt:
      select_stmt(static_cast<SelectStmt*>(s));
      break;
    case Node::K::ForStmt:
      for_stmt(static_cast<ForStmt*>(s));
      break;
    case Node::K::RangeStmt:
      range_stmt(static_cast<RangeStmt*>(s));
      break;
    default:
      break;
  }
  fn_->top = saved;
}

void Compiler::decl_stmt(GenDecl* d) {
  if (d->tok != Tok::Var) return;  // constants are folded, types need no code
  for (Spec* sp : d->specs) {
    auto* vs = static_cast<ValueSpec*>(sp);
    std::vector<Object*> objs;
    for (Ident* id : vs->names) objs.push_back(id->obj);
    if (vs->values.empty()) {
      for (Object* o : objs) {
        if (used_var(o)) declare_var(o, {-1, true});
      }
      continue;
    }
    // Reserve the variables' slots, evaluate, then bind (the names are not
    // in scope in their own initialisers).
    std::vector<int> slots;
    for (Object* o : objs) slots.push_back(used_var(o) ? declare_slot(o) : -1);
    int saved = fn_->top;
    if (vs->values.size() == objs.size()) {
      for (std::size_t i = 0; i < objs.size(); i++) {
        name_channel(vs->names[i], vs->values[i]);
        if (slots[i] < 0) {
          expr(vs->values[i]);
        } else {
          expr_to(vs->values[i], objs[i]->type, slots[i]);
        }
      }
    } else {
      Expr* e = unparen(vs->values[0]);
      if (vs->values[0]->tv.mode == Mode::CommaOk) {
        int r = comma_ok(e);
        if (slots[0] >= 0) into({r, true}, vs->values[0]->tv.type, objs[0]->type, slots[0]);
        if (slots[1] >= 0) emit(Op::Mov, slots[1], r + 1);
      } else {
        int r = call_region(static_cast<CallExpr*>(e));
        const Type* tt = vs->values[0]->tv.type;
        for (std::size_t i = 0; i < objs.size(); i++) {
          if (slots[i] >= 0)
            into({r + static_cast<int>(i), true}, tt->types[i], objs[i]->type, slots[i]);
        }
      }
    }
    fn_->top = saved;
    for (std::size_t i = 0; i < objs.size(); i++) {
      if (slots[i] >= 0) finish_var(objs[i], slots[i]);
    }
  }
}

void Compiler::define(AssignStmt* a) {
  std::size_t n = a->lhs.size();
  std::vector<Object*> objs(n, nullptr);
  std::vector<int> slots(n, -1);
  for (std::size_t i = 0; i < n; i++) {
    auto* id = static_cast<Ident*>(a->lhs[i]);
    if (a->is_new[i] && used_var(id->obj)) {
      objs[i] = id->obj;
      slots[i] = declare_slot(id->obj);
    }
  }
  int saved = fn_->top;
  // Values for the existing variables go through temporaries: every right
  // side is evaluated before any variable is assigned.
  std::vector<std::pair<std::size_t, int>> old;
  auto target = [&](std::size_t i, int src, const Type* from) {
    auto* id = static_cast<Ident*>(a->lhs[i]);
    if (is_blank(id)) return;
    if (slots[i] >= 0) {
      into({src, true}, from, objs[i]->type, slots[i]);
    } else if (!a->is_new[i]) {
      int t = into({src, true}, from, id->obj->type, tmp());
      old.emplace_back(i, t);
    }
  };
  if (a->rhs.size() == n) {
    for (std::size_t i = 0; i < n; i++) {
      auto* id = static_cast<Ident*>(a->lhs[i]);
      name_channel(id, a->rhs[i]);
      if (slots[i] >= 0) {
        expr_to(a->rhs[i], objs[i]->type, slots[i]);
      } else if (is_blank(id) || (a->is_new[i] && !used_var(id->obj))) {
        expr(a->rhs[i]);
      } else {
        Val v = expr(a->rhs[i]);
        target(i, v.slot, a->rhs[i]->tv.type);
        if (!v.owned && id->obj->type->boxed()) {
          // target() copied it already (into()).
        }
      }
    }
  } else {
    Expr* e = unparen(a->rhs[0]);
    if (a->rhs[0]->tv.mode == Mode::CommaOk) {
      int r = comma_ok(e);
      target(0, r, a->rhs[0]->tv.type);
      target(1, r + 1, T_.basic(TK::Bool));
    } else {
      int r = call_region(static_cast<CallExpr*>(e));
      const Type* tt = a->rhs[0]->tv.type;
      for (std::size_t i = 0; i < n; i++) target(i, r + static_cast<int>(i), tt->types[i]);
    }
  }
  for (auto& [i, t] : old) store(var_loc(static_cast<Ident*>(a->lhs[i])->obj), {t, true});
  fn_->top = saved;
  for (std::size_t i = 0; i < n; i++) {
    if (slots[i] >= 0) finish_var(objs[i], slots[i]);
  }
}

void Compiler::assign(AssignStmt* a) {
  std::size_t n = a->lhs.size();
  if (n == 1 && a->rhs.size() == 1) {
    Expr* l = a->lhs[0];
    if (is_blank(l)) {
      expr(a->rhs[0]);
      return;
    }
    Loc L = loc(l);
    name_channel(l, a->rhs[0]);
    int v = expr_to(a->rhs[0], L.type);
    pos_ = a->pos;
    store(L, {v, true});
    return;
  }
  // Phase 1: the left sides' operands and every right side; phase 2: stores.
  std::vector<Loc> locs;
  for (Expr* l : a->lhs) {
    if (is_blank(l)) {
      locs.push_back({});
      continue;
    }
    Loc L = loc(l);
    // Operands that are variables are copied: a store before this one must
    // not change which element this one writes.
    if (L.k == Loc::K::Index || L.k == Loc::K::AIndex || L.k == Loc::K::MapIdx ||
        L.k == Loc::K::Field || L.k == Loc::K::Ptr) {
      int t = tmp(2);
      emit(Op::Mov, t, L.a);
      L.a = t;
      if (L.k != Loc::K::Field) {
        emit(Op::Mov, t + 1, L.b);
        L.b = t + 1;
      }
    }
    locs.push_back(L);
  }
  std::vector<int> vals(n, -1);
  std::vector<const Type*> from(n, nullptr);
  if (a->rhs.size() == n) {
    for (std::size_t i = 0; i < n; i++) {
      if (locs[i].k == Loc::K::Blank) {
        expr(a->rhs[i]);
        continue;
      }
      vals[i] = expr_to(a->rhs[i], locs[i].type, tmp());
      from[i] = locs[i].type;
    }
  } else {
    Expr* e = unparen(a->rhs[0]);
    int r;
    std::vector<const Type*> types;
    if (a->rhs[0]->tv.mode == Mode::CommaOk) {
      r = comma_ok(e);
      types = {a->rhs[0]->tv.type, T_.basic(TK::Bool)};
    } else {
      r = call_region(static_cast<CallExpr*>(e));
      types = a->rhs[0]->tv.type->types;
    }
    for (std::size_t i = 0; i < n; i++) {
      if (locs[i].k == Loc::K::Blank) continue;
      vals[i] = into({r + static_cast<int>(i), true}, types[i], locs[i].type, tmp());
    }
  }
  pos_ = a->pos;
  for (std::size_t i = 0; i < n; i++) {
    if (locs[i].k != Loc::K::Blank) store(locs[i], {vals[i], true});
  }
}

void Compiler::op_assign(AssignStmt* a) {
  Expr* x = a->lhs[0];
  Expr* y = a->rhs[0];
  Loc L = loc(x);
  Tok op = assign_op_base(a->tok);
  int cur = load(L, tmp()).slot;
  // As the binary expression x op y.
  BinaryExpr be(a->pos, op, x, y);
  be.tv = {Mode::Value, L.type, {}};
  int r = tmp();
  // binary() evaluates x again; give it the loaded value through a stand-in.
  Ident stand(x->pos, "");
  stand.tv = {Mode::Value, L.type, {}};
  Object tmp_obj;
  tmp_obj.kind = ObjKind::Var;
  tmp_obj.type = L.type;
  stand.obj = &tmp_obj;
  fn_->vars[&tmp_obj] = {{Loc::K::Slot, cur, 0, L.type}};
  be.x = &stand;
  binary(&be, r);
  fn_->vars.erase(&tmp_obj);
  pos_ = a->pos;
  store(L, {r, true});
}

void Compiler::inc_dec(IncDecStmt* s) {
  Loc L = loc(s->x);
  int cur = load(L, tmp()).slot;
  const Type* t = L.type;
  if (is_float(t)) {
    int one = tmp();
    emit_bc(Op::LoadK, one, konst(Value::of_float(1.0)));
    emit(s->tok == Tok::Inc ? Op::AddF : Op::SubF, cur, cur, one);
    if (t->underlying()->kind == TK::Float32) emit(Op::F32, cur, cur);
  } else {
    emit(Op::AddI, cur, cur, s->tok == Tok::Inc ? 1 : 0xFFFF);
    truncate(cur, t);
  }
  pos_ = s->pos;
  store(L, {cur, true});
}

void Compiler::return_stmt(ReturnStmt* r) {
  const Type* sig = fn_->code->sig;
  std::size_t nres = sig ? sig->results.size() : 0;
  if (r->results.empty()) {
    emit(Op::Ret);
    return;
  }
  // Named results: the variables of the function's own result slots.
  std::vector<const Object*> named(nres, nullptr);
  for (auto& [o, v] : fn_->vars) {
    if (v.loc.k == Loc::K::Slot && v.loc.a < static_cast<int>(nres) && !o->is_field) {
      named[static_cast<std::size_t>(v.loc.a)] = o;
    }
  }
  for (auto& [rs, cell] : fn_->code->result_cells) {
    for (auto& [o, v] : fn_->vars) {
      if (v.loc.k == Loc::K::Cell && v.loc.a == cell) named[rs] = o;
    }
  }
  bool any_named = std::any_of(named.begin(), named.end(), [](const Object* o) { return o; });
  std::vector<int> vals;
  if (r->results.size() == nres) {
    for (std::size_t i = 0; i < nres; i++) {
      if (!any_named) {
        expr_to(r->results[i], sig->results[i], static_cast<int>(i));
      } else {
        vals.push_back(expr_to(r->results[i], sig->results[i], tmp()));
      }
    }
  } else {
    int region = call_region(static_cast<CallExpr*>(unparen(r->results[0])));
    const Type* tt = r->results[0]->tv.type;
    for (std::size_t i = 0; i < nres; i++) {
      if (!any_named) {
        into({region + static_cast<int>(i), true}, tt->types[i], sig->results[i],
             static_cast<int>(i));
      } else {
        vals.push_back(
            into({region + static_cast<int>(i), true}, tt->types[i], sig->results[i], tmp()));
      }
    }
  }
  if (any_named) {
    for (std::size_t i = 0; i < nres; i++) {
      if (named[i]) {
        store(var_loc(named[i]), {vals[i], true});
      } else {
        emit(Op::Mov, static_cast<int>(i), vals[i]);
      }
    }
  }
  pos_ = r->pos;
  emit(Op::Ret);
}

// Jumps (appended to `jumps`) when e's truth equals jump_if; falls through otherwise.
void Compiler::cond_jump(Expr* e, bool jump_if, std::vector<std::size_t>& jumps) {
  e = unparen(e);
  if (e->tv.mode == Mode::Constant) {
    if (e->tv.val.b == jump_if) jumps.push_back(emit_jump(Op::Jmp));
    return;
  }
  if (e->kind == Node::K::Unary && static_cast<UnaryExpr*>(e)->op == Tok::Not) {
    cond_jump(static_cast<UnaryExpr*>(e)->x, !jump_if, jumps);
    return;
  }
  if (e->kind == Node::K::Binary) {
    auto* b = static_cast<BinaryExpr*>(e);
    if (b->op == Tok::LAnd || b->op == Tok::LOr) {
      bool is_and = b->op == Tok::LAnd;
      if (is_and != jump_if) {
        // (a && b) false when a false or b false; (a || b) true when either.
        cond_jump(b->x, jump_if, jumps);
        cond_jump(b->y, jump_if, jumps);
      } else {
        std::vector<std::size_t> skip;
        cond_jump(b->x, !jump_if, skip);
        cond_jump(b->y, jump_if, jumps);
        for (std::size_t j : skip) patch(j);
      }
      return;
    }
    // Integer comparisons: one fused compare-and-jump.
    const Type* t = b->x->tv.type;
    if ((b->op == Tok::Lss || b->op == Tok::Geq || b->op == Tok::Gtr || b->op == Tok::Leq ||
         b->op == Tok::Eql || b->op == Tok::Neq) &&
        is_integer(t) && !is_unsigned(t) && is_integer(b->y->tv.type)) {
      int saved = fn_->top;
      int x = expr(b->x).slot;
      int y = expr(b->y).slot;
      fn_->top = saved;
      // The fused jump for `x op y` (or its negation): x < y is JLt x y,
      // x > y is JLt y x, and so on.
      static const struct {
        Tok op, neg;
        Op jump;
        bool swap;
      } kFused[] = {{Tok::Lss, Tok::Geq, Op::JLt, false}, {Tok::Geq, Tok::Lss, Op::JGe, false},
                    {Tok::Gtr, Tok::Leq, Op::JLt, true},  {Tok::Leq, Tok::Gtr, Op::JGe, true},
                    {Tok::Eql, Tok::Neq, Op::JEq, false}, {Tok::Neq, Tok::Eql, Op::JNe, false}};
      Tok op = b->op;
      for (const auto& f : kFused) {
        if (f.op == b->op && !jump_if) op = f.neg;
      }
      for (const auto& f : kFused) {
        if (f.op == op) {
          jumps.push_back(f.swap ? emit(f.jump, y, x) : emit(f.jump, x, y));
          break;
        }
      }
      return;
    }
  }
  int saved = fn_->top;
  int v = expr(e).slot;
  fn_->top = saved;
  jumps.push_back(emit_jump(jump_if ? Op::JmpIf : Op::JmpIfNot, v));
}

void Compiler::if_stmt(IfStmt* s) {
  int saved = fn_->top;
  if (s->init) stmt(s->init);
  pos_ = s->cond->pos;
  std::vector<std::size_t> to_else;
  cond_jump(s->cond, false, to_else);
  block(s->body->list);
  if (s->els) {
    std::size_t to_end = emit_jump(Op::Jmp);
    for (std::size_t j : to_else) patch(j);
    stmt(s->els);
    patch(to_end);
  } else {
    for (std::size_t j : to_else) patch(j);
  }
  fn_->top = saved;
}

Compiler::Breakable* Compiler::find_breakable(const Stmt* s) {
  for (auto it = fn_->breakables.rbegin(); it != fn_->breakables.rend(); ++it) {
    if (it->stmt == s) return &*it;
  }
  return nullptr;
}

void Compiler::branch(BranchStmt* b) {
  switch (b->tok) {
    case Tok::Break:
      if (Breakable* br = find_breakable(b->target)) br->breaks.push_back(emit_jump(Op::Jmp));
      return;
    case Tok::Continue:
      if (Breakable* br = find_breakable(b->target)) br->continues.push_back(emit_jump(Op::Jmp));
      return;
    case Tok::Goto: {
      auto it = fn_->label_pc.find(b->target);
      if (it != fn_->label_pc.end()) {
        jump_back(it->second);
      } else {
        fn_->gotos.emplace_back(emit_jump(Op::Jmp), b->target);
      }
      return;
    }
    case Tok::Fallthrough:
      if (fn_->fallthrough) fn_->fallthrough->push_back(emit_jump(Op::Jmp));
      return;
    default:
      return;
  }
}

void Compiler::switch_stmt(SwitchStmt* s) {
  int saved = fn_->top;
  if (s->init) stmt(s->init);
  pos_ = s->pos;
  int tag = -1;
  const Type* tt = nullptr;
  if (s->tag) {
    tt = s->tag->tv.type;
    tag = expr_to(s->tag, tt, tmp());
  }
  std::vector<std::vector<std::size_t>> to_body(s->clauses.size());
  int def = -1;
  for (std::size_t i = 0; i < s->clauses.size(); i++) {
    CaseClause* c = s->clauses[i];
    if (c->is_default) def = static_cast<int>(i);
    for (Expr* e : c->list) {
      int t0 = fn_->top;
      pos_ = e->pos;
      if (tag < 0) {
        cond_jump(e, true, to_body[i]);
      } else {
        const Type* et = e->tv.type;
        int v;
        int r = tmp();
        if (is_interface(tt) && !is_interface(et)) {
          v = expr_to(e, tt);
          equal_values(tag, v, tt, false, r);
        } else if (!is_interface(tt) && is_interface(et)) {
          v = expr(e).slot;
          int boxed = into({tag, false}, tt, et, tmp());
          equal_values(boxed, v, et, false, r);
        } else {
          v = expr_to(e, tt);
          equal_values(tag, v, tt, false, r);
        }
        to_body[i].push_back(emit_jump(Op::JmpIf, r));
      }
      fn_->top = t0;
    }
  }
  switch_clauses(s, to_body, def, saved, [&](std::size_t i, std::vector<std::size_t>& fall) {
    auto* saved_fall = fn_->fallthrough;
    fn_->fallthrough = &fall;
    block(s->clauses[i]->body);
    fn_->fallthrough = saved_fall;
  });
}

// The clauses' bodies of a switch whose tests (just emitted) jump to
// to_body[i] for clause i; clause `def` (-1: none) is the default. body(i,
// fall) emits clause i's body; a fallthrough adds its jump to `fall`, which
// lands at the next body.
void Compiler::switch_clauses(
    Stmt* s, const std::vector<std::vector<std::size_t>>& to_body, int def, int saved,
    const std::function<void(std::size_t i, std::vector<std::size_t>& fall)>& body) {
  std::vector<std::size_t> to_default{emit_jump(Op::Jmp)};
  fn_->breakables.push_back({s, {}, {}});
  std::vector<std::size_t> ends;
  std::vector<std::size_t> fall;
  for (std::size_t i = 0; i < to_body.size(); i++) {
    for (std::size_t j : fall) patch(j);
    fall.clear();
    for (std::size_t j : to_body[i]) patch(j);
    if (static_cast<int>(i) == def) {
      for (std::size_t j : to_default) patch(j);
      to_default.clear();
    }
    body(i, fall);
    if (fall.empty()) ends.push_back(emit_jump(Op::Jmp));
  }
  for (std::size_t j : to_default) patch(j);
  for (std::size_t j : ends) patch(j);
  for (std::size_t j : fn_->breakables.back().breaks) patch(j);
  fn_->breakables.pop_back();
  fn_->top = saved;
}

void Compiler::type_switch(TypeSwitchStmt* s) {
  int saved = fn_->top;
  if (s->init) stmt(s->init);
  pos_ = s->pos;
  const Type* xt = s->x->tv.type;
  int x = expr_to(s->x, xt, tmp());
  int dyn = tmp();
  emit(Op::TypeOf, dyn, x);
  std::vector<std::vector<std::size_t>> to_body(s->clauses.size());
  int def = -1;
  int r = tmp();
  for (std::size_t i = 0; i < s->clauses.size(); i++) {
    CaseClause* c = s->clauses[i];
    if (c->is_default) def = static_cast<int>(i);
    for (Expr* e : c->list) {
      if (e->tv.type && e->tv.type->kind == TK::UntypedNil) {
        int z = tmp();
        emit(Op::Zero, z);
        to_body[i].push_back(emit(Op::JEq, dyn, z));
        fn_->top--;
        continue;
      }
      const Type* t = e->tv.type;
      if (is_interface(t)) {
        emit(Op::Implements, r, dyn, static_cast<int>(type_const(t)));
        to_body[i].push_back(emit_jump(Op::JmpIf, r));
      } else {
        add_method_table(t);
        int k = tmp();
        emit_bc(Op::LoadK, k, type_const(t));
        to_body[i].push_back(emit(Op::JEq, dyn, k));
        fn_->top--;
      }
    }
  }
  switch_clauses(s, to_body, def, saved, [&](std::size_t i, std::vector<std::size_t>&) {
    CaseClause* c = s->clauses[i];
    int t0 = fn_->top;
    if (c->implicit && c->implicit->used) {
      const Type* vt = c->implicit->type;
      int v = declare_slot(c->implicit);
      if (!is_interface(vt)) {
        emit(Op::Unbox, v, x, static_cast<int>(type_const(vt)));
      } else {
        emit(Op::Mov, v, x);
      }
      finish_var(c->implicit, v);
    }
    block(c->body);
    fn_->top = t0;
  });
}

void Compiler::select_stmt(SelectStmt* s) {
  int saved = fn_->top;
  pos_ = s->pos;
  struct Clause {
    CommClause* cc;
    int recv_val = -1, recv_ok = -1;
    Expr* lhs[2] = {nullptr, nullptr};
    bool define = false;
    AssignStmt* assign = nullptr;
  };
  std::vector<Clause> clauses;
  std::vector<SelectCase> cases;
  bool has_default = false;
  // The channels and values to send, in source order.
  for (CommClause* cc : s->clauses) {
    Clause cl;
    cl.cc = cc;
    if (!cc->comm) {
      has_default = true;
      clauses.push_back(cl);
      continue;
    }
    SelectCase sc{};
    if (cc->comm->kind == Node::K::SendStmt) {
      auto* ss = static_cast<SendStmt*>(cc->comm);
      sc.chan = static_cast<std::uint16_t>(expr_to(ss->chan, ss->chan->tv.type, tmp()));
      const Type* elem = ss->chan->tv.type->underlying()->elem;
      sc.val = static_cast<std::uint16_t>(expr_to(ss->value, elem, tmp()));
      sc.ok = 0xFFFF;
      sc.send = true;
      sc.text = may_call_method(elem);
      sc.elem = elem;
    } else {
      UnaryExpr* rx;
      if (cc->comm->kind == Node::K::ExprStmt) {
        rx = static_cast<UnaryExpr*>(unparen(static_cast<ExprStmt*>(cc->comm)->x));
      } else {
        auto* a = static_cast<AssignStmt*>(cc->comm);
        rx = static_cast<UnaryExpr*>(unparen(a->rhs[0]));
        cl.assign = a;
        cl.define = a->tok == Tok::Define;
        cl.lhs[0] = a->lhs[0];
        if (a->lhs.size() > 1) cl.lhs[1] = a->lhs[1];
      }
      sc.chan = static_cast<std::uint16_t>(expr_to(rx->x, rx->x->tv.type, tmp()));
      sc.elem = rx->x->tv.type->underlying()->elem;
      cl.recv_val = tmp();
      sc.val = static_cast<std::uint16_t>(cl.recv_val);
      if (cl.lhs[1]) {
        cl.recv_ok = tmp();
        sc.ok = static_cast<std::uint16_t>(cl.recv_ok);
      } else {
        sc.ok = 0xFFFF;
      }
      sc.send = false;
    }
    cases.push_back(sc);
    clauses.push_back(cl);
  }
  int r = tmp();
  auto first = static_cast<int>(fn_->code->selects.size());
  for (const SelectCase& sc : cases) fn_->code->selects.push_back(sc);
  pos_ = s->pos;
  emit(Op::Select, r, first, has_default ? 1 : 0);
  emit_ext(static_cast<int>(cases.size()), 0, 0);
  // Dispatch on the chosen case.
  std::size_t table = emit(Op::JTable, r, static_cast<int>(cases.size()));
  for (std::size_t i = 0; i < cases.size(); i++) emit_ext(0, 0, 0);
  std::size_t table_end = fn_->code->code.size();
  fn_->breakables.push_back({s, {}, {}});
  std::vector<std::size_t> ends;
  std::size_t ci = 0;
  auto body = [&](Clause& cl) {
    int t0 = fn_->top;
    if (cl.recv_val >= 0 && cases[ci].elem->boxed()) {
      emit_bc(Op::ZeroObj, cl.recv_val, type_const(cases[ci].elem));
    }
    if (cl.assign) {
      pos_ = cl.assign->pos;
      const Type* elem = cases[ci].elem;
      for (int k = 0; k < 2; k++) {
        Expr* l = cl.lhs[k];
        if (!l || is_blank(l)) continue;
        int src = k == 0 ? cl.recv_val : cl.recv_ok;
        const Type* from = k == 0 ? elem : T_.basic(TK::Bool);
        if (cl.define) {
          Object* o = static_cast<Ident*>(l)->obj;
          if (used_var(o)) declare_var(o, {src, true});
        } else {
          Loc L = loc(l);
          store(L, {into({src, true}, from, L.type, tmp()), true});
        }
      }
    }
    block(cl.cc->body);
    fn_->top = t0;
    ends.push_back(emit_jump(Op::Jmp));
  };
  // Default first: it is where the table falls through.
  for (Clause& cl : clauses) {
    if (!cl.cc->comm) body(cl);
  }
  if (!has_default) ends.push_back(emit_jump(Op::Jmp));
  for (Clause& cl : clauses) {
    if (!cl.cc->comm) continue;
    std::size_t start = fn_->code->code.size();
    Instr& ext = fn_->code->code[table + 1 + ci];
    auto off = static_cast<std::uint32_t>(static_cast<std::int32_t>(start - table_end));
    ext.b = static_cast<std::uint16_t>(off & 0xFFFF);
    ext.c = static_cast<std::uint16_t>(off >> 16);
    body(cl);
    ci++;
  }
  for (std::size_t j : ends) patch(j);
  for (std::size_t j : fn_->breakables.back().breaks) patch(j);
  fn_->breakables.pop_back();
  fn_->top = saved;
}

void Compiler::for_stmt(ForStmt* s) {
  int saved = fn_->top;
  if (s->init) stmt(s->init);
  std::size_t top = fn_->code->code.size();
  std::vector<std::size_t> exits;
  if (s->cond) {
    pos_ = s->cond->pos;
    cond_jump(s->cond, false, exits);
  }
  fn_->breakables.push_back({s, {}, {}});
  block(s->body->list);
  std::size_t cont = fn_->code->code.size();
  fresh_iteration(s->loop_vars);
  if (s->post) stmt(s->post);
  pos_ = s->pos;
  jump_back(top);
  Breakable br = std::move(fn_->breakables.back());
  fn_->breakables.pop_back();
  for (std::size_t j : exits) patch(j);
  for (std::size_t j : br.breaks) patch(j);
  for (std::size_t j : br.continues) patch_to(j, cont);
  fn_->top = saved;
}

void Compiler::range_stmt(RangeStmt* s) {
  int saved = fn_->top;
  pos_ = s->pos;
  const Type* xt = s->x->tv.type;
  const Type* u = xt->underlying();
  bool define = s->tok == Tok::Define;
  Expr* lhs[2] = {s->key, s->value};
  // Binds the iteration values to the key and value variables (fresh ones
  // each iteration for :=).
  auto bind = [&](int k, int src, const Type* from) {
    Expr* l = lhs[k];
    if (!l || is_blank(l)) return;
    if (define) {
      Object* o = static_cast<Ident*>(l)->obj;
      if (used_var(o)) declare_var(o, {src, false});
    } else {
      Loc L = loc(l);
      store(L, {into({src, false}, from, L.type, tmp()), true});
    }
  };
  fn_->breakables.push_back({s, {}, {}});
  std::vector<std::size_t> exits;
  std::size_t cont = 0;
  std::size_t top = 0;
  if (u->kind == TK::Pointer) u = u->elem->underlying();
  bool need_value = s->value && !is_blank(s->value);
  if (u->kind == TK::Chan) {
    int c = expr_to(s->x, xt, tmp());
    int v = tmp();
    top = fn_->code->code.size();
    pos_ = s->pos;
    exits.push_back(emit(Op::ChanNext, v, c));
    if (u->elem->boxed()) emit_bc(Op::ZeroObj, v, type_const(u->elem));
    int t0 = fn_->top;
    bind(0, v, u->elem);
    block(s->body->list);
    fn_->top = t0;
    cont = fn_->code->code.size();
    jump_back(top);
  } else if (u->kind == TK::Map) {
    int m = expr_to(s->x, xt, tmp());
    int it = tmp();
    int kv = tmp(2);
    emit(Op::MapIter, it, m);
    top = fn_->code->code.size();
    exits.push_back(emit(Op::MapNext, kv, it));
    int t0 = fn_->top;
    bind(0, kv, u->key);
    bind(1, kv + 1, u->elem);
    block(s->body->list);
    fn_->top = t0;
    cont = fn_->code->code.size();
    jump_back(top);
  } else if (is_integer(xt) || u->kind == TK::Slice || u->kind == TK::Array || is_string(xt)) {
    int n = tmp();
    int x = -1;
    bool str = is_string(xt);
    if (is_integer(xt)) {
      expr_to(s->x, xt, n);
    } else {
      x = tmp();
      Val xv = expr(s->x, x);
      if (xv.slot != x) emit(Op::Mov, x, xv.slot);
      // Ranging over an array value iterates over a copy.
      if (xt->underlying()->kind == TK::Array && need_value && !xv.owned) {
        emit(Op::CopyObj, x, x, static_cast<int>(type_const(xt)));
      }
      if (str) {
        emit(Op::StrLen, n, x);
      } else if (u->kind == TK::Slice) {
        emit(Op::SliceLen, n, x);
      } else {
        emit_bc(Op::LoadI, n, static_cast<std::uint32_t>(u->len));
        if (xt->underlying()->kind == TK::Pointer && u->len > 0) emit(Op::NilCheck, x);
      }
    }
    int i = tmp();
    emit(Op::Zero, i);
    int next = str ? tmp(2) : -1;  // rune, next index
    top = fn_->code->code.size();
    exits.push_back(emit(Op::JGe, i, n));
    int t0 = fn_->top;
    if (str) {
      emit(Op::StrNext, next, i, x);
      bind(0, i, T_.basic(TK::Int));
      bind(1, next, T_.basic(TK::Int32));
    } else {
      bind(0, i, is_integer(xt) ? xt : T_.basic(TK::Int));
      if (need_value) {
        int v = tmp();
        if (u->kind == TK::Slice) {
          emit(Op::Index, v, x, i);
        } else if (u->len > 0) {
          emit(Op::AIndex, v, x, i);
        }
        bind(1, v, u->elem);
      }
    }
    block(s->body->list);
    fn_->top = t0;
    cont = fn_->code->code.size();
    if (str) {
      emit(Op::Mov, i, next + 1);
    } else {
      emit(Op::AddI, i, i, 1);
    }
    jump_back(top);
  }
  Breakable br = std::move(fn_->breakables.back());
  fn_->breakables.pop_back();
  for (std::size_t j : exits) patch(j);
  for (std::size_t j : br.breaks) patch(j);
  for (std::size_t j : br.continues) patch_to(j, cont);
  fn_->top = saved;
}

void Compiler::go_defer(CallExpr* c, bool go) {
  pos_ = c->pos;
  Expr* f = unparen(c->fun);
  int clos = tmp();
  int region;
  int nslots;
  if (f->tv.mode == Mode::Builtin) {
    Object* b = static_cast<Ident*>(f)->obj;
    FuncCode* w = builtin_wrapper(c, b);
    emit_bc(Op::LoadFn, clos, konst(Value::of_ptr(w)));
    region = tmp(w->nres + w->nparams);
    for (std::size_t i = 0; i < c->args.size(); i++) {
      expr_to(c->args[i], c->args[i]->tv.type, region + w->nres + static_cast<int>(i));
    }
    nslots = w->nres + w->nparams;
  } else {
    const Type* sig = f->tv.type->underlying();
    auto it = f->kind == Node::K::Selector ? info_.selections.find(f) : info_.selections.end();
    int nres = static_cast<int>(sig->results.size());
    int np = static_cast<int>(sig->params.size());
    if (it != info_.selections.end() && it->second.kind == Selection::Kind::Method) {
      const Selection& s = it->second;
      auto* se = static_cast<SelectorExpr*>(f);
      if (is_interface(s.obj->recv_named ? s.obj->recv_named : se->x->tv.type) &&
          !s.obj->recv_named) {
        // An interface method: a closure bound to the interface value.
        method_value(se, s, clos);
        region = tmp(nres + np);
        args(c, sig, region, nres);
      } else {
        FuncCode* fc = func_code(s.obj);
        emit_bc(Op::LoadFn, clos, konst(Value::of_ptr(fc)));
        region = tmp(nres + np + 1);
        receiver(se, s, region + nres);
        args(c, sig, region, nres + 1);
        np++;
      }
    } else if (f->kind == Node::K::Ident && static_cast<Ident*>(f)->obj &&
               static_cast<Ident*>(f)->obj->kind == ObjKind::Func &&
               static_cast<Ident*>(f)->obj->pkg) {
      emit_bc(Op::LoadFn, clos, konst(Value::of_ptr(func_code(static_cast<Ident*>(f)->obj))));
      region = tmp(nres + np);
      args(c, sig, region, nres);
    } else if (it != info_.selections.end() && it->second.kind == Selection::Kind::Qualified &&
               it->second.obj->kind == ObjKind::Func) {
      emit_bc(Op::LoadFn, clos, konst(Value::of_ptr(func_code(it->second.obj))));
      region = tmp(nres + np);
      args(c, sig, region, nres);
    } else {
      expr_to(f, f->tv.type, clos);
      region = tmp(nres + np);
      args(c, sig, region, nres);
    }
    nslots = nres + np;
  }
  pos_ = c->pos;
  emit(go ? Op::Go : Op::Defer, region, clos, nslots);
}

}  // namespace gort::golang
