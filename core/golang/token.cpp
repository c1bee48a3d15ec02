// Spellings, keywords and precedences of Go's tokens.
#include "token.hpp"

#include <array>

namespace gort::golang {

namespace {

constexpr std::array<std::pair<Tok, std::string_view>, 89> kSpelling = {{
    {Tok::Illegal, "ILLEGAL"},
    {Tok::Eof, "EOF"},
    {Tok::Ident, "name"},
    {Tok::Int, "literal"},
    {Tok::Float, "literal"},
    {Tok::Imag, "literal"},
    {Tok::Char, "literal"},
    {Tok::String, "literal"},
    {Tok::Add, "+"},
    {Tok::Sub, "-"},
    {Tok::Mul, "*"},
    {Tok::Quo, "/"},
    {Tok::Rem, "%"},
    {Tok::And, "&"},
    {Tok::Or, "|"},
    {Tok::Xor, "^"},
    {Tok::Shl, "<<"},
    {Tok::Shr, ">>"},
    {Tok::AndNot, "&^"},
    {Tok::AddAssign, "+="},
    {Tok::SubAssign, "-="},
    {Tok::MulAssign, "*="},
    {Tok::QuoAssign, "/="},
    {Tok::RemAssign, "%="},
    {Tok::AndAssign, "&="},
    {Tok::OrAssign, "|="},
    {Tok::XorAssign, "^="},
    {Tok::ShlAssign, "<<="},
    {Tok::ShrAssign, ">>="},
    {Tok::AndNotAssign, "&^="},
    {Tok::LAnd, "&&"},
    {Tok::LOr, "||"},
    {Tok::Arrow, "<-"},
    {Tok::Inc, "++"},
    {Tok::Dec, "--"},
    {Tok::Eql, "=="},
    {Tok::Lss, "<"},
    {Tok::Gtr, ">"},
    {Tok::Assign, "="},
    {Tok::Not, "!"},
    {Tok::Tilde, "~"},
    {Tok::Neq, "!="},
    {Tok::Leq, "<="},
    {Tok::Geq, ">="},
    {Tok::Define, ":="},
    {Tok::Ellipsis, "..."},
    {Tok::LParen, "("},
    {Tok::LBrack, "["},
    {Tok::LBrace, "{"},
    {Tok::Comma, ","},
    {Tok::Period, "."},
    {Tok::RParen, ")"},
    {Tok::RBrack, "]"},
    {Tok::RBrace, "}"},
    {Tok::Semicolon, ";"},
    {Tok::Colon, ":"},
    {Tok::Break, "break"},
    {Tok::Case, "case"},
    {Tok::Chan, "chan"},
    {Tok::Const, "const"},
    {Tok::Continue, "continue"},
    {Tok::Default, "default"},
    {Tok::Defer, "defer"},
    {Tok::Else, "else"},
    {Tok::Fallthrough, "fallthrough"},
    {Tok::For, "for"},
    {Tok::Func, "func"},
    {Tok::Go, "go"},
    {Tok::Goto, "goto"},
    {Tok::If, "if"},
    {Tok::Import, "import"},
    {Tok::Interface, "interface"},
    {Tok::Map, "map"},
    {Tok::Package, "package"},
    {Tok::Range, "range"},
    {Tok::Return, "return"},
    {Tok::Select, "select"},
    {Tok::Struct, "struct"},
    {Tok::Switch, "switch"},
    {Tok::Type, "type"},
    {Tok::Var, "var"},
}};

}  // namespace

std::string_view tok_string(Tok t) {
  for (const auto& [tok, s] : kSpelling) {
    if (tok == t) return s;
  }
  return "?";
}

Tok keyword(std::string_view s) {
  if (s.size() < 2 || s.size() > 11 || s[0] < 'b' || s[0] > 'v') return Tok::Ident;
  for (auto i = static_cast<std::size_t>(Tok::Break); i < kSpelling.size(); i++) {
    if (kSpelling[i].second == s) return kSpelling[i].first;
  }
  return Tok::Ident;
}

int precedence(Tok t) {
  switch (t) {
    case Tok::LOr:
      return 1;
    case Tok::LAnd:
      return 2;
    case Tok::Eql:
    case Tok::Neq:
    case Tok::Lss:
    case Tok::Leq:
    case Tok::Gtr:
    case Tok::Geq:
      return 3;
    case Tok::Add:
    case Tok::Sub:
    case Tok::Or:
    case Tok::Xor:
      return 4;
    case Tok::Mul:
    case Tok::Quo:
    case Tok::Rem:
    case Tok::Shl:
    case Tok::Shr:
    case Tok::And:
    case Tok::AndNot:
      return 5;
    default:
      return 0;
  }
}

Tok assign_op_base(Tok t) {
  if (t >= Tok::AddAssign && t <= Tok::AndNotAssign) {
    return static_cast<Tok>(static_cast<int>(t) - static_cast<int>(Tok::AddAssign) +
                            static_cast<int>(Tok::Add));
  }
  return Tok::Illegal;
}

}  // namespace gort::golang
