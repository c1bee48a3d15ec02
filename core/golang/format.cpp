// Go's fmt (see format.hpp), ported from Go's fmt/print.go and format.go:
// the same flags, the same order of decisions, the same error forms (Go's
// fmt: Copyright The Go Authors, BSD-style license, https://go.dev/LICENSE).
#include "format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "libc_stack.hpp"
#include "utf8.hpp"
#include "vm_ops.hpp"

namespace gort::golang {

namespace {

constexpr const char* kLdigits = "0123456789abcdefx";
constexpr const char* kUdigits = "0123456789ABCDEFX";

// ---------------------------------------------------------------- floats

// The decimal digits of |v| (no leading zeros) and the position of the
// decimal point: v = 0.d1d2... * 10^dp.
struct Digits {
  std::string d;
  int dp = 0;
};

Digits digits_of(const char* e_form) {
  // e_form: [-]d[.ddd]e[+-]xx as printf %e writes it.
  Digits r;
  const char* p = e_form;
  if (*p == '-') p++;
  for (; *p && *p != 'e'; p++) {
    if (*p != '.') r.d += *p;
  }
  int exp = std::atoi(p + 1);
  r.dp = exp + 1;
  while (r.d.size() > 1 && r.d.back() == '0') r.d.pop_back();
  if (r.d == "0") {
    r.d.clear();
    r.dp = 0;
  }
  return r;
}

Digits shortest(double v, int size) {
  char buf[64];
  for (int prec = 0; prec <= 17; prec++) {
    std::snprintf(buf, sizeof buf, "%.*e", prec, v);
    bool same = on_libc_stack([&] {
      return size == 32 ? std::strtof(buf, nullptr) == static_cast<float>(v)
                        : std::strtod(buf, nullptr) == v;
    });
    if (same) break;
  }
  return digits_of(buf);
}

Digits rounded(double v, int ndigits) {
  char buf[400];
  if (ndigits < 1) ndigits = 1;
  std::snprintf(buf, sizeof buf, "%.*e", ndigits - 1, v);
  return digits_of(buf);
}

void fmt_e(std::string& out, bool neg, const Digits& d, int prec, char fmt) {
  if (neg) out += '-';
  out += d.d.empty() ? '0' : d.d[0];
  if (prec > 0) {
    out += '.';
    for (int i = 1; i <= prec; i++) {
      out += static_cast<std::size_t>(i) < d.d.size() ? d.d[static_cast<std::size_t>(i)] : '0';
    }
  }
  out += fmt;
  int exp = d.d.empty() ? 0 : d.dp - 1;
  out += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", exp);
  out += buf;
}

void fmt_f(std::string& out, bool neg, const Digits& d, int prec) {
  if (neg) out += '-';
  if (d.dp > 0) {
    for (int i = 0; i < d.dp; i++) {
      out += static_cast<std::size_t>(i) < d.d.size() ? d.d[static_cast<std::size_t>(i)] : '0';
    }
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (int i = 0; i < prec; i++) {
      int j = d.dp + i;
      out += j >= 0 && static_cast<std::size_t>(j) < d.d.size() ? d.d[static_cast<std::size_t>(j)]
                                                                : '0';
    }
  }
}

}  // namespace

std::string format_float(double v, char verb, int prec, int size) {
  std::string out;
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  bool neg = std::signbit(v);
  double a = std::fabs(v);
  bool shortest_mode = prec < 0;
  char fmt = verb;
  if (fmt == 'F') fmt = 'f';
  Digits d;
  if (shortest_mode) {
    d = a == 0 ? Digits{} : shortest(a, size);
    int nd = static_cast<int>(d.d.size());
    switch (fmt) {
      case 'e':
      case 'E':
        prec = nd > 0 ? nd - 1 : 0;
        break;
      case 'f':
        prec = std::max(nd - d.dp, 0);
        break;
      default:
        prec = nd;
    }
  } else if (fmt == 'f') {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.*f", prec > 300 ? 300 : prec, a);
    return (neg ? "-" : "") + std::string(buf);
  } else if (fmt == 'e' || fmt == 'E') {
    d = a == 0 ? Digits{} : rounded(a, prec + 1);
  } else {
    if (prec == 0) prec = 1;
    d = a == 0 ? Digits{} : rounded(a, prec);
  }
  int nd = static_cast<int>(d.d.size());
  if (d.d.empty()) d.dp = 0;
  switch (fmt) {
    case 'e':
    case 'E':
      fmt_e(out, neg, d, prec, fmt);
      return out;
    case 'f':
      fmt_f(out, neg, d, prec);
      return out;
    case 'g':
    case 'G': {
      int eprec = prec;
      if (eprec > nd && nd >= d.dp) eprec = nd;
      if (shortest_mode) eprec = 6;
      int exp = d.dp - 1;
      if (nd == 0) exp = 0;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        fmt_e(out, neg, d, prec - 1 < 0 ? 0 : prec - 1, fmt == 'g' ? 'e' : 'E');
        return out;
      }
      if (prec > d.dp) prec = nd;
      fmt_f(out, neg, d, std::max(prec - d.dp, 0));
      return out;
    }
    default:
      return "%" + std::string(1, verb);
  }
}

