// model_bench: the CPU side of a playground frame (web/): folding the trace
// events of one frame into the Model, then Layout::update, with 1,000 and
// 10,000 live goroutines.
//
// The program: N workers blocked receiving on an unbuffered `jobs` channel;
// main hands out jobs one at a time and collects each result from
// `results`, so all N stay alive (blocked) while the trace flows. It runs
// deterministically, traced, to its end; then the recorded events are
// replayed as a playground would: the start-up (every worker created and
// blocked) once, then frames of E events each (E = the events a frame of a
// busy run brings: 1,000 ≈ 60k events/s at 60 fps; 10,000 for a burst),
// each followed by a layout update. Prints the median and worst ms per
// frame, and the start-up fold.
//
//   model_bench [reps]    (default 5 repetitions, medians over them)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <gort/gort.hpp>
#include <string>
#include <vector>

#include "layout.hpp"
#include "model.hpp"

using namespace gort::web;
using Clock = std::chrono::steady_clock;

namespace {

struct Trace {
  std::vector<gort::trace::Event> events;
  Texts texts;
  std::size_t startup = 0;  // events until every worker is blocked
  int procs = 4;
};

Trace record(int workers, int jobs) {
  gort::Config cfg;
  cfg.gomaxprocs = 4;
  cfg.set_deterministic(true);
  cfg.seed = 1;
  cfg.trace = true;
  cfg.trace_capacity = std::size_t{1} << 19;
  cfg.stack_size = 16 * 1024;
  cfg.out = cfg.err = [](std::string_view) {};
  gort::Program prog(cfg, [workers, jobs] {
    auto in = gort::make_chan<int>("jobs");
    auto out = gort::make_chan<int>("results");
    for (int i = 0; i < workers; i++) {
      gort::go([in, out] {
        gort::set_name("worker");
        for (int v : in) out.send(v * 2);
      });
    }
    for (int j = 0; j < jobs; j++) {
      in.send(j);
      out.recv();
    }
    in.close();
  });
  prog.wait();
  Trace t;
  prog.drain(t.events);
  if (prog.lost_events() != 0) {
    std::fprintf(stderr, "model_bench: %llu events lost\n",
                 static_cast<unsigned long long>(prog.lost_events()));
    std::exit(1);
  }
  t.texts.output = prog.output();
  for (std::uint32_t id = 0; id < 16; id++) t.texts.strings.push_back(prog.string(id));
  t.procs = prog.procs();
  // Start-up: until every worker has run once (and so blocked on jobs).
  Model m;
  m.reset(t.procs);
  std::size_t started = 0;
  for (std::size_t i = 0; i < t.events.size() && started < static_cast<std::size_t>(workers); i++) {
    m.apply(t.events[i], t.texts);
    t.startup = i + 1;
    if (t.events[i].kind == gort::trace::Kind::GoStart && m.goroutine(t.events[i].g)->runs == 1 &&
        t.events[i].g != 1) {
      started++;
    }
  }
  return t;
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

struct Result {
  double startup_ms, frame_ms, worst_ms, layout_only_ms;  // worst: the 95th percentile
  std::size_t live;
  bool clustered;
};

Result measure(const Trace& t, std::size_t per_frame) {
  Model m;
  m.reset(t.procs);
  Layout layout;
  auto t0 = Clock::now();
  for (std::size_t i = 0; i < t.startup; i++) m.apply(t.events[i], t.texts);
  layout.update(m);
  Result r{};
  r.startup_ms = ms_since(t0);
  std::vector<double> frames;
  for (std::size_t i = t.startup; i + per_frame <= t.events.size(); i += per_frame) {
    auto f0 = Clock::now();
    for (std::size_t k = i; k < i + per_frame; k++) m.apply(t.events[k], t.texts);
    layout.update(m);
    frames.push_back(ms_since(f0));
  }
  r.frame_ms = median(frames);
  std::sort(frames.begin(), frames.end());
  r.worst_ms = frames.empty() ? 0 : frames[frames.size() * 95 / 100];
  std::vector<double> idle;
  for (int k = 0; k < 50; k++) {
    auto f0 = Clock::now();
    layout.update(m);
    idle.push_back(ms_since(f0));
  }
  r.layout_only_ms = median(idle);
  r.live = m.counters().alive;
  r.clustered = layout.clustered();
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = argc > 1 ? std::atoi(argv[1]) : 5;
  if (reps < 1) reps = 1;
  std::printf("%-8s %-10s %12s %12s %12s %12s %10s\n", "live", "events/fr", "frame_ms", "p95_ms",
              "layout_ms", "startup_ms", "clustered");
  for (int workers : {1000, 10000}) {
    Trace t = record(workers, 20000);
    for (std::size_t per_frame : {std::size_t{1000}, std::size_t{10000}}) {
      std::vector<double> frame, worst, layout, startup;
      Result r{};
      for (int k = 0; k < reps; k++) {
        r = measure(t, per_frame);
        frame.push_back(r.frame_ms);
        worst.push_back(r.worst_ms);
        layout.push_back(r.layout_only_ms);
        startup.push_back(r.startup_ms);
      }
      std::printf("%-8zu %-10zu %12.3f %12.3f %12.3f %12.3f %10s\n", r.live, per_frame,
                  median(frame), median(worst), median(layout), median(startup),
                  r.clustered ? "yes" : "no");
    }
  }
  std::printf(
      "frame_ms: fold E events + Layout::update, median over frames (p95: 95th percentile;\n"
      "a 4 ms spike is the OS preempting us on a loaded machine);\n"
      "layout_ms: Layout::update alone with no new events; startup_ms: folding the creation\n"
      "of every worker (%s) once. Medians of %d repetitions.\n",
      "a one-time burst", reps);
}
