// The parser (see parser.hpp): recursive descent over go/parser's grammar.
//
// expr_lev_ follows go/parser: below 0 inside the header of an if, for or
// switch, where `T{` opens the statement's block rather than a composite
// literal of a bare type name.
#include "parser.hpp"

#include "scanner.hpp"

namespace gort::golang {

namespace {

struct Bail {};  // the first syntax error ends the parse

class Parser {
 public:
  Parser(std::string_view src, Arena& arena, std::vector<Diag>& errors)
      : sc_(src, [this](Pos p, std::string m) { scan_error(p, std::move(m)); }),
        a_(arena),
        errs_(errors) {
    next();
  }

  File file(std::string_view filename);

 private:
  // ---- tokens ----
  void next() { tok_ = sc_.next(); }
  bool got(Tok t) {
    if (tok_.tok != t) return false;
    next();
    return true;
  }
  void scan_error(Pos p, std::string m) { errs_.push_back({p, std::move(m)}); }
  [[noreturn]] void fail(Pos p, const std::string& m) {
    errs_.push_back({p, "syntax error: " + m});
    throw Bail{};
  }
  std::string tok_desc() const {
    switch (tok_.tok) {
      case Tok::Ident:
        return "name " + std::string(tok_.text);
      case Tok::Int:
      case Tok::Float:
      case Tok::Imag:
      case Tok::Char:
      case Tok::String:
        return "literal " + std::string(tok_.text);
      case Tok::Semicolon:
        if (tok_.text == "newline" || tok_.text == "EOF") return std::string(tok_.text);
        return "semicolon";
      case Tok::Eof:
        return "EOF";
      default:
        if (tok_.tok >= Tok::Break) return "keyword " + std::string(tok_string(tok_.tok));
        return std::string(tok_string(tok_.tok));
    }
  }
  [[noreturn]] void unexpected(const std::string& expected) {
    fail(tok_.pos, "unexpected " + tok_desc() + (expected.empty() ? "" : ", expected " + expected));
  }
  Pos want(Tok t) {
    Pos p = tok_.pos;
    if (!got(t)) {
      std::string what(tok_string(t));
      if (t == Tok::Ident) what = "name";
      unexpected(what);
    }
    return p;
  }
  // A statement or declaration ends: ';' (or a newline), unless ')' or '}' follows.
  void end_of_statement(Tok closer) {
    if (tok_.tok == Tok::Semicolon) {
      next();
      return;
    }
    if (tok_.tok == closer || tok_.tok == Tok::RBrace || tok_.tok == Tok::RParen) return;
    fail(tok_.pos, "unexpected " + tok_desc() + " at end of statement");
  }

  Ident* ident() {
    Pos p = tok_.pos;
    if (tok_.tok != Tok::Ident) unexpected("name");
    Ident* id = a_.make<Ident>(p, tok_.text);
    next();
    return id;
  }

  // ---- declarations ----
  Node* top_decl();
  GenDecl* gen_decl(Tok kw);
  GenDecl* decl_group(Tok kw);
  Spec* import_spec();
  Spec* value_spec(Tok kw, int iota, ValueSpec* prev);
  Spec* type_spec();
  FuncDecl* func_decl();
  FuncTypeExpr* signature(Pos pos);
  void param_list(std::vector<Field>& out, Tok close, bool results);

  // ---- types ----
  Expr* type();
  Expr* try_type();
  Expr* type_name();
  Expr* array_or_slice_type(Pos p, bool ellipsis_ok);
  StructTypeExpr* struct_type();
  InterfaceTypeExpr* interface_type();
  Expr* func_type_or_lit();

  // ---- expressions ----
  Expr* expr() { return binary_expr(1); }
  Expr* binary_expr(int prec);
  Expr* unary_expr();
  Expr* primary_expr();
  Expr* operand();
  Expr* composite_lit(Expr* type);
  Expr* element();
  CallExpr* call(Expr* fun);
  std::vector<Expr*> expr_list() {
    std::vector<Expr*> l{expr()};
    while (got(Tok::Comma)) l.push_back(expr());
    return l;
  }

  // ---- statements ----
  BlockStmt* block();
  std::vector<Stmt*> stmt_list();
  Stmt* stmt();
  enum class SimpleMode { Basic, LabelOk, RangeOk };
  Stmt* simple_stmt(SimpleMode mode);
  Stmt* if_stmt();
  Stmt* switch_stmt();
  Stmt* select_stmt();
  Stmt* for_stmt();
  CallExpr* call_of(const char* what);

