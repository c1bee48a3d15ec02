// The embed's commands (web/embed_command.hpp), panels (web/embed_panels.hpp)
// and link keys (web/share_link.hpp): what the host page can send and what
// its frame's URL can say.
#include <doctest/doctest.h>

#include <cstdint>

#include "embed_command.hpp"
#include "embed_panels.hpp"
#include "share_link.hpp"

using namespace gort::web;
using Type = EmbedCommand::Type;

namespace {
std::string refused(std::string_view json) {
  EmbedCommand c;
  c.type = Type::Pause;
  std::string err = parse_embed_command(json, c);
  CHECK(c.type == Type::Pause);  // a refused command leaves out alone
  return err;
}
}  // namespace

TEST_CASE("embed command: every type, with params and code") {
  EmbedCommand c;
  for (auto [name, type] : {std::pair{"run", Type::Run},
                            {"pause", Type::Pause},
                            {"step", Type::Step},
                            {"restart", Type::Restart},
                            {"set", Type::Set}}) {
    REQUIRE(parse_embed_command(std::string("{\"gort\":1,\"type\":\"") + name + "\"}", c) == "");
    CHECK(c.type == type);
    CHECK(c.params.empty());
    CHECK(!c.code);
  }
  REQUIRE(parse_embed_command(R"( {"type": "set", "gort": 1, "code": "package main\n\u00e9",
      "params": {"workers": 5, "det": true, "compare": false, "speed": 0.5,
                 "seed": 18446744073709551615, "pattern": "worker_pool"}} )",
                              c) == "");
  CHECK(c.type == Type::Set);
  CHECK(c.code == "package main\n\xc3\xa9");
  // The params in key order (a JSON object's), numbers as written.
  using P = std::pair<std::string, std::string>;
  CHECK(c.params == std::vector<P>{{"compare", "0"},
                                   {"det", "1"},
                                   {"pattern", "worker_pool"},
                                   {"seed", "18446744073709551615"},
                                   {"speed", "0.5"},
                                   {"workers", "5"}});
}

TEST_CASE("embed command: anything else is refused, saying why") {
  CHECK(refused("").find("not JSON") == 0);
  CHECK(refused("{\"gort\":1,\"type\":\"run\"").find("not JSON") == 0);
  CHECK(refused("[1]") == "a command is a JSON object");
  CHECK(refused("{\"type\":\"run\"}") == "gort must be 1 (the protocol's version)");
  CHECK(refused("{\"gort\":2,\"type\":\"run\"}") == "gort must be 1 (the protocol's version)");
  CHECK(refused("{\"gort\":\"1\",\"type\":\"run\"}") == "gort must be 1 (the protocol's version)");
  CHECK(refused("{\"gort\":1,\"type\":\"stop\"}").find("type must be") == 0);
  CHECK(refused("{\"gort\":1,\"type\":1}").find("type must be") == 0);
  CHECK(refused("{\"gort\":1,\"type\":\"run\",\"id\":3}") == "unknown field \"id\"");
  CHECK(refused("{\"gort\":1,\"type\":\"pause\",\"params\":{}}") == "only run and set take params");
  CHECK(refused("{\"gort\":1,\"type\":\"step\",\"code\":\"x\"}") == "only run and set take code");
  CHECK(refused("{\"gort\":1,\"type\":\"run\",\"params\":[]}") == "params must be an object");
  CHECK(refused("{\"gort\":1,\"type\":\"run\",\"params\":{\"a\":[1]}}") ==
        "params.a must be a number, a boolean or a string");
  CHECK(refused("{\"gort\":1,\"type\":\"run\",\"params\":{\"a\":null}}") ==
        "params.a must be a number, a boolean or a string");
  CHECK(refused("{\"gort\":1,\"type\":\"run\",\"params\":{\"embed\":0}}") ==
        "params cannot set \"embed\"");
  CHECK(refused("{\"gort\":1,\"type\":\"run\",\"params\":{\"code\":\"x\"}}") ==
        "params cannot set \"code\"");
  CHECK(refused("{\"gort\":1,\"type\":\"run\",\"code\":\"\"}") ==
        "code must be a non-empty string of Go source");
  CHECK(refused("{\"gort\":1,\"type\":\"run\",\"code\":7}") ==
        "code must be a non-empty string of Go source");
  std::string big =
      "{\"gort\":1,\"type\":\"run\",\"code\":\"" + std::string(kMaxCommandBytes, 'x') + "\"}";
  CHECK(refused(big).find("a command is at most") == 0);
}

