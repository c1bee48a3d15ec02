// The share-link codec: a run's options as a URL query string, so a link
// reproduces what its sender saw (DESIGN.md: state lives in the URL).
//
//   ?pattern=worker_pool&workers=3&procs=2&speed=0.5&seed=42&det=1&embed=1&v=2&code=...
//
// pattern: a gallery id; then the pattern's parameters by name; procs
// (GOMAXPROCS 1..8), speed, seed (0 = random), det (deterministic, 0/1),
// compare (GOMAXPROCS 1 vs procs, 0/1), embed (compact mode, 0/1), panels
// and paused (the compact mode's panels, embed_panels.hpp, and whether its
// first run starts paused); theme (dark, light or auto: the system's,
// theme.hpp); origin and id (where an embed sends its
// events, web/embed.js) are the page's, which the codec skips; v: the
// link format (2; a link without v is format 1, which had no code); code:
// the program's Go text, when it is not the pattern's own (then the
// parameters are its constants' values and are not written apart; a link
// with code and no pattern is code of no pattern). encode() writes only
// what differs from the defaults, so links stay short; decode() of
// encode() gives back the same options.
//
// The codec here sees code as plain text, percent-encoded. In the page's
// URL its value is base64url(deflate-raw(UTF-8 text)): the page compresses
// it after encode() and inflates it before decode() (web/editor/link_code.js).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "embed_panels.hpp"
#include "session.hpp"
#include "theme.hpp"

namespace gort::web {

// The keys a link uses for itself, which no pattern parameter may be named
// (web_shell_test checks the gallery).
inline constexpr std::array<std::string_view, 15> kReservedKeys = {
    "pattern", "procs", "speed",  "seed", "det",   "compare", "embed", "panels",
    "paused",  "theme", "origin", "id",   "bench", "v",       "code"};
// The link format encode() writes.
inline constexpr int kLinkVersion = 2;

struct Link {
  RunOptions options;  // params: every parameter of the pattern, in its order; code: "" or
                       // a text other than the pattern's
  bool embed = false;
  unsigned panels = panel::kAll;  // the compact mode's
  bool paused = false;            // the compact mode's first run starts paused
  theme::Kind theme = theme::Kind::Dark;
  // ?bench=N: show a synthetic program of N goroutines instead of runs, to
  // measure frame times (web/views_bench.hpp); 0 = off. Never encoded.
  std::size_t bench = 0;
};

std::string encode(const Link& link);
// Parses a query string (with or without the leading '?'). Returns "" and
// fills `out`, or a message saying what is wrong (unknown key or pattern,
// a value that is not a number or out of range, a newer format) and leaves
// `out` alone. An empty query is valid and gives the first gallery pattern.
std::string decode(std::string_view query, Link& out);
// Percent-encodes all but RFC 3986's unreserved characters (a query's key or value).
std::string escape(std::string_view s);

}  // namespace gort::web
