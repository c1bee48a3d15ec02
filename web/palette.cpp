// See palette.hpp.
#include "palette.hpp"

#include <cmath>

namespace gort::web::palette {

namespace {

// WCAG 2's relative luminance of an sRGB colour.
double luminance(std::uint32_t c) {
  auto channel = [](unsigned v) {
    double s = v / 255.0;
    return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c & 0xff) + 0.7152 * channel((c >> 8) & 0xff) +
         0.0722 * channel((c >> 16) & 0xff);
}

}  // namespace

double contrast_ratio(std::uint32_t a, std::uint32_t b) {
  double la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

std::uint32_t readable_on(std::uint32_t c, std::uint32_t background) {
  const unsigned target = luminance(background) > 0.18 ? 0 : 255;
  std::uint32_t out = c;
  for (int k = 1; k <= 16 && contrast_ratio(out, background) < 4.5; ++k) {
    auto mix = [&](int shift) {
      const unsigned v = (c >> shift) & 0xff;
      return static_cast<unsigned>(std::lround(v + (static_cast<double>(target) - v) * k / 16));
    };
    out = rgba(mix(0), mix(8), mix(16), c >> 24);
  }
  return out;
}

std::uint32_t Palette::text_on(std::uint32_t fill) const {
  return contrast_ratio(text, fill) >= contrast_ratio(text_dark, fill) ? text : text_dark;
}

std::uint32_t goroutine_color(std::uint32_t g) {
  // HSV with s = 0.45, v = 0.95: light enough for dark text on top (4.5:1).
  double h = std::fmod(g * 0.618033988749895, 1.0) * 6.0;
  const double s = 0.45, v = 0.95;
  int i = static_cast<int>(h);
  double f = h - i, p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  double r = v, gg = t, b = p;
  switch (i % 6) {
    case 0:
      r = v, gg = t, b = p;
      break;
    case 1:
      r = q, gg = v, b = p;
      break;
    case 2:
      r = p, gg = v, b = t;
      break;
    case 3:
      r = p, gg = q, b = v;
      break;
    case 4:
      r = t, gg = p, b = v;
      break;
    default:
      r = v, gg = p, b = q;
      break;
  }
  auto byte = [](double x) { return static_cast<unsigned>(std::lround(x * 255)); };
  return rgba(byte(r), byte(gg), byte(b));
}

}  // namespace gort::web::palette