// ---------------------------------------------------------------- quoting

bool is_print(std::uint32_t r) {
  if (r < 0x20 || r == 0x7F) return false;
  if (r >= 0x80 && r < 0xA0) return false;
  if (r == 0xAD) return false;
  if (r >= 0xD800 && r <= 0xDFFF) return false;
  if (r > 0x10FFFF) return false;
  if ((r & 0xFFFE) == 0xFFFE) return false;
  if (r >= 0xE000 && r <= 0xF8FF) return false;  // private use
  return true;
}

namespace {

void append_escaped(std::string& out, std::uint32_t r, std::size_t width, char quote, bool ascii) {
  if (r == static_cast<std::uint32_t>(quote) || r == '\\') {
    out += '\\';
    out += static_cast<char>(r);
    return;
  }
  if (ascii ? (r < 0x80 && is_print(r)) : is_print(r)) {
    utf8_append(out, r);
    return;
  }
  char buf[16];
  switch (r) {
    case '\a':
      out += "\\a";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\v':
      out += "\\v";
      return;
    default:
      break;
  }
  if (r < ' ' || r == 0x7F || (width == 1 && r == 0xFFFD)) {
    std::snprintf(buf, sizeof buf, "\\x%02x", r & 0xFF);
  } else if (r < 0x10000) {
    std::snprintf(buf, sizeof buf, "\\u%04x", r);
  } else {
    std::snprintf(buf, sizeof buf, "\\U%08x", r);
  }
  out += buf;
}

}  // namespace

std::string quote(std::string_view s, bool ascii) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t r;
    std::size_t w = utf8_decode(s.data() + i, s.size() - i, &r);
    if (w == 1 && r == 0xFFFD) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(s[i]));
      out += buf;
    } else {
      append_escaped(out, r, w, '"', ascii);
    }
    i += w;
  }
  return out + "\"";
}

std::string quote_rune(std::uint32_t r, bool ascii) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  std::string out = "'";
  append_escaped(out, r, 0, '\'', ascii);
  return out + "'";
}

bool can_backquote(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t r;
    std::size_t w = utf8_decode(s.data() + i, s.size() - i, &r);
    i += w;
    if (w > 1) {
      if (r == 0xFEFF) return false;
      continue;
    }
    if (r == 0xFFFD) return false;
    if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
  }
  return true;
}

// ---------------------------------------------------------------- the printer

namespace {

// A value as fmt's reflection sees it: its bits, its static type (nullptr:
// an invalid value, i.e. a nil interface), and whether its methods may be
// called (not for values read through unexported fields).
struct Val {
  Value v;
  const Type* t;
  bool can_interface;
};

struct PP {
  Thread* th;
  std::string* buf;
  // fmt flags (format.go)
  bool wid_present = false, prec_present = false, minus = false, plus = false, sharp = false,
       space = false, zero = false, plus_v = false, sharp_v = false;
  int wid = 0, prec = 0;
  // pp state (print.go)
  Value arg;  // the argument being printed, when printed as an interface
  const Type* arg_t = nullptr;
  bool have_arg = false;
  Val value{};  // the reflected value, when printing by kind
  bool erroring = false;
  bool wrap_errs = false;
  Value* wrapped = nullptr;
  bool failed = false;     // a method panicked, and fmt goes on panicking
  bool panicking = false;  // printing a method's panic value (print.go)
  bool reordered = false, good_arg_num = true;

  void clearflags() {
    wid_present = prec_present = minus = plus = sharp = space = zero = plus_v = sharp_v = false;
    wid = prec = 0;
  }
  void write(std::string_view s) { buf->append(s); }
  void write(char c) { buf->push_back(c); }

