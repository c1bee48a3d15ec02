// The C++ side of window.gort: see js_api.hpp and wasm/gort_api.js.
//
// Strings cross as UTF-8 C strings. Returned strings live in one static
// buffer per function until its next call (JavaScript copies them at once).
// Errors are returned as text, never thrown: a bad request must leave the
// page working.
#include "js_api.hpp"

#include <emscripten.h>
#include <imgui.h>

#include <cstdlib>
#include <gort/config.hpp>
#include <patterns/pattern.hpp>
#include <string>
#include <vector>

#include "playground.hpp"
#include "stats_view.hpp"
#include "widget_rects.hpp"

namespace gort::web {

namespace {

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

std::string clipboard;

// gort.run and gort.stop, in the order they were called, carried out at the
// start of the next frame: stopping a program unwinds its goroutines, which
// switches fibers, and under ASYNCIFY that must happen inside the frame loop
// (a switch inside a plain ccall from JavaScript unwinds out of the ccall).
struct Request {
  int token = 0;  // 0 = stop
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
  char* q = reinterpret_cast<char*>(EM_ASM_INT({ return allocateUTF8(location.search || ""); }));
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
  EM_ASM(
      {
        if (Module.gortRunEnded)
          Module.gortRunEnded($0, $1 ? $2 : null, !!$3, UTF8ToString($4), UTF8ToString($5),
                              UTF8ToString($6));
      },
      end.run, end.exit_code.has_value(), end.exit_code.value_or(0), end.stopped,
      end.output.c_str(), end.out.c_str(), end.err.c_str());
}

void serve_requests() {
  std::vector<Request> todo;
  todo.swap(requests);
  Playground& pg = playground();
  for (Request& r : todo) {
    if (r.token == 0) {
      pg.stop();
      continue;
    }
    std::string error;
    int run = pg.run(r.options, error);
    if (run == 0) {
      EM_ASM({ Module.gortRunRefused($0, UTF8ToString($1)); }, r.token, error.c_str());
      continue;
    }
    // The panels show what runs: the chosen pattern with every parameter.
    const RunOptions& o = r.options;
    pg.choose(o.pattern);
    for (auto& [name, value] : pg.next.params)
      for (const auto& [n, v] : o.params)
        if (n == name) value = v;
    pg.next.procs = o.procs;
    pg.next.seed = o.seed;
    pg.next.deterministic = o.deterministic;
    pg.next.speed = o.speed;
    EM_ASM({ Module.gortRunStarted($0, $1); }, r.token, run);
  }
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

// Asks for a run at the next frame (see Request); params: "name=value"
// lines. Module.gortRunStarted(token, run id) or Module.gortRunRefused(token,
// why) answers.
EMSCRIPTEN_KEEPALIVE void gort_run(int token, const char* id, const char* params, int procs,
                                   const char* seed, int deterministic, double speed) {
  Request r;
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
  o.speed = speed;
  requests.push_back(std::move(r));
}

EMSCRIPTEN_KEEPALIVE void gort_stop() {
  requests.push_back(Request{});
}

// {running, finished, threaded, procs, goroutines, goroutinesTotal, channels,
//  events, played, lost, frameMs, cpuMs, run, pattern, paused, notice, output}
EMSCRIPTEN_KEEPALIVE const char* gort_state_json() {
  static std::string out;
  const Playground& pg = playground();
  const Session& s = pg.session();
  Stats st = s.stats();
  const FrameTimes& ft = frame_times();
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "{\"running\":%s,\"finished\":%s,\"threaded\":%s,\"simulated\":%s,\"procs\":%d,"
                "\"goroutines\":%zu,\"goroutinesTotal\":%zu,\"channels\":%zu,"
                "\"events\":%llu,\"played\":%llu,\"lost\":%llu,\"frameMs\":%.3f,"
                "\"cpuMs\":%.3f,\"foldMs\":%.3f,\"run\":%d,\"paused\":%s,\"pattern\":",
                s.running() ? "true" : "false", s.finished() ? "true" : "false",
                gort::Config::kThreads ? "true" : "false", s.simulated() ? "true" : "false",
                s.procs(), st.goroutines_alive, st.goroutines_total, st.channels,
                static_cast<unsigned long long>(st.events),
                static_cast<unsigned long long>(st.played),
                static_cast<unsigned long long>(st.lost), ft.interval_ms, ft.cpu_ms, st.fold_ms,
                pg.current_run(), s.playback().paused() ? "true" : "false");
  out = buf;
  json_string(out, s.options().pattern);
  out += ",\"notice\":";
  json_string(out, pg.notice);
  out += ",\"output\":";
  json_string(out, s.output());
  out += '}';
  return out.c_str();
}

// {name: [x, y, w, h]} in CSS pixels relative to the canvas.
EMSCRIPTEN_KEEPALIVE const char* gort_ui_json() {
  return widget_rects().json().c_str();
}

}  // extern "C"
