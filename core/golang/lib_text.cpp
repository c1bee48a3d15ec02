// Natives of strings, unicode/utf8, unicode and strconv: searching, case
// mapping, number formatting and parsing, quoting (format.hpp's, as fmt's %q).
#include <locale.h>
#include <wctype.h>

#include <cerrno>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <cwctype>
#include <string>

#include "constant.hpp"
#include "format.hpp"
#include "libc_stack.hpp"
#include "natives.hpp"
#include "utf8.hpp"
#include "vm_ops.hpp"

namespace gort::golang {

namespace {

std::string_view sv(Value v) {
  return str_view(v);
}

// Applies f to each rune of s (strings.ToUpper, ToLower).
template <class F>
void map_runes(Thread& th, Value* f, F to) {
  std::string_view s = sv(f[1]);
  std::string& out = th.buffer();
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t r;
    std::size_t w = utf8_decode(s.data() + i, s.size() - i, &r);
    if (w == 1 && r == 0xFFFD) {
      out += s[i];
    } else {
      utf8_append(out, to(r));
    }
    i += w;
  }
  f[0] = th.str(out);
  th.release_buffer();
}

// Unicode's character classes and case mappings come from the C library's
// tables in its C.UTF-8 locale (glibc's depend on the locale; musl's, in
// the WebAssembly builds, are Unicode in any).
locale_t unicode_locale() {
  static locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return loc ? loc : uselocale(static_cast<locale_t>(nullptr));
}
bool wclass(std::int64_t r, int (*f)(wint_t, locale_t)) {
  return r >= 0 && r <= 0x10FFFF && f(static_cast<wint_t>(r), unicode_locale()) != 0;
}
std::uint32_t upper(std::uint32_t r) {
  if (r < 0x80) return r >= 'a' && r <= 'z' ? r - 32 : r;
  return static_cast<std::uint32_t>(towupper_l(static_cast<wint_t>(r), unicode_locale()));
}
std::uint32_t lower(std::uint32_t r) {
  if (r < 0x80) return r >= 'A' && r <= 'Z' ? r + 32 : r;
  return static_cast<std::uint32_t>(towlower_l(static_cast<wint_t>(r), unicode_locale()));
}

std::string format_int(std::uint64_t u, bool neg, int base) {
  if (base < 2 || base > 36) base = 10;
  std::string s;
  do {
    int d = static_cast<int>(u % static_cast<unsigned>(base));
    s.insert(s.begin(), static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10));
    u /= static_cast<unsigned>(base);
  } while (u);
  return neg ? "-" + s : s;
}

// strconv.parseInt(s, base, bitSize, unsigned) (int64, code): Go's
// ParseInt/ParseUint, with 0x/0o/0b prefixes and '_' for base 0.
void parse_int(Thread&, Value* f) {
  std::string_view s = sv(f[2]);
  std::int64_t base = f[3].i, bits = f[4].i ? f[4].i : 64;
  bool uns = f[5].i != 0;
  f[0].i = 0;
  f[1].i = 1;
  bool neg = false;
  std::size_t i = 0;
  if (!uns && !s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    i = 1;
  }
  bool underscores = false;
  if (base == 0) {
    base = 10;
    underscores = true;
    if (s.size() > i + 1 && s[i] == '0') {
      char p = static_cast<char>(s[i + 1] | 0x20);
      if (p == 'x')
        base = 16, i += 2;
      else if (p == 'b')
        base = 2, i += 2;
      else if (p == 'o')
        base = 8, i += 2;
      else
        base = 8, i += 1;
    }
  }
  if (i >= s.size()) return;
  unsigned __int128 v = 0;
  bool any = false, over = false;
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c == '_' && underscores) continue;
    int d = c >= '0' && c <= '9'                     ? c - '0'
            : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10
                                                     : 99;
    if (d >= base) return;
    any = true;
    v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
    if (v > (static_cast<unsigned __int128>(1) << 64)) over = true;
  }
  if (!any) return;
  f[1].i = 0;
  unsigned __int128 max = uns ? (static_cast<unsigned __int128>(1) << bits) - 1
                              : static_cast<unsigned __int128>(1) << (bits - 1);
  if (over || (uns && v > max) || (!uns && !neg && v >= max) || (!uns && neg && v > max)) {
    f[1].i = 2;
    if (uns) {
      f[0].u = static_cast<std::uint64_t>(max);
    } else {
      f[0].i = neg ? -static_cast<std::int64_t>(max - 1) - 1 : static_cast<std::int64_t>(max - 1);
    }
    return;
  }
  f[0].i = neg ? -static_cast<std::int64_t>(v)
               : static_cast<std::int64_t>(static_cast<std::uint64_t>(v));
}

