// Running a program: the blocking driver gort::run and the incremental
// driver gort::Program.
//
// A program is a function run as goroutine 1 ("main"). It ends when main
// returns (exit code 0), when a goroutine panics or hits a fatal error
// (exit code 2, Go's message on the error sink), when every goroutine is
// blocked for good (the deadlock error, exit code 2), or on gort::exit(n).
// Goroutines still alive then are unwound: their destructors run and their
// stacks go back to the pool, so run can be called again and again.
// One program runs at a time in a process.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <gort/config.hpp>
#include <gort/trace.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gort {

namespace detail {
class Sched;
struct P;
}  // namespace detail

class Program {
 public:
  // Checks cfg; error() says what is wrong if it is invalid. Nothing runs yet.
  Program(const Config& cfg, std::function<void()> main);
  ~Program();  // ends the program if it is still running, then unwinds it
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  bool valid() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  bool simulated() const;
  int procs() const;  // the GOMAXPROCS in effect

  // Threaded: starts the worker threads and returns at once.
  // Simulated: prepares the first slice.
  void start();
  // Simulated: runs goroutines for at most `budget` of wall time, then
  // returns; true once the program has ended. Threaded: waits up to budget.
  bool run_for(std::chrono::nanoseconds budget);
  // Runs (simulated) or waits (threaded) until the program ends; returns the exit code.
  int wait();
  // Asks a running program to end (exit code -1 unless it already ended).
  void stop();
  // Threaded: once the program is done, joins its threads that have ended,
  // never waiting (a browser's main thread must not block); true once done
  // with every thread joined, when the next program may start on them.
  // Simulated: done(). Not started: true.
  bool reap();
  bool done() const;
  int exit_code() const;  // valid once done()

  // Moves the trace events recorded since the last call into out, in order
  // of seq, each once; an event numbered after one still being recorded
  // waits for a later call. Safe to call from any thread while the program runs.
  std::size_t drain(std::vector<trace::Event>& out);
  std::uint64_t lost_events() const;
  // Everything the program printed (stdout and stderr as they interleaved).
  std::string output() const;
  // The text behind a string id in a trace event (names of goroutines, channels).
  std::string string(std::uint32_t id) const;

 private:
  void install();
  void uninstall();
  void drive_threaded(detail::P* p0);

  std::string error_;
  std::unique_ptr<detail::Sched> s_;
  bool started_ = false;
};

// Runs main as goroutine 1 on the calling thread (and gomaxprocs-1 more) and
// returns the exit code Go would give. An invalid cfg prints why on stderr
// and returns 1 without starting.
int run(const Config& cfg, std::function<void()> main);
int run(std::function<void()> main);

}  // namespace gort
