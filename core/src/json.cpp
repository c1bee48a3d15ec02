// gort::json_string (gort/json.hpp). A UTF-8 sequence is well-formed when
// its lead byte says its length, every continuation byte is 10xxxxxx, and
// the code point needs that length, is not a surrogate (U+D800..U+DFFF) and
// is at most U+10FFFF; anything else is replaced one byte at a time.
#include <cstdint>
#include <cstdio>
#include <gort/json.hpp>

namespace gort {

namespace {

// The length of the UTF-8 sequence that s starts with (s[0] >= 0x80), 0 if
// it is not a valid one: truncated, overlong, a surrogate, past U+10FFFF.
std::size_t utf8_length(std::string_view s) {
  auto b = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  std::size_t n;
  std::uint32_t cp;
  if (b(0) >= 0xC2 && b(0) <= 0xDF) {
    n = 2, cp = b(0) & 0x1Fu;
  } else if (b(0) >= 0xE0 && b(0) <= 0xEF) {
    n = 3, cp = b(0) & 0x0Fu;
  } else if (b(0) >= 0xF0 && b(0) <= 0xF4) {
    n = 4, cp = b(0) & 0x07u;
  } else {
    return 0;
  }
  if (s.size() < n) return 0;
  for (std::size_t k = 1; k < n; k++) {
    if ((b(k) & 0xC0u) != 0x80u) return 0;
    cp = cp << 6 | (b(k) & 0x3Fu);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

}  // namespace

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_length(s.substr(i));
      if (n) {
        out.append(s, i, n);
        i += n;
      } else {
        out += "\\ufffd";
        i++;
      }
      continue;
    }
    i++;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

}  // namespace gort