  // ---- format.go
  void write_padding(int n) {
    if (n <= 0) return;
    buf->append(static_cast<std::size_t>(n), zero && !minus ? '0' : ' ');
  }
  static int rune_count(std::string_view s) {
    int n = 0;
    for (std::size_t i = 0; i < s.size();) {
      std::uint32_t r;
      i += utf8_decode(s.data() + i, s.size() - i, &r);
      n++;
    }
    return n;
  }
  void pad(std::string_view s) {
    if (!wid_present || wid == 0) {
      write(s);
      return;
    }
    int width = wid - rune_count(s);
    if (!minus) {
      write_padding(width);
      write(s);
    } else {
      write(s);
      write_padding(width);
    }
  }
  void fmt_boolean(bool v) { pad(v ? "true" : "false"); }
  void fmt_unicode(std::uint64_t u) {
    char tmp[80];
    int i = sizeof tmp;
    int p = 4;
    if (prec_present && prec > 4) p = prec;
    if (p > 60) p = 60;
    std::string ch;
    if (sharp && u <= 0x10FFFF && is_print(static_cast<std::uint32_t>(u))) {
      ch = " '";
      utf8_append(ch, static_cast<std::uint32_t>(u));
      ch += "'";
    }
    while (u >= 16) {
      tmp[--i] = kUdigits[u & 0xF];
      p--;
      u >>= 4;
    }
    tmp[--i] = kUdigits[u];
    p--;
    while (p > 0) {
      tmp[--i] = '0';
      p--;
    }
    tmp[--i] = '+';
    tmp[--i] = 'U';
    std::string s(tmp + i, sizeof tmp - static_cast<std::size_t>(i));
    s += ch;
    bool old = zero;
    zero = false;
    pad(s);
    zero = old;
  }
  void fmt_integer(std::uint64_t u, int base, bool is_signed, char verb, const char* digits) {
    bool negative = is_signed && static_cast<std::int64_t>(u) < 0;
    if (negative) u = 0 - u;
    std::vector<char> bufv(
        static_cast<std::size_t>(68 + (wid_present ? wid : 0) + (prec_present ? prec : 0)));
    char* b = bufv.data();
    int i = static_cast<int>(bufv.size());
    int p = 0;
    if (prec_present) {
      p = prec;
      if (p == 0 && u == 0) {
        bool old = zero;
        zero = false;
        write_padding(wid);
        zero = old;
        return;
      }
    } else if (zero && wid_present) {
      p = wid;
      if (negative || plus || space) p--;
    }
    switch (base) {
      case 10:
        while (u >= 10) {
          b[--i] = static_cast<char>('0' + u % 10);
          u /= 10;
        }
        break;
      case 16:
        while (u >= 16) {
          b[--i] = digits[u & 0xF];
          u >>= 4;
        }
        break;
      case 8:
        while (u >= 8) {
          b[--i] = static_cast<char>('0' + (u & 7));
          u >>= 3;
        }
        break;
      default:
        while (u >= 2) {
          b[--i] = static_cast<char>('0' + (u & 1));
          u >>= 1;
        }
    }
    b[--i] = digits[u];
    int n = static_cast<int>(bufv.size());
    while (i > 0 && p > n - i) b[--i] = '0';
    if (sharp) {
      if (base == 2) {
        b[--i] = 'b';
        b[--i] = '0';
      } else if (base == 8) {
        if (b[i] != '0') b[--i] = '0';
      } else if (base == 16) {
        b[--i] = digits[16];
        b[--i] = '0';
      }
    }
    if (verb == 'O') {
      b[--i] = 'o';
      b[--i] = '0';
    }
    if (negative) {
      b[--i] = '-';
    } else if (plus) {
      b[--i] = '+';
    } else if (space) {
      b[--i] = ' ';
    }
    bool old = zero;
    zero = false;
    pad(std::string_view(b + i, static_cast<std::size_t>(n - i)));
    zero = old;
  }
  std::string_view truncate(std::string_view s) {
    if (prec_present) {
      int n = prec;
      for (std::size_t i = 0; i < s.size();) {
        if (--n < 0) return s.substr(0, i);
        std::uint32_t r;
        i += utf8_decode(s.data() + i, s.size() - i, &r);
      }
    }
    return s;
  }
  void fmt_s(std::string_view s) { pad(truncate(s)); }
  void fmt_sbx(std::string_view s, const char* digits) {
    int length = static_cast<int>(s.size());
    if (prec_present && prec < length) length = prec;
    int width = 2 * length;
    if (width > 0) {
      if (space) {
        if (sharp) width *= 2;
        width += length - 1;
      } else if (sharp) {
        width += 2;
      }
    } else {
      if (wid_present) write_padding(wid);
      return;
    }
    if (wid_present && wid > width && !minus) write_padding(wid - width);
    if (sharp) {
      write('0');
      write(digits[16]);
    }
    for (int i = 0; i < length; i++) {
      if (space && i > 0) {
        write(' ');
        if (sharp) {
          write('0');
          write(digits[16]);
        }
      }
      auto c = static_cast<unsigned char>(s[static_cast<std::size_t>(i)]);
      write(digits[c >> 4]);
      write(digits[c & 0xF]);
    }
    if (wid_present && wid > width && minus) write_padding(wid - width);
  }
  void fmt_q(std::string_view s) {
    s = truncate(s);
    if (sharp && can_backquote(s)) {
      std::string q(1, '`');
      q += s;
      q += '`';
      pad(q);
      return;
    }
    pad(quote(s, plus));
  }
  void fmt_c(std::uint64_t c) {
    std::uint32_t r = c > 0x10FFFF ? 0xFFFD : static_cast<std::uint32_t>(c);
    std::string s;
    utf8_append(s, r);
    pad(s);
  }
  void fmt_qc(std::uint64_t c) {
    std::uint32_t r = c > 0x10FFFF ? 0xFFFD : static_cast<std::uint32_t>(c);
    pad(quote_rune(r, plus));
  }
  void fmt_float(double v, int size, char verb, int p) {
    if (prec_present) p = prec;
    std::string num = format_float(v, verb, p, size);
    if (num[0] != '-' && num[0] != '+') num.insert(num.begin(), '+');
    if (space && num[0] == '+' && !plus) num[0] = ' ';
    if (num[1] == 'I' || num[1] == 'N') {
      bool old = zero;
      zero = false;
      if (num[1] == 'N' && !space && !plus) num.erase(0, 1);
      pad(num);
      zero = old;
      return;
    }
    if (sharp && verb != 'b') {
      int digits = 0;
      if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
        digits = p;
        if (digits == -1) digits = 6;
      }
      std::string tail;
      bool has_point = false, nonzero = false;
      for (std::size_t i = 1; i < num.size(); i++) {
        char c = num[i];
        if (c == '.') {
          has_point = true;
        } else if (c == 'e' || c == 'E' || c == 'p' || c == 'P') {
          tail = num.substr(i);
          num.resize(i);
          break;
        } else {
          if (c != '0') nonzero = true;
          if (nonzero) digits--;
        }
      }
      if (!has_point) {
        if (num.size() == 2 && num[1] == '0') digits--;
        num += '.';
      }
      while (digits-- > 0) num += '0';
      num += tail;
    }
    if (plus || num[0] != '+') {
      if (zero && wid_present && wid > static_cast<int>(num.size())) {
        write(num[0]);
        write_padding(wid - static_cast<int>(num.size()));
        write(std::string_view(num).substr(1));
        return;
      }
      pad(num);
      return;
    }
    pad(std::string_view(num).substr(1));
  }
  void fmt0x64(std::uint64_t v, bool leading) {
    bool s = sharp;
    sharp = leading;
    fmt_integer(v, 16, false, 'v', kLdigits);
    sharp = s;
  }

