// ticker: rate limiting with a time.Ticker: requests wait in a queue and are
// served one per tick (Go by Example: Rate Limiting).
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

void body(const Args& a) {
  const int requests = a["requests"], interval_ms = a["intervalMs"];
  gort::at(14);
  auto queue = gort::make_chan<int>(requests, "queue");
  for (int i = 1; i <= requests; i++) {
    gort::at(16);
    queue.send(i);
  }
  gort::at(18);
  queue.close();

  gort::at(20);
  gort::Ticker limiter{milliseconds(interval_ms)};
  gort::at(22);
  gort::Time start = gort::now();
  gort::at(23);
  for (int req : queue) {
    gort::at(24);
    limiter.c().recv();
    gort::at(25);
    gort::println("request", req, "at", std::chrono::round<milliseconds>(gort::since(start)));
    gort::at(23);
  }
  gort::at(27);
  limiter.stop();
}

}  // namespace

Pattern ticker_pattern() {
  return {"ticker",
          "Rate limiting with a Ticker",
          "Queued requests are served one per tick of a time.Ticker.",
          go_text(go::ticker),
          {{"requests", 1, 100, 5, "requests in the queue"},
           {"intervalMs", 1, 1000, 100, "ticker period: one request per tick, in ms"}},
          body};
}

}  // namespace gort::patterns
