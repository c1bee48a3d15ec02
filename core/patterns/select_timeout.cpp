// select_timeout: each request races its reply against time.After in a
// select; slow replies lose to the timeout.
#include <chrono>
#include <gort/gort.hpp>
#include <string>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

void server(int id, gort::Chan<std::string> c, int latency_ms) {
  gort::set_name("server");
  gort::at(15);
  gort::sleep(milliseconds(id * latency_ms));
  gort::at(16);
  c.send("response " + std::to_string(id));
}

void body(const Args& a) {
  const int requests = a["requests"], latency_ms = a["latencyMs"], timeout_ms = a["timeoutMs"];
  for (int id = 1; id <= requests; id++) {
    gort::at(21);
    auto c = gort::make_chan<std::string>(1, "c");
    gort::at(22);
    gort::go([=] { server(id, c, latency_ms); });
    gort::at(23);
    gort::select(gort::case_recv(c,
                                 [](const std::string& res) {
                                   gort::at(25);
                                   gort::println(res);
                                 }),
                 gort::case_recv(gort::after(milliseconds(timeout_ms)), [id] {
                   gort::at(27);
                   gort::println("request", id, "timed out");
                 }));
  }
}

}  // namespace

Pattern select_timeout_pattern() {
  return {"select_timeout",
          "Timeouts with select",
          "select waits for a reply or time.After, whichever is ready first.",
          go_text(go::select_timeout),
          {{"requests", 1, 10, 4, "requests; request i takes i*latencyMs"},
           {"latencyMs", 0, 500, 50, "extra latency per request number, in ms"},
           {"timeoutMs", 0, 1000, 120, "how long main waits for each reply, in ms"}},
          body};
}

}  // namespace gort::patterns
