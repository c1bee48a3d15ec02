// nil_channel: merging two streams with select until both are closed. A
// closed channel is always ready, so each one is set to nil once it closes:
// a nil channel is never ready, which switches its case off.
#include <chrono>
#include <gort/gort.hpp>
#include <string>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

gort::Chan<std::string> produce(const std::string& name, int n, gort::Duration delay) {
  gort::at(16);
  auto c = gort::make_chan<std::string>("c");
  gort::at(17);
  gort::go([=] {
    gort::set_name("produce.func1");
    for (int i = 1; i <= n; i++) {
      gort::at(19);
      gort::sleep(delay);
      gort::at(20);
      c.send(name + std::to_string(i));
    }
    gort::at(22);
    c.close();
  });
  gort::at(24);
  return c;
}

void body(const Args& args) {
  const int a_items = args["aItems"], b_items = args["bItems"], a_ms = args["aMs"],
            b_ms = args["bMs"];
  gort::at(28);
  auto a = produce("a", a_items, milliseconds(a_ms));
  gort::at(29);
  auto b = produce("b", b_items, milliseconds(b_ms));
  while (a || b) {
    gort::at(31);
    gort::select(gort::case_recv(a,
                                 [&a](const std::string& v, bool ok) {
                                   if (!ok) {
                                     gort::at(34);
                                     gort::println("a is closed");
                                     gort::at(35);
                                     a = gort::Chan<std::string>();
                                     return;
                                   }
                                   gort::at(38);
                                   gort::println(v);
                                 }),
                 gort::case_recv(b, [&b](const std::string& v, bool ok) {
                   if (!ok) {
                     gort::at(41);
                     gort::println("b is closed");
                     gort::at(42);
                     b = gort::Chan<std::string>();
                     return;
                   }
                   gort::at(45);
                   gort::println(v);
                 }));
  }
  gort::at(48);
  gort::println("both done");
}

}  // namespace

Pattern nil_channel_pattern() {
  return {"nil_channel",
          "nil channels in select",
          "Merge two streams until both close, switching off each closed one by setting it to nil.",
          go_text(go::nil_channel),
          {{"aItems", 1, 100, 3, "values stream a sends"},
           {"bItems", 1, 100, 4, "values stream b sends"},
           {"aMs", 0, 1000, 100, "stream a's pause before each value, in ms"},
           {"bMs", 0, 1000, 70, "stream b's pause before each value, in ms"}},
          body};
}

}  // namespace gort::patterns
