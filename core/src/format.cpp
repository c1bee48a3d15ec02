// Go's formatting of floats (%v), durations (time.Duration.String) and
// quoted strings (%q), traced values as text, and gort::printf. Output goes through write_out, so
// it reaches the program's sink and the trace.
#include <cinttypes>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <gort/print.hpp>
#include <gort/trace.hpp>
#include <string>

namespace gort::detail {

// Go's %v for floats (strconv 'g' with the shortest precision): the
// shortest digits that read back as the same float32/float64, in %e form
// when the decimal exponent is < -4 or >= 6 (fmt.Println(1e6) is "1e+06").
void format_float(std::string& out, double v, bool is_float32) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
    return;
  }
  if (v == 0) {
    out += std::signbit(v) ? "-0" : "0";
    return;
  }
  // Shortest round-tripping digits, in %e form: d.ddddde±XX.
  char buf[40];
  for (int prec = 0; prec <= 17; prec++) {
    std::snprintf(buf, sizeof buf, "%.*e", prec, v);
    if (is_float32 ? std::strtof(buf, nullptr) == static_cast<float>(v)
                   : std::strtod(buf, nullptr) == v) {
      break;
    }
  }
  std::string e = buf;
  std::size_t epos = e.find('e');
  int exp = std::atoi(e.c_str() + epos + 1);
  std::string mant = e.substr(0, epos);  // [-]d[.ddd]
  bool neg = mant[0] == '-';
  if (neg) mant.erase(0, 1);
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits += c;
  }
  if (neg) out += '-';
  if (exp < -4 || exp >= 6) {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out.append(digits, 1);
    }
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += ebuf;
  } else if (exp < 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exp - 1), '0');
    out += digits;
  } else if (static_cast<std::size_t>(exp) + 1 >= digits.size()) {
    out += digits;
    out.append(static_cast<std::size_t>(exp) + 1 - digits.size(), '0');
  } else {
    out.append(digits, 0, static_cast<std::size_t>(exp) + 1);
    out += '.';
    out.append(digits, static_cast<std::size_t>(exp) + 1);
  }
}

namespace {
// v / 10^prec with the fraction's trailing zeros dropped ("1.5", "2").
void append_fixed(std::string& out, std::uint64_t v, int prec) {
  std::uint64_t pow = 1;
  for (int i = 0; i < prec; i++) pow *= 10;
  out += std::to_string(v / pow);
  std::uint64_t frac = v % pow;
  if (frac == 0) return;
  std::string f = std::to_string(frac);
  f.insert(0, static_cast<std::size_t>(prec) - f.size(), '0');
  while (f.back() == '0') f.pop_back();
  out += '.';
  out += f;
}
}  // namespace

// time.Duration.String: "1h2m3.5s", "1.5s", "100ms", "2µs", "7ns", "0s".
void format_duration(std::string& out, std::int64_t ns) {
  if (ns == 0) {
    out += "0s";
    return;
  }
  std::uint64_t u = ns < 0 ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
  if (ns < 0) out += '-';
  if (u < 1000) {
    out += std::to_string(u) + "ns";
  } else if (u < 1000000) {
    append_fixed(out, u, 3);
    out += "µs";
  } else if (u < 1000000000) {
    append_fixed(out, u, 6);
    out += "ms";
  } else {
    std::uint64_t secs = u / 1000000000, h = secs / 3600, m = secs / 60 % 60;
    if (h > 0) out += std::to_string(h) + "h";
    if (h > 0 || m > 0) out += std::to_string(m) + "m";
    append_fixed(out, u % 60000000000ULL, 9);
    out += "s";
  }
}

void format_time(std::string& out, std::int64_t ns) {
  out += "t=";
  format_duration(out, ns);
}

void format_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '"':
      case '\\':
        out += '\\';
        out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace gort::detail

namespace gort::trace {

std::string value_text(std::int64_t bits, ValueKind kind, std::string_view text) {
  std::string out;
  switch (kind) {
    case ValueKind::None:
      out = "{}";
      break;
    case ValueKind::Int:
      out = std::to_string(bits);
      break;
    case ValueKind::Uint:
      out = std::to_string(static_cast<std::uint64_t>(bits));
      break;
    case ValueKind::Bool:
      out = bits ? "true" : "false";
      break;
    case ValueKind::Float: {
      double d;
      std::memcpy(&d, &bits, sizeof d);
      detail::format_float(out, d, false);
      break;
    }
    case ValueKind::Str: {
      char s[sizeof bits];
      std::memcpy(s, &bits, sizeof s);
      detail::format_quoted(out, std::string_view(s, strnlen(s, sizeof s)));
      break;
    }
    case ValueKind::Duration:
      detail::format_duration(out, bits);
      break;
    case ValueKind::Time:
      detail::format_time(out, bits);
      break;
    case ValueKind::Text:
      out = bits == 0 ? std::string("...") : std::string(text);
      break;
  }
  return out;
}

}  // namespace gort::trace

namespace gort {

void printf(const char* fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = std::vsnprintf(nullptr, 0, fmt, ap);
  va_end(ap);
  std::string s(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
  if (n > 0) std::vsnprintf(s.data(), s.size() + 1, fmt, ap2);
  va_end(ap2);
  detail::write_out(s);
}

}  // namespace gort
