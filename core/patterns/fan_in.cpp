// fan_in: two generators multiplexed onto one channel by two forwarding
// goroutines (Rob Pike, "Go Concurrency Patterns"): whoever is ready first
// is printed first.
#include <chrono>
#include <gort/gort.hpp>
#include <string>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

gort::Chan<std::string> boring(const std::string& msg, gort::Duration delay) {
  gort::at(15);
  auto c = gort::make_chan<std::string>("c");
  gort::at(16);
  gort::go([=] {
    gort::set_name("boring.func1");
    for (int i = 0;; i++) {
      gort::at(18);
      c.send(msg + " " + std::to_string(i));
      gort::at(19);
      gort::sleep(delay);
    }
  });
  gort::at(22);
  return c;
}

gort::Chan<std::string> fan_in(gort::Chan<std::string> input1, gort::Chan<std::string> input2) {
  gort::at(26);
  auto c = gort::make_chan<std::string>("c");
  gort::at(27);
  gort::go([=] {
    gort::set_name("fanIn.func1");
    for (;;) {
      gort::at(29);
      c.send(input1.recv());
    }
  });
  gort::at(32);
  gort::go([=] {
    gort::set_name("fanIn.func2");
    for (;;) {
      gort::at(34);
      c.send(input2.recv());
    }
  });
  gort::at(37);
  return c;
}

void body(const Args& a) {
  const int messages = a["messages"], joe_ms = a["joeMs"], ann_ms = a["annMs"];
  gort::at(41);
  auto joe = boring("Joe", milliseconds(joe_ms));
  gort::at(41);
  auto ann = boring("Ann", milliseconds(ann_ms));
  gort::at(41);
  auto c = fan_in(joe, ann);
  for (int i = 0; i < messages; i++) {
    gort::at(43);
    gort::println(c.recv());
  }
  gort::at(45);
  gort::println("You're both boring; I'm leaving.");
}

}  // namespace

Pattern fan_in_pattern() {
  return {"fan_in",
          "Fan-in",
          "Two talkers, one channel: forwarding goroutines merge both streams.",
          go_text(go::fan_in),
          {{"messages", 1, 100, 10, "messages main reads before leaving"},
           {"joeMs", 0, 1000, 100, "Joe's pause between messages, in ms"},
           {"annMs", 0, 1000, 150, "Ann's pause between messages, in ms"}},
          body};
}

}  // namespace gort::patterns
