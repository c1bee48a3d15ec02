// The scanner (see scanner.hpp). Error texts follow cmd/compile's syntax
// package, which is what `go build` prints.
#include "scanner.hpp"

#include <cstdio>

namespace gort::golang {

namespace {

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
int digit_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 16;
}

}  // namespace

Scanner::Scanner(std::string_view src, ErrorFn error) : src_(src), error_(std::move(error)) {
  if (src_.size() >= 3 && src_.substr(0, 3) == "\xEF\xBB\xBF") off_ = 3;  // BOM
}

Pos Scanner::pos_at(std::size_t off) const {
  return {line_, static_cast<std::int32_t>(off - line_start_ + 1)};
}

void Scanner::advance() {
  if (off_ < src_.size() && src_[off_] == '\n') {
    line_++;
    line_start_ = off_ + 1;
  }
  off_++;
}

void Scanner::skip_space_and_comments(bool& newline_seen) {
  for (;;) {
    char c = peek();
    if (c == ' ' || c == '\t' || c == '\r') {
      advance();
    } else if (c == '\n') {
      newline_seen = true;
      if (insert_semi_) return;
      advance();
    } else if (c == '/' && peek(1) == '/') {
      while (off_ < src_.size() && peek() != '\n') advance();
    } else if (c == '/' && peek(1) == '*') {
      Pos start = pos_at(off_);
      advance();
      advance();
      bool closed = false, nl = false;
      while (off_ < src_.size()) {
        if (peek() == '*' && peek(1) == '/') {
          advance();
          advance();
          closed = true;
          break;
        }
        if (peek() == '\n') nl = true;
        advance();
      }
      if (!closed) error_(start, "comment not terminated");
      if (nl) {
        newline_seen = true;
        if (insert_semi_) return;
      }
    } else {
      return;
    }
  }
}

Token Scanner::next() {
  bool newline = false;
  skip_space_and_comments(newline);
  Token t;
  t.pos = pos_at(off_);
  if (insert_semi_ && (newline || off_ >= src_.size())) {
    // The newline (or EOF) becomes a semicolon; the newline itself is
    // consumed by the next call.
    insert_semi_ = false;
    t.tok = Tok::Semicolon;
    t.text = newline ? "newline" : "EOF";
    return t;
  }
  if (off_ >= src_.size()) {
    t.tok = Tok::Eof;
    return t;
  }
  std::size_t start = off_;
  char c = peek();
  insert_semi_ = false;
  if (is_letter(c)) {
    while (off_ < src_.size() && (is_letter(peek()) || is_digit(peek()))) advance();
    t.text = src_.substr(start, off_ - start);
    t.tok = keyword(t.text);
    if (t.tok == Tok::Ident || t.tok == Tok::Break || t.tok == Tok::Continue ||
        t.tok == Tok::Fallthrough || t.tok == Tok::Return) {
      insert_semi_ = true;
    }
    // Non-ASCII letters: Go accepts Unicode letters; digits and symbols beyond
    // ASCII are rare in programs and accepted the same way here.
    return t;
  }
  if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
    scan_number(t);
    t.text = src_.substr(start, off_ - start);
    insert_semi_ = true;
    return t;
  }
  switch (c) {
    case '"':
      scan_string(t);
      t.text = src_.substr(start, off_ - start);
      insert_semi_ = true;
      return t;
    case '`':
      scan_raw_string(t);
      t.text = src_.substr(start, off_ - start);
      insert_semi_ = true;
      return t;
    case '\'':
      scan_char(t);
      t.text = src_.substr(start, off_ - start);
      insert_semi_ = true;
      return t;
    default:
      break;
  }
  t.tok = scan_operator();
  t.text = src_.substr(start, off_ - start);
  if (t.tok == Tok::Illegal) {
    char buf[64];
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
      std::snprintf(buf, sizeof buf, "invalid character U+%04X '%c'", u, c);
    } else {
      std::snprintf(buf, sizeof buf, "invalid character U+%04X", u);
    }
    error_(t.pos, buf);
    return next();
  }
  if (t.tok == Tok::RParen || t.tok == Tok::RBrack || t.tok == Tok::RBrace || t.tok == Tok::Inc ||
      t.tok == Tok::Dec) {
    insert_semi_ = true;
  }
  return t;
}

