// The golden files compiled into gort_tests (tests/golden/golden.cmake): every
// program's Go text and what Go printed for it, by name.
#pragma once

#include <doctest/doctest.h>

#include <functional>
#include <golden_files.hpp>
#include <gort/gort.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "compare.hpp"

namespace golden_test {

// The compiled-in file `name` ("worker_pool.out"); fails the test if absent.
inline std::string_view file(const std::string& name) {
  for (const auto& f : gort::golden::files::kFiles) {
    if (f.name == name) return f.text;
  }
  FAIL("tests/golden: no " << name << " (bash tests/golden/regen writes expected files)");
  return {};
}

// What Go printed for program `name`: stdout, the first line of stderr, exit code.
inline gort::golden::Output expected(const std::string& name) {
  return {std::string(file(name + ".out")), std::string(file(name + ".err1")),
          gort::golden::parse_exit(file(name + ".exit"))};
}

// Every program compiled in, by name ("worker_pool"), in file-name order:
// the gallery's Go texts and tests/golden's conformance programs.
inline std::vector<std::string> programs() {
  std::vector<std::string> names;
  for (const auto& f : gort::golden::files::kFiles) {
    if (f.name.ends_with(".go")) names.emplace_back(f.name.substr(0, f.name.size() - 3));
  }
  return names;
}

// Runs body as a program on virtual time with `procs` Ps (deterministic:
// simulated, with this seed), its stdout and stderr apart; the exit code.
inline gort::golden::Output run_program(int procs, bool deterministic, std::uint64_t seed,
                                        const std::function<void()>& body) {
  gort::golden::Output got;
  gort::Config cfg;
  cfg.gomaxprocs = procs;
  cfg.clock = gort::ClockMode::Virtual;
  if (deterministic) cfg.sched = gort::SchedMode::Simulated;
  cfg.seed = seed;
  cfg.out = [&got](std::string_view s) { got.out += s; };
  cfg.err = [&got](std::string_view s) { got.err += s; };
  got.exit_code = gort::run(cfg, body);
  return got;
}

// Checks the runs of program `go` against want: deterministic on 4 Ps with
// seeds 1, 2 and 3, then on threads (2 Ps). run(procs, deterministic, seed).
inline void check_runs(std::string_view go, const gort::golden::Output& want,
                       const std::function<gort::golden::Output(int, bool, std::uint64_t)>& run) {
  for (std::uint64_t seed : {1, 2, 3}) {
    CAPTURE(seed);
    std::string diff = gort::golden::compare(go, want, run(4, true, seed));
    CHECK_MESSAGE(diff.empty(), "deterministic, 4 procs:\n" << diff);
  }
  std::string diff = gort::golden::compare(go, want, run(2, false, 0));
  CHECK_MESSAGE(diff.empty(), "virtual time, 2 procs:\n" << diff);
}

}  // namespace golden_test
