// The C++ side of window.gort: see js_api.hpp and wasm/gort_api.js.
//
// Strings cross as UTF-8 C strings. Returned strings live in one static
// buffer per function until its next call (JavaScript copies them at once).
// Errors are returned as text, never thrown: a bad request must leave the
// page working.
#include "js_api.hpp"

#include <emscripten.h>
#include <imgui.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <gort/config.hpp>
#include <gort/golang.hpp>
#include <gort/json.hpp>
#include <patterns/pattern.hpp>
#include <string>
#include <type_traits>
#include <vector>

#include "graph_scene.hpp"
#include "playground.hpp"
#include "share_button.hpp"
#include "stats_view.hpp"
#include "trace_export.hpp"
#include "widget_rects.hpp"

namespace gort::web {

namespace {

std::string clipboard;

// gort.run and gort.stop, in the order they were called, carried out at the
// start of the next frame: stopping a program unwinds its goroutines, which
// switches fibers, and under ASYNCIFY that must happen inside the frame loop
// (a switch inside a plain ccall from JavaScript unwinds out of the ccall).
struct Request {
  enum Kind { Run, Stop, RunNext } kind = Stop;
  int token = 0;  // Run: the promise's
  RunOptions options;
};
std::vector<Request> requests;

}  // namespace

namespace js {

void ready() {
  EM_ASM({
    if (Module.gortReady) Module.gortReady();
  });
}

void fail(const std::string& message) {
  EM_ASM(
      {
        if (Module.gortFail) Module.gortFail(UTF8ToString($0));
      },
      message.c_str());
}

void warn(const std::string& message) {
  EM_ASM({ console.warn(UTF8ToString($0)); }, message.c_str());
}

std::string query() {
  char* q = reinterpret_cast<char*>(EM_ASM_INT({
    var g = window.gort;
    return allocateUTF8(g && typeof g._query == 'string' ? g._query : (location.search || ""));
  }));
  std::string s = q ? q : "";
  std::free(q);
  return s;
}

std::string link_error() {
  char* q = reinterpret_cast<char*>(EM_ASM_INT({
    var g = window.gort;
    return allocateUTF8(g && g._linkError ? String(g._linkError) : "");
  }));
  std::string s = q ? q : "";
  std::free(q);
  return s;
}

void publish_link(const std::string& query) {
  EM_ASM(
      {
        if (Module.gortLink) Module.gortLink(UTF8ToString($0));
      },
      query.c_str());
}

void run_ended(const RunEnd& end) {
  std::string errors = "[";
  for (const golang::Error& e : end.errors) {
    if (errors.size() > 1) errors += ',';
    errors += "{\"line\":" + std::to_string(e.line) + ",\"col\":" + std::to_string(e.col) +
              ",\"message\":";
    json_string(errors, e.message);
    errors += '}';
  }
  errors += ']';
  EM_ASM(
      {
        if (Module.gortRunEnded)
          Module.gortRunEnded($0, $1 ? $2 : null, !!$3, UTF8ToString($4), UTF8ToString($5),
                              UTF8ToString($6), JSON.parse(UTF8ToString($7)));
      },
      end.run, end.exit_code.has_value(), end.exit_code.value_or(0), end.stopped,
      end.output.c_str(), end.out.c_str(), end.err.c_str(), errors.c_str());
}

void serve_requests() {
  std::vector<Request> todo;
  todo.swap(requests);
  Playground& pg = playground();
  for (Request& r : todo) {
    std::string error;
    if (r.kind == Request::Stop) {
      pg.stop();
    } else if (r.kind == Request::RunNext) {
      pg.run_next(error);
      if (!error.empty()) pg.notice = error;
    } else if (int run = pg.run(r.options, error); run == 0) {
      EM_ASM({ Module.gortRunRefused($0, UTF8ToString($1)); }, r.token, error.c_str());
    } else {
      pg.show(r.options);  // the panels and the editor show what runs
      EM_ASM({ Module.gortRunStarted($0, $1); }, r.token, run);
    }
  }
}

bool runs_allowed() {
#ifdef __EMSCRIPTEN_PTHREADS__
  static bool loaded = false;  // the pool never shrinks (Sched caps Ps at its size)
  if (!loaded) {
    loaded = EM_ASM_INT({
      return PThread.unusedWorkers.concat(PThread.runningWorkers).every(function(w) {
        return w.loaded;
      });
    });
  }
  return loaded;
#else
  return true;
#endif
}

void share() {
  EM_ASM({
    if (Module.gortShare) Module.gortShare();
  });
}

void download_trace() {
  EM_ASM({
    if (Module.gortDownloadTrace) Module.gortDownloadTrace();
  });
}

void editor_code(const std::string& text, bool new_document) {
  EM_ASM(
      {
        if (window.gortEditor) window.gortEditor.setText(UTF8ToString($0), !!$1);
      },
      text.c_str(), new_document);
}

void editor_status(const std::string& json) {
  EM_ASM(
      {
        if (Module.gortStatus) Module.gortStatus(JSON.parse(UTF8ToString($0)));
      },
      json.c_str());
}

void editor_lines(const std::string& json) {
  EM_ASM(
      {
        if (window.gortEditor) window.gortEditor.setLines(JSON.parse(UTF8ToString($0)));
      },
      json.c_str());
}

void editor_marks(const std::string& json) {
  EM_ASM(
      {
        if (window.gortEditor) window.gortEditor.setMarks(JSON.parse(UTF8ToString($0)));
      },
      json.c_str());
}

void editor_goto(int line, int col) {
  EM_ASM(
      {
        if (window.gortEditor) window.gortEditor.goto($0, $1);
      },
      line, col);
}

void install_clipboard() {
  ImGuiIO& io = ImGui::GetIO();
  io.SetClipboardTextFn = [](void*, const char* text) {
    clipboard = text;
    EM_ASM(
        {
          var t = UTF8ToString($0);
          if (navigator.clipboard && navigator.clipboard.writeText)
            navigator.clipboard.writeText(t).catch(function(){});
        },
        text);
  };
  // What the page's last paste event carried (gort_api.js feeds it).
  io.GetClipboardTextFn = [](void*) -> const char* { return clipboard.c_str(); };
}

}  // namespace js
}  // namespace gort::web

