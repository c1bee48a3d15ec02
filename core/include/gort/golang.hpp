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
// Limits belong to a run, not to the program: main(limits) runs it within
// them, main() within the defaults.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
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

// What one run of a Go program may use. A run that reaches a limit ends
// as Go ends on a fatal error: the message on standard error, then the
// goroutine's traceback, exit code 2. 0 = no limit.
struct Limits {
  // Steps: loop iterations (backward jumps) and calls of Go functions,
  // counted where the VM checks for preemption.
  // "fatal error: gort: program exceeded N steps"
  std::uint64_t max_steps = 0;
  // Wall time since the run started, checked at the same points (a
  // program blocked in a sleep is ended when it next runs).
  // "fatal error: gort: program exceeded 10s of run time"
  std::chrono::milliseconds max_run_time{0};
  // Bytes of Go heap. A single allocation may pass it once.
  // "fatal error: runtime: out of memory"
  std::size_t max_memory = kDefaultMaxMemory;
  // Goroutines alive at once, main included.
  // "fatal error: gort: program exceeded N goroutines"
  std::size_t max_goroutines = kDefaultMaxGoroutines;
  // Bytes written to standard output and error together: what passes it
  // is cut at the limit, then the program ends.
  // "fatal error: gort: program exceeded N bytes of output"
  std::size_t max_output = kDefaultMaxOutput;
  // Bytes of one goroutine's VM stack (its frames and their slots).
  // "runtime: goroutine stack exceeds N-byte limit"
  // "fatal error: stack overflow"
  std::size_t max_stack = kDefaultMaxStack;

#if defined(__EMSCRIPTEN__)
  // In a tab: memory is the page's, and every goroutine's stack is taken
  // from it up front (Config::kDefaultStackSize); output fills a view.
  // The stack limit is Go's on 32-bit platforms.
  // Goroutines: above Go's test/chan/goroutines.go (10,001 alive), below
  // what a goroutine's 16 KiB stack lets the threaded build's memory hold.
#if defined(__EMSCRIPTEN_PTHREADS__)
  static constexpr std::size_t kDefaultMaxMemory = std::size_t{256} << 20;  // of a 512 MB memory
  static constexpr std::size_t kDefaultMaxStack = std::size_t{128} << 20;
  static constexpr std::size_t kDefaultMaxGoroutines = 20'000;
#else
  static constexpr std::size_t kDefaultMaxMemory = std::size_t{1} << 30;  // of up to 4 GB
  static constexpr std::size_t kDefaultMaxStack = 250'000'000;
  static constexpr std::size_t kDefaultMaxGoroutines = 100'000;
#endif
  static constexpr std::size_t kDefaultMaxOutput = std::size_t{8} << 20;
#else
  // Natively as `go run`: Go's stack limit, no limit on goroutines or output.
  static constexpr std::size_t kDefaultMaxMemory = std::size_t{4} << 30;
  static constexpr std::size_t kDefaultMaxStack = 1'000'000'000;
  static constexpr std::size_t kDefaultMaxGoroutines = 0;
  static constexpr std::size_t kDefaultMaxOutput = 0;
#endif
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
  void main(const Limits& limits) const;
  void main() const { main(Limits{}); }

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
