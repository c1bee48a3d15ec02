// gort, the command line of the pattern gallery:
//
//   gort list                    every pattern, with its parameters and their ranges
//   gort source <pattern> [--param k=v ...]
//                                the Go program, with those parameter values
//   gort run <pattern> [--procs N] [--seed S] [--virtual] [--deterministic]
//                      [--trace] [--trace-json FILE] [--param k=v ...]
//   gort run <file.go | -> [--procs N] [--seed S] [--virtual] [--deterministic] [--trace]
//                          [--trace-json FILE] [--max-steps N] [--max-run-time D]
//                          [--max-memory B] [--max-goroutines N] [--max-output B]
//                          [--max-stack B]
//
// `run` prints the program's output as it happens, the trace events too with
// --trace (on stderr), then one summary line on stderr computed from the
// trace, and exits with the program's exit code. --trace-json writes the
// run's trace as Chrome Trace Event JSON (gort/trace_json.hpp) once it ends;
// a file that cannot be written is bad usage, found before the run starts. A Go file (or standard
// input, `-`) is compiled by gort's Go interpreter and runs as `go run`
// would: compile errors as `go build` prints them (exit 2), no summary line
// unless --trace, within the --max-* limits (gort::golang::Limits; a
// program reaching one ends with a fatal error, exit code 2). Bad usage
// prints why on stderr and exits 2, as Go's flag package does.
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <gort/golang.hpp>
#include <gort/gort.hpp>
#include <gort/trace_json.hpp>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "options.hpp"
#include "pattern.hpp"

namespace {

namespace patterns = gort::patterns;
using gort::cli::Options;
using gort::cli::UsageError;
using gort::trace::Event;
using gort::trace::Kind;

constexpr int kUsageExit = 2;

constexpr const char* kSynopsis =
    "usage: gort list\n"
    "       gort source <pattern> [--param k=v ...]\n"
    "       gort run <pattern> [--procs N] [--seed S] [--virtual] [--deterministic]\n"
    "                          [--trace] [--trace-json FILE] [--param k=v ...]\n"
    "       gort run <file.go | -> [--procs N] [--seed S] [--virtual] [--deterministic] "
    "[--trace]\n"
    "                              [--trace-json FILE] [--max-steps N] [--max-run-time D]\n"
    "                              [--max-memory B] [--max-goroutines N] [--max-output B]\n"
    "                              [--max-stack B]\n";
constexpr const char* kFlags =
    "  --procs N        GOMAXPROCS (0 = all cores, the default)\n"
    "  --seed S         seed for select's choices and the simulated P order (0 = random)\n"
    "  --virtual        sleeps and timers take no real time (Go playground's faketime)\n"
    "  --deterministic  simulate every P on one thread, on virtual time: a seed gives\n"
    "                   the same run, event for event\n"
    "  --trace          print every trace event on stderr\n"
    "  --trace-json F   write the run's trace to file F as Chrome Trace Event JSON, for\n"
    "                   Perfetto (ui.perfetto.dev) or chrome://tracing\n"
    "  --param k=v      set a pattern parameter (gort list shows them)\n"
    "Limits of a Go program (0 = none; B is bytes, or with K, M or G: KiB, MiB, GiB):\n"
    "  --max-steps N        loop iterations and calls (default none)\n"
    "  --max-run-time D     wall time, as 500ms, 10s or 2m (default none)\n"
    "  --max-memory B       Go heap (default 4G)\n"
    "  --max-goroutines N   goroutines alive at once (default none)\n"
    "  --max-output B       standard output and error together (default none)\n"
    "  --max-stack B        one goroutine's stack (default 1000000000, Go's)\n";

// `gort run` of a Go file (or of standard input, "-") rather than a pattern.
bool is_go_file(std::string_view arg) {
  return arg == "-" || arg.ends_with(".go");
}

const patterns::Pattern& find_pattern(const std::string& id) {
  const patterns::Pattern* p = patterns::find(id);
  if (!p) throw UsageError{"unknown pattern \"" + id + "\" (gort list shows them)"};
  return *p;
}

patterns::Args make_args(const patterns::Pattern& p, const Options& o) {
  patterns::Args args;
  std::string err = patterns::make_args(p, o.params, args);
  if (!err.empty()) throw UsageError{err};
  return args;
}

int list() {
  for (const patterns::Pattern& p : patterns::all()) {
    std::printf("%-28s %s\n", p.id.c_str(), p.title.c_str());
    std::printf("    %s\n", p.description.c_str());
    for (const patterns::Param& q : p.params) {
      // Appended piece by piece: g++ 12 warns (-Wrestrict, a false positive)
      // on "literal" + std::to_string(...).
      std::string range = "(";
      range += std::to_string(q.min);
      range += "..";
      range += std::to_string(q.max);
      range += ")";
      std::printf("    %-11s = %-5d %-11s %s\n", q.name.c_str(), q.value, range.c_str(),
                  q.help.c_str());
    }
  }
  return 0;
}

int source(const Options& o) {
  const patterns::Pattern& p = find_pattern(o.pattern);
  std::string s = patterns::source(p, make_args(p, o));
  std::fwrite(s.data(), 1, s.size(), stdout);
  return 0;
}

// What `run` learns from the trace: the summary's counts, and the names that
// make --trace readable.
class TraceReader {
 public:
  TraceReader(const gort::Program& prog, bool print) : prog_(prog), print_(print) {
    gnames_[1] = "main";
  }