using namespace gort::web;
using gort::json_string;  // core's, since 5d323d9 moved it out of gort::web

extern "C" {

EMSCRIPTEN_KEEPALIVE void gort_set_clipboard(const char* text) {
  clipboard = text;
}

// [{id, title, description, params: [{name, min, max, value, help}]}]
EMSCRIPTEN_KEEPALIVE const char* gort_patterns_json() {
  static std::string out;
  out = "[";
  for (const auto& p : gort::patterns::all()) {
    if (out.size() > 1) out += ',';
    out += "{\"id\":";
    json_string(out, p.id);
    out += ",\"title\":";
    json_string(out, p.title);
    out += ",\"description\":";
    json_string(out, p.description);
    out += ",\"expectedExit\":" + std::to_string(p.expected_exit);
    out += ",\"params\":[";
    for (std::size_t i = 0; i < p.params.size(); i++) {
      const auto& q = p.params[i];
      if (i) out += ',';
      out += "{\"name\":";
      json_string(out, q.name);
      out += ",\"min\":" + std::to_string(q.min) + ",\"max\":" + std::to_string(q.max) +
             ",\"value\":" + std::to_string(q.value) + ",\"help\":";
      json_string(out, q.help);
      out += '}';
    }
    out += "]}";
  }
  out += ']';
  return out.c_str();
}

// Asks for a run at the next frame (see Request; a threaded program stops
// now: Session::halt_for); params: "name=value"
// lines; code: "" = the pattern's text; limits: steps, run time (ms),
// memory, goroutines, output, stack (gort::golang::Limits), six numbers
// apart by spaces (-1 = the default, 0 = none; gort_api.js checked them).
// Module.gortRunStarted(token, run id) or Module.gortRunRefused(token, why) answers.
EMSCRIPTEN_KEEPALIVE void gort_run(int token, const char* id, const char* params, int procs,
                                   const char* seed, int deterministic, double speed,
                                   const char* code, int compare, const char* limits) {
  Request r;
  r.kind = Request::Run;
  r.token = token;
  RunOptions& o = r.options;
  o.pattern = id;
  std::string_view rest(params);
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    std::size_t eq = line.find('=');
    o.params.emplace_back(std::string(line.substr(0, eq)),
                          std::atoi(std::string(line.substr(eq + 1)).c_str()));
  }
  o.procs = procs;
  o.seed = std::strtoull(seed, nullptr, 10);
  o.deterministic = deterministic != 0;
  o.speed = std::min(speed, gort::Config::kMaxSpeed);  // a huge speed runs as fast as it can
  o.code = code;
  o.compare = compare != 0;
  gort::golang::Limits& l = o.limits;
  double v[6];
  char* end = const_cast<char*>(limits);
  for (double& x : v) x = std::strtod(end, &end);
  auto set = [](double x, auto& field) {
    if (x >= 0) field = static_cast<std::remove_reference_t<decltype(field)>>(x);
  };
  set(v[0], l.max_steps);
  if (v[1] >= 0) l.max_run_time = std::chrono::milliseconds(static_cast<long long>(v[1]));
  set(v[2], l.max_memory);
  set(v[3], l.max_goroutines);
  set(v[4], l.max_output);
  set(v[5], l.max_stack);
  playground().session().halt_for(o);
  requests.push_back(std::move(r));
}

