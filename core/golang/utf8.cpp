// UTF-8 (see utf8.hpp).
#include "utf8.hpp"

namespace gort::golang {

std::size_t utf8_decode(const char* p, std::size_t n, std::uint32_t* r) {
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(p[i]); };
  unsigned char c = b(0);
  if (c < 0x80) {
    *r = c;
    return 1;
  }
  auto cont = [&](std::size_t i) { return i < n && (b(i) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c < 0xE0 && cont(1)) {
    *r = (static_cast<std::uint32_t>(c & 0x1F) << 6) | (b(1) & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c < 0xF0 && cont(1) && cont(2)) {
    std::uint32_t v = (static_cast<std::uint32_t>(c & 0x0F) << 12) |
                      (static_cast<std::uint32_t>(b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
      *r = v;
      return 3;
    }
  }
  if (c >= 0xF0 && c < 0xF5 && cont(1) && cont(2) && cont(3)) {
    std::uint32_t v = (static_cast<std::uint32_t>(c & 0x07) << 18) |
                      (static_cast<std::uint32_t>(b(1) & 0x3F) << 12) |
                      (static_cast<std::uint32_t>(b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    if (v >= 0x10000 && v <= 0x10FFFF) {
      *r = v;
      return 4;
    }
  }
  *r = 0xFFFD;
  return 1;
}

void utf8_append(std::string& out, std::uint32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

}  // namespace gort::golang
