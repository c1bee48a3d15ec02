// One run of a Go program, as the UI and window.gort drive it: compiles the
// program's Go text with gort::golang (a gallery pattern's text with its
// parameters, or code the reader wrote), owns the gort::Program that runs
// it (tracing on), feeds its trace into a Playback every frame, and keeps
// the layout of the graph view up to date. Before a program starts, its
// pre-run (web/prerun.hpp: the same compiled program) settles the
// layout's map.
//
// Invariants:
//   - At most one program runs at a time (gort allows one per process):
//     start() and restart() stop the current one first. A stopped threaded
//     program whose threads have not all ended is kept aside (ending_) and
//     its threads are collected on a later frame, never waited for (the
//     browser's main thread must not block). halt_for() stops a threaded
//     program between frames, ahead of the start() a request will make.
//   - start() only checks the options and stops the old program: the new
//     one is prepared on the frames that follow, in steps of about
//     kSliceBudget each (prep_: its threads collected, the text compiled,
//     the pre-run, the start), while the old picture stays. A newer start()
//     or a stop() drops a preparation that has not finished. The frame
//     start() ran in does no step of it: that frame already holds the
//     code editor's new text, and a compile takes the frame it runs in.
//   - frame() never blocks for long: single-threaded builds (and
//     deterministic runs) advance the program by one slice of at most
//     kSliceBudget of wall time; threaded runs only drain the trace rings.
//   - Everything shown (model, layout, output) comes from the playback of
//     the trace, at its cursor; the program's own state is never read.
//   - A program that does not compile is a run that ended, on the frame
//     that compiled it, with exit code 2: output() is its errors as the Go
//     playground shows them, and compile_errors() lists them; nothing ran.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <gort/config.hpp>
#include <gort/golang.hpp>
#include <memory>
#include <optional>
#include <patterns/pattern.hpp>
#include <string>
#include <utility>
#include <vector>

#include "compare_run.hpp"
#include "layout.hpp"
#include "playback.hpp"
#include "stats.hpp"

namespace gort {
class Program;
}

namespace gort::web {

class Prerun;

struct RunOptions {
  std::string pattern;  // a patterns::all() id, or "" (code of no pattern)
  std::vector<std::pair<std::string, int>> params;  // overrides; others take defaults
  // The Go text to run; "" = the pattern's own with `params` written into
  // its constants (patterns::source).
  std::string code;
  int procs = 0;               // GOMAXPROCS 1..8; 0 = default_procs()
  std::uint64_t seed = 0;      // 0 = random
  bool deterministic = false;  // virtual time, seeded P order
  double speed = 1;            // Config::speed_ok
  // Compare mode: the program at GOMAXPROCS 1, then at `procs` (when 1:
  // the default, at least 2), on the real clock; deterministic then only asks for
  // simulated Ps. The run ends when the second one does.
  bool compare = false;
  // What the Go program may use (gort::golang::Limits; the defaults: the
  // build's).
  golang::Limits limits;
};

// opts.code is not the text of opts.pattern at opts.params (code of no
// pattern always is; "" never is: it means the pattern's text).
bool edited(const RunOptions& opts);

class Session {
 public:
  static constexpr int kMaxDefaultProcs = 4;
  static constexpr int kMaxProcs = 8;
  // GOMAXPROCS when the reader chose none. Ps on threads: Go's rule, one
  // per CPU (std::thread::hardware_concurrency, in a browser
  // navigator.hardwareConcurrency), at most kMaxDefaultProcs: more Ps than
  // cores run no faster and take the page's own thread its CPU time
  // (DESIGN.md 7.4). Ps simulated on one thread: kMaxDefaultProcs.
  static int default_procs();
  // Wall time a frame may spend running a simulated program.
  static constexpr std::chrono::milliseconds kSliceBudget{8};

  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Stops the current program, then prepares opts's (see above). Returns "" or
  // why it could not start (unknown pattern, unknown or out-of-range
  // parameter, no pattern and no code, procs not in 1..8, speed out of
  // range); on error nothing runs. Code that does not compile is not an
  // error here: see compile_errors().
  std::string start(const RunOptions& opts);
  // A run of opts is asked for, to start at the next frame: a threaded
  // program stops now, so that its Ps leave the cores to the page until then
  // (a simulated one unwinds on this thread, which only the frame may do).
  // Nothing stops if start() would refuse opts.
  void halt_for(const RunOptions& opts);
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
  Layout& layout() { return layout_; }
  const Layout& layout() const { return layout_; }