void Scanner::digits(int base, bool& bad, bool& any) {
  // Digits of the literal (hex digits for base 16; any decimal digit
  // otherwise, `bad` when one is too large for the base), with '_' separators.
  while (off_ < src_.size()) {
    char c = peek();
    if (c != '_') {
      int v = digit_value(c);
      if (base == 16 ? v >= 16 : !is_digit(c)) break;
      if (v >= base) bad = true;
      any = true;
    }
    advance();
  }
}

void Scanner::scan_number(Token& t) {
  std::size_t start = off_;
  Pos pos = pos_at(off_);
  t.tok = Tok::Int;
  int base = 10;
  char prefix = 0;  // 'x', 'b', 'o', or '0' for a legacy octal literal
  if (peek() == '0') {
    char x = static_cast<char>(peek(1) | 0x20);
    if (x == 'x' || x == 'b' || x == 'o') {
      base = x == 'x' ? 16 : x == 'b' ? 2 : 8;
      prefix = x;
      advance();
      advance();
    } else {
      base = 8;
      prefix = '0';
    }
  }
  bool bad = false, any = false;
  digits(base, bad, any);
  bool is_float = false;
  if (peek() == '.') {
    is_float = true;
    advance();
    bool b2 = false;
    digits(base == 16 ? 16 : 10, b2, any);
  }
  char e = static_cast<char>(peek() | 0x20);
  if ((base != 16 && e == 'e') || (base == 16 && e == 'p')) {
    is_float = true;
    advance();
    if (peek() == '+' || peek() == '-') advance();
    bool b2 = false, any2 = false;
    digits(10, b2, any2);
    if (!any2) error_(pos, "exponent has no digits");
  } else if (base == 16 && is_float) {
    error_(pos, "hexadecimal mantissa requires a 'p' exponent");
  }
  std::string_view lit = src_.substr(start, off_ - start);
  if (lit.back() == '_' || lit.find("__") != std::string_view::npos) {
    error_(pos, "'_' must separate successive digits");
  }
  if (peek() == 'i') {
    advance();
    t.tok = Tok::Imag;
    return;
  }
  if (is_float) {
    t.tok = Tok::Float;
    if (prefix == 'b' || prefix == 'o') {
      error_(pos, std::string("invalid radix point in ") + (prefix == 'b' ? "binary" : "octal") +
                      " literal");
    }
    return;
  }
  if (prefix && prefix != '0' && !any) {
    error_(pos, std::string(base == 16  ? "hexadecimal"
                            : base == 2 ? "binary"
                                        : "octal") +
                    " literal has no digits");
    return;
  }
  if (bad) {
    for (std::size_t i = prefix && prefix != '0' ? 2 : 1; i < lit.size(); i++) {
      if (lit[i] != '_' && digit_value(lit[i]) >= base) {
        error_(pos_at(start + i), std::string("invalid digit '") + lit[i] + "' in " +
                                      (base == 8 ? "octal" : "binary") + " literal");
        break;
      }
    }
  }
}

void Scanner::scan_escape(char quote) {
  Pos pos = pos_at(off_);
  advance();  // the backslash
  char c = peek();
  int n = 0, base = 0;
  switch (c) {
    case 'a':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
    case '\\':
      advance();
      return;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
      n = 3;
      base = 8;
      break;
    case 'x':
      advance();
      n = 2;
      base = 16;
      break;
    case 'u':
      advance();
      n = 4;
      base = 16;
      break;
    case 'U':
      advance();
      n = 8;
      base = 16;
      break;
    default:
      if (c == quote) {
        advance();
        return;
      }
      if (c == '\n' || off_ >= src_.size()) return;  // reported by the caller
      error_(pos, "unknown escape");
      advance();
      return;
  }
  for (int i = 0; i < n; i++) {
    if (digit_value(peek()) >= base) {
      error_(pos, "invalid character in escape sequence");
      return;
    }
    advance();
  }
}

void Scanner::scan_string(Token& t) {
  Pos pos = pos_at(off_);
  t.tok = Tok::String;
  advance();
  for (;;) {
    char c = peek();
    if (off_ >= src_.size() || c == '\n') {
      error_(pos, off_ >= src_.size() ? "string literal not terminated" : "newline in string");
      return;
    }
    if (c == '"') {
      advance();
      return;
    }
    if (c == '\\') {
      scan_escape('"');
    } else {
      advance();
    }
  }
}

