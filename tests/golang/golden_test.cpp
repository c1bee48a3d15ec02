// The golden tests through the Go interpreter (tests/golden/golden.cmake):
// every program compiled in (the gallery's Go texts and tests/golden's
// conformance programs) is compiled by gort::golang and run, then compared
// with what Go 1.19 printed, under the program's //golden: marks. A program
// meant not to compile prints its errors as `go build` does, exit code 2.
#include <doctest/doctest.h>

#include <gort/golang.hpp>
#include <gort/gort.hpp>
#include <string>

#include "../golden_util.hpp"
#include "compare.hpp"

namespace {

using gort::golden::Output;

Output run(const gort::golang::Compiled& c, int procs, bool deterministic, std::uint64_t seed) {
  Output got;
  if (!c.ok()) {
    got.err = "# command-line-arguments\n" + c.error_text();
    got.exit_code = 2;
    return got;
  }
  auto prog = c.program;
  return golden_test::run_program(procs, deterministic, seed, [prog] { prog->main(); });
}

}  // namespace

TEST_CASE("golden: the Go interpreter prints what Go prints for every program") {
  for (const std::string& name : golden_test::programs()) {
    CAPTURE(name);
    std::string_view go = golden_test::file(name + ".go");
    const Output want = golden_test::expected(name);
    gort::golang::Compiled c = gort::golang::compile(go, name + ".go");
    bool compiles_as_go = c.errors.empty() || want.exit_code == 2;
    CHECK_MESSAGE(compiles_as_go, c.error_text());
    golden_test::check_runs(go, want, [&](int procs, bool det, std::uint64_t seed) {
      return run(c, procs, det, seed);
    });
  }
}