  // ---- print.go
  void bad_verb(char verb);
  void fmt_bool(bool v, char verb) {
    if (verb == 't' || verb == 'v') {
      fmt_boolean(v);
    } else {
      bad_verb(verb);
    }
  }
  void fmt_int(std::uint64_t v, bool is_signed, char verb) {
    switch (verb) {
      case 'v':
        if (sharp_v && !is_signed) {
          fmt0x64(v, true);
        } else {
          fmt_integer(v, 10, is_signed, verb, kLdigits);
        }
        return;
      case 'd':
        fmt_integer(v, 10, is_signed, verb, kLdigits);
        return;
      case 'b':
        fmt_integer(v, 2, is_signed, verb, kLdigits);
        return;
      case 'o':
      case 'O':
        fmt_integer(v, 8, is_signed, verb, kLdigits);
        return;
      case 'x':
        fmt_integer(v, 16, is_signed, verb, kLdigits);
        return;
      case 'X':
        fmt_integer(v, 16, is_signed, verb, kUdigits);
        return;
      case 'c':
        fmt_c(v);
        return;
      case 'q':
        fmt_qc(v);
        return;
      case 'U':
        fmt_unicode(v);
        return;
      default:
        bad_verb(verb);
    }
  }
  void fmt_flt(double v, int size, char verb) {
    switch (verb) {
      case 'v':
        fmt_float(v, size, 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        fmt_float(v, size, verb, -1);
        return;
      case 'f':
      case 'e':
      case 'E':
      case 'F':
        fmt_float(v, size, verb, 6);
        return;
      default:
        bad_verb(verb);
    }
  }
  void fmt_string(std::string_view v, char verb) {
    switch (verb) {
      case 'v':
        if (sharp_v) {
          fmt_q(v);
        } else {
          fmt_s(v);
        }
        return;
      case 's':
        fmt_s(v);
        return;
      case 'x':
        fmt_sbx(v, kLdigits);
        return;
      case 'X':
        fmt_sbx(v, kUdigits);
        return;
      case 'q':
        fmt_q(v);
        return;
      default:
        bad_verb(verb);
    }
  }
  void fmt_pointer(const Val& v, char verb);
  bool handle_methods(char verb);
  enum class Called { Done, None, Panicked };
  Called call_method(const char* name, char verb, Value* r);
  void print_arg(Value arg, char verb);
  void print_value(Val v, char verb, int depth);
  void fmt_bytes(const Val& v, char verb, std::string_view type_string);
};

// The value's fields and elements.
Val field(const Val& v, std::size_t i) {
  const Type* u = v.t->underlying();
  const StructField& f = u->fields[i];
  bool ci = v.can_interface && f.exported;
  if (u->fields.size() == 1) return {v.v, f.type, ci};
  return {static_cast<const Value*>(v.v.p)[i], f.type, ci};
}

std::int64_t length(const Val& v) {
  const Type* u = v.t->underlying();
  if (u->kind == TK::Array) return u->len;
  return ops::slice_len(v.v);
}

Val element(const Val& v, std::int64_t i) {
  const Type* u = v.t->underlying();
  if (u->kind == TK::Array) return {static_cast<const Value*>(v.v.p)[i], u->elem, v.can_interface};
  return {static_cast<SliceObj*>(v.v.p)->data[i], u->elem, v.can_interface};
}

// An interface's dynamic value, or an invalid Val for nil.
Val elem_of_iface(Value iface, bool ci) {
  const Type* t = ops::dyn_type(iface);
  if (!t) return {Value(), nullptr, ci};
  return {ops::unbox_raw(iface), t, ci};
}

// fmtsort's order of map keys.
int compare(const Val& a, const Val& b) {
  const Type* u = a.t->underlying();
  if (is_interface(u)) {
    Val x = elem_of_iface(a.v, true), y = elem_of_iface(b.v, true);
    if (!x.t || !y.t) return x.t ? 1 : y.t ? -1 : 0;
    if (x.t != y.t) return x.t->id < y.t->id ? -1 : 1;
    return compare(x, y);
  }
  if (is_string(u)) {
    int c = str_view(a.v).compare(str_view(b.v));
    return c < 0 ? -1 : c > 0;
  }
  if (is_float(u)) {
    double x = a.v.f, y = b.v.f;
    if (x < y) return -1;
    if (x > y) return 1;
    if (x != x) return y != y ? 0 : -1;
    if (y != y) return 1;
    return 0;
  }
  if (is_integer(u) && !is_unsigned(u)) return a.v.i < b.v.i ? -1 : a.v.i > b.v.i;
  if (u->kind == TK::Struct) {
    for (std::size_t i = 0; i < u->fields.size(); i++) {
      int c = compare(field(a, i), field(b, i));
      if (c) return c;
    }
    return 0;
  }
  if (u->kind == TK::Array) {
    for (std::int64_t i = 0; i < u->len; i++) {
      int c = compare(element(a, i), element(b, i));
      if (c) return c;
    }
    return 0;
  }
  return a.v.u < b.v.u ? -1 : a.v.u > b.v.u;
}

void PP::bad_verb(char verb) {
  erroring = true;
  write("%!");
  write(verb);
  write('(');
  if (have_arg) {
    write(type_string(arg_t, true));
    write('=');
    print_arg(arg, 'v');
  } else if (value.t) {
    write(type_string(value.t, true));
    write('=');
    print_value(value, 'v', 0);
  } else {
    write("<nil>");
  }
  write(')');
  erroring = false;
}

void PP::fmt_pointer(const Val& v, char verb) {
  const Type* u = v.t->underlying();
  std::uint64_t p;
  switch (u->kind) {
    case TK::Chan:
    case TK::Func:
    case TK::Map:
    case TK::Pointer:
      p = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(v.v.p));
      break;
    case TK::Slice:
      p = v.v.p ? static_cast<std::uint64_t>(
                      reinterpret_cast<std::uintptr_t>(static_cast<SliceObj*>(v.v.p)->data))
                : 0;
      break;
    default:
      bad_verb(verb);
      return;
  }
  switch (verb) {
    case 'v':
      if (sharp_v) {
        write('(');
        write(type_string(v.t, true));
        write(")(");
        if (p == 0) {
          write("nil");
        } else {
          fmt0x64(p, true);
        }
        write(')');
      } else if (p == 0) {
        pad("<nil>");
      } else {
        fmt0x64(p, !sharp);
      }
      return;
    case 'p':
      fmt0x64(p, !sharp);
      return;
    case 'b':
    case 'o':
    case 'd':
    case 'x':
    case 'X':
      fmt_int(p, false, verb);
      return;
    default:
      bad_verb(verb);
  }
}

