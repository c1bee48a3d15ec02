// The themes (web/theme.hpp) and their palettes (web/palette.hpp): every text
// reads on what it is drawn on, in both themes: the panels' text on the
// background, each kind of label on each fill the graph and the timeline
// draw, and every label of the graph's real frames on the shape beneath it;
// the goroutine states stay distinguishable; and a link names the theme.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "share_link.hpp"
#include "theme.hpp"
#include "web_scene_check.hpp"

using namespace web_test;
using palette::rgba;
using theme::contrast_ratio;

namespace {

const theme::Theme* const kThemes[] = {&theme::kDark, &theme::kLight};

std::string name(const theme::Theme& t) {
  return t.light ? "light" : "dark";
}

// CIE L*a*b* distance (1976) between two colours: about 2.3 is the least a
// person notices; states side by side need far more.
double delta_e(std::uint32_t x, std::uint32_t y) {
  auto lab = [](std::uint32_t c, double out[3]) {
    double v[3];
    for (int i = 0; i < 3; ++i) {
      const double s = ((c >> (8 * i)) & 0xff) / 255.0;
      v[i] = s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    }
    const double xyz[3] = {(0.4124 * v[0] + 0.3576 * v[1] + 0.1805 * v[2]) / 0.95047,
                           0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2],
                           (0.0193 * v[0] + 0.1192 * v[1] + 0.9505 * v[2]) / 1.08883};
    double f[3];
    for (int i = 0; i < 3; ++i)
      f[i] = xyz[i] > 0.008856 ? std::cbrt(xyz[i]) : 7.787 * xyz[i] + 16.0 / 116;
    out[0] = 116 * f[1] - 16, out[1] = 500 * (f[0] - f[1]), out[2] = 200 * (f[1] - f[2]);
  };
  double a[3], b[3];
  lab(x, a), lab(y, b);
  return std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

// The fill of the topmost opaque box of `shapes` under (x, y) in screen px,
// or `background`: what a label anchored there is read against.
std::uint32_t fill_under(const ShapeBatch& shapes, float x, float y, std::uint32_t background) {
  const std::vector<float>& d = shapes.data();
  for (std::size_t i = shapes.size(); i-- > 0;) {
    const float* s = &d[i * ShapeBatch::kFloatsPerShape];
    if (s[11] != 0 || s[5] < 255) continue;  // a segment, or not opaque
    if (std::abs(x - s[0]) > s[2] || std::abs(y - s[1]) > s[3]) continue;
    const auto rgb = static_cast<std::uint32_t>(s[4]);
    return rgba(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff);
  }
  return background;
}

// A label's anchor moved just inside the text it starts or ends.
float inside(const Label& l) {
  return l.align == Label::Align::Left ? l.x + 1 : l.align == Label::Align::Right ? l.x - 1 : l.x;
}

}  // namespace

TEST_CASE("theme: WCAG contrast ratios, computed from the colours") {
  CHECK(contrast_ratio(rgba(0, 0, 0), rgba(255, 255, 255)) == doctest::Approx(21.0));
  CHECK(contrast_ratio(rgba(255, 255, 255), rgba(0, 0, 0)) == doctest::Approx(21.0));
  CHECK(contrast_ratio(rgba(119, 119, 119), rgba(255, 255, 255)) ==
        doctest::Approx(4.48).epsilon(0.01));
  CHECK(contrast_ratio(rgba(9, 9, 9), rgba(9, 9, 9)) == doctest::Approx(1.0));
  CHECK(delta_e(rgba(255, 255, 255), rgba(0, 0, 0)) == doctest::Approx(100.0).epsilon(0.01));
}

TEST_CASE("theme: every text colour of both themes has a contrast of at least 4.5:1") {
  for (const theme::Theme* t : kThemes) {
    const std::pair<const char*, std::uint32_t> texts[] = {
        {"text", t->text}, {"dim", t->dim},       {"error", t->error},
        {"ok", t->ok},     {"notice", t->notice}, {"goroutine", t->goroutine},
        {"link", t->link}, {"label", t->label},   {"label_dim", t->label_dim}};
    for (const auto& text : texts) {
      // Not a structured binding: clang 14 cannot capture one in INFO's lambda.
      INFO(name(*t), " ", text.first);
      CHECK(contrast_ratio(text.second, t->background) >= 4.5);
    }
  }
}

