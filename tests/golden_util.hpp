// The golden files compiled into gort_tests (tests/golden/golden.cmake): every
// program's Go text and what Go printed for it, by name.
#pragma once

#include <doctest/doctest.h>

#include <golden_files.hpp>
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

}  // namespace golden_test
