// How many parked goroutines a build holds: parks goroutines (each blocked
// on a channel receive) until the runtime ends the program with "fatal
// error: runtime: out of memory", or until --max of them, then runs a
// second program to show the process is still usable. Prints "parked N",
// the first program's exit code and first line of stderr, and "next: ok".
// For the WebAssembly builds (DESIGN.md, Parked goroutines per build):
//   node build/wasm-mt/bench/park_bench.js [--stack-kib K] [--max N]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <gort/gort.hpp>
#include <string>

int main(int argc, char** argv) {
  gort::Config cfg;
  long max = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--stack-kib") == 0) {
      cfg.stack_size = static_cast<std::size_t>(std::atof(argv[i + 1]) * 1024);
    } else if (std::strcmp(argv[i], "--max") == 0) {
      max = std::atol(argv[i + 1]);
    }
  }
  std::string err;
  cfg.err = [&](std::string_view s) { err.append(s); };
  long parked = 0;
  int code = gort::run(cfg, [&] {
    auto never = gort::make_chan<int>();
    while (max == 0 || parked < max) {
      gort::go([never] { never.recv(); });
      parked++;
    }
  });
  std::printf("parked %ld\nexit %d: %s\n", parked, code, err.substr(0, err.find('\n')).c_str());
  int sum = 0;
  int next = gort::run(gort::Config{}, [&] {
    auto c = gort::make_chan<int>(10);
    for (int i = 0; i < 10; i++) gort::go([c, i] { c.send(i); });
    for (int i = 0; i < 10; i++) sum += c.recv();
  });
  std::printf("next: %s\n", next == 0 && sum == 45 ? "ok" : "FAILED");
  return next == 0 && sum == 45 ? 0 : 1;
}