void Scanner::scan_raw_string(Token& t) {
  Pos pos = pos_at(off_);
  t.tok = Tok::String;
  advance();
  while (off_ < src_.size() && peek() != '`') advance();
  if (off_ >= src_.size()) {
    error_(pos, "raw string literal not terminated");
    return;
  }
  advance();
}

void Scanner::scan_char(Token& t) {
  Pos pos = pos_at(off_);
  t.tok = Tok::Char;
  advance();
  int n = 0;
  for (;;) {
    char c = peek();
    if (off_ >= src_.size() || c == '\n') {
      error_(pos, "rune literal not terminated");
      return;
    }
    if (c == '\'') {
      advance();
      break;
    }
    if (c == '\\') {
      scan_escape('\'');
    } else {
      // One UTF-8 sequence counts as one character.
      advance();
      while ((static_cast<unsigned char>(peek()) & 0xC0) == 0x80) advance();
    }
    n++;
  }
  if (n == 0) error_(pos, "empty rune literal or unescaped ' in rune literal");
  if (n > 1) error_(pos, "more than one character in rune literal");
}

Tok Scanner::scan_operator() {
  char c = peek();
  char c1 = peek(1), c2 = peek(2);
  auto take = [&](int n, Tok t) {
    for (int i = 0; i < n; i++) advance();
    return t;
  };
  switch (c) {
    case '+':
      return c1 == '+'   ? take(2, Tok::Inc)
             : c1 == '=' ? take(2, Tok::AddAssign)
                         : take(1, Tok::Add);
    case '-':
      return c1 == '-'   ? take(2, Tok::Dec)
             : c1 == '=' ? take(2, Tok::SubAssign)
                         : take(1, Tok::Sub);
    case '*':
      return c1 == '=' ? take(2, Tok::MulAssign) : take(1, Tok::Mul);
    case '/':
      return c1 == '=' ? take(2, Tok::QuoAssign) : take(1, Tok::Quo);
    case '%':
      return c1 == '=' ? take(2, Tok::RemAssign) : take(1, Tok::Rem);
    case '&':
      if (c1 == '^') return c2 == '=' ? take(3, Tok::AndNotAssign) : take(2, Tok::AndNot);
      return c1 == '&'   ? take(2, Tok::LAnd)
             : c1 == '=' ? take(2, Tok::AndAssign)
                         : take(1, Tok::And);
    case '|':
      return c1 == '|' ? take(2, Tok::LOr) : c1 == '=' ? take(2, Tok::OrAssign) : take(1, Tok::Or);
    case '^':
      return c1 == '=' ? take(2, Tok::XorAssign) : take(1, Tok::Xor);
    case '<':
      if (c1 == '<') return c2 == '=' ? take(3, Tok::ShlAssign) : take(2, Tok::Shl);
      return c1 == '-' ? take(2, Tok::Arrow) : c1 == '=' ? take(2, Tok::Leq) : take(1, Tok::Lss);
    case '>':
      if (c1 == '>') return c2 == '=' ? take(3, Tok::ShrAssign) : take(2, Tok::Shr);
      return c1 == '=' ? take(2, Tok::Geq) : take(1, Tok::Gtr);
    case '=':
      return c1 == '=' ? take(2, Tok::Eql) : take(1, Tok::Assign);
    case '!':
      return c1 == '=' ? take(2, Tok::Neq) : take(1, Tok::Not);
    case '~':
      return take(1, Tok::Tilde);
    case ':':
      return c1 == '=' ? take(2, Tok::Define) : take(1, Tok::Colon);
    case '.':
      return c1 == '.' && c2 == '.' ? take(3, Tok::Ellipsis) : take(1, Tok::Period);
    case '(':
      return take(1, Tok::LParen);
    case ')':
      return take(1, Tok::RParen);
    case '[':
      return take(1, Tok::LBrack);
    case ']':
      return take(1, Tok::RBrack);
    case '{':
      return take(1, Tok::LBrace);
    case '}':
      return take(1, Tok::RBrace);
    case ',':
      return take(1, Tok::Comma);
    case ';':
      return take(1, Tok::Semicolon);
    default:
      advance();
      return Tok::Illegal;
  }
}

}  // namespace gort::golang
