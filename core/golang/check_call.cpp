// The checker's calls: function and method calls (arguments, variadics,
// f(g()) with a multi-value g), conversions and the built-in functions.
#include <algorithm>

#include "checker.hpp"
#include "utf8.hpp"

namespace gort::golang {

void Checker::call(CallExpr* c, const Type* hint) {
  (void)hint;
  rawexpr(c->fun, nullptr);
  Expr* f = c->fun;
  switch (f->tv.mode) {
    case Mode::Invalid:
      for (Expr* a : c->args) rawexpr(a, nullptr);
      return;
    case Mode::TypeExpr:
      conversion(c, f->tv.type);
      return;
    case Mode::Builtin: {
      Expr* u = unparen(f);
      Object* b = u->kind == Node::K::Ident ? static_cast<Ident*>(u)->obj : nullptr;
      if (b) builtin(c, b);
      return;
    }
    default:
      break;
  }
  const Type* ft = f->tv.type->underlying();
  if (ft->kind != TK::Func) {
    error(c->pos, "invalid operation: cannot call non-function " + describe(f));
    for (Expr* a : c->args) rawexpr(a, nullptr);
    return;
  }
  arguments(c, ft, expr_string(f));
  if (ft->results.empty()) {
    c->tv = {Mode::NoValue, T_.tuple({}), {}};
  } else if (ft->results.size() == 1) {
    c->tv = {Mode::Value, ft->results[0], {}};
  } else {
    c->tv = {Mode::Value, T_.tuple(ft->results), {}};
  }
}

void Checker::arguments(CallExpr* c, const Type* sig, const std::string& fname) {
  std::vector<Expr*>& args = c->args;
  // The argument types, and whether one multi-value call provides them all.
  std::vector<const Type*> types;
  bool spread = false;
  if (args.size() == 1 && !c->ellipsis.valid()) {
    const Type* hint = sig->params.empty() ? nullptr : sig->params[0];
    rawexpr(args[0], hint);
    Expr* a = args[0];
    if (a->tv.mode == Mode::NoValue || a->tv.mode == Mode::TypeExpr ||
        a->tv.mode == Mode::Builtin) {
      expr(a);  // reports it
      return;
    }
    if (a->tv.mode == Mode::Invalid) return;
    if (a->tv.type->kind == TK::Tuple) {
      spread = true;
      types = a->tv.type->types;
    } else {
      types.push_back(a->tv.type);
    }
  } else {
    for (std::size_t i = 0; i < args.size(); i++) {
      const Type* hint = nullptr;
      if (i < sig->params.size()) {
        hint = sig->params[i];
        if (sig->variadic && i + 1 == sig->params.size() && !c->ellipsis.valid()) hint = hint->elem;
      } else if (sig->variadic && !sig->params.empty()) {
        hint = sig->params.back()->elem;
      }
      expr(args[i], hint);
      types.push_back(args[i]->tv.type);
    }
  }
  for (Expr* a : args) {
    if (a->tv.mode == Mode::Invalid) return;
  }
  std::size_t np = sig->params.size();
  std::size_t na = types.size();
  auto summary = [&](const std::vector<const Type*>& list, bool variadic) {
    std::string s = "(";
    for (std::size_t i = 0; i < list.size(); i++) {
      if (i) s += ", ";
      const Type* t = list[i];
      if (variadic && i + 1 == list.size()) {
        s += "..." + tstr(t->elem);
      } else if (is_untyped(t)) {
        std::string n = type_string(t, false);
        s += is_numeric(t) ? "number" : n.substr(8);
      } else {
        s += tstr(t);
      }
    }
    return s + ")";
  };
  if (c->ellipsis.valid()) {
    if (!sig->variadic) {
      error(c->ellipsis, "have (...) but function is not variadic: " + fname);
      return;
    }
    if (na != np) {
      error(na < np ? c->rparen : args[np]->pos,
            std::string(na < np ? "not enough" : "too many") + " arguments in call to " + fname +
                "\n\thave " + summary(types, false) + "\n\twant " + summary(sig->params, true));
      return;
    }
  } else {
    std::size_t need = sig->variadic ? np - 1 : np;
    if (na < need || (!sig->variadic && na > np)) {
      Pos p = na < need ? c->rparen : (spread ? args[0]->pos : args[np]->pos);
      error(p, std::string(na < need ? "not enough" : "too many") + " arguments in call to " +
                   fname + "\n\thave " + summary(types, false) + "\n\twant " +
                   summary(sig->params, sig->variadic));
      return;
    }
  }
  std::string ctx = "argument to " + fname;
  for (std::size_t i = 0; i < na; i++) {
    const Type* want;
    if (sig->variadic && i + 1 >= np && !c->ellipsis.valid()) {
      want = sig->params.back()->elem;
    } else {
      want = sig->params[i];
    }
    if (spread) {
      BadExpr tmp(args[0]->pos);
      tmp.tv = {Mode::Value, types[i], {}};
      std::string why;
      if (!assignable(&tmp, want, &why)) {
        error(args[0]->pos, "cannot use " + expr_string(args[0]) + " (value of type " +
                                tstr(types[i]) + ") as " + tstr(want) + " value in " + ctx +
                                (why.empty() ? "" : ": " + why));
      }
      continue;
    }
    assignment(args[i], want, ctx);
  }
}

void Checker::conversion(CallExpr* c, const Type* t) {
  if (c->args.size() != 1 || c->ellipsis.valid()) {
    for (Expr* a : c->args) rawexpr(a, nullptr);
    if (c->args.empty()) {
      error(c->rparen, "missing argument in conversion to " + tstr(t));
    } else if (c->args.size() > 1) {
      error(c->args[1]->pos, "too many arguments in conversion to " + tstr(t));
    } else {
      error(c->ellipsis, "invalid use of ... in conversion to " + tstr(t));
    }
    return;
  }
  Expr* x = c->args[0];
  expr(x, t);
  if (x->tv.mode == Mode::Invalid || t == T_.invalid()) return;
  const Type* tu = t->underlying();
  if (x->tv.mode == Mode::Constant && is_const_type(t)) {
    const Type* xt = x->tv.type;
    Const v = x->tv.val;
    if (is_string(tu) && is_integer(xt)) {
      // string(65) == "A"; out-of-range runes become "\uFFFD".
      Const iv = v.to_int();
      std::uint32_t r = iv.i < 0 || iv.i > 0x10FFFF ? 0xFFFD : static_cast<std::uint32_t>(iv.i);
      std::string s;
      utf8_append(s, r);
      c->tv = {Mode::Constant, t, Const::of_string(s)};
      return;
    }
    bool kind_ok = (is_numeric(xt) && is_numeric(tu)) || (is_string(xt) && is_string(tu)) ||
                   (is_boolean(xt) && is_boolean(tu));
    if (kind_ok) {
      BadExpr tmp(x->pos);
      tmp.tv = x->tv;
      std::string why;
      if (is_integer(tu) && !v.to_int().known()) {
        error(x->pos, "cannot convert " + describe(x) + " to type " + tstr(t) + " (truncated)");
        return;
      }
      if (is_integer(tu) && is_float(xt) && !is_untyped(xt)) {
        // A typed float constant to an integer: not a constant conversion in
        // Go only when truncation would be needed (checked above).
      }
      if (!representable(&tmp, t, &why)) {
        if (is_integer(xt) && is_integer(tu)) {
          error(x->pos, "cannot convert " + describe(x) + " to type " + tstr(t) + " (constant " +
                            v.text() + " overflows " + tstr(t) + ")");
        } else {
          error(x->pos, "cannot convert " + describe(x) + " to type " + tstr(t));
        }
        return;
      }
      Const r = tmp.tv.val;
      if (is_float(tu)) {
        double d = r.as_double();
        if (tu->kind == TK::Float32) d = static_cast<double>(static_cast<float>(d));
        if (!r.exact || tu->kind == TK::Float32) r = Const::of_float(d);
      }
      if (is_untyped(xt)) x->tv.type = is_numeric(tu) ? t : x->tv.type;
      c->tv = {Mode::Constant, t, r};
      return;
    }
  }
  if (is_untyped(x->tv.type)) {
    if (x->tv.type->kind == TK::UntypedNil) {
      if (!has_nil(t)) {
        error(x->pos, "cannot convert nil to type " + tstr(t));
        return;
      }
      x->tv.type = t;
    } else if (tu->kind == TK::Interface || !is_const_type(t)) {
      convert_untyped(x, default_type(x->tv.type));
    } else if (x->tv.mode == Mode::Constant) {
      // e.g. []byte("abc"): the string constant becomes a string first.
      convert_untyped(x, default_type(x->tv.type));
    } else {
      convert_untyped(x, t);
    }
    if (x->tv.mode == Mode::Invalid) return;
  }
  if (!convertible(x, t)) {
    error(x->pos, "cannot convert " + describe(x) + " to type " + tstr(t));
    return;
  }
  c->tv = {Mode::Value, t, {}};
}

void Checker::builtin(CallExpr* c, Object* b) {
  std::vector<Expr*>& args = c->args;
  std::size_t n = args.size();
  std::string name = b->name;
  auto count = [&](std::size_t min, std::size_t max) {
    if (n >= min && n <= max) return true;
    for (Expr* a : args) rawexpr(a, nullptr);
    error(n < min ? c->rparen : args[max]->pos,
          std::string("invalid operation: ") + (n < min ? "not enough" : "too many") +
              " arguments for " + expr_string(c) + " (expected " + std::to_string(min) +
              ", found " + std::to_string(n) + ")");
    return false;
  };
  if (c->ellipsis.valid() && b->builtin != Builtin::Append) {
    error(c->ellipsis, "invalid operation: invalid use of ... with built-in " + name);
    for (Expr* a : args) rawexpr(a, nullptr);
    return;
  }
  const Type* int_t = T_.basic(TK::Int);
  auto int_arg = [&](Expr* e, const char*) {
    expr(e);
    if (e->tv.mode == Mode::Invalid) return false;
    if (e->tv.mode == Mode::Constant && is_untyped(e->tv.type)) {
      if (!e->tv.val.to_int().known()) {
        error(e->pos, describe(e) + " truncated to int");
        return false;
      }
      convert_untyped(e, int_t);
      if (e->tv.mode == Mode::Invalid) return false;
    }
    if (!is_integer(e->tv.type)) {
      error(e->pos, "cannot convert " + describe(e) + " to type int");
      return false;
    }
    if (e->tv.mode == Mode::Constant && e->tv.val.to_int().i < 0) {
      error(e->pos, "invalid argument: index " + describe(e) + " must not be negative");
      return false;
    }
    return true;
  };
  switch (b->builtin) {
    case Builtin::Append: {
      if (n == 0) {
        error(c->rparen, "not enough arguments for append() (expected 1, found 0)");
        return;
      }
      expr(args[0]);
      if (args[0]->tv.mode == Mode::Invalid) {
        for (std::size_t i = 1; i < n; i++) rawexpr(args[i], nullptr);
        return;
      }
      const Type* s = args[0]->tv.type;
      if (s->kind == TK::UntypedNil) {
        error(args[0]->pos, "first argument to append must be a typed slice; found untyped nil");
        return;
      }
      if (s->underlying()->kind != TK::Slice) {
        error(args[0]->pos, "invalid argument: " + describe(args[0]) + " is not a slice");
        for (std::size_t i = 1; i < n; i++) rawexpr(args[i], nullptr);
        return;
      }
      const Type* elem = s->underlying()->elem;
      if (c->ellipsis.valid()) {
        if (n != 2) {
          error(c->pos, "can only use ... with final argument in list");
          return;
        }
        expr(args[1], s);
        if (args[1]->tv.mode == Mode::Invalid) return;
        // append([]byte, string...)
        if (elem->underlying()->kind == TK::Uint8 && is_string(args[1]->tv.type)) {
          if (is_untyped(args[1]->tv.type)) convert_untyped(args[1], T_.basic(TK::String));
        } else {
          assignment(args[1], T_.slice(elem), "argument to append");
        }
      } else {
        for (std::size_t i = 1; i < n; i++) {
          expr(args[i], elem);
          assignment(args[i], elem, "argument to append");
        }
      }
      c->tv = {Mode::Value, s, {}};
      return;
    }
    case Builtin::Len:
    case Builtin::Cap: {
      if (!count(1, 1)) return;
      expr(args[0]);
      if (args[0]->tv.mode == Mode::Invalid) return;
      const Type* t = args[0]->tv.type;
      const Type* u = t->underlying();
      if (u->kind == TK::Pointer && u->elem->underlying()->kind == TK::Array)
        u = u->elem->underlying();
      bool ok = false;
      Const v;
      bool constant = false;
      switch (u->kind) {
        case TK::String:
        case TK::UntypedString:
          ok = b->builtin == Builtin::Len;
          if (args[0]->tv.mode == Mode::Constant) {
            constant = true;
            v = Const::of_int(static_cast<i128>(args[0]->tv.val.s.size()));
          }
          if (is_untyped(t)) convert_untyped(args[0], T_.basic(TK::String));
          break;
        case TK::Array: {
          ok = true;
          // Constant unless the operand has a call or a receive in it.
          bool has_call = false;
          std::function<void(Expr*)> scan = [&](Expr* e) {
            if (!e) return;
            switch (e->kind) {
              case Node::K::Call:
              case Node::K::Unary:
                if (e->kind == Node::K::Call || static_cast<UnaryExpr*>(e)->op == Tok::Arrow) {
                  has_call = true;
                }
                if (e->kind == Node::K::Unary) scan(static_cast<UnaryExpr*>(e)->x);
                break;
              case Node::K::Paren:
                scan(static_cast<ParenExpr*>(e)->x);
                break;
              case Node::K::Selector:
                scan(static_cast<SelectorExpr*>(e)->x);
                break;
              case Node::K::Index:
                scan(static_cast<IndexExpr*>(e)->x);
                scan(static_cast<IndexExpr*>(e)->index);
                break;
              case Node::K::Star:
                scan(static_cast<StarExpr*>(e)->x);
                break;
              default:
                break;
            }
          };
          scan(args[0]);
          if (!has_call) {
            constant = true;
            v = Const::of_int(u->len);
          }
          break;
        }
        case TK::Slice:
        case TK::Chan:
          ok = true;
          break;
        case TK::Map:
          ok = b->builtin == Builtin::Len;
          break;
        default:
          break;
      }
      if (!ok) {
        error(args[0]->pos, "invalid argument: " + describe(args[0]) + " for built-in " + name);
        return;
      }
      c->tv =
          constant ? TypeAndValue{Mode::Constant, int_t, v} : TypeAndValue{Mode::Value, int_t, {}};
      return;
    }
    case Builtin::Clear: {
      if (!count(1, 1)) return;
      expr(args[0]);
      if (args[0]->tv.mode == Mode::Invalid) return;
      TK k = args[0]->tv.type->underlying()->kind;
      if (k != TK::Map && k != TK::Slice) {
        error(args[0]->pos, "invalid argument: " + describe(args[0]) + " cannot be cleared");
        return;
      }
      c->tv = {Mode::NoValue, T_.tuple({}), {}};
      return;
    }
    case Builtin::Close: {
      if (!count(1, 1)) return;
      expr(args[0]);
      if (args[0]->tv.mode == Mode::Invalid) return;
      const Type* u = args[0]->tv.type->underlying();
      if (u->kind != TK::Chan) {
        error(args[0]->pos, "invalid operation: non-chan argument " + describe(args[0]));
        return;
      }
      if (u->dir == ChanDir::Recv) {
        error(args[0]->pos,
              "invalid operation: cannot close receive-only channel " + describe(args[0]));
        return;
      }
      c->tv = {Mode::NoValue, T_.tuple({}), {}};
      return;
    }
    case Builtin::Copy: {
      if (!count(2, 2)) return;
      expr(args[0]);
      expr(args[1]);
      if (args[0]->tv.mode == Mode::Invalid || args[1]->tv.mode == Mode::Invalid) return;
      const Type* d = args[0]->tv.type->underlying();
      const Type* s = args[1]->tv.type->underlying();
      if (d->kind != TK::Slice) {
        error(args[0]->pos, "invalid argument: copy expects slice arguments; found " +
                                describe(args[0]) + " and " + describe(args[1]));
        return;
      }
      if (is_string(s) && d->elem->underlying()->kind == TK::Uint8) {
        if (is_untyped(args[1]->tv.type)) convert_untyped(args[1], T_.basic(TK::String));
      } else if (s->kind != TK::Slice || s->elem != d->elem) {
        error(c->pos, "invalid argument: arguments to copy " + describe(args[0]) + " and " +
                          describe(args[1]) + " have different element types");
        return;
      }
      c->tv = {Mode::Value, int_t, {}};
      return;
    }
    case Builtin::Delete: {
      if (!count(2, 2)) return;
      expr(args[0]);
      if (args[0]->tv.mode == Mode::Invalid) {
        rawexpr(args[1], nullptr);
        return;
      }
      const Type* u = args[0]->tv.type->underlying();
      if (u->kind != TK::Map) {
        error(args[0]->pos, "invalid argument: " + describe(args[0]) + " is not a map");
        rawexpr(args[1], nullptr);
        return;
      }
      expr(args[1], u->key);
      assignment(args[1], u->key, "argument to delete");
      c->tv = {Mode::NoValue, T_.tuple({}), {}};
      return;
    }
    case Builtin::Make: {
      if (n == 0) {
        error(c->rparen, "not enough arguments for make() (expected 1, found 0)");
        return;
      }
      const Type* t = typexpr(args[0]);
      if (t == T_.invalid()) {
        for (std::size_t i = 1; i < n; i++) rawexpr(args[i], nullptr);
        return;
      }
      TK k = t->underlying()->kind;
      std::size_t min = 1, max = 2;
      if (k == TK::Slice) {
        min = 2;
        max = 3;
      } else if (k != TK::Map && k != TK::Chan) {
        error(args[0]->pos, "invalid argument: cannot make " + expr_string(args[0]) +
                                "; type must be slice, map, or channel");
        for (std::size_t i = 1; i < n; i++) rawexpr(args[i], nullptr);
        return;
      }
      if (n < min || n > max) {
        error(c->pos, "invalid operation: " + expr_string(c) + " expects " + std::to_string(min) +
                          " or " + std::to_string(max) + " arguments; found " + std::to_string(n));
        for (std::size_t i = 1; i < n; i++) rawexpr(args[i], nullptr);
        return;
      }
      bool ok = true;
      for (std::size_t i = 1; i < n; i++) ok = int_arg(args[i], "size") && ok;
      if (ok && n == 3 && args[1]->tv.mode == Mode::Constant &&
          args[2]->tv.mode == Mode::Constant &&
          args[1]->tv.val.to_int().i > args[2]->tv.val.to_int().i) {
        error(args[1]->pos, "invalid argument: length and capacity swapped");
      }
      c->tv = {Mode::Value, t, {}};
      return;
    }
    case Builtin::Max:
    case Builtin::Min: {
      if (n == 0) {
        error(c->rparen, "not enough arguments for " + expr_string(c) + " (expected 1, found 0)");
        return;
      }
      for (Expr* a : args) expr(a);
      for (Expr* a : args) {
        if (a->tv.mode == Mode::Invalid) return;
        if (!is_ordered(a->tv.type)) {
          error(a->pos, "invalid argument: " + describe(a) + " cannot be ordered");
          return;
        }
      }
      // The operands' common type, as for a chain of binary operators.
      for (std::size_t i = 1; i < n; i++) {
        match_types(args[0], args[i]);
        if (args[0]->tv.mode == Mode::Invalid || args[i]->tv.mode == Mode::Invalid) return;
        if (args[0]->tv.type != args[i]->tv.type) {
          error(args[i]->pos, "invalid argument: mismatched types " + tstr(args[0]->tv.type) +
                                  " (previous argument) and " + tstr(args[i]->tv.type) +
                                  " (type of " + expr_string(args[i]) + ")");
          return;
        }
      }
      for (std::size_t i = 1; i < n; i++) match_types(args[i], args[0]);
      bool all_const = true;
      for (Expr* a : args) all_const = all_const && a->tv.mode == Mode::Constant;
      if (all_const) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < n; i++) {
          bool better = const_compare(b->builtin == Builtin::Max ? Tok::Gtr : Tok::Lss,
                                      args[i]->tv.val, args[best]->tv.val);
          if (better) best = i;
        }
        c->tv = {Mode::Constant, args[best]->tv.type, args[best]->tv.val};
        return;
      }
      for (Expr* a : args) {
        if (is_untyped(a->tv.type)) convert_untyped(a, default_type(a->tv.type));
      }
      c->tv = {Mode::Value, args[0]->tv.type, {}};
      return;
    }
    case Builtin::New: {
      if (!count(1, 1)) return;
      const Type* t = typexpr(args[0]);
      if (t == T_.invalid()) return;
      c->tv = {Mode::Value, T_.pointer(t), {}};
      return;
    }
    case Builtin::Panic: {
      if (!count(1, 1)) return;
      expr(args[0]);
      assignment(args[0], T_.empty_iface(), "argument to panic");
      c->tv = {Mode::NoValue, T_.tuple({}), {}};
      return;
    }
    case Builtin::Print:
    case Builtin::Println:
      for (Expr* a : args) {
        expr(a);
        if (a->tv.mode != Mode::Invalid && is_untyped(a->tv.type)) {
          if (a->tv.type->kind == TK::UntypedNil) {
            error(a->pos, "use of untyped nil in argument to built-in " + name);
          } else {
            convert_untyped(a, default_type(a->tv.type));
          }
        }
      }
      c->tv = {Mode::NoValue, T_.tuple({}), {}};
      return;
    case Builtin::Recover:
      if (!count(0, 0)) return;
      c->tv = {Mode::Value, T_.empty_iface(), {}};
      return;
    case Builtin::Complex:
    case Builtin::Real:
    case Builtin::Imag:
      for (Expr* a : args) rawexpr(a, nullptr);
      error(c->pos, "complex numbers (" + name + ") are outside gort's Go subset");
      return;
  }
}

}  // namespace gort::golang
