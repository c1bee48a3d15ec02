// Playground: the one Session of the page and what the panels and window.gort
// do with it. The panels (gallery, controls, ...) edit `next` (the options
// the next run starts with) and call run/stop/restart; window.gort calls the
// same functions. Pure C++ (no ImGui, no JS), so it is tested natively.
//
// Invariants:
//   - Every run gets a new id (1, 2, ...). The end of each run is reported
//     exactly once through on_end: when it finished (program done and
//     playback at its end; stopped = false, exit code set) or when it was
//     stopped or replaced by a new run first (stopped = true).
//   - `next` always names an existing pattern and holds a value for each of
//     its parameters, within range: the panels can show it as it is.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "session.hpp"

namespace gort::web {

struct RunEnd {
  int run = 0;                   // the run's id
  std::optional<int> exit_code;  // empty when stopped
  bool stopped = false;
  std::string output;    // console text incl. the exit banner
  std::string out, err;  // the program's standard output and error, apart
};

class Playground {
 public:
  Playground();

  // The options the next run uses, as the panels show them.
  RunOptions next;
  // The goroutine the user selected (graph view click), 0 = none.
  std::uint32_t selected = 0;
  // A message for the user (a refused run, a malformed link), shown by the
  // controls until the next run starts.
  std::string notice;

  // Makes `id` the pattern of the next run with its default parameters.
  // Returns false (and changes nothing) for an unknown id.
  bool choose(const std::string& id);
  // Starts `opts` (stopping the current run). Returns the new run's id, or 0
  // and sets `error` to why it could not start (then the current run goes on).
  int run(const RunOptions& opts, std::string& error);
  int run_next(std::string& error) { return run(next, error); }
  // Starts the last run's options again (with a new seed if it had none).
  int restart(std::string& error);
  void stop();
  // Once per UI frame.
  void frame(double dt_seconds);

  Session& session() { return session_; }
  const Session& session() const { return session_; }
  int current_run() const { return run_; }
  bool run_open() const { return open_; }  // the current run has not ended yet

  std::function<void(const RunEnd&)> on_end;

 private:
  int begin(const std::function<std::string()>& start, std::string& error);
  // The current run's texts, for its RunEnd.
  RunEnd texts() const;
  void end_open(bool stopped, RunEnd end);

  Session session_;
  int run_ = 0;
  bool open_ = false;
};

}  // namespace gort::web
