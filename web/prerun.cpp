// The layout's pre-run (see prerun.hpp).
#include "prerun.hpp"

#include <gort/run.hpp>
#include <string_view>
#include <vector>

namespace gort::web {

Model prerun(Config cfg, std::function<void()> body, Texts& texts, std::chrono::milliseconds budget,
             std::size_t max_events) {
  cfg.set_deterministic(true);
  if (cfg.seed == 0) cfg.seed = 1;
  cfg.trace = true;
  cfg.out = cfg.err = [](std::string_view) {};
  Model m;
  Program prog(cfg, std::move(body));
  if (!prog.valid()) return m;
  m.reset(prog.procs());
  texts = {};
  std::vector<trace::Event> events;
  std::size_t applied = 0;
  const auto t0 = std::chrono::steady_clock::now();
  prog.start();
  for (;;) {
    const bool done = prog.run_for(std::chrono::milliseconds(2));
    events.clear();
    prog.drain(events);
    for (const trace::Event& e : events) {
      if (applied == max_events) break;
      const std::uint32_t id = string_id(e);
      if (id) {
        if (id >= texts.strings.size()) texts.strings.resize(id + 1);
        if (texts.strings[id].empty()) texts.strings[id] = prog.string(id);
      }
      m.apply(e, texts);
      applied++;
    }
    if (done || applied == max_events || std::chrono::steady_clock::now() - t0 >= budget) break;
  }
  prog.stop();
  prog.wait();
  return m;
}

}  // namespace gort::web
