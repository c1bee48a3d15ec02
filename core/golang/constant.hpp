// Compile-time constant values (go/constant), for the spec's untyped
// constants: integers exact to 127 bits, floats as exact fractions while
// numerator and denominator fit 127 bits (so 0.1 + 0.2 == 0.3, as in Go) and
// as doubles beyond, booleans and strings.
//
// An operation that leaves these ranges yields a value with `overflow` set;
// the checker reports it ("constant overflow").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "token.hpp"

namespace gort::golang {

using i128 = __int128;

struct Const {
  enum class Kind : std::uint8_t { Unknown, Bool, Int, Float, String };
  Kind kind = Kind::Unknown;
  bool overflow = false;
  bool b = false;
  i128 i = 0;         // Int; Float: numerator when exact
  i128 den = 1;       // Float: denominator when exact (> 0)
  bool exact = true;  // Float: num/den is the value; otherwise f is
  double f = 0;
  std::string s;

  bool known() const { return kind != Kind::Unknown; }
  static Const of_bool(bool v);
  static Const of_int(i128 v);
  static Const of_float(double v);
  static Const of_rat(i128 num, i128 den);
  static Const of_string(std::string v);

  // From a literal's source text (Tok::Int, Float, Char, String); Unknown
  // when malformed (the scanner has reported it).
  static Const from_literal(Tok t, std::string_view text);

  // Kind conversions: Int <-> Float (to_int only when integral).
  Const to_float() const;
  Const to_int() const;  // Unknown when not integral
  double as_double() const;
  bool is_integral() const;
  int sign() const;

  // Whether it fits in a signed/unsigned integer of `bits` bits.
  bool fits_int(int bits, bool is_unsigned) const;
  std::int64_t int64() const { return static_cast<std::int64_t>(i); }
  std::uint64_t uint64() const { return static_cast<std::uint64_t>(i); }

  // As go/types prints constants in messages: 300, 1.5, 1e+100, "hi", true.
  std::string text() const;
};

// op is a binary operator token (+ - * / % & | ^ &^ && ||), both operands of
// the same kind (Int, Float, String or Bool; the checker converts first).
// Division by zero is the caller's check. `int_div`: / truncates (integer
// constants).
Const const_binary(Tok op, const Const& x, const Const& y, bool int_div);
// Shifts of an Int: x << s, x >> s.
Const const_shift(Tok op, const Const& x, std::uint64_t s);
// == != < <= > >= on two constants of one kind.
bool const_compare(Tok op, const Const& x, const Const& y);
// Unary + - ^ !; ^x on an unsigned type of `bits` bits is the caller's
// (mask) concern.
Const const_unary(Tok op, const Const& x);

}  // namespace gort::golang
