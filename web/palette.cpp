// See palette.hpp.
#include "palette.hpp"

#include <cmath>

namespace gort::web::palette {

std::uint32_t goroutine_color(std::uint32_t g) {
  // HSV with s = 0.55, v = 0.85: light enough for dark text on top.
  double h = std::fmod(g * 0.618033988749895, 1.0) * 6.0;
  const double s = 0.55, v = 0.85;
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
