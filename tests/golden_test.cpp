// The golden tests run in-process (tests/golden/golden.cmake): every gallery
// pattern's C++ twin against what Go 1.19 printed for its Go text, and the
// comparator itself, which must tell apart what Go leaves unspecified from
// what it does not.
#include <doctest/doctest.h>

#include <gort/gort.hpp>
#include <string>
#include <string_view>

#include "compare.hpp"
#include "golden_util.hpp"
#include "pattern.hpp"

namespace {

using gort::golden::compare;
using gort::golden::Output;
using gort::patterns::Pattern;

// Runs p at its default parameters (golden_test::run_program).
Output run(const Pattern& p, int procs, bool deterministic, std::uint64_t seed) {
  gort::patterns::Args args;
  REQUIRE(gort::patterns::make_args(p, {}, args).empty());
  return golden_test::run_program(procs, deterministic, seed, [&] { p.body(args); });
}

}  // namespace

TEST_CASE("golden: every gallery pattern's C++ twin prints what Go prints for its Go text") {
  for (const Pattern& p : gort::patterns::all()) {
    CAPTURE(p.id);
    std::string_view go = golden_test::file(p.id + ".go");
    const Output want = golden_test::expected(p.id);
    // The gallery shows and runs exactly the file's program.
    CHECK(gort::patterns::go_text(go) == p.go_source);
    CHECK(want.exit_code == p.expected_exit);
    golden_test::check_runs(go, want, [&](int procs, bool det, std::uint64_t seed) {
      return run(p, procs, det, seed);
    });
  }
}

TEST_CASE("golden: every program has its expected files, and every gallery text is a pattern") {
  int gallery = 0;
  for (const std::string& name : golden_test::programs()) {
    CAPTURE(name);
    const Output want = golden_test::expected(name);  // fails the test if a file is missing
    CHECK(want.exit_code >= 0);
    if (gort::patterns::find(name)) gallery++;
  }
  CHECK(gallery == static_cast<int>(gort::patterns::all().size()));
}

TEST_CASE("golden: the comparator is exact where no mark says otherwise") {
  const std::string go = "package main\n\nfunc main() {}\n";
  const Output want{"a\nb\n", "", 0};
  CHECK(compare(go, want, {"a\nb\n", "", 0}).empty());
  CHECK(!compare(go, want, {"b\na\n", "", 0}).empty());
  CHECK(!compare(go, want, {"a\nb", "", 0}).empty());              // the final newline
  CHECK(!compare(go, want, {"a\nb\nc\n", "", 0}).empty());         // a line more
  CHECK(!compare(go, want, {"a\n", "", 0}).empty());               // a line less
  CHECK(!compare(go, want, {"a\nb\n", "", 2}).empty());            // the exit code
  CHECK(!compare(go, want, {"a\nb\n", "panic: x\n", 0}).empty());  // stderr
  const Output panicked{"", "panic: boom\n", 2};
  CHECK(compare(go, panicked, {"", "panic: boom\n\ngoroutine 1 [running]:\n", 2}).empty());
  CHECK(!compare(go, panicked, {"", "panic: bang\n", 2}).empty());
  std::string diff = compare(go, want, {"a\nc\n", "", 0});
  CHECK(diff.find("expected line 2 \"b\", got line 2 \"c\"") != std::string::npos);
}

TEST_CASE("golden: interleave lets marked lines reorder between fixed lines, streams in order") {
  const std::string go = "package main\n\nfunc main() {}\n\n//golden:interleave ^w(\\d) \n";
  const Output want{"start\nw1 a\nw2 a\nw1 b\nw2 b\nend\n", "", 0};
  CHECK(compare(go, want, {"start\nw2 a\nw2 b\nw1 a\nw1 b\nend\n", "", 0}).empty());
  CHECK(compare(go, want, {"start\nw1 a\nw1 b\nw2 a\nw2 b\nend\n", "", 0}).empty());
  // A stream's own order holds.
  CHECK(!compare(go, want, {"start\nw1 b\nw1 a\nw2 a\nw2 b\nend\n", "", 0}).empty());
  // Fixed lines stay put: a marked line may not cross one.
  CHECK(!compare(go, want, {"w1 a\nstart\nw2 a\nw1 b\nw2 b\nend\n", "", 0}).empty());
  CHECK(!compare(go, want, {"start\nw1 a\nw2 a\nw1 b\nend\nw2 b\n", "", 0}).empty());
  // The same lines, not merely as many.
  CHECK(!compare(go, want, {"start\nw1 a\nw2 a\nw1 b\nw1 b\nend\n", "", 0}).empty());

  const std::string any = "package main\n\nfunc main() {}\n\n//golden:interleave ^\\d+$\n";
  const Output squares{"1\n4\n9\ndone\n", "", 0};
  CHECK(compare(any, squares, {"9\n1\n4\ndone\n", "", 0}).empty());
  CHECK(!compare(any, squares, {"9\n1\n5\ndone\n", "", 0}).empty());
  CHECK(!compare(any, squares, {"9\n1\ndone\n4\n", "", 0}).empty());
}

TEST_CASE("golden: mask hides a marked value that matches its pattern, nothing else") {
  const std::string go =
      "package main\n\nfunc main() {}\n\n//golden:mask took (\\d+ms)$\n"
      "//golden:interleave ^(\\w+) took\n";
  const Output want{"a took 85ms\nb took 98ms\n", "", 0};
  CHECK(compare(go, want, {"b took 0ms\na took 7ms\n", "", 0}).empty());
  CHECK(!compare(go, want, {"a took soon\nb took 98ms\n", "", 0}).empty());
  CHECK(!compare(go, want, {"a took 85ms\nc took 98ms\n", "", 0}).empty());
  // Without a group the whole match is masked; every match in a line is.
  const std::string hex = "package main\n\nfunc main() {}\n\n//golden:mask 0x[0-9a-f]+\n";
  CHECK(compare(hex, {"p=0xc000012 q=0xc000018\n", "", 0}, {"p=0x1 q=0xff\n", "", 0}).empty());
  CHECK(!compare(hex, {"p=0xc000012\n", "", 0}, {"p=0x1 q=0xff\n", "", 0}).empty());
}

TEST_CASE("golden: malformed marks are reported, never ignored") {
  const Output want{"a\n", "", 0};
  const Output same = want;
  for (const char* go : {
           "package main\n\n//golden:interleave a\n\nfunc main() {}\n",  // not at the end
           "package main\n\nfunc main() {}\n\n//golden:shuffle a\n",     // unknown
           "package main\n\nfunc main() {}\n\n//golden:mask (\n",        // bad regex
           "package main\n\nfunc main() {}\n\n//golden:mask\n",          // no regex
           "package main\n\nfunc main() {}\n\n//golden:by-hand\n",       // no reason
       }) {
    CAPTURE(go);
    CHECK(compare(go, want, same).find("malformed //golden: directive") == 0);
  }
  CHECK(
      gort::golden::by_hand("package main\n\nfunc main() {}\n\n//golden:by-hand range over int\n"));
  CHECK(!gort::golden::by_hand("package main\n\nfunc main() {}\n"));
  CHECK(gort::golden::parse_exit("2\n") == 2);
  CHECK(gort::golden::parse_exit("0") == 0);
  CHECK(gort::golden::parse_exit("") == -1);
  CHECK(gort::golden::parse_exit("x\n") == -1);
}
