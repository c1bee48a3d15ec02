// Fuzzes the CLI's arguments (core/cli/options.hpp): the input is a
// command line, its arguments separated by NUL bytes, as main() receives
// it. `run` and `source` arguments go through parse_options, and a
// pattern's --param values through patterns::make_args and
// patterns::source, as `gort source` does; nothing runs. A bad command line
// must end in UsageError (or make_args's message), nothing else.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "options.hpp"
#include "pattern.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> args;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\0', start);
    if (end == std::string_view::npos) end = text.size();
    args.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (args.empty() || (args[0] != "run" && args[0] != "source")) return 0;
  bool run = args[0] == "run";
  args.erase(args.begin());
  try {
    gort::cli::Options o = gort::cli::parse_options(args, run);
    if (const gort::patterns::Pattern* p = gort::patterns::find(o.pattern)) {
      gort::patterns::Args pargs;
      if (gort::patterns::make_args(*p, o.params, pargs).empty()) {
        gort::patterns::source(*p, pargs);
      }
    }
  } catch (const gort::cli::UsageError&) {
  }
  return 0;
}