TEST_CASE("embed command: params and code go over the link's options") {
  EmbedCommand c;
  const std::string now = "pattern=worker_pool&workers=5&procs=2&embed=1&v=2";
  REQUIRE(parse_embed_command(R"({"gort":1,"type":"set","params":{"procs":3,"numJobs":4}})", c) ==
          "");
  std::string q = embed_query("?" + now, c);
  CHECK(q == "pattern=worker_pool&workers=5&embed=1&v=2&numJobs=4&procs=3");
  Link l;
  REQUIRE(decode(q, l) == "");
  CHECK(l.options.procs == 3);
  CHECK(l.embed);

  // A new pattern drops the old one's parameters and code.
  REQUIRE(parse_embed_command(R"({"gort":1,"type":"run","params":{"pattern":"ping_pong"}})", c) ==
          "");
  CHECK(embed_query(now + "&code=x", c) == "procs=2&embed=1&v=2&pattern=ping_pong");
  // Code replaces the code, and is escaped as the codec reads it back.
  REQUIRE(parse_embed_command(R"({"gort":1,"type":"run","code":"a&b=c d"})", c) == "");
  q = embed_query(now + "&code=x", c);
  CHECK(q == now + "&code=a%26b%3Dc%20d");
  // A value the link refuses is refused by decode, as in a link.
  REQUIRE(parse_embed_command(R"({"gort":1,"type":"set","params":{"procs":99}})", c) == "");
  CHECK(decode(embed_query(now, c), l).find("procs must be") == 0);
}

TEST_CASE("embed panels and paused travel in the link, origin and id are the page's") {
  unsigned p = 0;
  REQUIRE(panel::parse("console,graph", p) == "");
  CHECK(p == (panel::kGraph | panel::kConsole));
  CHECK(panel::text(p) == "graph,console");
  CHECK(panel::text(panel::kAll) == "graph,timeline,console,source,controls");
  CHECK(panel::parse("graph,graph", p) == "panels lists \"graph\" twice");
  CHECK(panel::parse("", p).find("panels must list") == 0);
  CHECK(panel::parse("graph,", p).find("panels must list") == 0);

  Link l;
  REQUIRE(decode("pattern=ping_pong&embed=1&panels=graph,controls&paused=1&origin=http%3A%2F%2Fx"
                 "&id=3",
                 l) == "");
  CHECK(l.panels == (panel::kGraph | panel::kControls));
  CHECK(l.paused);
  CHECK(encode(l) == "pattern=ping_pong&embed=1&panels=graph,controls&paused=1&v=2");
  CHECK(decode("embed=1&paused=2", l) == "paused must be 0 or 1, not \"2\"");
  CHECK(decode("embed=1&panels=stats", l).find("panels must list") == 0);
  Link all;
  REQUIRE(decode("pattern=ping_pong&embed=1", all) == "");
  CHECK(all.panels == panel::kAll);
  CHECK(!all.paused);
}

TEST_CASE("embed command: mutated commands are refused or parsed, never more") {
  // A fixed-seed mutation run over a valid command: each byte flipped,
  // dropped or duplicated; whatever comes back is "" with a command of the
  // five types, or a reason. (A fuzzer drives the same function.)
  const std::string valid =
      R"({"gort":1,"type":"run","params":{"procs":2,"det":true},"code":"package main\n"})";
  std::uint64_t x = 42;
  auto next = [&x] { return x = x * 6364136223846793005ULL + 1442695040888963407ULL, x >> 33; };
  int accepted = 0;
  for (int i = 0; i < 5000; i++) {
    std::string s = valid;
    for (int k = 0; k < 3; k++) {
      std::size_t at = next() % s.size();
      switch (next() % 3) {
        case 0:
          s[at] = static_cast<char>(next() & 0xff);
          break;
        case 1:
          s.erase(at, 1);
          break;
        default:
          s.insert(at, 1, s[at]);
      }
      if (s.empty()) s = "{";
    }
    EmbedCommand c;
    std::string err = parse_embed_command(s, c);
    if (err.empty()) {
      accepted++;
      CHECK(static_cast<int>(c.type) <= static_cast<int>(Type::Set));
      CHECK((!c.code || !c.code->empty()));
    }
  }
  CHECK(accepted < 5000);  // most mutations break the text
}
