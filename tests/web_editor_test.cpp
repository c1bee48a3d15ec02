// The code editor's C++ side: the Playground keeping each pattern's text
// (sliders and const lines in step, edits kept, Reset), a Session running
// code and reporting compile errors, links of format 2 carrying code, the
// reserved link keys, and EditorSync telling the editor what changed
// (web/playground.cpp, web/session.cpp, web/share_link.cpp,
// web/editor_state.cpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "editor_state.hpp"
#include "playground.hpp"
#include "share_link.hpp"
#include "web_test_util.hpp"

using namespace gort::web;
namespace patterns = gort::patterns;

namespace {

// pattern's text with one line changed: `from` replaced by `to`.
std::string edit(const std::string& id, const std::string& from, const std::string& to) {
  std::string s = patterns::find(id)->go_source;
  std::size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

struct Sent {
  std::vector<std::pair<std::string, bool>> code;  // text, new document
  std::vector<std::string> status, lines, marks;
  EditorSync sync{{[this](const std::string& t, bool n) { code.emplace_back(t, n); },
                   [this](const std::string& j) { status.push_back(j); },
                   [this](const std::string& j) { lines.push_back(j); },
                   [this](const std::string& j) { marks.push_back(j); }}};
};

void settle(Playground& pg, Sent* sent = nullptr) {
  for (int i = 0; i < 100000 && pg.run_open(); i++) {
    pg.frame(1.0);
    if (sent) sent->sync.frame(pg);
  }
  pg.frame(1.0);
  if (sent) sent->sync.frame(pg);
}

}  // namespace

TEST_CASE("web editor: sliders and const lines move together, edits are kept per pattern") {
  Playground pg;
  REQUIRE(pg.choose("worker_pool"));
  const std::string original = patterns::find("worker_pool")->go_source;
  CHECK(pg.next.code == original);
  CHECK_FALSE(pg.edited());

  // A slider rewrites its line, and that is no edit: the link says workers=5.
  auto rev = pg.code_revision();
  REQUIRE(pg.set_param("workers", 5));
  CHECK(pg.code_revision() != rev);
  CHECK(pg.next.code.find("\tworkers = 5\n") != std::string::npos);
  CHECK_FALSE(pg.edited());
  CHECK_FALSE(pg.set_param("workers", 1000));  // out of range: nothing changes
  CHECK_FALSE(pg.set_param("nope", 1));
  CHECK(pg.next.code.find("\tworkers = 5\n") != std::string::npos);

  // Typing a value on the line moves the slider, and the editor's own edit
  // is not sent back to it.
  rev = pg.code_revision();
  pg.set_code(edit("worker_pool", "\tworkers = 3\n", "\tworkers = 7\n"));
  CHECK(pg.code_revision() == rev);
  CHECK(pg.next.params[0] == std::pair<std::string, int>("workers", 7));
  CHECK_FALSE(pg.edited());
  // A value out of the slider's range runs as written: an edit.
  pg.set_code(edit("worker_pool", "\tworkers = 3\n", "\tworkers = 70\n"));
  CHECK(pg.next.params[0].second == 7);
  CHECK(pg.edited());

  // Another edit, kept while another pattern is shown.
  const std::string mine = edit("worker_pool", "sum of results:", "total:");
  pg.set_code(mine);
  CHECK(pg.edited());
  CHECK(pg.edited("worker_pool"));
  REQUIRE(pg.choose("ping_pong"));
  CHECK_FALSE(pg.edited());
  CHECK_FALSE(pg.edited("ping_pong"));
  CHECK(pg.edited("worker_pool"));
  REQUIRE(pg.choose("worker_pool"));
  CHECK(pg.next.code == mine);
  // Reset: the original text and default parameters.
  auto doc = pg.document_revision();
  pg.reset_code();
  CHECK(pg.document_revision() != doc);
  CHECK(pg.next.code == original);
  CHECK(pg.next.params[0].second == 3);
  CHECK_FALSE(pg.edited("worker_pool"));
}

TEST_CASE("web editor: edited code runs, and code that does not compile ends at once, exit 2") {
  Playground pg;
  std::vector<RunEnd> ends;
  pg.on_end = [&](const RunEnd& e) { ends.push_back(e); };
  REQUIRE(pg.choose("ping_pong"));
  pg.set_code(edit("ping_pong", "\"ping\"", "\"PING\""));
  pg.next.deterministic = true;
  pg.next.seed = 1;
  pg.next.speed = 1e6;
  std::string err;
  REQUIRE(pg.run_next(err) != 0);
  settle(pg);
  REQUIRE(ends.size() == 1);
  CHECK(ends[0].exit_code == 0);
  CHECK(ends[0].out.find("PING") != std::string::npos);
  CHECK(ends[0].errors.empty());

  pg.set_code("package main\n\nfunc main() {\n\tx := 1\n\ty = 2\n}\n");
  REQUIRE(pg.run_next(err) != 0);
  settle(pg);
  REQUIRE(ends.size() == 2);
  CHECK(ends[1].exit_code == 2);
  REQUIRE(ends[1].errors.size() == 2);
  CHECK(ends[1].errors[0].line == 4);
  CHECK(ends[1].errors[0].col == 2);
  CHECK(ends[1].errors[0].message == "declared and not used: x");
  CHECK(ends[1].errors[1].line == 5);
  CHECK(ends[1].errors[1].message == "undefined: y");
  CHECK(ends[1].out.empty());
  CHECK(ends[1].err ==
        "# command-line-arguments\n./prog.go:4:2: declared and not used: x\n"
        "./prog.go:5:2: undefined: y\n");
  CHECK(
      ends[1].output ==
      "./prog.go:4:2: declared and not used: x\n./prog.go:5:2: undefined: y\n\nGo build failed.\n");
  CHECK(pg.session().model().counters().events == 0);  // nothing ran

  // Code of no pattern runs too; parameters belong to patterns only.
  RunOptions o = web_test::det("");
  o.code = "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }\n";
  o.speed = 1e6;
  REQUIRE(pg.run(o, err) != 0);
  pg.show(o);
  CHECK(pg.next.pattern == "");
  CHECK(pg.edited());
  settle(pg);
  CHECK(ends.back().out == "hi\n");
  o.params = {{"workers", 2}};
  CHECK(pg.run(o, err) == 0);
  CHECK(err.find("parameters") != std::string::npos);
  CHECK(pg.run(web_test::det(""), err) == 0);  // neither a pattern nor code
}

TEST_CASE("web share link: format 2 carries code that is not the pattern's, and only then") {
  Link l;
  REQUIRE(decode("pattern=worker_pool&workers=5", l) == "");
  l.options.code = patterns::source(*patterns::find("worker_pool"),
                                    {{{"workers", 5}, {"numJobs", 6}, {"workMs", 200}}});
  CHECK(encode(l) == "pattern=worker_pool&workers=5&v=2");  // sliders only: no code

  l.options.code = edit("worker_pool", "sum of results:", "total (100%):");
  std::string q = encode(l);
  CHECK(q.find("pattern=worker_pool&v=2&code=package%20main%0A") == 0);
  CHECK(q.find("workers=") == std::string::npos);  // the code says it
  CHECK(q.find("total%20%28100%25%29%3A") != std::string::npos);
  Link back;
  REQUIRE(decode(q, back) == "");
  CHECK(back.options.code == l.options.code);
  CHECK(back.options.pattern == "worker_pool");
  CHECK(encode(back) == q);

  // The code's constants are the parameters; code of no pattern has none.
  REQUIRE(decode("pattern=worker_pool&v=2&code=" +
                     std::string("const%20(%0A%09workers%20%3D%206%0A)%0A"),
                 back) == "");
  CHECK(back.options.params[0] == std::pair<std::string, int>("workers", 6));
  REQUIRE(decode("code=package%20main", back) == "");
  CHECK(back.options.pattern == "");
  CHECK(back.options.params.empty());
  CHECK(encode(back) == "v=2&code=package%20main");

  // Old links (no v) open as before; a newer format says so.
  REQUIRE(decode("pattern=buffered&capacity=2", back) == "");
  CHECK(back.options.code.empty());
  CHECK(decode("pattern=buffered&v=3", back).find("newer format (v=3)") != std::string::npos);
  CHECK(decode("v=x", back).find("v must") != std::string::npos);
  CHECK(decode("code=", back).find("code") != std::string::npos);
  CHECK(decode("code=x&workers=2", back).find("unknown key \"workers\"") != std::string::npos);
  // An empty pattern is no pattern only beside code (found by tests/fuzz).
  CHECK(decode("pattern=&&", back) == "unknown pattern \"\"");
  REQUIRE(decode("pattern=&code=x", back) == "");
  CHECK(encode(back) == "v=2&code=x");
}

TEST_CASE("web share link: no pattern parameter is named like a key the link uses itself") {
  for (const patterns::Pattern& p : patterns::all()) {
    for (const patterns::Param& q : p.params) {
      for (std::string_view key : kReservedKeys) {
        INFO(p.id, ".", q.name);
        CHECK(q.name != key);
      }
    }
  }
  // And decode() reads every reserved key as the link's own.
  Link l;
  for (std::string_view key : kReservedKeys) {
    INFO(key);
    std::string err = decode(std::string(key) + "=%00", l);
    CHECK(err.find("no parameter") == std::string::npos);
  }
}

TEST_CASE("web editor: where a report says goroutines stopped, and console lines that jump") {
  std::vector<Mark> m = report_marks(
      "panic: runtime error: index out of range [5] with length 1\n\n"
      "goroutine 1 [running]:\nmain.f(...)\n\tprog.go:6\nmain.main(...)\n\tprog.go:12\n"
      "runtime.main()\n\truntime.go:9\n");
  REQUIRE(m.size() == 1);
  CHECK(m[0].line == 6);
  CHECK(m[0].message ==
        "panic: runtime error: index out of range [5] with length 1 (goroutine 1 [running])");
  m = report_marks(
      "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [select (no cases)]:\n"
      "main.main()\n\tprog.go:7\n\ngoroutine 2 [chan send]:\nmain.main.func1()\n\tprog.go:5\n"
      "created by main.main in goroutine 1\n\tprog.go:4\n");
  REQUIRE(m.size() == 2);
  CHECK(m[0].line == 7);
  CHECK(m[1].line == 5);
  CHECK(m[1].message ==
        "fatal error: all goroutines are asleep - deadlock! (goroutine 2 [chan send])");
  CHECK(report_marks("hello\n\tprog.go:3\n").empty());  // no report, no marks

  int line = 0, col = 0;
  CHECK(source_position("./prog.go:12:5: undefined: x", line, col));
  CHECK(line == 12);
  CHECK(col == 5);
  CHECK(source_position("\tprog.go:6", line, col));
  CHECK(line == 6);
  CHECK(col == 0);
  CHECK_FALSE(source_position("\truntime.go:9", line, col));
  CHECK_FALSE(source_position("./prog.go:12: x", line, col));
  CHECK_FALSE(source_position("prog.go:12:5: x", line, col));
}

TEST_CASE("web editor: EditorSync sends the text, status, lines and marks when they change") {
  Playground pg;
  Sent sent;
  sent.sync.frame(pg);
  REQUIRE(sent.code.size() == 1);
  CHECK(sent.code[0].second);  // the first text is a new document
  CHECK(sent.status.size() == 1);
  CHECK(sent.status[0].find("\"edited\":false") != std::string::npos);
  sent.sync.frame(pg);
  CHECK(sent.code.size() == 1);  // nothing changed, nothing sent
  CHECK(sent.status.size() == 1);

  REQUIRE(pg.choose("worker_pool"));
  sent.sync.frame(pg);
  REQUIRE(sent.code.size() == 2);
  CHECK(sent.code[1].second);
  CHECK(sent.status.back().find("\"title\":\"Worker pool\"") != std::string::npos);
  pg.set_param("workers", 2);
  sent.sync.frame(pg);
  REQUIRE(sent.code.size() == 3);
  CHECK_FALSE(sent.code[2].second);  // an edit of the same document
  pg.set_code(edit("worker_pool", "sum of results:", "total:"));
  sent.sync.frame(pg);
  CHECK(sent.code.size() == 3);  // the editor's own edit is not echoed
  CHECK(sent.status.back().find("\"edited\":true") != std::string::npos);

  // While it runs, the lines where goroutines are; main's is the selected one.
  pg.next.deterministic = true;
  pg.next.seed = 1;
  pg.next.speed = 0.5;
  std::string err;
  REQUIRE(pg.run_next(err) != 0);
  for (int i = 0; i < 40; i++) {
    pg.frame(0.05);
    sent.sync.frame(pg);
  }
  bool main_line = false;
  for (const std::string& j : sent.lines) main_line |= j.find("{\"selected\":{\"line\":") == 0;
  CHECK(main_line);
  // Another text: until its program starts the model is the last one's,
  // whose lines are not this text's.
  pg.set_code(edit("worker_pool", "sum of results:", "sum:"));
  REQUIRE(pg.run_next(err) != 0);
  pg.frame(0.05);
  sent.sync.frame(pg);
  REQUIRE(pg.session().preparing());
  CHECK(sent.lines.back() == "{\"selected\":null,\"others\":[]}");
  pg.stop();

  // A compile error: marked at its line:col.
  pg.set_code("package main\n\nfunc main() {\n\tundefinedThing()\n}\n");
  REQUIRE(pg.run_next(err) != 0);
  settle(pg, &sent);
  REQUIRE_FALSE(sent.marks.empty());
  CHECK(
      sent.marks.back() ==
      "[{\"line\":4,\"col\":2,\"severity\":\"error\",\"message\":\"undefined: undefinedThing\"}]");
  // Another pattern: its own text, and the marks go with the old one.
  REQUIRE(pg.choose("ping_pong"));
  sent.sync.frame(pg);
  CHECK(sent.marks.back() == "[]");

  // A panic marks the panicking goroutine's line.
  pg.set_code("package main\n\nfunc main() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\n");
  REQUIRE(pg.run_next(err) != 0);
  settle(pg, &sent);
  CHECK(sent.marks.back() ==
        "[{\"line\":5,\"col\":0,\"severity\":\"error\",\"message\":\"panic: assignment to entry "
        "in nil map (goroutine 1 [running])\"}]");
}
