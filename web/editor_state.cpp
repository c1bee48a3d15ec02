// What the code editor shows besides the text: see editor_state.hpp.
#include "editor_state.hpp"

#include <charconv>
#include <gort/json.hpp>
#include <map>
#include <patterns/pattern.hpp>

#include "playground.hpp"

namespace gort::web {

namespace {

constexpr std::size_t kMaxLabel = 5;  // goroutines named at one line, then "…"

bool starts(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// "N" at the front of s: the number, and s advanced past it.
bool take_int(std::string_view& s, int& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || ptr == s.data()) return false;
  s.remove_prefix(static_cast<std::size_t>(ptr - s.data()));
  return true;
}

// The program's own file, as the compiler's errors and the tracebacks (the
// VM's and the runtime's) name it: prog.go, Session's name for it.
bool take_file(std::string_view& s) {
  constexpr std::string_view kFile = "prog.go:";
  if (!starts(s, kFile)) return false;
  s.remove_prefix(kFile.size());
  return true;
}

void lines_item(std::string& out, int line, const std::string& label) {
  out += "{\"line\":" + std::to_string(line) + ",\"label\":";
  json_string(out, label);
  out += '}';
}

}  // namespace

std::vector<Mark> report_marks(std::string_view err) {
  std::vector<Mark> marks;
  std::string headline, header;
  bool framed = true;  // the current goroutine's top frame in the file is found
  while (!err.empty()) {
    std::size_t nl = err.find('\n');
    std::string_view line = err.substr(0, nl);
    err = nl == std::string_view::npos ? std::string_view() : err.substr(nl + 1);
    if (headline.empty()) {
      if (starts(line, "panic: ") || starts(line, "fatal error: ")) headline = line;
      continue;
    }
    if (starts(line, "goroutine ") && line.ends_with(":")) {
      header = line.substr(0, line.size() - 1);
      framed = false;
      continue;
    }
    if (framed || !starts(line, "\t")) continue;
    line.remove_prefix(1);
    int n = 0;
    if (take_file(line) && take_int(line, n)) {
      marks.push_back({n, 0, headline + " (" + header + ")"});
      framed = true;
    }
  }
  return marks;
}

bool source_position(std::string_view s, int& line, int& col) {
  col = 0;
  if (starts(s, "./")) {
    s.remove_prefix(2);
    if (!take_file(s) || !take_int(s, line) || !starts(s, ":")) return false;
    s.remove_prefix(1);
    return take_int(s, col) && starts(s, ": ");
  }
  if (!starts(s, "\t")) return false;
  s.remove_prefix(1);
  return take_file(s) && take_int(s, line) && (s.empty() || starts(s, " "));
}

std::string status_json(const Playground& pg) {
  const patterns::Pattern* p = patterns::find(pg.next.pattern);
  std::string out = "{\"title\":";
  json_string(out, p ? p->title : "Your program");
  out += ",\"pattern\":";
  json_string(out, pg.next.pattern);
  out += std::string(",\"edited\":") + (pg.edited() ? "true" : "false");
  out += std::string(",\"running\":") + (pg.session().running() ? "true" : "false") + "}";
  return out;
}

std::string lines_json(const Playground& pg) {
  const Session& s = pg.session();
  std::map<int, std::string> at;  // line -> the goroutines there
  std::map<int, std::size_t> count;
  int selected = 0;
  const std::uint32_t want = pg.selected != 0 ? pg.selected : 1;  // main by default
  // While the next program is prepared the model is still the last one's.
  if (!s.preparing() && s.source() == pg.next.code) {
    for (const Goroutine& g : s.model().goroutines()) {
      if (g.state == GState::Done || g.line <= 0) continue;
      if (g.id == want) selected = g.line;
      std::string& label = at[g.line];
      if (++count[g.line] > kMaxLabel) {
        if (count[g.line] == kMaxLabel + 1) label += " \xe2\x80\xa6";
        continue;
      }
      if (!label.empty()) label += ' ';
      if (g.name.empty()) label += 'g';
      label += g.name.empty() ? std::to_string(g.id) : g.name;
    }
  }
  std::string out = "{\"selected\":";
  if (selected > 0) {
    lines_item(out, selected, at[selected]);
  } else {
    out += "null";
  }
  out += ",\"others\":[";
  bool first = true;
  for (const auto& [line, label] : at) {
    if (line == selected) continue;
    if (!first) out += ',';
    first = false;
    lines_item(out, line, label);
  }
  return out + "]}";
}

std::string marks_json(const Playground& pg) {
  const Session& s = pg.session();
  std::vector<Mark> marks;
  if (s.program_done() && s.options().pattern == pg.next.pattern) {
    for (const golang::Error& e : s.compile_errors()) marks.push_back({e.line, e.col, e.message});
    const Model& m = s.model();
    if (marks.empty() && m.exited() && m.exit_code() != 0) marks = report_marks(m.err());
  }
  std::string out = "[";
  for (const Mark& k : marks) {
    if (out.size() > 1) out += ',';
    out += "{\"line\":" + std::to_string(k.line) + ",\"col\":" + std::to_string(k.col) +
           ",\"severity\":\"error\",\"message\":";
    json_string(out, k.message);
    out += '}';
  }
  return out + "]";
}

void EditorSync::frame(const Playground& pg) {
  const bool new_document = first_ || pg.document_revision() != document_;
  if (new_document || pg.code_revision() != code_revision_) {
    sink_.code(pg.next.code, new_document);
    code_revision_ = pg.code_revision();
    document_ = pg.document_revision();
  }
  if (new_document) {  // the editor dropped its lines and marks with the old document
    lines_.clear();
    marks_.clear();
  }
  first_ = false;
  std::string status = status_json(pg), lines = lines_json(pg), marks = marks_json(pg);
  if (status != status_) sink_.status(status_ = std::move(status));
  if (lines != lines_) sink_.lines(lines_ = std::move(lines));
  if (marks != marks_) sink_.marks(marks_ = std::move(marks));
}

}  // namespace gort::web
