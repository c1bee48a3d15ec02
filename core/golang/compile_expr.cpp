// The compiler's expressions and places (Loc): loads, stores, addresses,
// operators, literals, closures, conversions to interfaces.
#include <algorithm>

#include "compiler.hpp"

namespace gort::golang {

namespace {}  // namespace

void Compiler::load_const(int dst, const TypeAndValue& tv) {
  const Type* t = tv.type;
  const Const& v = tv.val;
  if (!v.known() || t->kind == TK::UntypedNil) {
    emit(Op::Zero, dst);
    return;
  }
  if (is_boolean(t)) {
    emit_bc(Op::LoadI, dst, v.b ? 1 : 0);
    return;
  }
  if (is_string(t)) {
    if (v.s.empty()) {
      emit(Op::Zero, dst);
    } else {
      emit_bc(Op::LoadK, dst, konst(Value::of_ptr(prog_.static_string(v.s))));
    }
    return;
  }
  if (is_float(t)) {
    double d = v.as_double();
    if (t->underlying()->kind == TK::Float32) d = static_cast<double>(static_cast<float>(d));
    emit_bc(Op::LoadK, dst, konst(Value::of_float(d)));
    return;
  }
  Const iv = v.to_int();
  auto x = static_cast<std::int64_t>(static_cast<std::uint64_t>(iv.i));
  if (x >= INT32_MIN && x <= INT32_MAX) {
    emit_bc(Op::LoadI, dst, static_cast<std::uint32_t>(static_cast<std::int32_t>(x)));
  } else {
    emit_bc(Op::LoadK, dst, konst(Value::of_int(x)));
  }
}

void Compiler::truncate(int slot, const Type* t) {
  switch (t->underlying()->kind) {
    case TK::Int8:
      emit(Op::SExt, slot, slot, 8);
      break;
    case TK::Int16:
      emit(Op::SExt, slot, slot, 16);
      break;
    case TK::Int32:
      emit(Op::SExt, slot, slot, 32);
      break;
    case TK::Uint8:
      emit(Op::ZExt, slot, slot, 8);
      break;
    case TK::Uint16:
      emit(Op::ZExt, slot, slot, 16);
      break;
    case TK::Uint32:
      emit(Op::ZExt, slot, slot, 32);
      break;
    default:
      break;
  }
}

Compiler::Val Compiler::zero_value(const Type* t, int dst) {
  if (dst < 0) dst = tmp();
  if (t->boxed()) {
    emit_bc(Op::NewObj, dst, type_const(t));
  } else {
    emit(Op::Zero, dst);
  }
  return {dst, true};
}

int Compiler::own(Val v, const Type* t, int dst) {
  if (t->boxed() && !v.owned) {
    if (dst < 0) dst = tmp();
    emit(Op::CopyObj, dst, v.slot, static_cast<int>(type_const(t)));
    return dst;
  }
  if (dst >= 0 && dst != v.slot) emit(Op::Mov, dst, v.slot);
  return dst >= 0 ? dst : v.slot;
}

int Compiler::into(Val v, const Type* from, const Type* to, int dst) {
  if (to && is_interface(to) && from && !is_interface(from)) {
    if (dst < 0) dst = tmp();
    if (from->kind == TK::UntypedNil) {
      emit(Op::Zero, dst);
      return dst;
    }
    add_method_table(from);
    emit(from->boxed() ? Op::BoxObj : Op::Box, dst, v.slot, static_cast<int>(type_const(from)));
    return dst;
  }
  return own(v, to ? to : from, dst);
}

int Compiler::expr_to(Expr* e, const Type* target, int dst) {
  bool convert = target && is_interface(target) && !is_interface(e->tv.type);
  Val v = expr(e, convert ? -1 : dst);
  return into(v, e->tv.type, target, dst);
}

Compiler::Val Compiler::expr(Expr* e, int dst) {
  auto at = [&](Val v) -> Val {
    if (dst >= 0 && v.slot != dst) {
      emit(Op::Mov, dst, v.slot);
      return {dst, v.owned};
    }
    return v;
  };
  if (e->tv.mode == Mode::Constant) {
    int d = dst >= 0 ? dst : tmp();
    load_const(d, e->tv);
    return {d, true};
  }
  switch (e->kind) {
    case Node::K::Paren:
      return expr(static_cast<ParenExpr*>(e)->x, dst);
    case Node::K::Ident:
      return at(ident(static_cast<Ident*>(e), dst));
    case Node::K::CompositeLit:
      return at(composite(static_cast<CompositeLit*>(e), dst));
    case Node::K::FuncLit:
      return at(func_lit(static_cast<FuncLit*>(e), dst));
    case Node::K::Selector:
      return at(selector(static_cast<SelectorExpr*>(e), dst));
    case Node::K::Index:
      return at(index(static_cast<IndexExpr*>(e), dst));
    case Node::K::Slice:
      return at(slice_expr(static_cast<SliceExpr*>(e), dst));
    case Node::K::TypeAssert: {
      int d = dst >= 0 ? dst : tmp();
      return type_assert(static_cast<TypeAssertExpr*>(e), d, false);
    }
    case Node::K::Call:
      return at(call(static_cast<CallExpr*>(e), dst));
    case Node::K::Star:
      return at(load(loc(e), dst));
    case Node::K::Unary:
      return at(unary(static_cast<UnaryExpr*>(e), dst));
    case Node::K::Binary:
      return at(binary(static_cast<BinaryExpr*>(e), dst));
    default: {
      int d = dst >= 0 ? dst : tmp();
      emit(Op::Zero, d);
      return {d, true};
    }
  }
}

// ---------------------------------------------------------------- places

Compiler::Loc Compiler::var_loc(const Object* o) {
  if (o->is_global) {
    auto it = globals_.find(o);
    return {Loc::K::Global, it == globals_.end() ? 0 : static_cast<int>(it->second), 0, o->type};
  }
  auto it = fn_->vars.find(o);
  if (it != fn_->vars.end()) return it->second.loc;
  // A variable of an enclosing function: the closure's environment.
  auto u = std::find(fn_->upvals.begin(), fn_->upvals.end(), o);
  if (u != fn_->upvals.end()) {
    return {Loc::K::Upval, static_cast<int>(u - fn_->upvals.begin()), 0, o->type};
  }
  errors_.push_back(
      {o->pos.line, o->pos.col, "gort: internal error: variable " + o->name + " has no slot"});
  return {};
}

Compiler::Loc Compiler::deref_loc(int ptr_slot, const Type* elem) {
  return {Loc::K::Ptr, ptr_slot, 0, elem};
}

Compiler::Loc Compiler::field_loc(Loc base, const Type* st, int index) {
  const Type* u = st->underlying();
  const Type* ft = u->fields[static_cast<std::size_t>(index)].type;
  if (u->fields.size() == 1) {
    base.type = ft;  // a struct of one field is its field
    return base;
  }
  int obj = load(base, -1).slot;
  return {Loc::K::Field, obj, index, ft};
}

Compiler::Loc Compiler::step(Loc l, const Type*& t, int field) {
  if (t->underlying()->kind == TK::Pointer) {
    const Type* elem = t->underlying()->elem;
    l = deref_loc(load(l, -1).slot, elem);
    t = elem;
  }
  l = field_loc(l, t, field);
  t = l.type;
  return l;
}

Compiler::Loc Compiler::loc(Expr* e) {
  e = unparen(e);
  switch (e->kind) {
    case Node::K::Ident: {
      auto* id = static_cast<Ident*>(e);
      if (id->name == "_") return {};
      return var_loc(id->obj);
    }
    case Node::K::Star: {
      auto* s = static_cast<StarExpr*>(e);
      int p = expr(s->x).slot;
      return deref_loc(p, e->tv.type);
    }
    case Node::K::Index: {
      auto* ix = static_cast<IndexExpr*>(e);
      const Type* xt = ix->x->tv.type;
      const Type* u = xt->underlying();
      if (u->kind == TK::Map) {
        int m = expr(ix->x).slot;
        int k = expr_to(ix->index, u->key);
        return {Loc::K::MapIdx, m, k, u->elem};
      }
      if (u->kind == TK::Slice) {
        int s = expr(ix->x).slot;
        int i = expr(ix->index).slot;
        return {Loc::K::Index, s, i, u->elem};
      }
      // An array (through a pointer or not): its object.
      int obj;
      if (u->kind == TK::Pointer) {
        obj = expr(ix->x).slot;
        u = u->elem->underlying();
      } else if (ix->x->tv.mode == Mode::Variable) {
        obj = load(loc(ix->x), -1).slot;
      } else {
        obj = expr(ix->x).slot;
      }
      int i = expr(ix->index).slot;
      return {Loc::K::AIndex, obj, i, u->elem};
    }
    case Node::K::Selector: {
      auto* se = static_cast<SelectorExpr*>(e);
      auto it = info_.selections.find(se);
      if (it == info_.selections.end()) return {};
      const Selection& s = it->second;
      if (s.kind == Selection::Kind::Qualified) return var_loc(s.obj);
      Loc l;
      const Type* t = se->x->tv.type;
      if (se->x->tv.mode == Mode::Variable) {
        l = loc(se->x);
      } else {
        l = {Loc::K::Slot, expr(se->x).slot, 0, t};
      }
      for (int field : s.path) l = step(l, t, field);
      return l;
    }
    default: {
      int v = expr(e).slot;
      return {Loc::K::Slot, v, 0, e->tv.type};
    }
  }
}

Compiler::Val Compiler::load(const Loc& l, int dst) {
  bool boxed = l.type->boxed();
  auto d = [&] { return dst >= 0 ? dst : tmp(); };
  switch (l.k) {
    case Loc::K::Blank: {
      int r = d();
      emit(Op::Zero, r);
      return {r, true};
    }
    case Loc::K::Slot:
      if (dst >= 0 && dst != l.a) {
        emit(Op::Mov, dst, l.a);
        return {dst, false};
      }
      return {l.a, false};
    case Loc::K::Cell: {
      int r = d();
      emit(Op::Load, r, l.a);
      return {r, false};
    }
    case Loc::K::Global: {
      int r = d();
      emit_bc(Op::LoadG, r, static_cast<std::uint32_t>(l.a));
      return {r, false};
    }
    case Loc::K::Upval: {
      int r = d();
      emit(Op::LoadUp, r, l.a);
      if (!boxed) emit(Op::Load, r, r);
      return {r, false};
    }
    case Loc::K::Ptr: {
      if (boxed) {
        emit(Op::NilCheck, l.a);
        if (dst >= 0 && dst != l.a) {
          emit(Op::Mov, dst, l.a);
          return {dst, false};
        }
        return {l.a, false};
      }
      int r = d();
      emit(Op::Load, r, l.a);
      return {r, false};
    }
    case Loc::K::Field: {
      int r = d();
      emit(Op::GetF, r, l.a, l.b);
      return {r, false};
    }
    case Loc::K::Index: {
      int r = d();
      emit(Op::Index, r, l.a, l.b);
      return {r, false};
    }
    case Loc::K::AIndex: {
      int r = d();
      emit(Op::AIndex, r, l.a, l.b);
      return {r, false};
    }
    case Loc::K::MapIdx: {
      int r = d();
      emit(Op::MapGet, r, l.a, l.b);
      emit_ext(0, 0, 0);
      return {r, false};
    }
  }
  return {d(), true};
}

void Compiler::store(const Loc& l, Val v) {
  bool boxed = l.type->boxed();
  int tc = boxed ? static_cast<int>(type_const(l.type)) : 0;
  switch (l.k) {
    case Loc::K::Blank:
      return;
    case Loc::K::Slot:
      if (boxed) {
        emit(Op::AssignObj, l.a, v.slot, tc);
      } else if (l.a != v.slot) {
        emit(Op::Mov, l.a, v.slot);
      }
      return;
    case Loc::K::Cell:
      emit(Op::Store, l.a, v.slot);
      return;
    case Loc::K::Global:
      if (boxed) {
        int t = tmp();
        emit_bc(Op::LoadG, t, static_cast<std::uint32_t>(l.a));
        emit(Op::AssignObj, t, v.slot, tc);
      } else {
        emit_bc(Op::StoreG, v.slot, static_cast<std::uint32_t>(l.a));
      }
      return;
    case Loc::K::Upval: {
      int t = tmp();
      emit(Op::LoadUp, t, l.a);
      emit(boxed ? Op::AssignObj : Op::Store, t, v.slot, tc);
      return;
    }
    case Loc::K::Ptr:
      if (boxed) {
        emit(Op::StoreObj, l.a, v.slot, tc);
      } else {
        emit(Op::Store, l.a, v.slot);
      }
      return;
    case Loc::K::Field:
      if (boxed) {
        int t = tmp();
        emit(Op::GetF, t, l.a, l.b);
        emit(Op::AssignObj, t, v.slot, tc);
      } else {
        emit(Op::SetF, l.a, l.b, v.slot);
      }
      return;
    case Loc::K::Index:
      if (boxed) {
        int t = tmp();
        emit(Op::Index, t, l.a, l.b);
        emit(Op::AssignObj, t, v.slot, tc);
      } else {
        emit(Op::SetIndex, l.a, l.b, v.slot);
      }
      return;
    case Loc::K::AIndex:
      if (boxed) {
        int t = tmp();
        emit(Op::AIndex, t, l.a, l.b);
        emit(Op::AssignObj, t, v.slot, tc);
      } else {
        emit(Op::ASetIndex, l.a, l.b, v.slot);
      }
      return;
    case Loc::K::MapIdx:
      emit(Op::MapSet, l.a, l.b, own(v, l.type));
      return;
  }
}

int Compiler::addr(const Loc& l, int dst) {
  bool boxed = l.type->boxed();
  if (dst < 0) dst = tmp();
  switch (l.k) {
    case Loc::K::Slot:
      if (!boxed) {
        errors_.push_back(
            {pos_.line, pos_.col, "gort: internal error: address of a variable without a cell"});
      }
      emit(Op::Mov, dst, l.a);
      return dst;
    case Loc::K::Cell:
      emit(Op::Mov, dst, l.a);
      return dst;
    case Loc::K::Global:
      emit_bc(boxed ? Op::LoadG : Op::AddrG, dst, static_cast<std::uint32_t>(l.a));
      return dst;
    case Loc::K::Upval:
      emit(Op::LoadUp, dst, l.a);
      return dst;
    case Loc::K::Ptr:
      emit(Op::Mov, dst, l.a);
      return dst;
    case Loc::K::Field:
      emit(boxed ? Op::GetF : Op::AddrF, dst, l.a, l.b);
      return dst;
    case Loc::K::Index:
      emit(boxed ? Op::Index : Op::AddrIndex, dst, l.a, l.b);
      return dst;
    case Loc::K::AIndex:
      emit(boxed ? Op::AIndex : Op::AAddrIndex, dst, l.a, l.b);
      return dst;
    default:
      emit(Op::Zero, dst);
      return dst;
  }
}

// ---------------------------------------------------------------- operands

Compiler::Val Compiler::ident(Ident* id, int dst) {
  Object* o = id->obj;
  if (!o) {
    int d = dst >= 0 ? dst : tmp();
    emit(Op::Zero, d);
    return {d, true};
  }
  switch (o->kind) {
    case ObjKind::Var:
      return load(var_loc(o), dst);
    case ObjKind::Func: {
      int d = dst >= 0 ? dst : tmp();
      emit_bc(Op::LoadFn, d, konst(Value::of_ptr(func_code(o))));
      return {d, true};
    }
    default: {
      int d = dst >= 0 ? dst : tmp();
      emit(Op::Zero, d);
      return {d, true};
    }
  }
}

Compiler::Val Compiler::selector(SelectorExpr* se, int dst) {
  auto it = info_.selections.find(se);
  if (it == info_.selections.end()) return zero_value(se->tv.type, dst);
  const Selection& s = it->second;
  switch (s.kind) {
    case Selection::Kind::Qualified:
      if (s.obj->kind == ObjKind::Func) {
        int d = dst >= 0 ? dst : tmp();
        emit_bc(Op::LoadFn, d, konst(Value::of_ptr(func_code(s.obj))));
        return {d, true};
      }
      return load(var_loc(s.obj), dst);
    case Selection::Kind::Field:
      return load(loc(se), dst);
    case Selection::Kind::Method: {
      int d = dst >= 0 ? dst : tmp();
      method_value(se, s, d);
      return {d, true};
    }
    case Selection::Kind::MethodExpr: {
      int d = dst >= 0 ? dst : tmp();
      const Type* t = s.recv;
      bool ptr = t->kind == TK::Pointer;
      if (ptr == s.obj->ptr_recv && s.path.empty()) {
        emit_bc(Op::LoadFn, d, konst(Value::of_ptr(func_code(s.obj))));
      } else {
        MethodEntry m{s.obj->name, s.obj, s.path, s.deref};
        emit_bc(Op::LoadFn, d, konst(Value::of_ptr(method_wrapper(t, m))));
      }
      return {d, true};
    }
  }
  return zero_value(se->tv.type, dst);
}

Compiler::Val Compiler::index(IndexExpr* ix, int dst) {
  const Type* u = ix->x->tv.type->underlying();
  if (u->kind == TK::Map) return map_index(ix, dst >= 0 ? dst : tmp(), false);
  if (is_string(u)) {
    int s = expr(ix->x).slot;
    int i = expr(ix->index).slot;
    int d = dst >= 0 ? dst : tmp();
    emit(Op::StrIndex, d, s, i);
    return {d, true};
  }
  return load(loc(ix), dst);
}

Compiler::Val Compiler::map_index(IndexExpr* ix, int dst, bool comma_ok) {
  const Type* u = ix->x->tv.type->underlying();
  int m = expr(ix->x).slot;
  int k = expr_to(ix->index, u->key);
  emit(Op::MapGet, dst, m, k);
  emit_ext(comma_ok ? 1 : 0, 0, 0);
  return {dst, false};
}

Compiler::Val Compiler::slice_expr(SliceExpr* se, int dst) {
  const Type* xt = se->x->tv.type;
  const Type* u = xt->underlying();
  int x;
  Op op;
  if (is_string(xt)) {
    x = expr(se->x).slot;
    op = Op::StrSlice;
  } else if (u->kind == TK::Slice) {
    x = expr(se->x).slot;
    op = Op::SliceSlice;
  } else if (u->kind == TK::Pointer) {
    x = expr(se->x).slot;
    op = Op::ArraySlice;
    u = u->elem->underlying();
  } else {
    x = load(loc(se->x), -1).slot;  // the array's object
    op = Op::ArraySlice;
  }
  int lo = se->lo ? expr(se->lo).slot : 0;
  int hi = se->hi ? expr(se->hi).slot : 0;
  int mx = se->max ? expr(se->max).slot : 0;
  int d = dst >= 0 ? dst : tmp();
  emit(op, d, x, 0);
  emit_ext(lo, hi, (se->lo ? 1 : 0) | (se->hi ? 2 : 0) | (se->max ? 4 : 0));
  if (op == Op::ArraySlice) {
    emit_ext(mx, 0, 0);
    Instr& e2 = fn_->code->code.back();
    std::uint32_t tc = type_const(T_.slice(u->elem));
    e2.b = static_cast<std::uint16_t>(tc & 0xFFFF);
    e2.c = static_cast<std::uint16_t>(tc >> 16);
  } else if (op == Op::SliceSlice) {
    emit_ext(mx, 0, 0);
  }
  return {d, true};
}

Compiler::Val Compiler::recv(UnaryExpr* u, int dst, bool comma_ok) {
  int c = expr(u->x).slot;
  pos_ = u->pos;
  emit(Op::Recv, dst, c, comma_ok ? 1 : 0);
  const Type* elem = u->x->tv.type->underlying()->elem;
  if (elem->boxed()) emit_bc(Op::ZeroObj, dst, type_const(elem));
  return {dst, true};
}

Compiler::Val Compiler::unary(UnaryExpr* u, int dst) {
  int d = dst >= 0 ? dst : tmp();
  const Type* t = u->tv.type;
  switch (u->op) {
    case Tok::And: {
      Expr* x = unparen(u->x);
      if (x->kind == Node::K::CompositeLit) {
        const Type* et = x->tv.type;
        Val v = composite(static_cast<CompositeLit*>(x), et->boxed() ? d : -1);
        if (!et->boxed()) emit(Op::NewCell, d, v.slot);
        return {d, true};
      }
      addr(loc(u->x), d);
      return {d, true};
    }
    case Tok::Arrow:
      return recv(u, d, false);
    case Tok::Add:
      return expr(u->x, d);
    case Tok::Sub: {
      int x = expr(u->x).slot;
      if (is_float(t)) {
        emit(Op::NegF, d, x);
        if (t->underlying()->kind == TK::Float32) emit(Op::F32, d, d);
      } else {
        emit(Op::Neg, d, x);
        truncate(d, t);
      }
      return {d, true};
    }
    case Tok::Xor: {
      int x = expr(u->x).slot;
      emit(Op::BitNot, d, x);
      truncate(d, t);
      return {d, true};
    }
    case Tok::Not: {
      int x = expr(u->x).slot;
      emit(Op::Not, d, x);
      return {d, true};
    }
    default:
      emit(Op::Zero, d);
      return {d, true};
  }
}

Compiler::Val Compiler::binary(BinaryExpr* b, int dst) {
  Tok op = b->op;
  if (op == Tok::LAnd || op == Tok::LOr) {
    int d = dst >= 0 ? dst : tmp();
    std::vector<std::size_t> short_circuit;
    cond_jump(b->x, op == Tok::LOr, short_circuit);
    expr(b->y, d);
    std::size_t end = emit_jump(Op::Jmp);
    for (std::size_t j : short_circuit) patch(j);
    emit_bc(Op::LoadI, d, op == Tok::LOr ? 1 : 0);
    patch(end);
    return {d, true};
  }
  if (op == Tok::Eql || op == Tok::Neq || op == Tok::Lss || op == Tok::Leq || op == Tok::Gtr ||
      op == Tok::Geq) {
    return compare(op, b->x, b->y, dst);
  }
  const Type* t = b->tv.type;
  int saved = fn_->top;
  int x = expr(b->x).slot;
  int y = expr(b->y).slot;
  fn_->top = saved;
  int d = dst >= 0 ? dst : tmp();
  if (is_string(t)) {
    emit(Op::Concat, d, x, y);
    return {d, true};
  }
  if (is_float(t)) {
    Op o = op == Tok::Add   ? Op::AddF
           : op == Tok::Sub ? Op::SubF
           : op == Tok::Mul ? Op::MulF
                            : Op::DivF;
    emit(o, d, x, y);
    if (t->underlying()->kind == TK::Float32) emit(Op::F32, d, d);
    return {d, true};
  }
  bool uns = is_unsigned(t);
  Op o = Op::Add;
  switch (op) {
    case Tok::Add:
      o = Op::Add;
      break;
    case Tok::Sub:
      o = Op::Sub;
      break;
    case Tok::Mul:
      o = Op::Mul;
      break;
    case Tok::Quo:
      o = uns ? Op::UDiv : Op::Div;
      break;
    case Tok::Rem:
      o = uns ? Op::URem : Op::Rem;
      break;
    case Tok::And:
      o = Op::And;
      break;
    case Tok::Or:
      o = Op::Or;
      break;
    case Tok::Xor:
      o = Op::Xor;
      break;
    case Tok::AndNot:
      o = Op::AndNot;
      break;
    case Tok::Shl:
      o = Op::Shl;
      break;
    case Tok::Shr:
      o = uns ? Op::UShr : Op::Shr;
      break;
    default:
      break;
  }
  if ((op == Tok::Shl || op == Tok::Shr) && is_unsigned(b->y->tv.type)) {
    // An unsigned count is never negative: mark it so the VM skips the check.
    emit(o, d, x, y);
    fn_->code->code.back().op = o;
  } else {
    emit(o, d, x, y);
  }
  truncate(d, t);
  return {d, true};
}

Compiler::Val Compiler::equal_values(int x, int y, const Type* t, bool neq, int dst) {
  const Type* w = t->boxed() ? t : word_type(t);
  const Type* u = w->underlying();
  if (u->kind == TK::Interface) {
    emit(Op::IfaceEq, dst, x, y);
  } else if (w->boxed()) {
    emit(Op::ObjEq, dst, x, y);
    emit_bc(Op::Ext, 0, type_const(w));
  } else if (is_string(w)) {
    emit(Op::StrEq, dst, x, y);
  } else if (is_float(w)) {
    emit(Op::EqF, dst, x, y);
  } else {
    emit(Op::Eq, dst, x, y);
  }
  if (neq) emit(Op::Not, dst, dst);
  return {dst, true};
}

Compiler::Val Compiler::compare(Tok op, Expr* xe, Expr* ye, int dst) {
  int d = dst >= 0 ? dst : tmp();
  int saved = fn_->top;
  const Type* xt = xe->tv.type;
  const Type* yt = ye->tv.type;
  // Mixed interface and concrete operands compare as interfaces.
  const Type* t = xt;
  if (is_interface(yt) && !is_interface(xt)) t = yt;
  if (xt->kind == TK::UntypedNil) t = yt;
  int x = expr_to(xe, t);
  int y = expr_to(ye, t);
  fn_->top = saved;
  if (op == Tok::Eql || op == Tok::Neq) return equal_values(x, y, t, op == Tok::Neq, d);
  // Ordered: ints, floats, strings.
  const Type* w = word_type(t);
  if (op == Tok::Gtr || op == Tok::Geq) {
    std::swap(x, y);
    op = op == Tok::Gtr ? Tok::Lss : Tok::Leq;
  }
  bool lt = op == Tok::Lss;
  if (is_string(w)) {
    emit(Op::StrCmp, d, x, y);
    emit_ext(lt ? 2 : 3, 0, 0);
  } else if (is_float(w)) {
    emit(lt ? Op::LtF : Op::LeF, d, x, y);
  } else if (is_unsigned(w)) {
    emit(lt ? Op::ULt : Op::ULe, d, x, y);
  } else {
    emit(lt ? Op::Lt : Op::Le, d, x, y);
  }
  return {d, true};
}

// ---------------------------------------------------------------- literals

Compiler::Val Compiler::composite(CompositeLit* cl, int dst) {
  const Type* t = cl->tv.type;
  if (t->underlying()->kind == TK::Pointer && !cl->type) {
    // An elided &T{...} element.
    const Type* et = t->underlying()->elem;
    CompositeLit inner = *cl;
    inner.tv.type = et;
    int d = dst >= 0 ? dst : tmp();
    Val v = composite(&inner, et->boxed() ? d : -1);
    if (!et->boxed()) emit(Op::NewCell, d, v.slot);
    return {d, true};
  }
  const Type* u = t->underlying();
  int d = dst >= 0 ? dst : tmp();
  switch (u->kind) {
    case TK::Struct: {
      if (!t->boxed()) {
        // No fields, or one: the value is its field's.
        if (u->fields.empty() || cl->elts.empty()) {
          zero_value(t, d);
          return {d, true};
        }
        Expr* v = cl->elts[0];
        if (v->kind == Node::K::KeyValue) v = static_cast<KeyValueExpr*>(v)->value;
        expr_to(v, u->fields[0].type, d);
        return {d, true};
      }
      if (u->fields.size() == 1) {
        // A struct of one boxed field: its field's object.
        if (cl->elts.empty()) return zero_value(t, d);
        Expr* v = cl->elts[0];
        if (v->kind == Node::K::KeyValue) v = static_cast<KeyValueExpr*>(v)->value;
        expr_to(v, u->fields[0].type, d);
        return {d, true};
      }
      emit_bc(Op::NewObj, d, type_const(t));
      for (std::size_t i = 0; i < cl->elts.size(); i++) {
        Expr* el = cl->elts[i];
        int f = static_cast<int>(i);
        if (el->kind == Node::K::KeyValue) {
          auto* kv = static_cast<KeyValueExpr*>(el);
          f = static_cast<int>(kv->key->tv.val.i);
          el = kv->value;
        }
        int saved = fn_->top;
        chan_name_ = u->fields[static_cast<std::size_t>(f)].name;
        int v = expr_to(el, u->fields[static_cast<std::size_t>(f)].type);
        emit(Op::SetF, d, f, v);
        fn_->top = saved;
      }
      return {d, true};
    }
    case TK::Array: {
      if (!t->boxed()) return zero_value(t, d);
      emit_bc(Op::NewObj, d, type_const(t));
      std::int64_t i = 0;
      for (Expr* el : cl->elts) {
        if (el->kind == Node::K::KeyValue) {
          auto* kv = static_cast<KeyValueExpr*>(el);
          i = static_cast<std::int64_t>(kv->key->tv.val.to_int().i);
          el = kv->value;
        }
        int saved = fn_->top;
        int v = expr_to(el, u->elem);
        if (i < 65536) {
          emit(Op::SetF, d, static_cast<int>(i), v);
        } else {
          int ix = tmp();
          emit_bc(Op::LoadI, ix, static_cast<std::uint32_t>(i));
          emit(Op::ASetIndex, d, ix, v);
        }
        fn_->top = saved;
        i++;
      }
      return {d, true};
    }
    case TK::Slice: {
      bool keyed = std::any_of(cl->elts.begin(), cl->elts.end(),
                               [](Expr* e) { return e->kind == Node::K::KeyValue; });
      std::uint32_t tc = type_const(u->elem);
      if (!keyed) {
        int saved = fn_->top;
        int n = static_cast<int>(cl->elts.size());
        int base = tmp(n);
        for (int i = 0; i < n; i++)
          expr_to(cl->elts[static_cast<std::size_t>(i)], u->elem, base + i);
        emit(Op::SliceLit, d, base, n);
        emit_bc(Op::Ext, 0, tc);
        fn_->top = saved;
        return {d, true};
      }
      std::int64_t i = 0, max = 0;
      for (Expr* el : cl->elts) {
        if (el->kind == Node::K::KeyValue) {
          i = static_cast<std::int64_t>(static_cast<KeyValueExpr*>(el)->key->tv.val.to_int().i);
        }
        max = std::max(max, ++i);
      }
      int saved = fn_->top;
      int len = tmp();
      emit_bc(Op::LoadI, len, static_cast<std::uint32_t>(max));
      emit(Op::MakeSlice, d, len, len);
      emit_bc(Op::Ext, 0, type_const(t));
      i = 0;
      for (Expr* el : cl->elts) {
        if (el->kind == Node::K::KeyValue) {
          auto* kv = static_cast<KeyValueExpr*>(el);
          i = static_cast<std::int64_t>(kv->key->tv.val.to_int().i);
          el = kv->value;
        }
        int ix = tmp();
        emit_bc(Op::LoadI, ix, static_cast<std::uint32_t>(i));
        int v = expr_to(el, u->elem);
        emit(Op::SetIndex, d, ix, v);
        i++;
        fn_->top = saved + 1;
      }
      fn_->top = saved;
      return {d, true};
    }
    case TK::Map: {
      int saved = fn_->top;
      int hint = tmp();
      emit_bc(Op::LoadI, hint, static_cast<std::uint32_t>(cl->elts.size()));
      emit(Op::MakeMap, d, hint, static_cast<int>(type_const(t)));
      for (Expr* el : cl->elts) {
        auto* kv = static_cast<KeyValueExpr*>(el);
        int t0 = fn_->top;
        int k = expr_to(kv->key, u->key);
        int v = expr_to(kv->value, u->elem);
        emit(Op::MapSet, d, k, v);
        fn_->top = t0;
      }
      fn_->top = saved;
      return {d, true};
    }
    default:
      return zero_value(t, d);
  }
}

Compiler::Val Compiler::func_lit(FuncLit* fl, int dst) {
  FuncCode* fc = new_func(fl->name, fl->tv.type);
  fc->library = fl->obj->pkg->library;  // not its encloser's: main's globals init in runtime.main
  compile_func_body(fc, info_.func_vars[fl->type], fl->body, fl, fn_, fl->captures);
  int d = dst >= 0 ? dst : tmp();
  if (fl->captures.empty()) {
    emit_bc(Op::LoadFn, d, konst(Value::of_ptr(fc)));
    return {d, true};
  }
  int saved = fn_->top;
  int n = static_cast<int>(fl->captures.size());
  int base = tmp(n);
  for (int i = 0; i < n; i++) {
    const Object* o = fl->captures[static_cast<std::size_t>(i)];
    Loc l = var_loc(o);
    switch (l.k) {
      case Loc::K::Cell:
      case Loc::K::Slot:
        emit(Op::Mov, base + i, l.a);
        break;
      case Loc::K::Upval:
        emit(Op::LoadUp, base + i, l.a);
        break;
      default:
        errors_.push_back({o->pos.line, o->pos.col, "gort: internal error: capture of " + o->name});
    }
  }
  emit(Op::MakeClosure, d, base, n);
  emit_bc(Op::Ext, 0, konst(Value::of_ptr(fc)));
  fn_->top = saved;
  return {d, true};
}

Compiler::Val Compiler::type_assert(TypeAssertExpr* ta, int dst, bool comma_ok) {
  const Type* t = ta->tv.type;
  int x = expr(ta->x).slot;
  pos_ = ta->pos;
  emit(Op::Assert, dst, x, static_cast<int>(type_const(t)));
  emit_ext(comma_ok ? 1 : 0, 0, 0);
  return {dst, true};
}

}  // namespace gort::golang
