// The Go scanner (core/golang/scanner.cpp): tokens, every literal form,
// automatic semicolons, and errors in the syntax package's words.
#include "scanner.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gort::golang;

namespace {

struct Scanned {
  std::vector<Tok> toks;
  std::vector<std::string> texts;
  std::vector<std::string> errors;
};

Scanned scan(std::string_view src) {
  Scanned r;
  Scanner s(src, [&r](Pos p, std::string m) {
    r.errors.push_back(std::to_string(p.line) + ":" + std::to_string(p.col) + ": " + m);
  });
  for (;;) {
    Token t = s.next();
    if (t.tok == Tok::Eof) break;
    r.toks.push_back(t.tok);
    r.texts.emplace_back(t.text);
  }
  return r;
}

}  // namespace

TEST_CASE("golang scanner: every number literal form is one token") {
  for (const char* lit : {"42", "1_000_000", "0x_Ff", "0o17", "017", "0b1010", "3.25", ".5", "1e10",
                          "6.02e+23", "0x1p-2", "1_0.2_5"}) {
    CAPTURE(lit);
    Scanned s = scan(lit);
    REQUIRE(s.errors.empty());
    REQUIRE(s.toks.size() == 2);  // the literal and the semicolon at EOF
    CHECK(s.texts[0] == lit);
  }
  CHECK(scan("3.25").toks[0] == Tok::Float);
  CHECK(scan("0x1p-2").toks[0] == Tok::Float);
  CHECK(scan("017").toks[0] == Tok::Int);
}

TEST_CASE("golang scanner: malformed literals are reported in Go's words") {
  CHECK(scan("0b102").errors ==
        std::vector<std::string>{"1:5: invalid digit '2' in binary literal"});
  CHECK(scan("1__0").errors ==
        std::vector<std::string>{"1:1: '_' must separate successive digits"});
  CHECK(scan("0x").errors == std::vector<std::string>{"1:1: hexadecimal literal has no digits"});
  CHECK(scan("1e").errors == std::vector<std::string>{"1:1: exponent has no digits"});
  CHECK(scan("\"abc").errors == std::vector<std::string>{"1:1: string literal not terminated"});
  CHECK(scan("'ab'").errors ==
        std::vector<std::string>{"1:1: more than one character in rune literal"});
  CHECK(scan("x @ y").errors == std::vector<std::string>{"1:3: invalid character U+0040 '@'"});
}

TEST_CASE("golang scanner: a newline ends a statement after names, literals, closers and return") {
  Scanned s = scan("x++\nreturn\nf(a)\n[]int{}\nx +\ny");
  std::vector<Tok> want = {Tok::Ident,     Tok::Inc,       Tok::Semicolon, Tok::Return,
                           Tok::Semicolon, Tok::Ident,     Tok::LParen,    Tok::Ident,
                           Tok::RParen,    Tok::Semicolon, Tok::LBrack,    Tok::RBrack,
                           Tok::Ident,     Tok::LBrace,    Tok::RBrace,    Tok::Semicolon,
                           Tok::Ident,     Tok::Add,       Tok::Ident,     Tok::Semicolon};
  CHECK(s.toks == want);
}

TEST_CASE("golang scanner: operators take the longest match and comments vanish") {
  Scanned s = scan("a &^= b <<= c <- d /* x */ ... // rest\n");
  std::vector<Tok> want = {Tok::Ident, Tok::AndNotAssign, Tok::Ident, Tok::ShlAssign,
                           Tok::Ident, Tok::Arrow,        Tok::Ident, Tok::Ellipsis};
  CHECK(s.toks == want);
  // A block comment that spans lines ends the statement like a newline.
  CHECK(scan("x /*\n*/ y").toks ==
        std::vector<Tok>{Tok::Ident, Tok::Semicolon, Tok::Ident, Tok::Semicolon});
}

TEST_CASE("golang scanner: keywords and their spellings round-trip") {
  for (int t = static_cast<int>(Tok::Break); t <= static_cast<int>(Tok::Var); t++) {
    auto tok = static_cast<Tok>(t);
    CHECK(keyword(tok_string(tok)) == tok);
  }
  CHECK(keyword("forx") == Tok::Ident);
}
