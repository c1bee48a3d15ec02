// golden_compare: the golden-test comparator (compare.hpp) as a program, for
// the tests that run a program outside the test binary (check.sh: `gort run
// NAME.go`; tests/e2e: the playground in Chromium).
//
//   golden_compare NAME.go EXPECTED STDOUT_FILE STDERR_FILE EXIT_CODE
//
// EXPECTED is the expected files' path without extension (tests/golden/NAME:
// NAME.out, NAME.exit, NAME.err1). Exit code 0 when the run matches, 1 with
// the difference on stdout when it does not, 2 when a file cannot be read.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "compare.hpp"

namespace {

bool read(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "golden_compare: cannot read %s\n", path.c_str());
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  text = s.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr,
                 "usage: golden_compare NAME.go EXPECTED STDOUT_FILE STDERR_FILE EXIT_CODE\n");
    return 2;
  }
  const std::string expected = argv[2];
  std::string go, exit_text;
  gort::golden::Output want, got;
  if (!read(argv[1], go) || !read(expected + ".out", want.out) ||
      !read(expected + ".exit", exit_text) || !read(expected + ".err1", want.err) ||
      !read(argv[3], got.out) || !read(argv[4], got.err)) {
    return 2;
  }
  want.exit_code = gort::golden::parse_exit(exit_text);
  got.exit_code = gort::golden::parse_exit(argv[5]);
  if (want.exit_code < 0) {
    std::fprintf(stderr, "golden_compare: %s.exit holds no exit code\n", expected.c_str());
    return 2;
  }
  std::string diff = gort::golden::compare(go, want, got);
  if (diff.empty()) return 0;
  std::fputs(diff.c_str(), stdout);
  return 1;
}
