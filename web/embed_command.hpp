// The commands a page sends to the playground embedded in its iframe
// (web/embed.js, README "Embedding"), parsed from the message's JSON text:
//
//   {"gort": 1, "type": "run"|"pause"|"step"|"restart"|"set", "params": {...}, "code": "..."}
//
// params (run and set only): the link's keys (share_link.hpp) with JSON
// numbers, booleans (1/0) or strings as values: "pattern", a pattern's
// parameters by name, "procs", "speed", "seed", "det", "compare". code
// (run and set only): the Go text to run. set changes what the next run
// runs; run does so, then runs it (a run with neither, while a run's
// playback is paused, resumes it); pause, step and restart act as the
// controls' buttons do.
//
// Invariants: parse_embed_command is a pure function of the text: it
// accepts exactly the form above (no other field, no repeated field, no
// value of another type, a text of at most kMaxCommandBytes) and returns
// why anything else was refused. What a value means is checked when
// embed_query's result is decoded as a link, so a command and a link accept
// the same values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gort::web {

inline constexpr std::size_t kMaxCommandBytes = 1 << 20;

struct EmbedCommand {
  enum class Type { Run, Pause, Step, Restart, Set } type = Type::Run;
  std::vector<std::pair<std::string, std::string>> params;  // key, value as a link writes it
  std::optional<std::string> code;
};

// Returns "" and fills `out`, or why the text is not a command (and leaves
// `out` alone).
std::string parse_embed_command(std::string_view json, EmbedCommand& out);

// The link query (share_link.hpp) of the options `query` holds with the
// command's params and code put over them: a given key replaces the
// query's; a new pattern drops the old one's parameters and code; code
// replaces the code.
std::string embed_query(std::string_view query, const EmbedCommand& cmd);

}  // namespace gort::web