  void read(const std::vector<Event>& events) {
    std::string output = print_ ? prog_.output() : std::string();
    for (const Event& e : events) {
      switch (e.kind) {
        case Kind::GoCreate:
          goroutines_++;
          break;
        case Kind::ChanSend:
        case Kind::ChanRecv:
        case Kind::ChanClose:
          chan_ops_++;
          break;
        case Kind::GoName:
          gnames_[e.g] = prog_.string(static_cast<std::uint32_t>(e.value));
          break;
        case Kind::ChanMake:
          if (e.aux) cnames_[e.obj] = prog_.string(e.aux);
          break;
        case Kind::Exit:
          end_ns_ = e.ts;
          break;
        default:
          break;
      }
      if (print_) {
        std::string line = describe(e, output);
        std::fprintf(stderr, "%13s  P%-2u %s\n", ms(e.ts).c_str(), e.p, line.c_str());
      }
    }
  }

  std::uint64_t goroutines() const { return goroutines_; }
  std::uint64_t chan_ops() const { return chan_ops_; }
  std::int64_t end_ns() const { return end_ns_; }

 private:
  std::string g(std::uint32_t id) const {
    std::string s = "G";
    s += std::to_string(id);  // not "G" + ...: see list()
    if (auto it = gnames_.find(id); it != gnames_.end()) s += " " + it->second;
    return s;
  }
  std::string chan(std::uint32_t id) const {
    if (auto it = cnames_.find(id); it != cnames_.end()) {
      return it->second + "#" + std::to_string(id);
    }
    return "chan#" + std::to_string(id);
  }
  std::string value(const Event& e) const {
    auto kind = static_cast<gort::trace::ValueKind>(e.flags);
    std::string text;
    if (kind == gort::trace::ValueKind::Text)
      text = prog_.string(static_cast<std::uint32_t>(e.value));
    return gort::trace::value_text(e.value, kind, text);
  }

  static std::string ms(std::int64_t ns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f ms", static_cast<double>(ns) / 1e6);
    return buf;
  }

  static std::string quote(std::string_view text) {
    std::string q;
    gort::detail::format_quoted(q, text);
    return q;
  }

