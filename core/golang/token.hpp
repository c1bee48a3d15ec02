// Go's tokens (go/token): kinds, positions and the spelling of each.
//
// A Pos is a 1-based line and byte column in one source file, as Go's
// error messages print them ("./prog.go:12:5").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gort::golang {

struct Pos {
  std::int32_t line = 0, col = 0;
  bool valid() const { return line > 0; }
  friend bool operator<(Pos a, Pos b) { return a.line != b.line ? a.line < b.line : a.col < b.col; }
  friend bool operator==(Pos a, Pos b) = default;
};

enum class Tok : std::uint8_t {
  Illegal,
  Eof,
  // Literals and names.
  Ident,
  Int,
  Float,
  Imag,
  Char,
  String,
  // Operators, grouped as in go/token (binary operators first).
  Add,     // +
  Sub,     // -
  Mul,     // *
  Quo,     // /
  Rem,     // %
  And,     // &
  Or,      // |
  Xor,     // ^
  Shl,     // <<
  Shr,     // >>
  AndNot,  // &^
  AddAssign,
  SubAssign,
  MulAssign,
  QuoAssign,
  RemAssign,
  AndAssign,
  OrAssign,
  XorAssign,
  ShlAssign,
  ShrAssign,
  AndNotAssign,
  LAnd,    // &&
  LOr,     // ||
  Arrow,   // <-
  Inc,     // ++
  Dec,     // --
  Eql,     // ==
  Lss,     // <
  Gtr,     // >
  Assign,  // =
  Not,     // !
  Tilde,   // ~
  Neq,     // !=
  Leq,     // <=
  Geq,     // >=
  Define,  // :=
  Ellipsis,
  LParen,
  LBrack,
  LBrace,
  Comma,
  Period,
  RParen,
  RBrack,
  RBrace,
  Semicolon,
  Colon,
  // Keywords.
  Break,
  Case,
  Chan,
  Const,
  Continue,
  Default,
  Defer,
  Else,
  Fallthrough,
  For,
  Func,
  Go,
  Goto,
  If,
  Import,
  Interface,
  Map,
  Package,
  Range,
  Return,
  Select,
  Struct,
  Switch,
  Type,
  Var,
};

// The token's spelling ("+", "func", "identifier" for names).
std::string_view tok_string(Tok t);
// The keyword spelled s, or Tok::Ident.
Tok keyword(std::string_view s);
// Binary operator precedence (5 = * / ..., 1 = ||); 0 for other tokens.
int precedence(Tok t);
// For an assignment operator (+=), the binary operator (+); else Illegal.
Tok assign_op_base(Tok t);

struct Token {
  Tok tok = Tok::Illegal;
  Pos pos;
  std::string_view text;  // the source text (literals, names); empty for an inserted ';'
};

}  // namespace gort::golang