// strconv.parseFloat(s, bitSize) (float64, code)
void parse_float(Thread&, Value* f) {
  std::string s(sv(f[2]));
  f[0].f = 0;
  f[1].i = 1;
  std::string clean;
  for (char c : s) {
    if (c != '_') clean += c;
  }
  if (clean.empty()) return;
  char* end = nullptr;
  errno = 0;
  double d = on_libc_stack([&] { return std::strtod(clean.c_str(), &end); });
  if (end != clean.c_str() + clean.size()) return;
  // strtod accepts things Go does not ("0x" floats without p, "infinity"...):
  // good enough for programs that parse what they printed.
  f[1].i = 0;
  if (f[3].i == 32) d = static_cast<double>(static_cast<float>(d));
  if (errno == ERANGE && std::isinf(d)) f[1].i = 2;
  f[0].f = d;
}

void unquote(Thread& th, Value* f) {
  std::string_view s = sv(f[2]);
  f[1].i = 0;
  if (s.size() < 2) return;
  char q = s[0];
  if (q != s.back() || (q != '"' && q != '`' && q != '\'')) return;
  Const c = Const::from_literal(q == '\'' ? Tok::Char : Tok::String, s);
  if (!c.known()) return;
  if (q == '\'') {
    std::string out;
    utf8_append(out, static_cast<std::uint32_t>(c.i));
    f[0] = th.str(out);
  } else {
    f[0] = th.str(c.s);
  }
  f[1].i = 1;
}

