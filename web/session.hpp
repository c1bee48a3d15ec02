// One run of a gallery pattern, as the UI and window.gort drive it: owns the
// gort::Program (tracing on), feeds its trace into a Playback every frame,
// and keeps the layout of the graph view up to date.
//
// Invariants:
//   - At most one program exists at a time (gort allows one per process):
//     start() and restart() end and destroy the current one first.
//   - frame() never blocks for long: single-threaded builds (and
//     deterministic runs) advance the program by one slice of at most
//     kSliceBudget of wall time; threaded runs only drain the trace rings.
//   - Everything shown (model, layout, output) comes from the playback of
//     the trace, at its cursor; the program's own state is never read.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <patterns/pattern.hpp>
#include <string>
#include <utility>
#include <vector>

#include "layout.hpp"
#include "playback.hpp"
#include "stats.hpp"

namespace gort {
class Program;
}

namespace gort::web {

struct RunOptions {
  std::string pattern;                              // a patterns::all() id
  std::vector<std::pair<std::string, int>> params;  // overrides; others take defaults
  int procs = 0;                                    // GOMAXPROCS 1..8; 0 = kDefaultProcs
  std::uint64_t seed = 0;                           // 0 = random
  bool deterministic = false;                       // virtual time, seeded P order
  double speed = 1;                                 // kMinSpeed..kMaxSpeed
};

class Session {
 public:
  static constexpr int kDefaultProcs = 4;
  static constexpr int kMaxProcs = 8;
  static constexpr double kMinSpeed = 0.01, kMaxSpeed = 1e6;
  // Wall time a frame may spend running a simulated program.
  static constexpr std::chrono::milliseconds kSliceBudget{8};

  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Stops the current program, then starts opts. Returns "" or why it could
  // not start (unknown pattern, unknown or out-of-range parameter, procs not
  // in 1..8, speed out of range); on error nothing runs.
  std::string start(const RunOptions& opts);
  // Ends the current program (its playback stays, so it can be scrubbed);
  // it counts as stopped: exit_code() is empty.
  void stop();
  // start() with the same options again (a new seed if seed was 0).
  std::string restart();
  // Once per UI frame: runs or drains the program, then advances playback
  // by dt_seconds and updates the layout.
  void frame(double dt_seconds);

  // Speed of both the program (real-time runs: sleeps and timers take
  // 1/speed of wall time; takes effect at the next start) and playback (at once).
  void set_speed(double speed);

  Playback& playback() { return playback_; }
  const Playback& playback() const { return playback_; }
  const Model& model() const { return playback_.model(); }
  const Layout& layout() const { return layout_; }

  bool running() const;                      // a program is started and not done
  bool program_done() const;                 // the program ended (or was stopped)
  bool stopped() const { return stopped_; }  // ended by stop() (or a new start)
  // The program's exit code once it ended by itself (not stopped).
  std::optional<int> exit_code() const;
  // Program done and playback at the end: what gort.run waits for.
  bool finished() const;
  bool threaded() const;  // Ps are threads (false: simulated on the UI thread)
  bool simulated() const { return !threaded(); }
  int procs() const { return procs_; }  // GOMAXPROCS in effect, real or simulated
  const RunOptions& options() const { return opts_; }
  const patterns::Pattern* pattern() const { return pattern_; }
  // The pattern's Go program with the parameters of this run filled in.
  const std::string& source() const { return source_; }
  // Console text at the playback cursor, then the exit banner once the
  // Exit event is played (as the Go playground says it): "\nProgram exited.\n",
  // "\nProgram exited: status N.\n", or "\nProgram stopped.\n" after stop().
  // A panic's or deadlock's report is the program's own output, before it.
  std::string output() const;
  Stats stats() const;

 private:
  void end_program();
  void pump();  // moves what the program recorded into the playback

  RunOptions opts_;
  const patterns::Pattern* pattern_ = nullptr;
  std::string source_;
  std::unique_ptr<Program> prog_;
  Playback playback_;
  Layout layout_;
  StatsMeter meter_;
  int procs_ = kDefaultProcs;
  bool stopped_ = false;
  bool done_ = false;
  std::optional<int> exit_code_;
  std::uint64_t lost_ = 0;             // events the last program's rings dropped (once it is gone)
  std::vector<trace::Event> drained_;  // reused buffer for Program::drain
  double fold_ms_ = 0;                 // last frame: drain + fold + layout
  // Output the program wrote, through Config::out/err (any thread).
  struct Sink;
  std::shared_ptr<Sink> sink_;
};

}  // namespace gort::web
