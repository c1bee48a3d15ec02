// The CLI's arguments: what follows `gort run` or `gort source`, parsed into
// Options (core/cli/main.cpp runs them; tests/fuzz/cli_args_fuzz.cpp fuzzes
// the parser).
//
// Invariants: parse_options either returns Options whose values are in
// range (procs in 0..Config::kMaxProcs, limits representable, a pattern or
// file named) or throws UsageError with a message for the user; it reads
// nothing but its arguments.
#pragma once

#include <cstdint>
#include <gort/golang.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gort::cli {

// A usage error: its message goes to stderr and the exit code is 2.
struct UsageError {
  std::string message;
};

struct Options {
  std::string pattern;
  int procs = 0;
  std::uint64_t seed = 0;
  bool virtual_time = false, deterministic = false, trace = false;
  std::string trace_json;  // --trace-json's file, "" = none
  std::vector<std::pair<std::string, std::string>> params;
  gort::golang::Limits limits;
  std::string limit_flag;  // the first --max-* flag given, "" = none
};

// Parses what follows `gort run` or `gort source`; `run` says which flags apply.
Options parse_options(const std::vector<std::string_view>& args, bool run);

}  // namespace gort::cli
