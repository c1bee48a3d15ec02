// JSON text for what the page's JavaScript reads (window.gort, the code
// editor): a string literal, escaped as JSON requires (the bytes are UTF-8
// and pass through; control characters become \uXXXX).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace gort::web {

inline void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
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
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace gort::web
