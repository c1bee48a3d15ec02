// once: sync.Once runs a lazy initialisation exactly once, however many
// goroutines ask for it at the same time; the late callers wait for it.
#include <chrono>
#include <gort/gort.hpp>
#include <string>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

struct Settings {
  gort::Once once;
  std::string mode;

  void load(int load_ms) {
    gort::at(20);
    gort::println("loading settings");
    gort::at(21);
    gort::sleep(milliseconds(load_ms));
    gort::at(22);
    mode = "fast";
  }
};

void worker(int id, Settings& s, gort::WaitGroup& wg, int load_ms) {
  gort::set_name("worker");
  gort::at(27);
  s.once.call([&s, load_ms] { s.load(load_ms); });
  gort::at(28);
  gort::println("worker", id, "runs in", s.mode, "mode");
  gort::at(29);
  wg.done();
}

void body(const Args& a) {
  const int workers = a["workers"], load_ms = a["loadMs"];
  gort::at(32);
  Settings s;
  gort::at(33);
  gort::WaitGroup wg;
  for (int id = 1; id <= workers; id++) {
    gort::at(35);
    wg.add(1);
    gort::at(36);
    gort::go([id, &s, &wg, load_ms] { worker(id, s, wg, load_ms); });
  }
  gort::at(38);
  wg.wait();
}

}  // namespace

Pattern once_pattern() {
  return {"once",
          "sync.Once",
          "Many goroutines ask for the settings; sync.Once loads them exactly once.",
          go_text(go::once),
          {{"workers", 1, 16, 4, "goroutines needing the settings"},
           {"loadMs", 0, 1000, 100, "time loading takes, in ms"}},
          body};
}

}  // namespace gort::patterns
