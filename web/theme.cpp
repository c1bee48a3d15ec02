// The themes: see theme.hpp.
#include "theme.hpp"

#include <cmath>

namespace gort::web::theme {

namespace {

const Theme* shown = &kDark;

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

std::string parse(std::string_view text, Kind& out) {
  if (text == "dark") return out = Kind::Dark, "";
  if (text == "light") return out = Kind::Light, "";
  if (text == "auto") return out = Kind::Auto, "";
  return "theme must be dark, light or auto, not \"" + std::string(text) + "\"";
}

const char* name(Kind kind) {
  return kind == Kind::Light ? "light" : kind == Kind::Auto ? "auto" : "dark";
}

const Theme& current() {
  return *shown;
}

void set(const Theme& theme) {
  shown = &theme;
}

}  // namespace gort::web::theme
