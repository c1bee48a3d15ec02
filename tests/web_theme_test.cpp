// The themes (web/theme.hpp): their text reads on their background, and a
// link names them.
#include <doctest/doctest.h>

#include "share_link.hpp"
#include "theme.hpp"

using namespace gort::web;

TEST_CASE("theme: WCAG contrast ratios, computed from the colours") {
  using palette::rgba;
  using theme::contrast_ratio;
  CHECK(contrast_ratio(rgba(0, 0, 0), rgba(255, 255, 255)) == doctest::Approx(21.0));
  CHECK(contrast_ratio(rgba(255, 255, 255), rgba(0, 0, 0)) == doctest::Approx(21.0));
  CHECK(contrast_ratio(rgba(119, 119, 119), rgba(255, 255, 255)) ==
        doctest::Approx(4.48).epsilon(0.01));
  CHECK(contrast_ratio(rgba(9, 9, 9), rgba(9, 9, 9)) == doctest::Approx(1.0));
}

TEST_CASE("theme: every text colour of both themes has a contrast of at least 4.5:1") {
  for (const theme::Theme* t : {&theme::kLight, &theme::kDark}) {
    const std::pair<const char*, std::uint32_t> texts[] = {
        {"text", t->text}, {"dim", t->dim},       {"error", t->error},
        {"ok", t->ok},     {"notice", t->notice}, {"goroutine", t->goroutine},
        {"link", t->link}, {"label", t->label},   {"label_dim", t->label_dim}};
    for (const auto& text : texts) {
      // Not a structured binding: clang 14 cannot capture one in INFO's lambda.
      INFO((t->light ? "light " : "dark "), text.first);
      CHECK(theme::contrast_ratio(text.second, t->background) >= 4.5);
    }
  }
}

TEST_CASE("theme: a link says dark (the default, unwritten), light or auto") {
  Link l;
  REQUIRE(decode("pattern=ping_pong&theme=light", l) == "");
  CHECK(l.theme == theme::Kind::Light);
  CHECK(encode(l) == "pattern=ping_pong&theme=light&v=2");
  REQUIRE(decode("pattern=ping_pong&theme=auto", l) == "");
  CHECK(l.theme == theme::Kind::Auto);
  REQUIRE(decode("pattern=ping_pong&theme=dark", l) == "");
  CHECK(encode(l) == "pattern=ping_pong&v=2");
  CHECK(decode("theme=blue", l) == "theme must be dark, light or auto, not \"blue\"");
}