  std::string describe(const Event& e, const std::string& output) const {
    switch (e.kind) {
      case Kind::ProcStart:
        return "starts";
      case Kind::ProcStop:
        return "stops: nothing to run";
      case Kind::GoCreate:
        return (e.g ? g(e.g) : "runtime") + " creates G" + std::to_string(e.obj) + " at line " +
               std::to_string(e.value);
      case Kind::GoStart:
        return g(e.g) + " runs";
      case Kind::GoBlock: {
        std::string s = g(e.g) + " blocks: " +
                        std::string(gort::wait_reason_text(static_cast<gort::WaitReason>(e.flags)));
        return e.obj ? s + " on " + chan(e.obj) : s;
      }
      case Kind::GoUnblock:
        return (e.g ? g(e.g) : "runtime") + " wakes " + g(e.obj);
      case Kind::GoSleep:
        return g(e.g) + " sleeps until " + ms(e.value);
      case Kind::GoYield:
        return g(e.g) + " yields";
      case Kind::GoPreempt:
        return g(e.g) + " is preempted";
      case Kind::GoEnd:
        return g(e.g) + " ends";
      case Kind::GoName:
        return "G" + std::to_string(e.g) + " is named " +
               prog_.string(static_cast<std::uint32_t>(e.value));
      case Kind::GoLine:
        return g(e.g) + " at line " + std::to_string(e.value);
      case Kind::ChanMake:
        return g(e.g) + " makes " + chan(e.obj) + " (cap " + std::to_string(e.value) + ")";
      case Kind::ChanSend:
        return (e.g ? g(e.g) : "timer") + " sends " + value(e) + " on " + chan(e.obj);
      case Kind::ChanRecv:
        return g(e.g) + (e.aux ? " receives " + value(e) : " receives zero value, closed") +
               " from " + chan(e.obj);
      case Kind::ChanClose:
        return g(e.g) + " closes " + chan(e.obj);
      case Kind::Select:
        return g(e.g) +
               " select: " + (e.value < 0 ? "default" : "case " + std::to_string(e.value)) +
               " of " + std::to_string(e.aux);
      case Kind::SelectWait:
        return g(e.g) + " waits in select to " + (e.aux ? "send on " : "receive from ") +
               chan(e.obj);
      case Kind::TimerFire:
        return "timer fires: " + (e.obj ? "wakes " + g(e.obj) : "sends on " + chan(e.aux));
      case Kind::Print: {
        std::string text = static_cast<std::size_t>(e.value) < output.size()
                               ? output.substr(static_cast<std::size_t>(e.value), e.aux)
                               : std::string();
        return (e.g ? g(e.g) : "runtime") + (e.obj ? " prints to stderr " : " prints ") +
               quote(text);
      }
      case Kind::Exit:
        return "program exits with code " + std::to_string(e.value);
    }
    return "unknown event";
  }

