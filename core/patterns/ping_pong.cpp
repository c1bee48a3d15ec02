// ping_pong: two players hit a ball back and forth over unbuffered channels;
// each hit is a handoff from one goroutine to the other.
#include <chrono>
#include <gort/gort.hpp>
#include <string>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

void player(const std::string& name, gort::Chan<int> in, gort::Chan<int> out, gort::Chan<int> done,
            int hits, int delay_ms) {
  gort::set_name("player");
  for (;;) {
    gort::at(15);
    int ball = in.recv();
    gort::at(16);
    gort::println(name, ball);
    gort::at(17);
    gort::sleep(milliseconds(delay_ms));
    if (ball == hits) {
      gort::at(19);
      done.send(ball);
      gort::at(20);
      return;
    }
    gort::at(22);
    out.send(ball + 1);
  }
}

void body(const Args& a) {
  const int hits = a["hits"], delay_ms = a["delayMs"];
  gort::at(27);
  auto ping = gort::make_chan<int>("ping");
  gort::at(28);
  auto pong = gort::make_chan<int>("pong");
  gort::at(29);
  auto done = gort::make_chan<int>("done");
  gort::at(30);
  gort::go([=] { player("ping", ping, pong, done, hits, delay_ms); });
  gort::at(31);
  gort::go([=] { player("pong", pong, ping, done, hits, delay_ms); });
  gort::at(32);
  ping.send(1);
  gort::at(33);
  gort::println("game over after", done.recv(), "hits");
}

}  // namespace

Pattern ping_pong_pattern() {
  return {"ping_pong",
          "Ping-pong",
          "Two goroutines hit a ball back and forth over unbuffered channels.",
          go_text(go::ping_pong),
          {{"hits", 1, 100, 6, "hits before the game ends"},
           {"delayMs", 0, 1000, 100, "time each player holds the ball, in ms"}},
          body};
}

}  // namespace gort::patterns