  bool running() const;  // a program is started (or waits to) and not done
  // The next program is being prepared: until it starts, the playback (the
  // picture, the console) is still the last program's.
  bool preparing() const { return prep_ != Prep::None; }
  // The errors of a program that did not compile (then it never ran and
  // exit_code() is 2); empty when it compiled or is not compiled yet.
  const std::vector<golang::Error>& compile_errors() const;
  // They as `go build` writes them on stderr ("" when it compiled).
  std::string build_stderr() const;
  bool program_done() const;                 // the program ended (or was stopped)
  bool stopped() const { return stopped_; }  // ended by stop() (or a new start)
  // The program's exit code once it ended by itself (not stopped).
  std::optional<int> exit_code() const;
  // Program done and playback at the end: what gort.run waits for (in
  // compare mode, of the second run).
  bool finished() const;
  // Compare mode: 0 = off, 1 = the GOMAXPROCS=1 run, 2 = the second one;
  // the first run's picture once it ended; the current run's; the second
  // run's GOMAXPROCS.
  int compare_stage() const { return compare_stage_; }
  const CompareRun* compared() const { return compared_ ? &*compared_ : nullptr; }
  CompareRun compare_current() const;
  int compare_procs() const { return compare_procs_; }
  bool threaded() const;  // Ps are threads (false: simulated on the UI thread)
  bool simulated() const { return !threaded(); }
  int procs() const { return procs_; }  // GOMAXPROCS in effect, real or simulated
  // The seed the current run uses (options().seed, or the one drawn for it
  // when that was 0); 0 before any run.
  std::uint64_t seed() const { return seed_; }
  const RunOptions& options() const { return opts_; }
  const patterns::Pattern* pattern() const { return pattern_; }  // nullptr: code of no pattern
  // The Go program of this run (the code, or the pattern's text with this
  // run's parameters filled in).
  const std::string& source() const { return source_; }
  // Console text at the playback cursor, then the exit banner once the
  // Exit event is played (as the Go playground says it): "\nProgram exited.\n",
  // "\nProgram exited: status N.\n", or "\nProgram stopped.\n" after stop().
  // A panic's or deadlock's report is the program's own output, before it.
  // A program that did not compile: its errors, then "\nGo build failed.\n".
  // Compare mode's second run: the first one's output above, each under a
  // "--- GOMAXPROCS=N ---" line.
  std::string output() const;
  Stats stats() const;

 private:
  // start()'s checks: "" and opts's pattern (null for code) and arguments, or why not.
  std::string check(const RunOptions& opts, const patterns::Pattern*& pat,
                    patterns::Args& args) const;
  void end_program();
  // Tells the current program to stop if it still runs; it counts as stopped.
  void stop_running();
  // Stops the current program and, threaded, sets it aside in ending_
  // until its threads have ended (end_program if they already have).
  void retire_program();
  // What the preparation of the next program does next.
  enum class Prep {
    None,
    Asked,    // start()'s frame: no step (it holds the editor's new text)
    Free,     // waits for ending_'s threads to end
    Compile,  // compiles source_ (unless compiled_ is of it), draws the seed
    Prerun,   // runs prerun_, then settles the layout's map on it
    Start,    // starts the program
  };
  // Starts preparing opts_'s program at `procs` Ps (dropping one under way).
  void prepare(int procs);
  // Steps the preparation for about kSliceBudget of wall time.
  void step_prep();
  void compile();                      // Prep::Compile
  std::function<void()> body() const;  // runs compiled_'s program
  void begin_run();                    // forgets the last run's output, speed and counters
  void reset_playback();               // empties the playback for procs_, still paused if it was
  void launch();                       // Prep::Start: starts prep_cfg_'s program
  bool build_failed() const;           // source_ was compiled, with errors
  void pump();                         // moves what the program recorded into the playback

  RunOptions opts_;
  bool started_ = false;  // start() has succeeded once
  std::string settled_;   // the program and options the layout's map was settled for
  const patterns::Pattern* pattern_ = nullptr;
  std::string source_;
  // The last compilation, kept while the source stays the same (a restart,
  // a run of the same text) and reused.
  std::string compiled_source_;
  golang::Compiled compiled_;
  int compare_stage_ = 0;
  int compare_procs_ = kMaxDefaultProcs;
  std::optional<CompareRun> compared_;
  std::string compared_output_;
  std::unique_ptr<Program> prog_;
  std::unique_ptr<Program> ending_;  // stopped, its threads not yet all collected
  Prep prep_ = Prep::None;
  Config prep_cfg_;                 // the prepared program's, from Prep::Compile on
  std::string prep_key_;            // what settled_ becomes once prerun_ settled the map
  std::unique_ptr<Prerun> prerun_;  // Prep::Prerun
  Playback playback_;
  Layout layout_;
  StatsMeter meter_;
  int procs_ = kMaxDefaultProcs;
  std::uint64_t seed_ = 0;
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
