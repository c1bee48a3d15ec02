// gort::golang: Go source compiled to bytecode and run on gort's runtime.
//
//   auto c = gort::golang::compile(source, "prog.go");
//   if (!c.ok()) { std::fputs(c.error_text().c_str(), stderr); return 2; }
//   return gort::run(cfg, [&] { c.program->main(); });
//
// Every goroutine of the Go program is a gort goroutine, every channel a
// gort channel, every select gort's select, so traces, the CLI and the
// playground show a Go program as they show the gallery's C++ patterns.
// A compiled Program is immutable: it may run any number of times, one run
// at a time per process (gort's rule), each run starting from fresh globals.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gort::golang {

// A compile error, at a 1-based line and byte column of the source.
struct Error {
  int line = 0, col = 0;
  std::string message;
};

class Program {
 public:
  struct Impl;
  explicit Program(std::unique_ptr<Impl> impl);
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  // The body of goroutine 1: initialises the package variables, runs the
  // init functions and main.main. Call it inside a running gort program.
  void main() const;

  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct Compiled {
  std::shared_ptr<const Program> program;  // set when there are no errors
  std::vector<Error> errors;               // in source order, at most 10
  std::string filename;
  bool ok() const { return program != nullptr; }
  // As `go build` prints them: "./prog.go:12:5: undefined: x" a line each,
  // then "too many errors" when there were more than 10.
  std::string error_text() const;
};

Compiled compile(std::string_view source, std::string_view filename = "prog.go");

}  // namespace gort::golang