const NativeDef kText[] = {
    {"strings.Index",
     [](Thread&, Value* f) {
       std::size_t i = sv(f[1]).find(sv(f[2]));
       f[0].i = i == std::string_view::npos ? -1 : static_cast<std::int64_t>(i);
     }},
    {"strings.LastIndex",
     [](Thread&, Value* f) {
       std::size_t i = sv(f[1]).rfind(sv(f[2]));
       f[0].i = i == std::string_view::npos ? -1 : static_cast<std::int64_t>(i);
     }},
    {"strings.IndexByte",
     [](Thread&, Value* f) {
       std::size_t i = sv(f[1]).find(static_cast<char>(f[2].i));
       f[0].i = i == std::string_view::npos ? -1 : static_cast<std::int64_t>(i);
     }},
    {"strings.Repeat",
     [](Thread& th, Value* f) {
       std::int64_t n = f[2].i;
       std::string_view s = sv(f[1]);
       if (n < 0) {
         th.panic_plain("strings: negative Repeat count");
         return;
       }
       if (s.size() && static_cast<std::uint64_t>(n) > (std::uint64_t{1} << 31) / s.size()) {
         th.panic_plain("strings: Repeat output length overflow");
         return;
       }
       std::string& out = th.buffer();
       for (std::int64_t i = 0; i < n; i++) out += s;
       f[0] = th.str(out);
       th.release_buffer();
     }},
    {"strings.ToUpper", [](Thread& th, Value* f) { map_runes(th, f, upper); }},
    {"strings.ToLower", [](Thread& th, Value* f) { map_runes(th, f, lower); }},
    {"strings.EqualFold",
     [](Thread&, Value* f) {
       std::string_view a = sv(f[1]), b = sv(f[2]);
       std::size_t i = 0, j = 0;
       f[0].i = 0;
       while (i < a.size() && j < b.size()) {
         std::uint32_t r, s;
         i += utf8_decode(a.data() + i, a.size() - i, &r);
         j += utf8_decode(b.data() + j, b.size() - j, &s);
         if (lower(r) != lower(s)) return;
       }
       f[0].i = i == a.size() && j == b.size();
     }},
    {"utf8.DecodeRuneInString",
     [](Thread&, Value* f) {
       std::string_view s = sv(f[2]);
       if (s.empty()) {
         f[0].i = 0xFFFD;
         f[1].i = 0;
         return;
       }
       std::uint32_t r;
       f[1].i = static_cast<std::int64_t>(utf8_decode(s.data(), s.size(), &r));
       f[0].i = r;
     }},
    {"unicode.IsUpper", [](Thread&, Value* f) { f[0].i = wclass(f[1].i, iswupper_l); }},
    {"unicode.IsLower", [](Thread&, Value* f) { f[0].i = wclass(f[1].i, iswlower_l); }},
    {"unicode.IsLetter", [](Thread&, Value* f) { f[0].i = wclass(f[1].i, iswalpha_l); }},
    {"unicode.IsDigit", [](Thread&, Value* f) { f[0].i = f[1].i >= '0' && f[1].i <= '9'; }},
    {"unicode.IsNumber", [](Thread&, Value* f) { f[0].i = f[1].i >= '0' && f[1].i <= '9'; }},
    {"unicode.IsSpace",
     [](Thread&, Value* f) {
       std::int64_t r = f[1].i;
       f[0].i = r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0 || r == 0x1680 ||
                (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 || r == 0x202f ||
                r == 0x205f || r == 0x3000;
     }},
    {"unicode.IsPunct", [](Thread&, Value* f) { f[0].i = wclass(f[1].i, iswpunct_l); }},
    {"unicode.IsPrint",
     [](Thread&, Value* f) { f[0].i = is_print(static_cast<std::uint32_t>(f[1].i)); }},
    {"unicode.IsControl",
     [](Thread&, Value* f) { f[0].i = f[1].i < 0x20 || (f[1].i >= 0x7F && f[1].i < 0xA0); }},
    {"unicode.ToUpper",
     [](Thread&, Value* f) { f[0].i = upper(static_cast<std::uint32_t>(f[1].i)); }},
    {"unicode.ToLower",
     [](Thread&, Value* f) { f[0].i = lower(static_cast<std::uint32_t>(f[1].i)); }},
    {"strconv.FormatInt",
     [](Thread& th, Value* f) {
       std::int64_t v = f[1].i;
       f[0] = th.str(
           format_int(v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v),
                      v < 0, static_cast<int>(f[2].i)));
     }},
    {"strconv.FormatUint",
     [](Thread& th, Value* f) {
       f[0] = th.str(format_int(f[1].u, false, static_cast<int>(f[2].i)));
     }},
    {"strconv.FormatFloat",
     [](Thread& th, Value* f) {
       f[0] = th.str(format_float(f[1].f, static_cast<char>(f[2].i), static_cast<int>(f[3].i),
                                  static_cast<int>(f[4].i)));
     }},
    {"strconv.Quote", [](Thread& th, Value* f) { f[0] = th.str(quote(sv(f[1]), false)); }},
    {"strconv.QuoteToASCII", [](Thread& th, Value* f) { f[0] = th.str(quote(sv(f[1]), true)); }},
    {"strconv.QuoteRune",
     [](Thread& th, Value* f) {
       f[0] = th.str(quote_rune(static_cast<std::uint32_t>(f[1].i), false));
     }},
    {"strconv.QuoteRuneToASCII",
     [](Thread& th, Value* f) {
       f[0] = th.str(quote_rune(static_cast<std::uint32_t>(f[1].i), true));
     }},
    {"strconv.parseInt", parse_int},
    {"strconv.parseFloat", parse_float},
    {"strconv.unquote", unquote},
};

}  // namespace

std::span<const NativeDef> text_natives() {
  return kText;
}

}  // namespace gort::golang