EMSCRIPTEN_KEEPALIVE void gort_stop() {
  requests.push_back(Request{});
}

// The editor's Run (button, Ctrl/Cmd+Enter): the next run's options, at the next frame.
EMSCRIPTEN_KEEPALIVE void gort_run_next() {
  Request r;
  r.kind = Request::RunNext;
  playground().session().halt_for(playground().next);
  requests.push_back(std::move(r));
}

// The reader edited the code (the editor's text, whole).
EMSCRIPTEN_KEEPALIVE void gort_set_code(const char* text) {
  playground().set_code(text);
}

EMSCRIPTEN_KEEPALIVE const char* gort_code() {
  return playground().next.code.c_str();
}

// The editor's Reset: the pattern's own text.
EMSCRIPTEN_KEEPALIVE void gort_reset_code() {
  playground().reset_code();
}

// {running, preparing, finished, threaded, procs, goroutines, goroutinesTotal, channels,
//  events, played, lost, frameMs, cpuMs, run, paused, edited, clockMs, firstEvent,
//  traceHash, pattern, compare, notice, share, output}
EMSCRIPTEN_KEEPALIVE const char* gort_state_json() {
  static std::string out;
  const Playground& pg = playground();
  const Session& s = pg.session();
  Stats st = s.stats();
  const FrameTimes& ft = frame_times();
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "{\"running\":%s,\"preparing\":%s,\"finished\":%s,\"threaded\":%s,\"simulated\":%s,"
                "\"procs\":%d,\"goroutines\":%zu,\"goroutinesTotal\":%zu,\"channels\":%zu,"
                "\"events\":%llu,\"played\":%llu,\"lost\":%llu,\"frameMs\":%.3f,"
                "\"cpuMs\":%.3f,\"foldMs\":%.3f,\"run\":%d,\"paused\":%s,\"edited\":%s,"
                "\"clockMs\":",
                s.running() ? "true" : "false", s.preparing() ? "true" : "false",
                s.finished() ? "true" : "false", gort::Config::kThreads ? "true" : "false",
                s.simulated() ? "true" : "false", s.procs(), st.goroutines_alive,
                st.goroutines_total, st.channels, static_cast<unsigned long long>(st.events),
                static_cast<unsigned long long>(st.played),
                static_cast<unsigned long long>(st.lost), ft.interval_ms, ft.cpu_ms, st.fold_ms,
                pg.current_run(), s.playback().paused() ? "true" : "false",
                pg.edited() ? "true" : "false");
  out = buf;
  // The run's length on its clock, first event to last recorded; where the
  // kept trace begins; the hash of every event recorded (hex: 64 bits).
  const Playback& pb = s.playback();
  const auto& evs = pb.events();
  std::snprintf(buf, sizeof buf, "%.3f,\"firstEvent\":%zu,\"traceHash\":\"%016llx\",\"pattern\":",
                evs.empty() ? 0.0 : static_cast<double>(evs.back().ts - pb.first_ts()) / 1e6,
                pb.first(), static_cast<unsigned long long>(pb.trace_hash()));
  out += buf;
  json_string(out, pg.next.pattern);  // the pattern the editor's code came from
  // Compare mode: {stage, procs: [1, N], wallMs: [one, many], speedup, simulated}.
  out += ",\"compare\":";
  if (s.compare_stage() == 0) {
    out += "null";
  } else {
    const CompareRun* one = s.compared();
    const CompareRun many = s.compare_current();
    char cb[256];
    std::snprintf(cb, sizeof cb,
                  "{\"stage\":%d,\"procs\":[1,%d],\"wallMs\":[%.3f,%.3f],\"speedup\":%.3f,"
                  "\"simulated\":%s}",
                  s.compare_stage(), s.compare_procs(),
                  one ? one->wall_ns / 1e6 : (many.wall_ns / 1e6), one ? many.wall_ns / 1e6 : 0.0,
                  one && many.wall_ns > 0 ? static_cast<double>(one->wall_ns) / many.wall_ns : 0.0,
                  many.simulated ? "true" : "false");
    out += cb;
  }
  out += ",\"notice\":";
  json_string(out, pg.notice);
  out += ",\"share\":";
  json_string(out, share_message());
  out += ",\"output\":";
  json_string(out, s.output());
  out += '}';
  return out.c_str();
}