// Calls arg's method `name` (String, Error, GoString) into *r. A panic in it
// is recovered and printed as Go's catchPanic prints it, unless the program
// is ending or it panicked while printing a panic (then failed).
PP::Called PP::call_method(const char* name, char verb, Value* r) {
  if (th->call_method0(arg, name, r)) return Called::Done;
  if (!th->raised) return Called::None;
  if (th->exiting || panicking) {
    failed = true;
    return Called::Panicked;
  }
  Value err = th->recover_callback();
  if (arg_t->underlying()->kind == TK::Pointer && !ops::unbox_raw(arg).p) {
    fmt_s("<nil>");
    return Called::Panicked;
  }
  PP saved = *this;
  clearflags();
  write("%!");
  write(verb);
  write("(PANIC=");
  write(name);
  write(" method: ");
  panicking = true;
  print_arg(err, 'v');
  panicking = false;
  write(')');
  wid_present = saved.wid_present;
  prec_present = saved.prec_present;
  minus = saved.minus;
  plus = saved.plus;
  sharp = saved.sharp;
  space = saved.space;
  zero = saved.zero;
  plus_v = saved.plus_v;
  sharp_v = saved.sharp_v;
  wid = saved.wid;
  prec = saved.prec;
  return Called::Panicked;
}

bool PP::handle_methods(char verb) {
  if (erroring || failed) return false;
  if (verb == 'w') {
    bool is_error =
        have_arg && th->prog->error_type && ops::implements(*th->prog, arg_t, th->prog->error_type);
    if (!is_error || !wrap_errs || !wrapped || wrapped->p) {
      if (wrapped) wrapped->p = nullptr;
      wrap_errs = false;
      bad_verb(verb);
      return true;
    }
    *wrapped = arg;
    verb = 'v';
  }
  if (!have_arg) return false;
  Value r;
  if (sharp_v) {
    Called c = call_method("GoString", verb, &r);
    if (c == Called::Done) fmt_s(str_view(r));
    return c != Called::None;
  }
  switch (verb) {
    case 'v':
    case 's':
    case 'x':
    case 'X':
    case 'q':
      if (th->prog->error_type && ops::implements(*th->prog, arg_t, th->prog->error_type)) {
        if (call_method("Error", verb, &r) == Called::Done) fmt_string(str_view(r), verb);
        return true;
      }
      {
        Called c = call_method("String", verb, &r);
        if (c == Called::Done) fmt_string(str_view(r), verb);
        return c != Called::None;
      }
    default:
      return false;
  }
}