TEST_CASE("theme: every label the graph and timeline draw reads on its fill (4.5:1)") {
  for (const theme::Theme* t : kThemes) {
    const palette::Palette& p = *t->views;
    struct Pair {
      std::string what;
      std::uint32_t text, fill;
    };
    std::vector<Pair> pairs;
    for (int k = 0; k < palette::kMaxProcs; ++k) {
      const std::uint32_t fill = p.state_color(GState::Running, k);
      pairs.push_back({"goroutine running on P" + std::to_string(k), p.text_on(fill), fill});
      // The timeline's lane names, in their P's colour on the background.
      pairs.push_back({"lane name P" + std::to_string(k),
                       palette::readable_on(p.proc_color(k), t->background), t->background});
    }
    for (GState s : {GState::Runnable, GState::Blocked, GState::Sleeping}) {
      const std::uint32_t fill = p.state_color(s, -1);
      pairs.push_back({"goroutine " + std::string(state_text(s)), p.text_on(fill), fill});
    }
    pairs.push_back({"goroutine done", p.done_text, p.done});
    pairs.push_back({"channel name", p.pipe_text, p.pipe});
    pairs.push_back({"channel fill", p.pipe_dim, p.pipe});
    pairs.push_back({"channel closed", p.closed, p.pipe});
    pairs.push_back({"value chip", p.text_on(p.value), p.value});
    pairs.push_back({"closed value chip", p.text_on(p.closed_value), p.closed_value});
    pairs.push_back({"timeline run of several", p.text_on(p.mixed), p.mixed});
    for (std::uint32_t g = 1; g <= 1000; ++g) {
      const std::uint32_t fill = palette::goroutine_color(g);
      pairs.push_back({"timeline span of g" + std::to_string(g), p.text_on(fill), fill});
    }
    for (const Pair& pair : pairs) {
      INFO(name(*t), " ", pair.what);
      CHECK(contrast_ratio(pair.text, pair.fill) >= 4.5);
    }
  }
}

TEST_CASE("theme: the goroutine states stay distinguishable, and mean the same, in both themes") {
  for (const theme::Theme* t : kThemes) {
    const palette::Palette& p = *t->views;
    std::vector<std::pair<std::string, std::uint32_t>> fills;
    for (int k = 0; k < palette::kMaxProcs; ++k)
      fills.emplace_back("P" + std::to_string(k), p.proc_color(k));
    for (GState s : {GState::Runnable, GState::Blocked, GState::Sleeping, GState::Done})
      fills.emplace_back(state_text(s), p.state_color(s, -1));
    for (std::size_t i = 0; i < fills.size(); ++i) {
      INFO(name(*t), " ", fills[i].first, " and the background");
      CHECK(delta_e(fills[i].second, t->background) >= 10);
      for (std::size_t j = i + 1; j < fills.size(); ++j) {
        INFO(name(*t), " ", fills[i].first, " and ", fills[j].first);
        // Two Ps are both "running": they may be closer than two states.
        const bool procs = i < palette::kMaxProcs && j < palette::kMaxProcs;
        CHECK(delta_e(fills[i].second, fills[j].second) >= (procs ? 10 : 15));
      }
    }
  }
  // One meaning, one colour: a P, runnable, blocked and sleeping look alike in both.
  for (int k = 0; k < palette::kMaxProcs; ++k)
    CHECK(palette::kLight.proc_color(k) == palette::kDark.proc_color(k));
  for (GState s : {GState::Runnable, GState::Blocked, GState::Sleeping})
    CHECK(palette::kLight.state_color(s, -1) == palette::kDark.state_color(s, -1));
}

TEST_CASE("theme: every label of the graph's frames reads on what is under it, in both themes") {
  // Patterns that between them show every state (worker_pool's workers
  // sleep), buffered and unbuffered channels, closed ones, values in flight
  // and in buffers.
  for (const char* id : {"worker_pool", "pipeline", "prime_sieve"}) {
    for (const theme::Theme* t : kThemes) {
      int checked = 0;
      play(
          det(id, 4), 4, {"page", 900, 500}, 5,
          [&](const Frame& f) {
            for (const Label& lab : f.labels) {
              const std::uint32_t under = fill_under(*f.shapes, inside(lab), lab.y, t->background);
              INFO(id, " ", name(*t), " label \"", lab.text, "\"");
              CHECK(contrast_ratio(lab.color, under) >= 4.5);
              ++checked;
            }
          },
          t->views);
      INFO(id, " ", name(*t));
      CHECK(checked > 20);
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
