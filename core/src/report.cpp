// What a program says: its output (write_out/err, recorded for
// Program::output and the trace), and the runtime's own messages in Go's words: panics, fatal
// errors, the deadlock report and goroutine tracebacks.
//
// Tracebacks cannot show C++ frames; each goroutine shows what gort knows:
//   goroutine 6 [chan send]:
//   main.worker()            (its name, if set; main.main() for goroutine 1)
//   	main.go:12            (the Go line it marked with gort::at, if any, in
//                            the file gort::set_file named)
//   created by main.main in goroutine 1
//   	main.go:9             (the function that made it: its creator's name
//                            then, or set_creator's; its go statement's line)
#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "sched.hpp"

namespace gort::detail {

namespace {
constexpr std::size_t kMaxOutput = 8 << 20;  // kept for output(); the sinks see everything
}

void Sched::write(bool err, std::string_view text) {
  std::lock_guard lk(out_mu_);
  std::size_t offset = output_.size();
  if (offset + text.size() <= kMaxOutput) output_.append(text);
  auto& sink = err ? cfg_.err : cfg_.out;
  if (sink) {
    sink(text);
  } else {
    std::fwrite(text.data(), 1, text.size(), err ? stderr : stdout);
    std::fflush(err ? stderr : stdout);
  }
  if (tracing_) {
    P* p = curp();
    G* g = p ? p->curg : nullptr;
    record(p, trace::Kind::Print, g, err, static_cast<std::int64_t>(offset),
           static_cast<std::uint32_t>(text.size()), 0);
  }
}

void write_out(std::string_view text) {
  if (!g_sched) throw std::logic_error("gort: called outside a running gort program");
  g_sched->write(false, text);
}

void write_err(std::string_view text) {
  if (!g_sched) throw std::logic_error("gort: called outside a running gort program");
  g_sched->write(true, text);
}

void Sched::report_traceback(G* g, std::string_view state) {
  // A name with a dot is a Go function name as tracebacks print it; a bare
  // one (a C++ pattern's "worker") is a function of package main.
  auto func = [this](std::uint32_t name_id) -> std::string {
    std::string name = strings_.text(name_id);
    return name.find('.') == std::string::npos ? "main." + name : name;
  };
  std::uint32_t file_id = file_id_.load();
  std::string file = "\t" + (file_id ? strings_.text(file_id) : "main.go") + ":";
  std::string s = "goroutine " + std::to_string(g->id) + " [" + std::string(state) + "]:\n";
  if (g->id == 1 || g->name_id) s += (g->name_id ? func(g->name_id) : "main.main") + "()\n";
  if (g->line > 0) s += file + std::to_string(g->line) + "\n";
  if (g->parent_id == 1 || g->creator_id) {
    s += "created by " + (g->creator_id ? func(g->creator_id) : "main.main") + " in goroutine " +
         std::to_string(g->parent_id) + "\n";
    if (g->creator_line > 0) s += file + std::to_string(g->creator_line) + "\n";
  }
  s += "\n";
  write(true, s);
}

void Sched::report_deadlock() {
  write(true, "fatal error: all goroutines are asleep - deadlock!\n\n");
  std::vector<G*> gs;
  {
    std::lock_guard lk(allg_mu_);
    for (G* g = allg_; g; g = g->allnext) gs.push_back(g);
  }
  std::sort(gs.begin(), gs.end(), [](G* a, G* b) { return a->id < b->id; });
  for (G* g : gs) report_traceback(g, wait_reason_text(g->reason));
}

void fatal_report(std::string_view msg) {
  Sched* s = g_sched;
  if (!s->begin_report()) return;
  s->write(true, "fatal error: " + std::string(msg) + "\n\n");
  if (G* g = getg()) s->report_traceback(g, "running");
  s->end(2);
}

}  // namespace gort::detail