void PP::fmt_bytes(const Val& v, char verb, std::string_view type_string) {
  std::int64_t n = length(v);
  std::string bytes;
  for (std::int64_t i = 0; i < n; i++) bytes += static_cast<char>(element(v, i).v.i);
  bool nil = v.t->underlying()->kind == TK::Slice && !v.v.p;
  switch (verb) {
    case 'v':
    case 'd':
      if (sharp_v) {
        write(type_string);
        if (nil) {
          write("(nil)");
          return;
        }
        write('{');
        for (std::size_t i = 0; i < bytes.size(); i++) {
          if (i) write(", ");
          fmt0x64(static_cast<unsigned char>(bytes[i]), true);
        }
        write('}');
      } else {
        write('[');
        for (std::size_t i = 0; i < bytes.size(); i++) {
          if (i) write(' ');
          fmt_integer(static_cast<unsigned char>(bytes[i]), 10, false, verb, kLdigits);
        }
        write(']');
      }
      return;
    case 's':
      fmt_s(bytes);
      return;
    case 'x':
      fmt_sbx(bytes, kLdigits);
      return;
    case 'X':
      fmt_sbx(bytes, kUdigits);
      return;
    case 'q':
      fmt_q(bytes);
      return;
    default:
      print_value(v, verb, 0);
  }
}

void PP::print_arg(Value a, char verb) {
  arg = a;
  arg_t = ops::dyn_type(a);
  have_arg = arg_t != nullptr;
  value = {};
  if (!arg_t) {
    if (verb == 'T' || verb == 'v') {
      pad("<nil>");
    } else {
      bad_verb(verb);
    }
    return;
  }
  if (verb == 'T') {
    fmt_s(type_string(arg_t, true));
    return;
  }
  Val v{ops::unbox_raw(a), arg_t, true};
  if (verb == 'p') {
    fmt_pointer(v, 'p');
    return;
  }
  // Unnamed types have no methods: their kind says how to print them
  // ([]byte as []byte, not []uint8, with %#v).
  if (arg_t->kind != TK::Named) {
    if (arg_t->kind == TK::Slice && arg_t->elem->kind == TK::Uint8) {
      fmt_bytes(v, verb, "[]byte");
      return;
    }
    if (arg_t->kind <= TK::String) {
      print_value(v, verb, 0);
      return;
    }
  }
  if (!handle_methods(verb)) print_value(v, verb, 0);
}

