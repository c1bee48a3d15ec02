// The themes: see theme.hpp.
#include "theme.hpp"

namespace gort::web::theme {

namespace {

const Theme* shown = &kDark;

}  // namespace

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
