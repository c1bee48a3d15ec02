// What the code editor (web/editor/) shows besides the text, computed from
// the Playground as JSON for its JavaScript: the program's title and
// whether it was edited; the lines the goroutines are at; marks at
// line:col (compile errors, where a panic or a deadlock stopped the
// program). EditorSync sends each of them, and the text, when it changed.
//
// Invariants: lines are shown only while the editor holds exactly the text
// that runs (otherwise they would point at other lines); marks belong to
// the pattern whose run made them and are sent again with every new
// document (the editor drops them with the old one); the editor's own
// edits (Playground::set_code) are never sent back to it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gort::web {

class Playground;

struct Mark {
  int line = 0, col = 0;  // 1-based; col 0 = the whole line
  std::string message;
};

// Where a program's report (its stderr after a panic or a fatal error, as Go
// prints it) says its goroutines were: the top frame in the program's own
// file of each goroutine listed, with the report's first line.
std::vector<Mark> report_marks(std::string_view err);
// The position a console line names: "./prog.go:12:5: ..." (a compile
// error) or "\tprog.go:12" (a frame of a traceback; col 0). False if none.
bool source_position(std::string_view console_line, int& line, int& col);

// {"title", "pattern", "edited", "running"}
std::string status_json(const Playground& pg);
// {"selected": {"line", "label"} | null, "others": [{"line", "label"}]}
std::string lines_json(const Playground& pg);
// [{"line", "col", "message", "severity"}]
std::string marks_json(const Playground& pg);

class EditorSync {
 public:
  struct Sink {
    std::function<void(const std::string& text, bool new_document)> code;
    std::function<void(const std::string&)> status, lines, marks;  // their JSON
  };
  explicit EditorSync(Sink sink) : sink_(std::move(sink)) {}
  // Sends what changed since the last call (everything, the first time).
  void frame(const Playground& pg);

 private:
  Sink sink_;
  bool first_ = true;
  std::uint64_t code_revision_ = 0, document_ = 0;
  std::string status_, lines_, marks_;
};

}  // namespace gort::web