void PP::print_value(Val v, char verb, int depth) {
  if (failed) return;
  if (depth > 0 && v.t && v.can_interface && th) {
    const MethodTable* mt = th->prog->method_table(v.t);
    if (!mt || mt->methods.empty()) goto no_methods;
    arg = th->box(v.v, v.t);
    arg_t = v.t;
    have_arg = true;
    if (handle_methods(verb)) return;
  }
no_methods:
  have_arg = false;
  value = v;
  if (!v.t) {
    if (depth == 0) {
      write("<invalid reflect.Value>");
    } else if (verb == 'v') {
      write("<nil>");
    } else {
      bad_verb(verb);
    }
    return;
  }
  const Type* u = v.t->underlying();
  switch (u->kind) {
    case TK::Bool:
      fmt_bool(v.v.i != 0, verb);
      return;
    case TK::Float32:
      fmt_flt(v.v.f, 32, verb);
      return;
    case TK::Float64:
      fmt_flt(v.v.f, 64, verb);
      return;
    case TK::String:
      fmt_string(str_view(v.v), verb);
      return;
    case TK::Map: {
      if (sharp_v) {
        write(type_string(v.t, true));
        if (!v.v.p) {
          write("(nil)");
          return;
        }
        write('{');
      } else {
        write("map[");
      }
      std::vector<std::pair<Value, Value>> entries;
      ops::map_entries(v.v, entries);
      std::stable_sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) {
        return compare({a.first, u->key, true}, {b.first, u->key, true}) < 0;
      });
      for (std::size_t i = 0; i < entries.size(); i++) {
        if (i) write(sharp_v ? ", " : " ");
        print_value({entries[i].first, u->key, v.can_interface}, verb, depth + 1);
        write(':');
        print_value({entries[i].second, u->elem, v.can_interface}, verb, depth + 1);
      }
      write(sharp_v ? '}' : ']');
      return;
    }
    case TK::Struct: {
      if (sharp_v) write(type_string(v.t, true));
      write('{');
      for (std::size_t i = 0; i < u->fields.size(); i++) {
        if (i) write(sharp_v ? ", " : " ");
        if ((plus_v || sharp_v) && !u->fields[i].name.empty()) {
          write(u->fields[i].name);
          write(':');
        }
        print_value(field(v, i), verb, depth + 1);
        if (failed) return;
      }
      write('}');
      return;
    }
    case TK::Interface: {
      Val e = elem_of_iface(v.v, v.can_interface);
      if (!e.t) {
        if (sharp_v) {
          write(type_string(v.t, true));
          write("(nil)");
        } else {
          write("<nil>");
        }
        return;
      }
      print_value(e, verb, depth + 1);
      return;
    }
    case TK::Array:
    case TK::Slice: {
      if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') &&
          u->elem->underlying()->kind == TK::Uint8) {
        fmt_bytes(v, verb, type_string(v.t, true));
        return;
      }
      std::int64_t n = length(v);
      if (sharp_v) {
        write(type_string(v.t, true));
        if (u->kind == TK::Slice && !v.v.p) {
          write("(nil)");
          return;
        }
        write('{');
        for (std::int64_t i = 0; i < n; i++) {
          if (i) write(", ");
          print_value(element(v, i), verb, depth + 1);
        }
        write('}');
      } else {
        write('[');
        for (std::int64_t i = 0; i < n; i++) {
          if (i) write(' ');
          print_value(element(v, i), verb, depth + 1);
          if (failed) return;
        }
        write(']');
      }
      return;
    }
    case TK::Pointer:
      if (depth == 0 && v.v.p) {
        const Type* e = u->elem;
        TK k = e->underlying()->kind;
        if (k == TK::Array || k == TK::Slice || k == TK::Struct || k == TK::Map) {
          write('&');
          Value pv = e->repr == Repr::Boxed ? v.v : *static_cast<const Value*>(v.v.p);
          print_value({pv, e, v.can_interface}, verb, depth + 1);
          return;
        }
      }
      fmt_pointer(v, verb);
      return;
    case TK::Chan:
    case TK::Func:
      fmt_pointer(v, verb);
      return;
    default:
      if (is_integer(u)) {
        fmt_int(v.v.u, !is_unsigned(u), verb);
        return;
      }
      write("?");
  }
}

// A '*' width or precision: an integer argument (print.go's intFromArg).
void int_arg(const Value* a, std::int64_t* num, bool* ok) {
  *ok = false;
  *num = 0;
  const Type* t = ops::dyn_type(*a);
  if (!t || !is_integer(t)) return;
  Value v = ops::unbox_raw(*a);
  if (is_unsigned(t) && static_cast<std::int64_t>(v.u) < 0) return;
  if (v.i >= 1000000 || v.i <= -1000000) return;
  *num = v.i;
  *ok = true;
}

}  // namespace

