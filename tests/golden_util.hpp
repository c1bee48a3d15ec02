// The golden files compiled into gort_tests (tests/golden/golden.cmake): a
// gallery pattern's Go text and what Go printed for it, by pattern id.
#pragma once

#include <doctest/doctest.h>

#include <golden_files.hpp>
#include <string>
#include <string_view>

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

// What Go printed for pattern `id`: stdout, the first line of stderr, exit code.
inline gort::golden::Output expected(const std::string& id) {
  return {std::string(file(id + ".out")), std::string(file(id + ".err1")),
          gort::golden::parse_exit(file(id + ".exit"))};
}

}  // namespace golden_test