  Scanner sc_;
  Arena& a_;
  std::vector<Diag>& errs_;
  Token tok_;
  int expr_lev_ = 0;
};

// ---------------------------------------------------------------- files

File Parser::file(std::string_view filename) {
  File f;
  f.filename = filename;
  try {
    if (tok_.tok != Tok::Package) fail(tok_.pos, "package statement must be first");
    next();
    f.package = ident();
    end_of_statement(Tok::Eof);
    while (tok_.tok == Tok::Import) {
      GenDecl* d = gen_decl(Tok::Import);
      for (Spec* s : d->specs) f.imports.push_back(static_cast<ImportSpec*>(s));
      f.decls.push_back(d);
    }
    while (tok_.tok != Tok::Eof) {
      if (tok_.tok == Tok::Import) fail(tok_.pos, "imports must appear before other declarations");
      f.decls.push_back(top_decl());
    }
  } catch (Bail&) {
  }
  return f;
}

Node* Parser::top_decl() {
  switch (tok_.tok) {
    case Tok::Const:
    case Tok::Var:
    case Tok::Type:
      return gen_decl(tok_.tok);
    case Tok::Func:
      return func_decl();
    case Tok::Semicolon:
      next();
      return top_decl();
    default:
      fail(tok_.pos, "non-declaration statement outside function body");
  }
}

GenDecl* Parser::gen_decl(Tok kw) {
  GenDecl* d = decl_group(kw);
  end_of_statement(Tok::Eof);
  return d;
}

// const/var/type/import and its spec or parenthesized group of specs (a
// const spec without values repeats the previous one's, with the next iota).
GenDecl* Parser::decl_group(Tok kw) {
  GenDecl* d = a_.make<GenDecl>(tok_.pos, kw);
  next();
  auto one = [&](int iota, ValueSpec* prev) -> Spec* {
    if (kw == Tok::Import) return import_spec();
    if (kw == Tok::Type) return type_spec();
    return value_spec(kw, iota, prev);
  };
  if (got(Tok::LParen)) {
    int iota = 0;
    ValueSpec* prev = nullptr;
    while (tok_.tok != Tok::RParen && tok_.tok != Tok::Eof) {
      Spec* s = one(iota++, prev);
      if (s->kind == Node::K::ValueSpec) prev = static_cast<ValueSpec*>(s);
      d->specs.push_back(s);
      end_of_statement(Tok::RParen);
    }
    want(Tok::RParen);
  } else {
    d->specs.push_back(one(0, nullptr));
  }
  return d;
}

Spec* Parser::import_spec() {
  ImportSpec* s = a_.make<ImportSpec>(tok_.pos);
  if (tok_.tok == Tok::Ident) {
    s->name = ident();
  } else if (tok_.tok == Tok::Period) {
    s->name = a_.make<Ident>(tok_.pos, ".");
    next();
  }
  if (tok_.tok != Tok::String) fail(tok_.pos, "missing import path; require quoted string");
  s->path_pos = tok_.pos;
  s->path = Const::from_literal(Tok::String, tok_.text).s;
  next();
  return s;
}

Spec* Parser::value_spec(Tok kw, int iota, ValueSpec* prev) {
  ValueSpec* s = a_.make<ValueSpec>(tok_.pos);
  s->iota = iota;
  s->names.push_back(ident());
  while (got(Tok::Comma)) s->names.push_back(ident());
  if (tok_.tok != Tok::Assign && tok_.tok != Tok::Semicolon && tok_.tok != Tok::RParen) {
    s->type = type();
  }
  if (got(Tok::Assign)) s->values = expr_list();
  if (kw == Tok::Const && !s->type && s->values.empty()) {
    if (!prev) fail(s->pos, "missing init expr for const declaration");
    s->implicit = true;
  }
  return s;
}

Spec* Parser::type_spec() {
  TypeSpec* s = a_.make<TypeSpec>(tok_.pos);
  s->name = ident();
  if (tok_.tok == Tok::LBrack) {
    // type T[P any] ... (generic) or type T [N]E (array).
    Pos p = tok_.pos;
    next();
    if (tok_.tok == Tok::Ident) {
      Ident* first = ident();
      if (tok_.tok == Tok::RBrack) {
        next();
        s->type = a_.make<ArrayTypeExpr>(p, first, type());
        return s;
      }
      if (tok_.tok == Tok::Ident || tok_.tok == Tok::Interface || tok_.tok == Tok::Comma ||
          tok_.tok == Tok::Tilde || tok_.tok == Tok::Mul) {
        // Type parameters: skip to the matching ']' and keep going.
        int depth = 1;
        while (depth > 0 && tok_.tok != Tok::Eof) {
          if (tok_.tok == Tok::LBrack) depth++;
          if (tok_.tok == Tok::RBrack) depth--;
          next();
        }
        s->has_tparams = true;
        s->type = type();
        return s;
      }
      // [N*2]T and friends: an array length expression starting with a name.
      Expr* len = first;
      while (precedence(tok_.tok) > 0) {
        Tok op = tok_.tok;
        Pos opp = tok_.pos;
        next();
        len = a_.make<BinaryExpr>(opp, op, len, unary_expr());
      }
      want(Tok::RBrack);
      s->type = a_.make<ArrayTypeExpr>(p, len, type());
      return s;
    }
    Expr* len = nullptr;
    if (tok_.tok == Tok::Ellipsis) {
      len = a_.make<EllipsisExpr>(tok_.pos, nullptr);
      next();
    } else if (tok_.tok != Tok::RBrack) {
      len = expr();
    }
    want(Tok::RBrack);
    s->type = a_.make<ArrayTypeExpr>(p, len, type());
    return s;
  }
  if (got(Tok::Assign)) s->alias = true;
  s->type = type();
  return s;
}

FuncDecl* Parser::func_decl() {
  FuncDecl* d = a_.make<FuncDecl>(tok_.pos);
  next();
  if (tok_.tok == Tok::LParen) {
    Pos p = tok_.pos;
    next();
    std::vector<Field> recv;
    param_list(recv, Tok::RParen, false);
    if (recv.size() != 1 || recv[0].names.size() > 1) {
      fail(p, recv.empty() ? "method has no receiver" : "method has multiple receivers");
    }
    d->recv = a_.field();
    *d->recv = recv[0];
    // func (r T[P]) m(): a generic receiver.
    Expr* t = d->recv->type;
    if (t->kind == Node::K::Star) t = static_cast<StarExpr*>(t)->x;
    if (t->kind == Node::K::Index) d->recv_has_tparams = true;
  }
  d->name = ident();
  bool tparams = false;
  if (tok_.tok == Tok::LBrack) {
    int depth = 0;
    do {
      if (tok_.tok == Tok::LBrack) depth++;
      if (tok_.tok == Tok::RBrack) depth--;
      next();
    } while (depth > 0 && tok_.tok != Tok::Eof);
    tparams = true;
  }
  d->type = signature(d->pos);
  d->type->has_tparams = tparams;
  if (tok_.tok == Tok::LBrace) {
    expr_lev_++;
    d->body = block();
    expr_lev_--;
  }
  end_of_statement(Tok::Eof);
  return d;
}

FuncTypeExpr* Parser::signature(Pos pos) {
  FuncTypeExpr* f = a_.make<FuncTypeExpr>(pos);
  want(Tok::LParen);
  param_list(f->params, Tok::RParen, false);
  if (tok_.tok == Tok::LParen) {
    next();
    param_list(f->results, Tok::RParen, true);
  } else if (Expr* t = try_type()) {
    Field r;
    r.type = t;
    r.pos = t->pos;
    f->results.push_back(r);
  }
  return f;
}

// A parameter list after its '(' up to and including `close`. Entries are
// "name Type", "name, name Type" or "Type"; either every entry has a name or
// none has (the spec's rule, checked here as go/parser does).
void Parser::param_list(std::vector<Field>& out, Tok close, bool) {
  struct Entry {
    Ident* name;  // set when the entry is "name Type"
    Expr* type;   // the type, or the lone expression
    Pos pos;
  };
  std::vector<Entry> entries;
  bool named = false;
  while (tok_.tok != close && tok_.tok != Tok::Eof) {
    Pos p = tok_.pos;
    if (tok_.tok == Tok::Ident) {
      Ident* id = ident();
      if (tok_.tok == Tok::Period) {  // pkg.T
        next();
        Ident* sel = ident();
        entries.push_back({nullptr, a_.make<SelectorExpr>(p, id, sel), p});
      } else if (tok_.tok == Tok::Comma || tok_.tok == close) {
        entries.push_back({nullptr, id, p});
      } else if (tok_.tok == Tok::LBrack) {
        // name []T, or a generic type T[int] (outside the subset).
        entries.push_back({id, type(), p});
        named = true;
      } else {
        Expr* t;
        if (tok_.tok == Tok::Ellipsis) {
          Pos ep = tok_.pos;
          next();
          t = a_.make<EllipsisExpr>(ep, type());
        } else {
          t = type();
        }
        entries.push_back({id, t, p});
        named = true;
      }
    } else if (tok_.tok == Tok::Ellipsis) {
      Pos ep = tok_.pos;
      next();
      entries.push_back({nullptr, a_.make<EllipsisExpr>(ep, type()), p});
    } else {
      Expr* t = try_type();
      if (!t) unexpected(close == Tok::RParen ? "comma or )" : "type");
      entries.push_back({nullptr, t, p});
    }
    if (!got(Tok::Comma)) {
      if (tok_.tok != close) {
        if (tok_.tok == Tok::Semicolon && tok_.text == "newline") {
          fail(tok_.pos, "unexpected newline in parameter list; possibly missing comma or )");
        }
        unexpected("comma or )");
      }
      break;
    }
  }
  want(close);
  if (!named) {
    for (Entry& e : entries) {
      Field f;
      f.type = e.type;
      f.pos = e.pos;
      out.push_back(f);
    }
    return;
  }
  // Grouped names: "a, b int" = entries a (type a), b int.
  std::vector<Ident*> pending;
  for (Entry& e : entries) {
    if (!e.name) {
      if (e.type->kind != Node::K::Ident) fail(e.pos, "mixed named and unnamed parameters");
      pending.push_back(static_cast<Ident*>(e.type));
      continue;
    }
    Field f;
    f.names = pending;
    f.names.push_back(e.name);
    f.type = e.type;
    f.pos = f.names[0]->pos;
    pending.clear();
    out.push_back(f);
  }
  if (!pending.empty()) fail(pending.back()->pos, "mixed named and unnamed parameters");
}

// ---------------------------------------------------------------- types

Expr* Parser::type() {
  Expr* t = try_type();
  if (!t) unexpected("type");
  return t;
}

Expr* Parser::type_name() {
  Ident* id = ident();
  Expr* t = id;
  if (tok_.tok == Tok::Period) {
    next();
    t = a_.make<SelectorExpr>(id->pos, id, ident());
  }
  if (tok_.tok == Tok::LBrack) {  // T[int]: instantiation, outside the subset
    Pos p = tok_.pos;
    next();
    IndexExpr* ix = a_.make<IndexExpr>(p, t, type());
    while (got(Tok::Comma)) {
      type();
      ix->multi = true;
    }
    want(Tok::RBrack);
    return ix;
  }
  return t;
}

Expr* Parser::try_type() {
  Pos p = tok_.pos;
  switch (tok_.tok) {
    case Tok::Ident:
      return type_name();
    case Tok::LBrack:
      next();
      return array_or_slice_type(p, true);
    case Tok::Struct:
      return struct_type();
    case Tok::Mul:
      next();
      return a_.make<StarExpr>(p, type());
    case Tok::Func: {
      next();
      return signature(p);
    }
    case Tok::Interface:
      return interface_type();
    case Tok::Map: {
      next();
      want(Tok::LBrack);
      Expr* k = type();
      want(Tok::RBrack);
      return a_.make<MapTypeExpr>(p, k, type());
    }
    case Tok::Chan: {
      next();
      ChanDir dir = ChanDir::Both;
      if (tok_.tok == Tok::Arrow) {
        next();
        dir = ChanDir::Send;
      }
      return a_.make<ChanTypeExpr>(p, dir, type());
    }
    case Tok::Arrow: {
      next();
      if (tok_.tok != Tok::Chan) unexpected("chan");
      next();
      return a_.make<ChanTypeExpr>(p, ChanDir::Recv, type());
    }
    case Tok::LParen: {
      next();
      Expr* t = type();
      want(Tok::RParen);
      return a_.make<ParenExpr>(p, t);
    }
    default:
      return nullptr;
  }
}

// After '[': []T, [N]T or [...]T.
Expr* Parser::array_or_slice_type(Pos p, bool ellipsis_ok) {
  Expr* len = nullptr;
  if (tok_.tok == Tok::Ellipsis && ellipsis_ok) {
    len = a_.make<EllipsisExpr>(tok_.pos, nullptr);
    next();
  } else if (tok_.tok != Tok::RBrack) {
    expr_lev_++;
    len = expr();
    expr_lev_--;
  }
  want(Tok::RBrack);
  return a_.make<ArrayTypeExpr>(p, len, type());
}

StructTypeExpr* Parser::struct_type() {
  StructTypeExpr* st = a_.make<StructTypeExpr>(tok_.pos);
  next();
  want(Tok::LBrace);
  while (tok_.tok != Tok::RBrace && tok_.tok != Tok::Eof) {
    Field f;
    f.pos = tok_.pos;
    if (tok_.tok == Tok::Mul) {  // *T embedded
      Pos p = tok_.pos;
      next();
      f.type = a_.make<StarExpr>(p, type_name());
    } else {
      Ident* id = ident();
      if (tok_.tok == Tok::Period) {  // pkg.T embedded
        next();
        f.type = a_.make<SelectorExpr>(id->pos, id, ident());
      } else if (tok_.tok == Tok::Semicolon || tok_.tok == Tok::RBrace || tok_.tok == Tok::String) {
        f.type = id;  // T embedded
      } else {
        f.names.push_back(id);
        while (got(Tok::Comma)) f.names.push_back(ident());
        f.type = type();
      }
    }
    if (tok_.tok == Tok::String) {
      f.tag = Const::from_literal(Tok::String, tok_.text).s;
      next();
    }
    st->fields.push_back(f);
    end_of_statement(Tok::RBrace);
  }
  want(Tok::RBrace);
  return st;
}

InterfaceTypeExpr* Parser::interface_type() {
  InterfaceTypeExpr* it = a_.make<InterfaceTypeExpr>(tok_.pos);
  next();
  want(Tok::LBrace);
  while (tok_.tok != Tok::RBrace && tok_.tok != Tok::Eof) {
    Field f;
    f.pos = tok_.pos;
    if (tok_.tok == Tok::Ident) {
      Ident* id = ident();
      if (tok_.tok == Tok::LParen) {  // a method
        f.names.push_back(id);
        f.type = signature(id->pos);
      } else if (tok_.tok == Tok::Period) {
        next();
        f.type = a_.make<SelectorExpr>(id->pos, id, ident());
      } else {
        f.type = id;
      }
    } else if (tok_.tok == Tok::Tilde) {
      next();
      f.type = type();
      it->constraint = true;
    } else {
      f.type = type();
      it->constraint = true;
    }
    while (tok_.tok == Tok::Or) {  // a union: A | B
      next();
      got(Tok::Tilde);
      type();
      it->constraint = true;
    }
    it->methods.push_back(f);
    end_of_statement(Tok::RBrace);
  }
  want(Tok::RBrace);
  return it;
}

// ---------------------------------------------------------------- expressions

Expr* Parser::binary_expr(int prec) {
  Expr* x = unary_expr();
  for (;;) {
    int p = precedence(tok_.tok);
    if (p < prec) return x;
    Tok op = tok_.tok;
    Pos pos = tok_.pos;
    next();
    Expr* y = binary_expr(p + 1);
    x = a_.make<BinaryExpr>(pos, op, x, y);
  }
}

Expr* Parser::unary_expr() {
  Pos p = tok_.pos;
  switch (tok_.tok) {
    case Tok::Add:
    case Tok::Sub:
    case Tok::Not:
    case Tok::Xor:
    case Tok::And:
    case Tok::Tilde: {
      Tok op = tok_.tok;
      next();
      return a_.make<UnaryExpr>(p, op, unary_expr());
    }
    case Tok::Arrow: {
      next();
      // <-chan T is a type; <-x a receive.
      if (tok_.tok == Tok::Chan) {
        Pos cp = tok_.pos;
        next();
        ChanDir dir = ChanDir::Recv;
        if (tok_.tok == Tok::Arrow) fail(tok_.pos, "unexpected <-, expected expression");
        (void)cp;
        return a_.make<ChanTypeExpr>(p, dir, type());
      }
      return a_.make<UnaryExpr>(p, Tok::Arrow, unary_expr());
    }
    case Tok::Mul: {
      next();
      return a_.make<StarExpr>(p, unary_expr());
    }
    default:
      return primary_expr();
  }
}

Expr* Parser::operand() {
  Pos p = tok_.pos;
  switch (tok_.tok) {
    case Tok::Ident:
      return ident();
    case Tok::Int:
    case Tok::Float:
    case Tok::Imag:
    case Tok::Char:
    case Tok::String: {
      BasicLit* l = a_.make<BasicLit>(p, tok_.tok, tok_.text);
      next();
      return l;
    }
    case Tok::LParen: {
      next();
      expr_lev_++;
      Expr* x;
      if (tok_.tok == Tok::LBrack || tok_.tok == Tok::Chan || tok_.tok == Tok::Map ||
          tok_.tok == Tok::Struct || tok_.tok == Tok::Interface) {
        x = type();
        // ([]int)(x) or ([]int){...}: the type is the operand.
      } else {
        x = expr();
      }
      expr_lev_--;
      want(Tok::RParen);
      return a_.make<ParenExpr>(p, x);
    }
    case Tok::Func:
      return func_type_or_lit();
    case Tok::LBrack:
    case Tok::Struct:
    case Tok::Map:
    case Tok::Chan:
    case Tok::Interface:
      return type();
    default:
      unexpected("expression");
  }
}

Expr* Parser::func_type_or_lit() {
  Pos p = tok_.pos;
  next();
  FuncTypeExpr* t = signature(p);
  if (tok_.tok != Tok::LBrace) return t;
  expr_lev_++;
  BlockStmt* body = block();
  expr_lev_--;
  return a_.make<FuncLit>(p, t, body);
}

namespace {
// A name, qualified name or instantiation: `x {` after one of these opens a
// block, not a composite literal, in an if/for/switch header.
bool is_type_name(const Expr* x) {
  return x->kind == Node::K::Ident || x->kind == Node::K::Index ||
         (x->kind == Node::K::Selector &&
          static_cast<const SelectorExpr*>(x)->x->kind == Node::K::Ident);
}
bool is_literal_type(const Expr* x) {
  switch (x->kind) {
    case Node::K::Ident:
    case Node::K::ArrayType:
    case Node::K::StructType:
    case Node::K::MapType:
      return true;
    case Node::K::Selector:
      return static_cast<const SelectorExpr*>(x)->x->kind == Node::K::Ident;
    case Node::K::Index:  // generic instantiation T[int]{...}
      return is_type_name(static_cast<const IndexExpr*>(x)->x);
    default:
      return false;
  }
}
}  // namespace

Expr* Parser::primary_expr() {
  Expr* x = operand();
  for (;;) {
    Pos p = tok_.pos;
    switch (tok_.tok) {
      case Tok::Period: {
        next();
        if (tok_.tok == Tok::Ident) {
          x = a_.make<SelectorExpr>(p, x, ident());
        } else if (tok_.tok == Tok::LParen) {
          next();
          Expr* t = nullptr;
          if (tok_.tok == Tok::Type) {
            next();
          } else {
            t = type();
          }
          want(Tok::RParen);
          x = a_.make<TypeAssertExpr>(p, x, t);
        } else {
          unexpected("name or (");
        }
        break;
      }
      case Tok::LBrack: {
        next();
        expr_lev_++;
        Expr* idx[3] = {nullptr, nullptr, nullptr};
        int ncolons = 0;
        Pos colon3;
        if (tok_.tok != Tok::Colon) idx[0] = expr();
        while (tok_.tok == Tok::Colon && ncolons < 2) {
          if (ncolons == 1) colon3 = tok_.pos;
          ncolons++;
          next();
          if (tok_.tok != Tok::Colon && tok_.tok != Tok::RBrack) idx[ncolons] = expr();
        }
        bool multi = false;
        if (ncolons == 0) {
          while (got(Tok::Comma)) {
            if (tok_.tok == Tok::RBrack) break;
            expr();
            multi = true;
          }
        }
        expr_lev_--;
        want(Tok::RBrack);
        if (ncolons == 0) {
          if (!idx[0]) fail(p, "expected operand");
          IndexExpr* ix = a_.make<IndexExpr>(p, x, idx[0]);
          ix->multi = multi;
          x = ix;
        } else {
          SliceExpr* s = a_.make<SliceExpr>(p, x);
          s->lo = idx[0];
          s->hi = idx[1];
          s->max = idx[2];
          s->slice3 = ncolons == 2;
          if (s->slice3 && !s->hi) fail(colon3, "middle index required in 3-index slice");
          if (s->slice3 && !s->max) fail(colon3, "final index required in 3-index slice");
          x = s;
        }
        break;
      }
      case Tok::LParen:
        x = call(x);
        break;
      case Tok::LBrace: {
        Expr* t = x;
        while (t->kind == Node::K::Paren) t = static_cast<ParenExpr*>(t)->x;
        if (is_literal_type(t) && (expr_lev_ >= 0 || !is_type_name(t))) {
          x = composite_lit(x);
          break;
        }
        return x;
      }
      default:
        return x;
    }
  }
}

CallExpr* Parser::call(Expr* fun) {
  CallExpr* c = a_.make<CallExpr>(tok_.pos, fun);
  c->pos = fun->pos;
  next();
  expr_lev_++;
  while (tok_.tok != Tok::RParen && tok_.tok != Tok::Eof) {
    // A type may be an argument (make, new): operand() parses types too.
    Expr* arg = expr();
    c->args.push_back(arg);
    if (tok_.tok == Tok::Ellipsis) {
      c->ellipsis = tok_.pos;
      next();
    }
    if (!got(Tok::Comma)) {
      if (tok_.tok != Tok::RParen) {
        if (tok_.tok == Tok::Semicolon && tok_.text == "newline") {
          fail(tok_.pos, "unexpected newline in argument list; possibly missing comma or )");
        }
        unexpected("comma or )");
      }
      break;
    }
  }
  expr_lev_--;
  c->rparen = tok_.pos;
  want(Tok::RParen);
  return c;
}

Expr* Parser::composite_lit(Expr* type) {
  CompositeLit* c = a_.make<CompositeLit>(tok_.pos, type);
  if (type) c->pos = type->pos;
  want(Tok::LBrace);
  expr_lev_++;
  while (tok_.tok != Tok::RBrace && tok_.tok != Tok::Eof) {
    c->elts.push_back(element());
    if (!got(Tok::Comma)) {
      if (tok_.tok != Tok::RBrace) {
        if (tok_.tok == Tok::Semicolon && tok_.text == "newline") {
          fail(tok_.pos, "unexpected newline in composite literal; possibly missing comma or }");
        }
        unexpected("comma or }");
      }
      break;
    }
  }
  expr_lev_--;
  c->rbrace = tok_.pos;
  want(Tok::RBrace);
  return c;
}

Expr* Parser::element() {
  auto value = [&]() -> Expr* {
    if (tok_.tok == Tok::LBrace) return composite_lit(nullptr);
    return expr();
  };
  Expr* x = value();
  if (tok_.tok == Tok::Colon) {
    Pos p = tok_.pos;
    next();
    return a_.make<KeyValueExpr>(p, x, value());
  }
  return x;
}

// ---------------------------------------------------------------- statements

BlockStmt* Parser::block() {
  BlockStmt* b = a_.make<BlockStmt>(tok_.pos);
  want(Tok::LBrace);
  b->list = stmt_list();
  b->rbrace = tok_.pos;
  if (tok_.tok != Tok::RBrace) unexpected("}");
  next();
  return b;
}

std::vector<Stmt*> Parser::stmt_list() {
  std::vector<Stmt*> list;
  while (tok_.tok != Tok::RBrace && tok_.tok != Tok::Eof && tok_.tok != Tok::Case &&
         tok_.tok != Tok::Default) {
    if (tok_.tok == Tok::Semicolon) {
      next();
      continue;
    }
    list.push_back(stmt());
    if (tok_.tok == Tok::RBrace || tok_.tok == Tok::Case || tok_.tok == Tok::Default) break;
    if (tok_.tok != Tok::Semicolon) {
      if (tok_.tok == Tok::Else) fail(tok_.pos, "else must be preceded by if statement block");
      fail(tok_.pos, "unexpected " + tok_desc() + " at end of statement");
    }
    next();
  }
  return list;
}

CallExpr* Parser::call_of(const char* what) {
  Pos p = tok_.pos;
  Expr* x = expr();
  while (x->kind == Node::K::Paren) x = static_cast<ParenExpr*>(x)->x;
  if (x->kind != Node::K::Call)
    fail(p, std::string("expression in ") + what + " must be function call");
  return static_cast<CallExpr*>(x);
}

Stmt* Parser::stmt() {
  Pos p = tok_.pos;
  switch (tok_.tok) {
    case Tok::Const:
    case Tok::Var:
    case Tok::Type: {
      GenDecl* d = decl_group(tok_.tok);
      return a_.make<DeclStmt>(p, d);
    }
    case Tok::Go:
      next();
      return a_.make<GoStmt>(p, call_of("go"));
    case Tok::Defer:
      next();
      return a_.make<DeferStmt>(p, call_of("defer"));
    case Tok::Return: {
      next();
      ReturnStmt* r = a_.make<ReturnStmt>(p);
      if (tok_.tok != Tok::Semicolon && tok_.tok != Tok::RBrace) r->results = expr_list();
      return r;
    }
    case Tok::Break:
    case Tok::Continue:
    case Tok::Goto:
    case Tok::Fallthrough: {
      Tok t = tok_.tok;
      next();
      Ident* label = nullptr;
      if (t != Tok::Fallthrough && tok_.tok == Tok::Ident) label = ident();
      if (t == Tok::Goto && !label) unexpected("name");
      return a_.make<BranchStmt>(p, t, label);
    }
    case Tok::LBrace:
      return block();
    case Tok::If:
      return if_stmt();
    case Tok::Switch:
      return switch_stmt();
    case Tok::Select:
      return select_stmt();
    case Tok::For:
      return for_stmt();
    case Tok::Semicolon:
    case Tok::RBrace:
      return a_.make<EmptyStmt>(p);
    default:
      return simple_stmt(SimpleMode::LabelOk);
  }
}

Stmt* Parser::simple_stmt(SimpleMode mode) {
  Pos p = tok_.pos;
  if (mode == SimpleMode::RangeOk && tok_.tok == Tok::Range) {
    // for range x
    next();
    RangeStmt* r = a_.make<RangeStmt>(p);
    r->x = expr();
    return r;
  }
  std::vector<Expr*> lhs = expr_list();
  switch (tok_.tok) {
    case Tok::Define:
    case Tok::Assign:
    case Tok::AddAssign:
    case Tok::SubAssign:
    case Tok::MulAssign:
    case Tok::QuoAssign:
    case Tok::RemAssign:
    case Tok::AndAssign:
    case Tok::OrAssign:
    case Tok::XorAssign:
    case Tok::ShlAssign:
    case Tok::ShrAssign:
    case Tok::AndNotAssign: {
      Tok t = tok_.tok;
      Pos ap = tok_.pos;
      next();
      if (mode == SimpleMode::RangeOk && tok_.tok == Tok::Range &&
          (t == Tok::Define || t == Tok::Assign)) {
        next();
        RangeStmt* r = a_.make<RangeStmt>(p);
        r->tok = t;
        if (lhs.size() > 2)
          fail(lhs[0]->pos, "range clause permits at most two iteration variables");
        r->key = lhs[0];
        if (lhs.size() > 1) r->value = lhs[1];
        r->x = expr();
        return r;
      }
      AssignStmt* a = a_.make<AssignStmt>(ap, t);
      a->lhs = std::move(lhs);
      a->rhs = expr_list();
      return a;
    }
    default:
      break;
  }
  if (lhs.size() > 1) unexpected(":= or = or comma");
  Expr* x = lhs[0];
  switch (tok_.tok) {
    case Tok::Colon:
      if (mode == SimpleMode::LabelOk && x->kind == Node::K::Ident) {
        next();
        Ident* label = static_cast<Ident*>(x);
        if (tok_.tok == Tok::RBrace)
          return a_.make<LabeledStmt>(p, label, a_.make<EmptyStmt>(tok_.pos));
        return a_.make<LabeledStmt>(p, label, stmt());
      }
      break;
    case Tok::Arrow: {
      Pos ap = tok_.pos;
      next();
      SendStmt* s = a_.make<SendStmt>(ap, x, expr());
      return s;
    }
    case Tok::Inc:
    case Tok::Dec: {
      Tok t = tok_.tok;
      Pos ip = tok_.pos;
      next();
      return a_.make<IncDecStmt>(ip, x, t);
    }
    default:
      break;
  }
  return a_.make<ExprStmt>(p, x);
}

Stmt* Parser::if_stmt() {
  IfStmt* s = a_.make<IfStmt>(tok_.pos);
  next();
  if (tok_.tok == Tok::LBrace) fail(tok_.pos, "missing condition in if statement");
  int old = expr_lev_;
  expr_lev_ = -1;
  Stmt* first = nullptr;
  if (tok_.tok != Tok::Semicolon) first = simple_stmt(SimpleMode::Basic);
  if (tok_.tok == Tok::Semicolon) {
    next();
    s->init = first;
    first = nullptr;
    if (tok_.tok == Tok::LBrace) fail(tok_.pos, "missing condition in if statement");
    first = simple_stmt(SimpleMode::Basic);
  }
  expr_lev_ = old;
  if (!first || first->kind != Node::K::ExprStmt) {
    fail(first ? first->pos : tok_.pos,
         "cannot use " +
             std::string(first && first->kind == Node::K::AssignStmt ? "assignment" : "statement") +
             " as value");
  }
  s->cond = static_cast<ExprStmt*>(first)->x;
  if (tok_.tok != Tok::LBrace) unexpected("{ after if clause");
  s->body = block();
  if (tok_.tok == Tok::Else) {
    next();
    if (tok_.tok == Tok::If) {
      s->els = if_stmt();
    } else if (tok_.tok == Tok::LBrace) {
      s->els = block();
    } else {
      fail(tok_.pos, "else must be followed by if or statement block");
    }
  }
  return s;
}

Stmt* Parser::switch_stmt() {
  Pos p = tok_.pos;
  next();
  int old = expr_lev_;
  expr_lev_ = -1;
  Stmt* init = nullptr;
  Stmt* tag = nullptr;
  if (tok_.tok != Tok::LBrace) {
    if (tok_.tok != Tok::Semicolon) tag = simple_stmt(SimpleMode::Basic);
    if (tok_.tok == Tok::Semicolon) {
      next();
      init = tag;
      tag = nullptr;
      if (tok_.tok != Tok::LBrace) tag = simple_stmt(SimpleMode::Basic);
    }
  }
  expr_lev_ = old;
  // A type switch: x := y.(type) or y.(type).
  auto type_guard = [](Expr* e) {
    while (e->kind == Node::K::Paren) e = static_cast<ParenExpr*>(e)->x;
    return e->kind == Node::K::TypeAssert && !static_cast<TypeAssertExpr*>(e)->type
               ? static_cast<TypeAssertExpr*>(e)
               : nullptr;
  };
  TypeSwitchStmt* ts = nullptr;
  SwitchStmt* ss = nullptr;
  if (tag && tag->kind == Node::K::AssignStmt) {
    AssignStmt* a = static_cast<AssignStmt*>(tag);
    if (a->tok == Tok::Define && a->lhs.size() == 1 && a->rhs.size() == 1 &&
        a->lhs[0]->kind == Node::K::Ident && type_guard(a->rhs[0])) {
      ts = a_.make<TypeSwitchStmt>(p);
      ts->bind = static_cast<Ident*>(a->lhs[0]);
      ts->x = type_guard(a->rhs[0])->x;
    } else {
      fail(tag->pos, "cannot use assignment as value");  // switch x := 1 {
    }
  } else if (tag && tag->kind == Node::K::ExprStmt && type_guard(static_cast<ExprStmt*>(tag)->x)) {
    ts = a_.make<TypeSwitchStmt>(p);
    ts->x = type_guard(static_cast<ExprStmt*>(tag)->x)->x;
  } else {
    ss = a_.make<SwitchStmt>(p);
    if (tag) {
      if (tag->kind != Node::K::ExprStmt) fail(tag->pos, "switch expression must be an expression");
      ss->tag = static_cast<ExprStmt*>(tag)->x;
    }
  }
  if (tok_.tok != Tok::LBrace) unexpected("{ after switch clause");
  next();
  std::vector<CaseClause*> clauses;
  while (tok_.tok == Tok::Case || tok_.tok == Tok::Default) {
    CaseClause* c = a_.make<CaseClause>(tok_.pos);
    if (tok_.tok == Tok::Case) {
      next();
      c->list.push_back(ts ? type() : expr());
      while (got(Tok::Comma)) c->list.push_back(ts ? type() : expr());
    } else {
      next();
      c->is_default = true;
    }
    want(Tok::Colon);
    c->body = stmt_list();
    clauses.push_back(c);
  }
  if (tok_.tok != Tok::RBrace) unexpected("case or default or }");
  next();
  if (ts) {
    ts->init = init;
    ts->clauses = std::move(clauses);
    return ts;
  }
  ss->init = init;
  ss->clauses = std::move(clauses);
  return ss;
}

Stmt* Parser::select_stmt() {
  SelectStmt* s = a_.make<SelectStmt>(tok_.pos);
  next();
  if (tok_.tok != Tok::LBrace) unexpected("{ after select clause");
  next();
  while (tok_.tok == Tok::Case || tok_.tok == Tok::Default) {
    CommClause* c = a_.make<CommClause>(tok_.pos);
    if (tok_.tok == Tok::Case) {
      next();
      c->comm = simple_stmt(SimpleMode::Basic);
    } else {
      next();
    }
    want(Tok::Colon);
    c->body = stmt_list();
    s->clauses.push_back(c);
  }
  if (tok_.tok != Tok::RBrace) unexpected("case or default or }");
  next();
  return s;
}

Stmt* Parser::for_stmt() {
  Pos p = tok_.pos;
  next();
  int old = expr_lev_;
  expr_lev_ = -1;
  Stmt *init = nullptr, *cond = nullptr, *post = nullptr;
  RangeStmt* range = nullptr;
  if (tok_.tok != Tok::LBrace) {
    if (tok_.tok != Tok::Semicolon) {
      Stmt* s = simple_stmt(SimpleMode::RangeOk);
      if (s->kind == Node::K::RangeStmt) {
        range = static_cast<RangeStmt*>(s);
      } else {
        cond = s;
      }
    }
    if (!range && tok_.tok == Tok::Semicolon) {
      next();
      init = cond;
      cond = nullptr;
      if (tok_.tok != Tok::Semicolon) {
        if (tok_.tok == Tok::LBrace) fail(tok_.pos, "expected for loop condition");
        cond = simple_stmt(SimpleMode::Basic);
      }
      if (tok_.tok != Tok::Semicolon) unexpected("semicolon");  // for a; b {
      next();
      if (tok_.tok != Tok::LBrace) post = simple_stmt(SimpleMode::Basic);
    }
  }
  expr_lev_ = old;
  if (tok_.tok != Tok::LBrace) unexpected("{ after for clause");
  if (range) {
    range->pos = p;
    range->body = block();
    return range;
  }
  ForStmt* f = a_.make<ForStmt>(p);
  f->init = init;
  if (cond) {
    if (cond->kind != Node::K::ExprStmt) fail(cond->pos, "cannot use statement as value");
    f->cond = static_cast<ExprStmt*>(cond)->x;
  }
  if (post && post->kind == Node::K::AssignStmt &&
      static_cast<AssignStmt*>(post)->tok == Tok::Define) {
    fail(post->pos, "cannot declare in post statement of for loop");
  }
  f->post = post;
  f->body = block();
  return f;
}

}  // namespace

File parse_file(std::string_view src, std::string_view filename, Arena& arena,
                std::vector<Diag>& errors) {
  Parser p(src, arena, errors);
  return p.file(filename);
}

}  // namespace gort::golang
