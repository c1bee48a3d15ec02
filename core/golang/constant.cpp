// Constant arithmetic for the type checker (see constant.hpp).
#include "constant.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "utf8.hpp"

namespace gort::golang {

namespace {

i128 gcd(i128 a, i128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b) {
    i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one character or escape of a quoted literal at s[i]; returns the
// code point, or -1 for a byte escape (\x, octal) whose byte is in *byte.
// A malformed literal (the scanner reports it) may end inside an escape:
// past the end an escape reads NULs, never the bytes after the view.
long decode_one(std::string_view s, std::size_t& i, int* byte) {
  auto at = [s](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c != '\\') {
    if (c < 0x80) {
      i++;
      return c;
    }
    // UTF-8 sequence.
    int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    long r = n == 4 ? c & 0x07 : n == 3 ? c & 0x0F : n == 2 ? c & 0x1F : c;
    for (int k = 1; k < n && i + k < s.size(); k++) r = (r << 6) | (s[i + k] & 0x3F);
    i += static_cast<std::size_t>(n);
    return n == 1 ? 0xFFFD : r;
  }
  char e = at(i + 1);
  i += 2;
  switch (e) {
    case 'a':
      return 7;
    case 'b':
      return 8;
    case 'f':
      return 12;
    case 'n':
      return 10;
    case 'r':
      return 13;
    case 't':
      return 9;
    case 'v':
      return 11;
    case '\\':
      return '\\';
    case '\'':
      return '\'';
    case '"':
      return '"';
    case 'x': {
      int v = hexval(at(i)) * 16 + hexval(at(i + 1));
      i += 2;
      *byte = v;
      return -1;
    }
    case 'u':
    case 'U': {
      int n = e == 'u' ? 4 : 8;
      long v = 0;
      for (int k = 0; k < n; k++) v = v * 16 + hexval(at(i + static_cast<std::size_t>(k)));
      i += static_cast<std::size_t>(n);
      return v;
    }
    default: {  // octal \ooo
      int v = (e - '0') * 64 + (at(i) - '0') * 8 + (at(i + 1) - '0');
      i += 2;
      *byte = v & 0xFF;
      return -1;
    }
  }
}

bool mul_ok(i128 a, i128 b, i128& out) {
  return !__builtin_mul_overflow(a, b, &out);
}
bool add_ok(i128 a, i128 b, i128& out) {
  return !__builtin_add_overflow(a, b, &out);
}

}  // namespace

Const Const::of_bool(bool v) {
  Const c;
  c.kind = Kind::Bool;
  c.b = v;
  return c;
}
Const Const::of_int(i128 v) {
  Const c;
  c.kind = Kind::Int;
  c.i = v;
  return c;
}
Const Const::of_float(double v) {
  Const c;
  c.kind = Kind::Float;
  c.exact = false;
  c.f = v;
  if (std::isinf(v) || std::isnan(v)) c.overflow = true;
  return c;
}
Const Const::of_rat(i128 num, i128 den) {
  Const c;
  c.kind = Kind::Float;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  i128 g = gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  c.i = num;
  c.den = den;
  c.exact = true;
  return c;
}
Const Const::of_string(std::string v) {
  Const c;
  c.kind = Kind::String;
  c.s = std::move(v);
  return c;
}

Const Const::from_literal(Tok t, std::string_view text) {
  std::string clean;
  for (char ch : text) {
    if (ch != '_') clean += ch;
  }
  switch (t) {
    case Tok::Int: {
      int base = 10;
      std::size_t k = 0;
      if (clean.size() > 1 && clean[0] == '0') {
        char x = static_cast<char>(clean[1] | 0x20);
        if (x == 'x')
          base = 16, k = 2;
        else if (x == 'b')
          base = 2, k = 2;
        else if (x == 'o')
          base = 8, k = 2;
        else
          base = 8, k = 1;
      }
      i128 v = 0;
      bool over = false;
      for (; k < clean.size(); k++) {
        int d = hexval(clean[k]);
        if (d < 0 || d >= base) return {};
        if (!mul_ok(v, base, v) || !add_ok(v, d, v)) over = true;
      }
      Const c = of_int(v);
      c.overflow = over;
      return c;
    }
    case Tok::Float: {
      if (clean.size() > 1 && (clean[1] | 0x20) == 'x')
        return of_float(std::strtod(clean.c_str(), nullptr));
      // Decimal: mantissa digits and exponent, exact when they fit.
      i128 m = 0;
      int exp = 0;
      bool exact = true, dot = false;
      std::size_t k = 0;
      for (; k < clean.size(); k++) {
        char ch = clean[k];
        if (ch == '.') {
          dot = true;
          continue;
        }
        if (ch == 'e' || ch == 'E') break;
        if (!mul_ok(m, 10, m) || !add_ok(m, ch - '0', m)) exact = false;
        if (dot) exp--;
      }
      if (k < clean.size()) exp += std::atoi(clean.c_str() + k + 1);
      if (exact && exp >= -36 && exp <= 36) {
        i128 p = 1;
        for (int e = 0; e < (exp < 0 ? -exp : exp); e++) p *= 10;
        i128 v;
        if (exp < 0) return of_rat(m, p);
        if (mul_ok(m, p, v)) return of_rat(v, 1);
      }
      return of_float(std::strtod(clean.c_str(), nullptr));
    }
    case Tok::Char: {
      std::string_view body = text.substr(1, text.size() - 2);
      if (body.empty()) return {};
      std::size_t i = 0;
      int byte = 0;
      long r = decode_one(body, i, &byte);
      return of_int(r < 0 ? byte : r);
    }
    case Tok::String: {
      if (text[0] == '`') {
        std::string out;
        for (char ch : text.substr(1, text.size() - 2)) {
          if (ch != '\r') out += ch;  // the spec drops carriage returns from raw strings
        }
        return of_string(std::move(out));
      }
      std::string_view body = text.substr(1, text.size() - 2);
      std::string out;
      for (std::size_t i = 0; i < body.size();) {
        int byte = 0;
        bool escape = body[i] == '\\';
        std::size_t before = i;
        long r = decode_one(body, i, &byte);
        if (r < 0) {
          out += static_cast<char>(byte);
        } else if (!escape) {
          out.append(body.substr(before, i - before));  // the bytes as written
        } else {
          utf8_append(out, static_cast<std::uint32_t>(r));
        }
      }
      return of_string(std::move(out));
    }
    default:
      return {};
  }
}

Const Const::to_float() const {
  if (kind == Kind::Float) return *this;
  if (kind != Kind::Int) return {};
  Const c = of_rat(i, 1);
  c.overflow = overflow;
  return c;
}

double Const::as_double() const {
  if (kind == Kind::Int) return static_cast<double>(i);
  if (kind == Kind::Float) {
    if (!exact) return f;
    // Exact division of the two 127-bit values, correctly rounded enough for
    // the values literals produce: long double where it is wider.
    return static_cast<double>(static_cast<long double>(i) / static_cast<long double>(den));
  }
  return 0;
}

bool Const::is_integral() const {
  if (kind == Kind::Int) return true;
  if (kind != Kind::Float) return false;
  if (exact) return den == 1;
  return std::isfinite(f) && std::trunc(f) == f;
}

Const Const::to_int() const {
  if (kind == Kind::Int) return *this;
  if (kind != Kind::Float || !is_integral()) return {};
  if (exact) return of_int(i);
  if (std::fabs(f) >= 1.7e38) {
    Const c = of_int(0);
    c.overflow = true;
    return c;
  }
  return of_int(static_cast<i128>(f));
}

int Const::sign() const {
  if (kind == Kind::Int || (kind == Kind::Float && exact)) return i > 0 ? 1 : i < 0 ? -1 : 0;
  if (kind == Kind::Float) return f > 0 ? 1 : f < 0 ? -1 : 0;
  return 0;
}

bool Const::fits_int(int bits, bool is_unsigned) const {
  if (kind != Kind::Int || overflow) return false;
  if (is_unsigned) {
    if (i < 0) return false;
    return bits >= 127 || i <= (static_cast<i128>(1) << bits) - 1;
  }
  i128 lim = static_cast<i128>(1) << (bits - 1);
  return i >= -lim && i <= lim - 1;
}

std::string Const::text() const {
  switch (kind) {
    case Kind::Bool:
      return b ? "true" : "false";
    case Kind::String: {
      std::string q = "\"";
      for (char ch : s) {
        if (ch == '"' || ch == '\\') {
          q += '\\';
          q += ch;
        } else if (ch == '\n') {
          q += "\\n";
        } else if (ch == '\t') {
          q += "\\t";
        } else {
          q += ch;
        }
      }
      return q + "\"";
    }
    case Kind::Int: {
      if (i == 0) return "0";
      i128 v = i < 0 ? -i : i;
      std::string d;
      while (v) {
        d.insert(d.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
      }
      return (i < 0 ? "-" : "") + d;
    }
    case Kind::Float: {
      if (is_integral() && std::fabs(as_double()) < 1e21) {
        Const n = to_int();
        if (n.known()) return n.text();
      }
      char buf[40];
      std::snprintf(buf, sizeof buf, "%g", as_double());
      std::string r = buf;
      // Go writes exponents as e+100, C's %g likewise; %g may give "1e+21".
      return r;
    }
    case Kind::Unknown:
      break;
  }
  return "?";
}

Const const_binary(Tok op, const Const& x, const Const& y, bool int_div) {
  using K = Const::Kind;
  if (x.kind == K::Bool) {
    return Const::of_bool(op == Tok::LAnd ? (x.b && y.b) : (x.b || y.b));
  }
  if (x.kind == K::String) return Const::of_string(x.s + y.s);
  if (x.kind == K::Int && y.kind == K::Int) {
    i128 r = 0;
    bool ok = true;
    switch (op) {
      case Tok::Add:
        ok = add_ok(x.i, y.i, r);
        break;
      case Tok::Sub:
        ok = !__builtin_sub_overflow(x.i, y.i, &r);
        break;
      case Tok::Mul:
        ok = mul_ok(x.i, y.i, r);
        break;
      case Tok::Quo:
        if (!int_div) return const_binary(op, x.to_float(), y.to_float(), false);
        r = x.i / y.i;
        break;
      case Tok::Rem:
        r = x.i % y.i;
        break;
      case Tok::And:
        r = x.i & y.i;
        break;
      case Tok::Or:
        r = x.i | y.i;
        break;
      case Tok::Xor:
        r = x.i ^ y.i;
        break;
      case Tok::AndNot:
        r = x.i & ~y.i;
        break;
      default:
        return {};
    }
    Const c = Const::of_int(r);
    c.overflow = !ok || x.overflow || y.overflow;
    return c;
  }
  // Floats.
  Const a = x.to_float(), b = y.to_float();
  if (a.exact && b.exact) {
    i128 n1, n2, n, d;
    bool ok = true;
    switch (op) {
      case Tok::Add:
      case Tok::Sub:
        ok = mul_ok(a.i, b.den, n1) && mul_ok(b.i, a.den, n2) && mul_ok(a.den, b.den, d) &&
             (op == Tok::Add ? add_ok(n1, n2, n) : !__builtin_sub_overflow(n1, n2, &n));
        break;
      case Tok::Mul:
        ok = mul_ok(a.i, b.i, n) && mul_ok(a.den, b.den, d);
        break;
      case Tok::Quo:
        ok = mul_ok(a.i, b.den, n) && mul_ok(a.den, b.i, d);
        break;
      default:
        return {};
    }
    if (ok) return Const::of_rat(n, d);
  }
  double u = a.as_double(), v = b.as_double();
  switch (op) {
    case Tok::Add:
      return Const::of_float(u + v);
    case Tok::Sub:
      return Const::of_float(u - v);
    case Tok::Mul:
      return Const::of_float(u * v);
    case Tok::Quo:
      return Const::of_float(u / v);
    default:
      return {};
  }
}

Const const_shift(Tok op, const Const& x, std::uint64_t s) {
  if (op == Tok::Shr) {
    if (s >= 127) return Const::of_int(x.i < 0 ? -1 : 0);
    return Const::of_int(x.i >> s);
  }
  if (x.i == 0) return x;
  Const c = Const::of_int(0);
  if (s >= 126) {
    c.overflow = true;
    return c;
  }
  i128 r = x.i << s;
  c.i = r;
  c.overflow = (r >> s) != x.i || x.overflow;
  return c;
}

bool const_compare(Tok op, const Const& x, const Const& y) {
  using K = Const::Kind;
  int cmp = 0;
  if (x.kind == K::String) {
    cmp = x.s < y.s ? -1 : x.s > y.s ? 1 : 0;
  } else if (x.kind == K::Bool) {
    cmp = x.b == y.b ? 0 : 1;
  } else if (x.kind == K::Int && y.kind == K::Int) {
    cmp = x.i < y.i ? -1 : x.i > y.i ? 1 : 0;
  } else {
    Const d = const_binary(Tok::Sub, x.to_float(), y.to_float(), false);
    cmp = d.sign();
  }
  switch (op) {
    case Tok::Eql:
      return cmp == 0;
    case Tok::Neq:
      return cmp != 0;
    case Tok::Lss:
      return cmp < 0;
    case Tok::Leq:
      return cmp <= 0;
    case Tok::Gtr:
      return cmp > 0;
    case Tok::Geq:
      return cmp >= 0;
    default:
      return false;
  }
}

Const const_unary(Tok op, const Const& x) {
  using K = Const::Kind;
  switch (op) {
    case Tok::Add:
      return x;
    case Tok::Sub:
      if (x.kind == K::Int) return Const::of_int(-x.i);
      if (x.exact) return Const::of_rat(-x.i, x.den);
      return Const::of_float(-x.f);
    case Tok::Xor:
      return Const::of_int(~x.i);
    case Tok::Not:
      return Const::of_bool(!x.b);
    default:
      return {};
  }
}

}  // namespace gort::golang
