// Playground: the one Session of the page and what the panels, the code
// editor and window.gort do with it. The panels (gallery, controls, ...)
// edit `next` (the options the next run starts with) and call
// run/stop/restart; the editor's text is next.code; window.gort calls the
// same functions. Pure C++ (no ImGui, no JS), so it is tested natively.
//
// Invariants:
//   - Every run gets a new id (1, 2, ...). The end of each run is reported
//     exactly once through on_end: when it finished (program done and
//     playback at its end; stopped = false, exit code set) or when it was
//     stopped or replaced by a new run first (stopped = true).
//   - `next` names an existing pattern (or "": code of no pattern) and holds
//     a value for each of its parameters, within range: the panels can show
//     it as it is. next.code is the editor's text; a parameter whose
//     constant's line in it holds a value in range has that value (a slider
//     rewrites the line, typing on the line moves the slider).
//   - The text of each pattern (and of "") is kept for the page's life:
//     choosing a pattern again brings back its edits.
//   - code_revision() changes whenever next.code changed other than through
//     set_code (the editor's own edits), so the editor knows to show it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "session.hpp"

namespace gort::web {

struct RunEnd {
  int run = 0;                   // the run's id
  std::optional<int> exit_code;  // empty when stopped
  bool stopped = false;
  std::string output;                 // console text incl. the exit banner
  std::string out, err;               // the program's standard output and error, apart
  std::vector<golang::Error> errors;  // compile errors (then exit code 2 and nothing ran)
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

  // Makes `id` the pattern of the next run with its default parameters and
  // its text (as the reader left it, if it was edited). Returns false (and
  // changes nothing) for an unknown id.
  bool choose(const std::string& id);
  // The editor's text changed (the reader typed): parameters follow the
  // values on their constants' lines.
  void set_code(std::string text);
  // A slider moved: `name` takes `value` and its line in the code says so.
  // False (nothing changes) for an unknown parameter or a value out of range.
  bool set_param(const std::string& name, int value);
  // The pattern's original text and default parameters.
  void reset_code();
  // Shows what `opts` runs: its pattern, parameters and text (opts.code, or
  // the pattern's text at opts.params), procs, seed, mode and speed.
  void show(const RunOptions& opts);
  // next.code differs from its pattern's text at next.params (code of no
  // pattern always does).
  bool edited() const { return web::edited(next); }
  // The text kept for pattern `id` was edited.
  bool edited(const std::string& id) const;
  std::uint64_t code_revision() const { return code_revision_; }
  // Changes when next.code became another document (another pattern, a
  // reset, a run of other code): the editor starts a new undo history.
  std::uint64_t document_revision() const { return document_revision_; }
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

  // next.code = text, parameters from its constants' lines.
  void take_code(std::string text);

  Session session_;
  int run_ = 0;
  bool open_ = false;
  std::map<std::string, std::string> texts_;  // pattern id -> its text in the editor
  std::uint64_t code_revision_ = 0, document_revision_ = 0;
};

}  // namespace gort::web