bool fmt_sprintf(Thread& th, std::string& out, std::string_view format, const Value* a,
                 std::int64_t n, Value* wrapped) {
  PP p;
  p.th = &th;
  p.buf = &out;
  p.wrapped = wrapped;
  p.wrap_errs = wrapped != nullptr;
  std::size_t end = format.size();
  std::int64_t arg_num = 0;
  bool after_index = false;
  p.reordered = false;
  auto parsenum = [&](std::size_t start, std::int64_t* num, bool* isnum) {
    *num = 0;
    *isnum = false;
    std::size_t i = start;
    for (; i < end && format[i] >= '0' && format[i] <= '9'; i++) {
      if (*num > 1000000) {
        *isnum = false;
        return end;
      }
      *num = *num * 10 + (format[i] - '0');
      *isnum = true;
    }
    return i;
  };
  auto arg_number = [&](std::int64_t argn, std::size_t i,
                        bool* found) -> std::pair<std::int64_t, std::size_t> {
    *found = false;
    if (i >= end || format[i] != '[') return {argn, i};
    p.reordered = true;
    // [n]
    for (std::size_t j = i + 1; j < end; j++) {
      if (format[j] == ']') {
        std::int64_t width;
        bool ok;
        std::size_t ni = parsenum(i + 1, &width, &ok);
        if (!ok || ni != j) {
          p.good_arg_num = false;
          return {argn, j + 1};
        }
        std::int64_t index = width - 1;
        if (index >= 0 && index < n) {
          *found = true;
          return {index, j + 1};
        }
        p.good_arg_num = false;
        *found = true;
        return {argn, j + 1};
      }
    }
    p.good_arg_num = false;
    return {argn, i + 1};
  };
  // A '*' width or precision takes the next argument.
  auto star_arg = [&](std::int64_t* v) {
    bool ok = false;
    if (arg_num < n) {
      int_arg(&a[arg_num], v, &ok);
      arg_num++;
    }
    return ok;
  };
  for (std::size_t i = 0; i < end;) {
    p.good_arg_num = true;
    std::size_t lasti = i;
    while (i < end && format[i] != '%') i++;
    if (i > lasti) out.append(format.substr(lasti, i - lasti));
    if (i >= end) break;
    i++;
    p.clearflags();
    bool simple_done = false;
    for (; i < end; i++) {
      char c = format[i];
      if (c == '#') {
        p.sharp = true;
      } else if (c == '0') {
        p.zero = !p.minus;
      } else if (c == '+') {
        p.plus = true;
      } else if (c == '-') {
        p.minus = true;
        p.zero = false;
      } else if (c == ' ') {
        p.space = true;
      } else {
        if (c >= 'a' && c <= 'z' && arg_num < n) {
          if (c == 'v') {
            p.sharp_v = p.sharp;
            p.sharp = false;
            p.plus_v = p.plus;
            p.plus = false;
          }
          p.print_arg(a[arg_num], c);
          if (p.failed) return false;
          arg_num++;
          i++;
          simple_done = true;
        }
        break;
      }
    }
    if (simple_done) continue;
    auto [an, ni] = arg_number(arg_num, i, &after_index);
    arg_num = an;
    i = ni;
    if (i < end && format[i] == '*') {
      i++;
      std::int64_t w = 0;
      bool ok = star_arg(&w);
      p.wid = static_cast<int>(w);
      p.wid_present = ok;
      if (!ok) out += "%!(BADWIDTH)";
      if (p.wid < 0) {
        p.wid = -p.wid;
        p.minus = true;
        p.zero = false;
      }
      after_index = false;
    } else {
      std::int64_t w;
      bool ok;
      i = parsenum(i, &w, &ok);
      p.wid = static_cast<int>(w);
      p.wid_present = ok;
      if (after_index && p.wid_present) p.good_arg_num = false;
    }
    if (i + 1 < end && format[i] == '.') {
      i++;
      if (after_index) p.good_arg_num = false;
      auto [an2, ni2] = arg_number(arg_num, i, &after_index);
      arg_num = an2;
      i = ni2;
      if (i < end && format[i] == '*') {
        i++;
        std::int64_t pr = 0;
        bool ok = star_arg(&pr);
        p.prec = static_cast<int>(pr);
        p.prec_present = ok;
        if (p.prec < 0) {
          p.prec = 0;
          p.prec_present = false;
        }
        if (!ok) out += "%!(BADPREC)";
        after_index = false;
      } else {
        std::int64_t pr;
        bool ok;
        i = parsenum(i, &pr, &ok);
        p.prec = static_cast<int>(pr);
        p.prec_present = true;
      }
    }
    if (!after_index) {
      auto [an3, ni3] = arg_number(arg_num, i, &after_index);
      arg_num = an3;
      i = ni3;
    }
    if (i >= end) {
      out += "%!(NOVERB)";
      break;
    }
    char verb = format[i];
    std::size_t size = 1;
    std::string verb_text(1, verb);
    if (static_cast<unsigned char>(verb) >= 0x80) {
      std::uint32_t r;
      size = utf8_decode(format.data() + i, end - i, &r);
      verb_text = std::string(format.substr(i, size));
    }
    i += size;
    if (verb == '%') {
      out += '%';
    } else if (!p.good_arg_num) {
      out += "%!" + verb_text + "(BADINDEX)";
    } else if (arg_num >= n) {
      out += "%!" + verb_text + "(MISSING)";
    } else {
      if (verb == 'v') {
        p.sharp_v = p.sharp;
        p.sharp = false;
        p.plus_v = p.plus;
        p.plus = false;
      }
      p.print_arg(a[arg_num], verb);
      if (p.failed) return false;
      arg_num++;
    }
  }
  if (!p.reordered && arg_num < n) {
    p.clearflags();
    out += "%!(EXTRA ";
    for (std::int64_t k = arg_num; k < n; k++) {
      if (k > arg_num) out += ", ";
      const Type* t = ops::dyn_type(a[k]);
      if (!t) {
        out += "<nil>";
      } else {
        out += type_string(t, true);
        out += '=';
        p.print_arg(a[k], 'v');
        if (p.failed) return false;
      }
    }
    out += ')';
  }
  return true;
}

bool fmt_sprint(Thread& th, std::string& out, const Value* a, std::int64_t n, bool ln) {
  PP p;
  p.th = &th;
  p.buf = &out;
  bool prev_string = false;
  for (std::int64_t i = 0; i < n; i++) {
    const Type* t = ops::dyn_type(a[i]);
    bool is_string = t && t->underlying()->kind == TK::String;
    if (i > 0 && (ln || (!is_string && !prev_string))) out += ' ';
    p.clearflags();
    p.print_arg(a[i], 'v');
    if (p.failed) return false;
    prev_string = is_string;
  }
  if (ln) out += '\n';
  return true;
}

void fmt_value(std::string& out, Value v, const Type* t) {
  PP p;
  p.th = nullptr;
  p.buf = &out;
  p.erroring = true;  // no methods
  if (is_interface(t->underlying())) {
    // As Print prints an argument: its dynamic value, at the top level.
    Val e = elem_of_iface(v, false);
    if (!e.t) {
      out += "<nil>";
      return;
    }
    p.print_value(e, 'v', 0);
    return;
  }
  p.print_value({v, t, false}, 'v', 0);
}

}  // namespace gort::golang
