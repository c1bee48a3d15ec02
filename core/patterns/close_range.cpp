// close_range: the sender closes the channel when it is done; range in the
// receiver drains the buffer and then ends, and a receive on the closed,
// empty channel returns the zero value with ok == false.
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

void producer(gort::Chan<int> ch, int items, int delay_ms) {
  gort::set_name("producer");
  for (int i = 1; i <= items; i++) {
    gort::at(16);
    ch.send(i);
    gort::at(17);
    gort::sleep(milliseconds(delay_ms));
  }
  gort::at(19);
  ch.close();
}

void body(const Args& a) {
  const int items = a["items"], capacity = a["capacity"], delay_ms = a["delayMs"];
  gort::at(23);
  auto ch = gort::make_chan<int>(capacity, "ch");
  gort::at(24);
  gort::go([=] { producer(ch, items, delay_ms); });
  gort::at(25);
  for (int v : ch) {
    gort::at(26);
    gort::println("received", v);
    gort::at(25);
  }
  gort::at(28);
  auto [v, ok] = ch.recv2();
  gort::at(29);
  gort::println("after close:", v, ok);
}

}  // namespace

Pattern close_range_pattern() {
  return {"close_range",
          "close and range",
          "range receives until the channel is closed; then receives return 0, false.",
          go_text(go::close_range),
          {{"items", 1, 100, 5, "values the producer sends"},
           {"capacity", 0, 16, 2, "buffer size of the channel"},
           {"delayMs", 0, 1000, 50, "producer's pause after each send, in ms"}},
          body};
}

}  // namespace gort::patterns