// What a share link must add to the page's link so that it shows the same
// run: GOMAXPROCS and the seed, where the reader left them to the machine
// or to chance ("procs=4&seed=123"; "" before any run).
EMSCRIPTEN_KEEPALIVE const char* gort_share_fill() {
  static std::string out;
  const Playground& pg = playground();
  const Session& s = pg.session();
  out.clear();
  if (pg.current_run() == 0) return out.c_str();
  if (pg.next.procs == 0)  // compare mode: the second run's
    out += "procs=" + std::to_string(s.compare_stage() ? s.compare_procs() : s.procs());
  if (pg.next.seed == 0) out += (out.empty() ? "" : "&") + ("seed=" + std::to_string(s.seed()));
  return out.c_str();
}

// The clipboard took the share link (copied = 1) or refused it.
EMSCRIPTEN_KEEPALIVE void gort_shared(int copied) {
  share_done(copied != 0);
}

// The run's trace so far as Chrome Trace Event JSON (trace_export.hpp).
EMSCRIPTEN_KEEPALIVE const char* gort_trace_json() {
  static std::string out;
  out = trace_json(playground().session().playback());
  return out.c_str();
}

// How long gort::golang::compile takes on `code` (ms, the page's clock):
// what the browser bench's compile row measures; the program is not kept.
// Negative when it does not compile.
EMSCRIPTEN_KEEPALIVE double gort_compile_ms(const char* code) {
  const double t0 = emscripten_get_now();
  const bool ok = gort::golang::compile(code, "prog.go").ok();
  const double ms = emscripten_get_now() - t0;
  return ok ? ms : -ms;
}

// The bytes malloc has handed out and not had back: what the soak checks
// (tests/e2e/soak.mjs); the module's memory only grows, in steps of 20%.
EMSCRIPTEN_KEEPALIVE double gort_heap_bytes() {
  return static_cast<double>(mallinfo().uordblks);
}

// The graph view's last frame: {fontPx, nodes, edges, chips} (graph_scene.hpp),
// in CSS pixels relative to the canvas.
EMSCRIPTEN_KEEPALIVE const char* gort_scene_json() {
  static std::string out;
  out = graph_scene().json();
  return out.c_str();
}

// {name: [x, y, w, h]} in CSS pixels relative to the canvas.
EMSCRIPTEN_KEEPALIVE const char* gort_ui_json() {
  return widget_rects().json().c_str();
}

}  // extern "C"
