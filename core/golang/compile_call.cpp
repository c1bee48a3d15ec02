// The compiler's calls: static, closure, native and interface calls,
// method receivers and method values, arguments (variadic packing, f(g())),
// conversions and the built-in functions.
#include <algorithm>

#include "compiler.hpp"

namespace gort::golang {

Compiler::Val Compiler::call(CallExpr* c, int dst) {
  Expr* f = unparen(c->fun);
  if (f->tv.mode == Mode::TypeExpr) return conversion(c, f->tv.type, dst);
  if (f->tv.mode == Mode::Builtin) return builtin(c, static_cast<Ident*>(f)->obj, dst);
  int region = call_region(c);
  if (dst >= 0 && dst != region) emit(Op::Mov, dst, region);
  return {dst >= 0 ? dst : region, true};
}

int Compiler::receiver(SelectorExpr* se, const Selection& s, int dst) {
  const Type* t = se->x->tv.type;
  Loc l = se->x->tv.mode == Mode::Variable ? loc(se->x) : Loc{Loc::K::Slot, expr(se->x).slot, 0, t};
  return method_receiver(l, t, s.path, s.obj, dst);
}

int Compiler::method_receiver(Loc l, const Type* t, const std::vector<int>& path, Object* method,
                              int dst) {
  for (int field : path) l = step(l, t, field);
  if (!method->recv_named) {
    // An interface's method: the interface value itself.
    load(l, dst);
    return dst;
  }
  bool have_ptr = t->underlying()->kind == TK::Pointer;
  if (method->ptr_recv) {
    if (have_ptr) {
      load(l, dst);
    } else {
      addr(l, dst);
    }
    return dst;
  }
  if (have_ptr) {
    const Type* elem = t->underlying()->elem;
    own(load(deref_loc(load(l, -1).slot, elem), -1), elem, dst);
  } else {
    own(load(l, -1), t, dst);
  }
  return dst;
}

int Compiler::method_value(SelectorExpr* se, const Selection& s, int dst) {
  int saved = fn_->top;
  int r = tmp();
  receiver(se, s, r);
  bool iface = !s.obj->recv_named;
  const Type* rt =
      iface ? nullptr : (s.obj->ptr_recv ? T_.pointer(s.obj->recv_named) : s.obj->recv_named);
  if (iface) {
    // The interface type reached: the type of the receiver expression after the path.
    const Type* t = se->x->tv.type;
    rt = t;
  }
  FuncCode* w = bound_wrapper(s.obj, iface, rt);
  emit(Op::MakeClosure, dst, r, 1);
  emit_bc(Op::Ext, 0, konst(Value::of_ptr(w)));
  fn_->top = saved;
  return dst;
}

int Compiler::args(CallExpr* c, const Type* sig, int region, int first) {
  std::size_t np = sig->params.size();
  auto param = [&](std::size_t i) { return sig->params[i]; };
  // f(g()): g's results are f's arguments.
  if (c->args.size() == 1 && c->args[0]->tv.type && c->args[0]->tv.type->kind == TK::Tuple) {
    const Type* tt = c->args[0]->tv.type;
    int r = call_region(static_cast<CallExpr*>(unparen(c->args[0])));
    std::size_t n = tt->types.size();
    std::size_t fixed = sig->variadic ? np - 1 : np;
    for (std::size_t i = 0; i < fixed && i < n; i++) {
      into({r + static_cast<int>(i), true}, tt->types[i], param(i),
           region + first + static_cast<int>(i));
    }
    if (sig->variadic) {
      const Type* elem = param(np - 1)->elem;
      int slot = region + first + static_cast<int>(np - 1);
      if (n <= fixed) {
        emit(Op::Zero, slot);
      } else {
        int saved = fn_->top;
        int base = tmp(static_cast<int>(n - fixed));
        for (std::size_t i = fixed; i < n; i++) {
          into({r + static_cast<int>(i), true}, tt->types[i], elem,
               base + static_cast<int>(i - fixed));
        }
        emit(Op::SliceLit, slot, base, static_cast<int>(n - fixed));
        emit_bc(Op::Ext, 0, type_const(elem));
        fn_->top = saved;
      }
    }
    return region;
  }
  std::size_t fixed = sig->variadic ? np - 1 : np;
  for (std::size_t i = 0; i < fixed && i < c->args.size(); i++) {
    expr_to(c->args[i], param(i), region + first + static_cast<int>(i));
  }
  if (sig->variadic) {
    int slot = region + first + static_cast<int>(np - 1);
    if (c->ellipsis.valid()) {
      expr_to(c->args[np - 1], param(np - 1), slot);
    } else if (c->args.size() <= fixed) {
      emit(Op::Zero, slot);
    } else {
      const Type* elem = param(np - 1)->elem;
      int saved = fn_->top;
      int n = static_cast<int>(c->args.size() - fixed);
      int base = tmp(n);
      for (int i = 0; i < n; i++)
        expr_to(c->args[fixed + static_cast<std::size_t>(i)], elem, base + i);
      emit(Op::SliceLit, slot, base, n);
      emit_bc(Op::Ext, 0, type_const(elem));
      fn_->top = saved;
    }
  }
  return region;
}

int Compiler::call_region(CallExpr* c) {
  Expr* f = unparen(c->fun);
  const Type* sig = f->tv.type->underlying();
  int nres = static_cast<int>(sig->results.size());
  int np = static_cast<int>(sig->params.size());
  auto it = f->kind == Node::K::Selector ? info_.selections.find(f) : info_.selections.end();
  bool sel = it != info_.selections.end();
  if (sel && it->second.kind == Selection::Kind::Method) {
    const Selection& s = it->second;
    auto* se = static_cast<SelectorExpr*>(f);
    int region = tmp(nres + 1 + np);
    receiver(se, s, region + nres);
    args(c, sig, region, nres + 1);
    pos_ = c->pos;
    if (!s.obj->recv_named) {
      emit_bc(Op::CallI, region, prog_.method_id(s.obj->name));
      emit_ext(nres, 0, 0);
    } else {
      FuncCode* fc = func_code(s.obj);
      emit_bc(fc->native ? Op::CallN : Op::Call, region, konst(Value::of_ptr(fc)));
    }
    return region;
  }
  Object* static_fn = nullptr;
  if (f->kind == Node::K::Ident) {
    Object* o = static_cast<Ident*>(f)->obj;
    if (o && o->kind == ObjKind::Func && o->pkg) static_fn = o;
  } else if (sel && it->second.kind == Selection::Kind::Qualified &&
             it->second.obj->kind == ObjKind::Func) {
    static_fn = it->second.obj;
  }
  if (static_fn) {
    FuncCode* fc = func_code(static_fn);
    int region = tmp(nres + np);
    args(c, sig, region, nres);
    pos_ = c->pos;
    emit_bc(fc->native ? Op::CallN : Op::Call, region, konst(Value::of_ptr(fc)));
    return region;
  }
  int clos = expr(f).slot;
  int region = tmp(nres + np);
  args(c, sig, region, nres);
  pos_ = c->pos;
  emit(Op::CallC, region, clos);
  return region;
}

Compiler::Val Compiler::conversion(CallExpr* c, const Type* t, int dst) {
  Expr* x = c->args[0];
  const Type* from = x->tv.type;
  int d = dst >= 0 ? dst : tmp();
  if (is_interface(t)) {
    expr_to(x, t, d);
    return {d, true};
  }
  const Type* fu = from->underlying();
  const Type* tu = t->underlying();
  if (is_numeric(t) && is_numeric(from)) {
    int v = expr(x).slot;
    if (is_integer(t) && is_integer(from)) {
      if (v != d) emit(Op::Mov, d, v);
      truncate(d, t);
    } else if (is_float(t) && is_integer(from)) {
      emit(is_unsigned(from) ? Op::U2F : Op::I2F, d, v);
      if (tu->kind == TK::Float32) emit(Op::F32, d, d);
    } else if (is_integer(t) && is_float(from)) {
      emit(is_unsigned(t) ? Op::F2U : Op::F2I, d, v);
      truncate(d, t);
    } else {
      if (tu->kind == TK::Float32) {
        emit(Op::F32, d, v);
      } else if (v != d) {
        emit(Op::Mov, d, v);
      }
    }
    return {d, true};
  }
  if (is_string(t) && !is_string(from)) {
    int v = expr(x).slot;
    if (is_integer(from)) {
      emit(Op::StrFromRune, d, v);
    } else if (fu->elem->underlying()->kind == TK::Uint8) {
      emit(Op::StrFromBytes, d, v);
    } else {
      emit(Op::StrFromRunes, d, v);
    }
    return {d, true};
  }
  if (is_string(from) && tu->kind == TK::Slice) {
    int v = expr(x).slot;
    bool bytes = tu->elem->underlying()->kind == TK::Uint8;
    emit(bytes ? Op::BytesFromStr : Op::RunesFromStr, d, v, static_cast<int>(type_const(tu->elem)));
    return {d, true};
  }
  Val v = expr(x);
  own(v, t, d);
  return {d, true};
}

Compiler::Val Compiler::builtin(CallExpr* c, Object* b, int dst) {
  auto d = [&] { return dst >= 0 ? dst : tmp(); };
  std::vector<Expr*>& a = c->args;
  pos_ = c->pos;
  switch (b->builtin) {
    case Builtin::Len:
    case Builtin::Cap: {
      const Type* t = a[0]->tv.type;
      const Type* u = t->underlying();
      int r = d();
      int x = expr(a[0]).slot;
      bool len = b->builtin == Builtin::Len;
      if (is_string(t)) {
        emit(Op::StrLen, r, x);
      } else if (u->kind == TK::Slice) {
        emit(len ? Op::SliceLen : Op::SliceCap, r, x);
      } else if (u->kind == TK::Map) {
        emit(Op::MapLen, r, x);
      } else if (u->kind == TK::Chan) {
        emit(len ? Op::ChanLen : Op::ChanCap, r, x);
      } else {
        const Type* arr = u->kind == TK::Pointer ? u->elem->underlying() : u;
        emit_bc(Op::LoadI, r, static_cast<std::uint32_t>(arr->len));
      }
      return {r, true};
    }
    case Builtin::Append: {
      const Type* st = c->tv.type;
      const Type* elem = st->underlying()->elem;
      int r = d();
      int s = expr(a[0]).slot;
      std::uint32_t tc = type_const(elem);
      if (a.size() == 1) {
        if (r != s) emit(Op::Mov, r, s);
        return {r, true};
      }
      if (c->ellipsis.valid()) {
        int saved = fn_->top;
        if (is_string(a[1]->tv.type)) {
          int v = expr(a[1]).slot;
          emit(Op::AppendStr, r, s, v);
        } else {
          int v = expr(a[1]).slot;
          emit(Op::AppendSlice, r, s, v);
        }
        emit_bc(Op::Ext, 0, tc);
        fn_->top = saved;
        return {r, true};
      }
      int cur = s;
      for (std::size_t i = 1; i < a.size(); i++) {
        int saved = fn_->top;
        int v = expr_to(a[i], elem);
        emit(Op::Append, r, cur, v);
        emit_bc(Op::Ext, 0, tc);
        cur = r;
        fn_->top = saved;
      }
      return {r, true};
    }
    case Builtin::Copy: {
      int r = d();
      int x = expr(a[0]).slot;
      int y = expr(a[1]).slot;
      emit(is_string(a[1]->tv.type) ? Op::CopyStr : Op::Copy, r, x, y);
      return {r, true};
    }
    case Builtin::Delete: {
      const Type* u = a[0]->tv.type->underlying();
      int m = expr(a[0]).slot;
      int k = expr_to(a[1], u->key);
      emit(Op::MapDel, m, k);
      return {0, true};
    }
    case Builtin::Clear: {
      int x = expr(a[0]).slot;
      emit(a[0]->tv.type->underlying()->kind == TK::Map ? Op::MapClear : Op::ClearSlice, x);
      return {0, true};
    }
    case Builtin::Close: {
      int x = expr(a[0]).slot;
      pos_ = c->pos;
      emit(Op::Close, x);
      return {0, true};
    }
    case Builtin::Make: {
      const Type* t = a[0]->tv.type;
      const Type* u = t->underlying();
      int r = d();
      if (u->kind == TK::Slice) {
        int len = expr(a[1]).slot;
        int cap = a.size() > 2 ? expr(a[2]).slot : len;
        emit(Op::MakeSlice, r, len, cap);
        emit_bc(Op::Ext, 0, type_const(t));
      } else if (u->kind == TK::Map) {
        int hint = a.size() > 1 ? expr(a[1]).slot : tmp();
        if (a.size() <= 1) emit(Op::Zero, hint);
        emit(Op::MakeMap, r, hint, static_cast<int>(type_const(t)));
      } else {
        int size = a.size() > 1 ? expr(a[1]).slot : tmp();
        if (a.size() <= 1) emit(Op::Zero, size);
        pos_ = c->pos;
        emit(Op::MakeChan, r, size,
             static_cast<int>(konst(Value::of_ptr(
                 rt::chan_ops(u->elem, may_call_method(u->elem) ? &prog_.sent_texts : nullptr,
                              prog_.chan_ops)))));
        std::uint32_t name = 0xFFFFFFFFu;
        if (!chan_name_.empty()) name = konst(Value::of_ptr(prog_.static_string(chan_name_)));
        emit_bc(Op::Ext, 0, name);
        chan_name_.clear();
      }
      return {r, true};
    }
    case Builtin::New: {
      int r = d();
      emit_bc(Op::NewPtr, r, type_const(a[0]->tv.type));
      return {r, true};
    }
    case Builtin::Panic: {
      int v = expr_to(a[0], T_.empty_iface());
      pos_ = c->pos;
      emit(Op::Panic, v);
      return {0, true};
    }
    case Builtin::Recover: {
      int r = d();
      emit(Op::Recover, r);
      return {r, true};
    }
    case Builtin::Print:
    case Builtin::Println: {
      bool ln = b->builtin == Builtin::Println;
      for (std::size_t i = 0; i < a.size(); i++) {
        int saved = fn_->top;
        int v = expr(a[i]).slot;
        emit_bc(Op::PrintB, v, type_const(a[i]->tv.type));
        emit_ext((ln && i > 0 ? 1 : 0) | (ln && i + 1 == a.size() ? 2 : 0), 0, 0);
        fn_->top = saved;
      }
      if (ln && a.empty()) {
        int z = tmp();
        emit(Op::Zero, z);
        emit_bc(Op::PrintB, z, 0);
        emit_ext(2 | 4, 0, 0);  // 4: nothing but the newline
      }
      return {0, true};
    }
    case Builtin::Min:
    case Builtin::Max: {
      const Type* t = c->tv.type;
      int r = d();
      expr_to(a[0], t, r);
      bool is_min = b->builtin == Builtin::Min;
      for (std::size_t i = 1; i < a.size(); i++) {
        int saved = fn_->top;
        int v = expr_to(a[i], t);
        int cmp = tmp();
        // keep r unless v is better
        if (is_string(t)) {
          emit(Op::StrCmp, cmp, is_min ? v : r, is_min ? r : v);
          emit_ext(2, 0, 0);
        } else if (is_float(t)) {
          emit(Op::LtF, cmp, is_min ? v : r, is_min ? r : v);
        } else if (is_unsigned(t)) {
          emit(Op::ULt, cmp, is_min ? v : r, is_min ? r : v);
        } else {
          emit(Op::Lt, cmp, is_min ? v : r, is_min ? r : v);
        }
        std::size_t skip = emit_jump(Op::JmpIfNot, cmp);
        emit(Op::Mov, r, v);
        patch(skip);
        fn_->top = saved;
      }
      return {r, true};
    }
    default:
      return zero_value(
          c->tv.type && c->tv.type->kind != TK::Tuple ? c->tv.type : T_.basic(TK::Int), dst);
  }
}

// `go`/`defer` of a built-in: a function of its arguments that calls it.
FuncCode* Compiler::builtin_wrapper(CallExpr* c, Object* b) {
  std::vector<const Type*> params;
  for (Expr* a : c->args) params.push_back(a->tv.type);
  FuncCode* fc = new_func("runtime." + b->name, T_.func(params, {}, false));
  fc->library = true;
  Fn f;
  f.code = fc;
  Fn* saved = fn_;
  Pos saved_pos = pos_;
  fn_ = &f;
  int n = static_cast<int>(params.size());
  f.top = n;
  fc->nslots = static_cast<std::uint32_t>(n);
  switch (b->builtin) {
    case Builtin::Close:
      emit(Op::Close, 0);
      break;
    case Builtin::Panic: {
      int v = into({0, true}, params[0], T_.empty_iface(), tmp());
      emit(Op::Panic, v);
      break;
    }
    case Builtin::Print:
    case Builtin::Println:
      for (int i = 0; i < n; i++) {
        emit_bc(Op::PrintB, i, type_const(params[static_cast<std::size_t>(i)]));
        bool ln = b->builtin == Builtin::Println;
        emit_ext((ln && i > 0 ? 1 : 0) | (ln && i + 1 == n ? 2 : 0), 0, 0);
      }
      break;
    case Builtin::Delete:
      emit(Op::MapDel, 0, 1);
      break;
    case Builtin::Recover:
      // `defer recover()`: recover is the deferred call itself, not called
      // BY a deferred function, so it returns nil and stops nothing (Go).
      break;
    default:
      errors_.push_back({c->pos.line, c->pos.col,
                         "go/defer of built-in " + b->name + " is outside gort's Go subset"});
  }
  emit(Op::Ret);
  fn_ = saved;
  pos_ = saved_pos;
  return fc;
}

}  // namespace gort::golang
