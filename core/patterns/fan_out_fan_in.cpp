// fan_out_fan_in: several sq workers read from one channel (fan-out) and a
// merge stage combines their outputs into one (fan-in), closing it once a
// WaitGroup says every worker is done (the Go blog's "Pipelines").
#include <chrono>
#include <gort/gort.hpp>
#include <memory>
#include <vector>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

gort::Chan<int> gen(int n) {
  gort::at(16);
  auto out = gort::make_chan<int>("out");
  gort::at(17);
  gort::go([=] {
    gort::set_name("gen.func1");
    for (int i = 1; i <= n; i++) {
      gort::at(19);
      out.send(i);
    }
    gort::at(21);
    out.close();
  });
  gort::at(23);
  return out;
}

gort::Chan<int> sq(gort::Chan<int> in, int work_ms) {
  gort::at(27);
  auto out = gort::make_chan<int>("out");
  gort::at(28);
  gort::go([=] {
    gort::set_name("sq.func1");
    gort::at(29);
    for (int n : in) {
      gort::at(30);
      gort::sleep(milliseconds(work_ms));
      gort::at(31);
      out.send(n * n);
      gort::at(29);
    }
    gort::at(33);
    out.close();
  });
  gort::at(35);
  return out;
}

gort::Chan<int> merge(const std::vector<gort::Chan<int>>& cs) {
  gort::at(39);
  auto wg = std::make_shared<gort::WaitGroup>();  // outlives merge, as in Go
  gort::at(40);
  auto out = gort::make_chan<int>("out");
  gort::at(41);
  auto output = [wg, out](gort::Chan<int> c) {
    gort::set_name("merge.func1");
    gort::at(42);
    for (int n : c) {
      gort::at(43);
      out.send(n);
      gort::at(42);
    }
    gort::at(45);
    wg->done();
  };
  gort::at(47);
  wg->add(static_cast<int>(cs.size()));
  for (const auto& c : cs) {
    gort::at(49);
    gort::go([output, c] { output(c); });
  }
  gort::at(51);
  gort::go([wg, out] {
    gort::set_name("merge.func2");
    gort::at(52);
    wg->wait();
    gort::at(53);
    out.close();
  });
  gort::at(55);
  return out;
}

void body(const Args& a) {
  const int items = a["items"], workers = a["workers"], work_ms = a["workMs"];
  gort::at(59);
  auto in = gen(items);
  gort::at(60);
  std::vector<gort::Chan<int>> cs(workers);
  for (auto& c : cs) {
    gort::at(62);
    c = sq(in, work_ms);
  }
  gort::at(64);
  auto merged = merge(cs);
  gort::at(64);
  for (int n : merged) {
    gort::at(65);
    gort::println(n);
    gort::at(64);
  }
}

}  // namespace

Pattern fan_out_fan_in_pattern() {
  return {"fan_out_fan_in",
          "Fan-out, fan-in",
          "Several workers share one input channel; merge joins their outputs into one.",
          go_text(go::fan_out_fan_in),
          {{"items", 1, 100, 8, "numbers gen emits"},
           {"workers", 1, 16, 3, "sq goroutines reading the same channel"},
           {"workMs", 0, 1000, 100, "time sq takes per number, in ms"}},
          body};
}

}  // namespace gort::patterns
