// select_default: a non-blocking receive. select with a default case never
// waits: main polls the channel and does other work while nothing is ready.
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

void producer(gort::Chan<int> c, int items, int produce_ms) {
  gort::set_name("producer");
  for (int i = 1; i <= items; i++) {
    gort::at(16);
    gort::sleep(milliseconds(produce_ms));
    gort::at(17);
    c.send(i);
  }
  gort::at(19);
  c.close();
}

void body(const Args& a) {
  const int items = a["items"], produce_ms = a["produceMs"], poll_ms = a["pollMs"];
  gort::at(23);
  auto c = gort::make_chan<int>("c");
  gort::at(24);
  gort::go([=] { producer(c, items, produce_ms); });
  for (bool done = false; !done;) {
    gort::at(26);
    gort::select(gort::case_recv(c,
                                 [&done](int v, bool ok) {
                                   if (!ok) {
                                     gort::at(29);
                                     gort::println("producer is done");
                                     gort::at(30);
                                     done = true;
                                     return;
                                   }
                                   gort::at(32);
                                   gort::println("received", v);
                                 }),
                 gort::case_default([poll_ms] {
                   gort::at(34);
                   gort::println("nothing ready: doing other work");
                   gort::at(35);
                   gort::sleep(milliseconds(poll_ms));
                 }));
  }
}

}  // namespace

Pattern select_default_pattern() {
  return {"select_default",
          "Non-blocking receive (select default)",
          "select with a default case polls a channel without waiting.",
          go_text(go::select_default),
          {{"items", 1, 100, 3, "values the producer sends"},
           {"produceMs", 0, 1000, 100, "producer's pause before each send, in ms"},
           {"pollMs", 1, 1000, 40, "main's other work between polls, in ms"}},
          body};
}

}  // namespace gort::patterns
