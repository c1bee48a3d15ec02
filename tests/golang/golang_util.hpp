// Helpers for the Go interpreter's tests: compiling and running a Go text
// with its output captured.
#pragma once

#include <doctest/doctest.h>

#include <gort/golang.hpp>
#include <gort/gort.hpp>
#include <string>
#include <string_view>

namespace golang_test {

struct Result {
  int exit = -1;
  std::string out, err;  // standard output and error
  std::string compile_errors;
};

// Compiles src as `file` and runs it deterministically (virtual time, one
// seed; 0 draws one at random) on `procs` Ps (0: as many as cores), within
// `limits`; or, !deterministic, on `procs` threads in real time.
inline Result run_go(std::string_view src, std::uint64_t seed = 1, int procs = 0,
                     std::string_view file = "prog.go", const gort::golang::Limits& limits = {},
                     bool deterministic = true) {
  Result r;
  gort::golang::Compiled c = gort::golang::compile(src, file);
  if (!c.ok()) {
    r.compile_errors = c.error_text();
    return r;
  }
  gort::Config cfg;
  cfg.set_deterministic(deterministic);
  cfg.seed = seed;
  cfg.gomaxprocs = procs;
  cfg.out = [&r](std::string_view s) { r.out += s; };
  cfg.err = [&r](std::string_view s) { r.err += s; };
  auto prog = c.program;
  r.exit = gort::run(cfg, [prog, &limits] { prog->main(limits); });
  return r;
}

// The compile errors of src as `go build` prints them ("" when it compiles).
inline std::string errors_of(std::string_view src) {
  return gort::golang::compile(src).error_text();
}

}  // namespace golang_test
