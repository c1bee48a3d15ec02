// buffered: a fast producer and a slow consumer around a buffered channel;
// the producer runs ahead until the buffer is full, then waits for room.
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

void producer(gort::Chan<int> ch, int items, int produce_ms) {
  gort::set_name("producer");
  for (int i = 1; i <= items; i++) {
    gort::at(17);
    ch.send(i);
    gort::at(18);
    gort::println("produced", i);
    gort::at(19);
    gort::sleep(milliseconds(produce_ms));
  }
  gort::at(21);
  ch.close();
}

void body(const Args& a) {
  const int capacity = a["capacity"], items = a["items"], produce_ms = a["produceMs"],
            consume_ms = a["consumeMs"];
  gort::at(25);
  auto ch = gort::make_chan<int>(capacity, "ch");
  gort::at(26);
  gort::go([=] { producer(ch, items, produce_ms); });
  gort::at(27);
  for (int v : ch) {
    gort::at(28);
    gort::println("consumed", v);
    gort::at(29);
    gort::sleep(milliseconds(consume_ms));
    gort::at(27);
  }
}

}  // namespace

Pattern buffered_pattern() {
  return {"buffered",
          "Buffered channel",
          "A producer fills a buffered channel ahead of a slower consumer, then blocks when full.",
          go_text(go::buffered),
          {{"capacity", 0, 16, 3, "buffer size: make(chan int, capacity)"},
           {"items", 1, 100, 8, "values the producer sends"},
           {"produceMs", 0, 1000, 20, "pause after each send, in ms"},
           {"consumeMs", 0, 1000, 100, "time to consume each value, in ms"}},
          body};
}

}  // namespace gort::patterns