  const gort::Program& prog_;
  bool print_;
  std::map<std::uint32_t, std::string> gnames_, cnames_;
  std::uint64_t goroutines_ = 1;  // main has no GoCreate event
  std::uint64_t chan_ops_ = 0;
  std::int64_t end_ns_ = 0;
};

// Runs body as goroutine 1 with o's flags, printing the trace with --trace;
// the summary line names `what` (printed for patterns, and for files only
// with --trace).
int run_body(const Options& o, const std::string& what, std::function<void()> body, bool summary) {
  gort::Config cfg;
  cfg.gomaxprocs = o.procs;
  cfg.seed = o.seed ? o.seed : std::random_device{}() | 1;  // chosen here so the summary can say
  if (o.virtual_time) cfg.clock = gort::ClockMode::Virtual;
  if (o.deterministic) cfg.set_deterministic(true);
  // The trace feeds the summary line, --trace and --trace-json; a Go file run
  // without them records nothing, as recording costs every channel operation.
  cfg.trace = summary || !o.trace_json.empty();
  gort::Program prog(cfg, std::move(body));
  if (!prog.valid()) throw UsageError{prog.error()};
  std::ofstream json;
  if (!o.trace_json.empty()) {
    json.open(o.trace_json, std::ios::binary | std::ios::trunc);
    if (!json) throw UsageError{"cannot write " + o.trace_json + ": " + std::strerror(errno)};
  }

  TraceReader reader(prog, o.trace);
  std::vector<Event> events, all;  // all: the whole run's, for --trace-json
  auto drain = [&] {
    events.clear();
    // Not read(events) when there are none: read is 26 KB of wasm, and
    // called every 20 ms to return at once it still got hot enough for V8
    // to re-compile it while the program ran (DESIGN.md §9.7).
    if (prog.drain(events) == 0) return;
    reader.read(events);
    if (json.is_open()) all.insert(all.end(), events.begin(), events.end());
  };
  auto start = std::chrono::steady_clock::now();
  while (!prog.run_for(std::chrono::milliseconds(20))) drain();
  int code = prog.wait();
  double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  drain();
  if (json.is_open()) {
    json << gort::trace::chrome_trace_json(all,
                                           [&prog](std::uint32_t id) { return prog.string(id); });
    json.close();
    if (!json) {
      std::fprintf(stderr, "gort: cannot write %s\n", o.trace_json.c_str());
      return kUsageExit;
    }
  }
  if (!summary) return code;

  std::string clock;
  if (o.virtual_time || o.deterministic) {
    char buf[64];
    std::snprintf(buf, sizeof buf, ", %.1f ms virtual", static_cast<double>(reader.end_ns()) / 1e6);
    clock = buf;
  }
  std::string lost;
  if (std::uint64_t n = prog.lost_events()) {
    lost = ", " + std::to_string(n) + " trace events lost";
  }
  auto count = [](std::uint64_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  };
  std::fprintf(stderr, "gort: %s exited %d in %.1f ms%s (procs %d%s, seed %" PRIu64 ", %s, %s%s)\n",
               what.c_str(), code, wall_ms, clock.c_str(), prog.procs(),
               prog.simulated() ? " simulated" : "", cfg.seed,
               count(reader.goroutines(), "goroutine").c_str(),
               count(reader.chan_ops(), "channel op").c_str(), lost.c_str());
  return code;
}

int run(const Options& o) {
  if (!o.limit_flag.empty()) {
    throw UsageError{o.limit_flag + " limits a Go program; " + o.pattern + " is a C++ pattern"};
  }
  const patterns::Pattern& p = find_pattern(o.pattern);
  const patterns::Args args = make_args(p, o);
  return run_body(
      o, p.id, [&p, &args] { p.body(args); }, true);
}

// Compile errors go to stderr as `go build` prints them, exit code 2.
int run_file(const Options& o) {
  if (!o.params.empty())
    throw UsageError{"--param sets a pattern's parameters; a Go file has none"};
  std::string src, name;
  if (o.pattern == "-") {
    src.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    name = "prog.go";
  } else {
    std::ifstream in(o.pattern, std::ios::binary);
    if (!in) throw UsageError{"cannot read " + o.pattern};
    src.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    std::size_t slash = o.pattern.find_last_of('/');
    name = slash == std::string::npos ? o.pattern : o.pattern.substr(slash + 1);
  }
  gort::golang::Compiled c = gort::golang::compile(src, name);
  if (!c.ok()) {
    std::fputs(("# command-line-arguments\n" + c.error_text()).c_str(), stderr);
    return 2;
  }
  std::shared_ptr<const gort::golang::Program> prog = c.program;
  return run_body(
      o, name, [prog, limits = o.limits] { prog->main(limits); }, o.trace);
}

int dispatch(const std::vector<std::string_view>& args) {
  if (args.empty()) throw UsageError{"which command? list, source or run"};
  std::string_view cmd = args[0];
  std::vector<std::string_view> rest(args.begin() + 1, args.end());
  if (cmd == "help" || cmd == "-h" || cmd == "--help") {
    std::printf("%s\n%s", kSynopsis, kFlags);
    return 0;
  }
  if (cmd == "list") {
    if (!rest.empty()) throw UsageError{"list takes no arguments"};
    return list();
  }
  if (cmd == "source") return source(gort::cli::parse_options(rest, false));
  if (cmd == "run") {
    Options o = gort::cli::parse_options(rest, true);
    return is_go_file(o.pattern) ? run_file(o) : run(o);
  }
  throw UsageError{"unknown command \"" + std::string(cmd) + "\""};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(std::vector<std::string_view>(argv + 1, argv + argc));
  } catch (const UsageError& e) {
    std::fprintf(stderr, "gort: %s\n%s(gort help explains the flags)\n", e.message.c_str(),
                 kSynopsis);
    return kUsageExit;
  }
}
