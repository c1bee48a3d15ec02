// Formatting (core/src/format.cpp, print.hpp): gort::println / sprintln
// print exactly what Go's fmt.Println prints. The expected strings were
// produced by Go 1.19's fmt.Println on the same values and are hard-coded.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "test_util.hpp"

using namespace gort_test;
using namespace std::chrono_literals;
using gort::sprintln;

TEST_CASE("format: integers, bools and strings") {
  CHECK(sprintln(42, -7, 0) == "42 -7 0\n");
  CHECK(sprintln(std::numeric_limits<std::uint64_t>::max(),
                 std::numeric_limits<std::int64_t>::min()) ==
        "18446744073709551615 -9223372036854775808\n");
  CHECK(sprintln(std::int8_t(-128), std::uint8_t(255), std::int16_t(-3),
                 std::uint32_t(4000000000u)) == "-128 255 -3 4000000000\n");
  CHECK(sprintln(true, false) == "true false\n");
  CHECK(sprintln("hello", std::string("world")) == "hello world\n");
  CHECK(sprintln(std::string_view("view")) == "view\n");
  CHECK(sprintln() == "\n");
  CHECK(sprintln("got", 3, true, "x") == "got 3 true x\n");
  CHECK(sprintln(char(65)) == "65\n");  // Go has no char: a byte prints as a number
  CHECK(sprintln("", "") == " \n");     // Println always puts a space between operands
}

TEST_CASE("format: float64 like Go's %v") {
  CHECK(sprintln(3.14, 1.0, 100.0, -2.5) == "3.14 1 100 -2.5\n");
  CHECK(sprintln(1e6, 1e21, 1e20, 123456.0, 999999.0, 1234567.0) ==
        "1e+06 1e+21 1e+20 123456 999999 1.234567e+06\n");
  CHECK(sprintln(0.0001, 0.00001, 1.0 / 3, 2.0 / 3) ==
        "0.0001 1e-05 0.3333333333333333 0.6666666666666666\n");
  volatile double a = 0.1, b = 0.2;
  CHECK(sprintln(a + b, a * 3, 1 / a) == "0.30000000000000004 0.30000000000000004 10\n");
  CHECK(sprintln(2.5e-7, std::numeric_limits<double>::max(),
                 std::numeric_limits<double>::denorm_min()) ==
        "2.5e-07 1.7976931348623157e+308 5e-324\n");
  CHECK(sprintln(-0.0, 0.0, std::nan(""), std::numeric_limits<double>::infinity(),
                 -std::numeric_limits<double>::infinity()) == "-0 0 NaN +Inf -Inf\n");
  CHECK(sprintln(1e-5, 12345678.9) == "1e-05 1.23456789e+07\n");
  double x = 100.0;
  for (int i = 0; i < 25; i++) x /= 7;
  CHECK(sprintln(x) == "7.456739985837358e-20\n");
}

TEST_CASE("format: float32 with float32's shortest digits") {
  CHECK(sprintln(0.1f, 1.0f / 3, 16777216.0f, 1e10f, 3.4e38f) ==
        "0.1 0.33333334 1.6777216e+07 1e+10 3.4e+38\n");
  CHECK(sprintln(2.5f, -0.75f) == "2.5 -0.75\n");
  volatile float f = 0.1f;
  CHECK(sprintln(f * 3, static_cast<double>(f)) == "0.3 0.10000000149011612\n");
}

TEST_CASE("format: durations like Go's time.Duration") {
  CHECK(sprintln(0ns, 1ns, 1500ns, 1500us) == "0s 1ns 1.5µs 1.5ms\n");
  CHECK(sprintln(1500ms, 90s, 1h + 2min + 3500ms) == "1.5s 1m30s 1h2m3.5s\n");
  CHECK(sprintln(-5s, 100ms, 1us, 2h, 61min) == "-5s 100ms 1µs 2h0m0s 1h1m0s\n");
  CHECK(sprintln(std::chrono::nanoseconds::max(), std::chrono::nanoseconds::min(), 999ns, 1001us) ==
        "2562047h47m16.854775807s -2562047h47m16.854775808s 999ns 1.001ms\n");
  CHECK(sprintln(1234567891ns, 59s + 999ms) == "1.234567891s 59.999s\n");
  CHECK(sprintln(gort::Duration(250ms)) == "250ms\n");
}

TEST_CASE("format: println and printf write to the program's standard output") {
  for_each_mode([](gort::Config cfg) {
    auto r = run_captured(cfg, [] {
      gort::println("x =", 1.5, 6L, 10ms, true);
      gort::printf("%5.2f|%d|%s\n", 3.14159, -4, "str");
      gort::print("no newline");
    });
    CHECK(r.code == 0);
    CHECK(r.out == "x = 1.5 6 10ms true\n 3.14|-4|str\nno newline");
    CHECK(r.err == "");
  });
}
