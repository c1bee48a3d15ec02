// goroutine_leak: first() returns the fastest replica's reply; the slower
// replicas block forever sending on an unbuffered channel nobody reads again.
// runtime.NumGoroutine shows them still there when main returns.
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

void search(int id, gort::Chan<int> c, int latency_ms) {
  gort::set_name("search");
  gort::at(15);
  gort::sleep(milliseconds(id * latency_ms));
  gort::at(16);
  c.send(id);
}

int first(int replicas, int latency_ms) {
  gort::at(21);
  auto c = gort::make_chan<int>("c");
  for (int id = 1; id <= replicas; id++) {
    gort::at(23);
    gort::go([id, c, latency_ms] { search(id, c, latency_ms); });
  }
  gort::at(25);
  return c.recv();
}

void body(const Args& a) {
  const int replicas = a["replicas"], latency_ms = a["latencyMs"];
  gort::at(29);
  gort::println("goroutines at start:", gort::num_goroutine());
  gort::at(30);
  int reply = first(replicas, latency_ms);
  gort::at(30);
  gort::println("first reply from replica", reply);
  gort::at(31);
  gort::sleep(milliseconds(replicas * latency_ms));
  gort::at(32);
  gort::println("goroutines at exit:", gort::num_goroutine());
}

}  // namespace

Pattern goroutine_leak_pattern() {
  return {"goroutine_leak",
          "Goroutine leak",
          "The slower replicas block forever on a send nobody receives; NumGoroutine shows them.",
          go_text(go::goroutine_leak),
          {{"replicas", 1, 16, 3, "replicas asked; replica i answers after i*latencyMs"},
           {"latencyMs", 0, 1000, 100, "latency per replica number, in ms"}},
          body};
}

}  // namespace gort::patterns
