// The share-link codec (web/share_link.cpp) against links as they were
// written by each link format, kept here as text: they must keep opening
// the same way. And hostile links (markup, script, huge or truncated
// values, unknown keys): each is refused with a message, and the options
// are left as they were.
#include <doctest/doctest.h>

#include <gort/config.hpp>
#include <set>
#include <string>
#include <vector>

#include "share_link.hpp"

using namespace gort::web;

namespace {

int param(const Link& l, const std::string& name) {
  for (const auto& [n, v] : l.options.params)
    if (n == name) return v;
  FAIL("no parameter ", name);
  return 0;
}

}  // namespace

TEST_CASE("web share link: links of every format open as they always did") {
  Link l;
  // Format 1 (no v=): options only.
  REQUIRE(decode("?pattern=worker_pool&workers=5&procs=2&speed=0.5&seed=42&det=1", l) == "");
  CHECK(l.options.pattern == "worker_pool");
  CHECK(param(l, "workers") == 5);
  CHECK(l.options.procs == 2);
  CHECK(l.options.speed == 0.5);
  CHECK(l.options.seed == 42);
  CHECK(l.options.deterministic);
  CHECK_FALSE(l.options.compare);
  CHECK(l.options.code.empty());
  CHECK(encode(l) == "pattern=worker_pool&workers=5&procs=2&speed=0.5&seed=42&det=1&v=2");

  // Format 2: v=2, compare=, and code= (percent-encoded in the codec; the
  // page inflates its deflated form first).
  REQUIRE(decode("pattern=concurrency_vs_parallelism&procs=4&compare=1&v=2", l) == "");
  CHECK(l.options.compare);
  CHECK(l.options.procs == 4);
  const std::string code =
      "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"shared "
      "<b>&amp;</b>\")\n}\n";
  REQUIRE(decode("seed=7&det=1&v=2&code=package%20main%0A%0Aimport%20%22fmt%22%0A%0Afunc%20main()"
                 "%20%7B%0A%09fmt.Println(%22shared%20%3Cb%3E%26amp%3B%3C%2Fb%3E%22)%0A%7D%0A",
                 l) == "");
  CHECK(l.options.pattern.empty());
  CHECK(l.options.code == code);
  CHECK(l.options.seed == 7);
  Link back;
  REQUIRE(decode(encode(l), back) == "");
  CHECK(back.options.code == code);
  // The fastest speed prints with an exponent, whose '+' must not become a space.
  l.options.speed = gort::Config::kMaxSpeed;
  REQUIRE(decode(encode(l), back) == "");
  CHECK(back.options.speed == gort::Config::kMaxSpeed);
}

TEST_CASE("web share link: every key encode() writes is a reserved key or a parameter") {
  Link l;
  REQUIRE(decode("pattern=worker_pool&workers=5&procs=2&speed=0.5&seed=42&det=1&compare=1&embed=1",
                 l) == "");
  l.options.code = "package main\n\nfunc main() {}\n";
  std::string q = encode(l);
  std::set<std::string> keys;
  for (std::size_t at = 0; at < q.size();) {
    std::size_t amp = q.find('&', at);
    std::string item = q.substr(at, amp == std::string::npos ? std::string::npos : amp - at);
    keys.insert(item.substr(0, item.find('=')));
    at = amp == std::string::npos ? q.size() : amp + 1;
  }
  CHECK(keys.size() == 9);  // all but bench
  for (const std::string& k : keys) {
    INFO(k);
    bool reserved = false;
    for (std::string_view r : kReservedKeys) reserved |= r == k;
    CHECK(reserved);
  }
}

TEST_CASE("web share link: hostile links are refused and change nothing") {
  Link l;
  l.options.pattern = "untouched";
  const std::string huge(100000, '9');
  for (const std::string& q : std::vector<std::string>{
           "pattern=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
           "pattern=<img src=x onerror=alert(1)>",
           "pattern=buffered&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1",
           "pattern=buffered&capacity=%3Cb%3E2%3C%2Fb%3E",
           "pattern=buffered&capacity=2147483648",
           "pattern=buffered&capacity=-99999999999999999999",
           "pattern=buffered&capacity=" + huge,
           "procs=" + huge,
           "procs=99999999999999999999",
           "seed=99999999999999999999999",
           "seed=1e9",
           "speed=1e999",
           "speed=nan",
           "speed=inf",
           "speed=-1",
           "v=99999999999999999999",
           "v=3",
           "det=%3Cscript%3E",
           "embed=javascript:alert(1)",
           "compare=2",
           "bench=" + huge,
           "code=",
           "code=x&onload=alert(1)",
           "pattern=ping_pong%2",
           "pattern=buffered&capacity=",
           "pattern=buffered&capacity",
       }) {
    INFO(q.substr(0, 80));
    CHECK(decode(q, l) != "");
    CHECK(l.options.pattern == "untouched");
  }
}
