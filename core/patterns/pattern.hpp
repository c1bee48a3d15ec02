// The pattern gallery: Go programs about concurrency, each with its C++ twin.
//
// A Pattern is the text of a Go program (go_source, from core/patterns/
// <id>.go, embedded at build time), its integer parameters and a body that
// runs the same program with the gort API, statement for statement.
// Invariants every pattern keeps (patterns_test checks them):
//   - Before each statement it executes, the body calls gort::at(N) with the
//     line N of go_source that holds it, so the UI can highlight it.
//   - Each parameter is a constant of go_source, on a line of its own:
//     `name = value` (a const block) or `const name = value`, value being the
//     default; source() rewrites those lines for other values.
//   - Every loop iteration does a channel operation, a sleep or a yield, so
//     a pattern also runs on the single-threaded (cooperative) build.
//   - At default parameters a pattern ends by itself within about 2 s of real
//     time, printing what the Go program prints: tests/golden/<id>.out, from
//     real Go, compared as DESIGN.md (The golden-test harness) says.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gort::patterns {

struct Param {
  std::string name;     // the Go constant it sets
  int min, max, value;  // value = default
  std::string help;
};

// Parameter values by name, in the pattern's order.
struct Args {
  std::vector<std::pair<std::string, int>> values;
  // The value of a parameter the pattern declares; std::out_of_range otherwise.
  int operator[](std::string_view name) const;
};

struct Pattern {
  std::string id, title, description;  // description: one line
  std::string go_source;               // the Go program it corresponds to, line for line
  std::vector<Param> params;
  std::function<void(const Args&)> body;  // runs as goroutine 1 under gort::run
  int expected_exit = 0;                  // 2 for the intentional deadlock
};

// Every pattern, in gallery order.
const std::vector<Pattern>& all();
// The pattern with this id, or nullptr.
const Pattern* find(std::string_view id);

// The defaults, overridden by "name=value" pairs. Returns an error message
// (unknown name, not an integer, out of range) and leaves out unspecified on
// failure; returns "" on success.
std::string make_args(const Pattern& p, const std::vector<std::pair<std::string, std::string>>& kv,
                      Args& out);
// go_source with its parameter constants set to args (same lines, same numbering).
std::string source(const Pattern& p, const Args& args);
// The value of the constant `name` in a Go text, read from its line as
// source() writes it (`name = N` in a const block, or `const name = N`);
// nothing if the text has no such line.
std::optional<int> const_value(std::string_view text, std::string_view name);
// Writes `value` on that line; false (text unchanged) if there is none.
bool set_const(std::string& text, std::string_view name, int value);

// A pattern's Go text as shown and run: its .go file without the trailing
// `//golden:` lines, which tell the golden tests how to compare its output.
std::string go_text(std::string_view file);

}  // namespace gort::patterns
