// The embedded playground's commands and events: see embed_frame.hpp.
#include "embed_frame.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <gort/json.hpp>
#include <string>
#include <vector>

#include "embed_command.hpp"
#include "playground.hpp"
#include "share_link.hpp"

namespace gort::web::embed {

namespace {

std::vector<EmbedCommand> commands;
int reported_run = 0;  // the run whose started event was sent
std::string reported;  // the console text sent for it so far

bool listening() {
  static const bool yes = EM_ASM_INT({ return Module.gortEmbedEvent ? 1 : 0; });
  return yes;
}

void send(const std::string& json) {
  EM_ASM({ Module.gortEmbedEvent(UTF8ToString($0)); }, json.c_str());
}

// The console text playback has shown since the last call, as an output event.
void send_output(const Playground& pg) {
  std::string now = pg.session().output();
  if (now == reported) return;
  // Text that is not a continuation (compare mode's second run rewrites the
  // console) is sent whole.
  std::string_view fresh(now);
  if (now.compare(0, reported.size(), reported) == 0) fresh.remove_prefix(reported.size());
  std::string json = "{\"type\":\"output\",\"text\":";
  json_string(json, fresh);
  send(json + "}");
  reported = std::move(now);
}

// Applies a command's params and code to the next run's options.
std::string apply(Playground& pg, const EmbedCommand& c) {
  Link now{pg.next, true};
  Link link;
  std::string err = decode(embed_query(encode(now), c), link);
  if (!err.empty()) return err;
  pg.show(link.options);
  // With code, decode takes the parameters from its constants: the
  // command's own values win.
  for (const auto& [k, v] : c.params) pg.set_param(k, std::atoi(v.c_str()));
  return "";
}

void carry_out(Playground& pg, const EmbedCommand& c) {
  Playback& play = pg.session().playback();
  const bool options = !c.params.empty() || c.code;
  std::string err;
  switch (c.type) {
    case EmbedCommand::Type::Pause:
      play.pause();
      break;
    case EmbedCommand::Type::Step:
      play.step();
      break;
    case EmbedCommand::Type::Restart:
      pg.restart(err);
      break;
    case EmbedCommand::Type::Set:
      err = apply(pg, c);
      break;
    case EmbedCommand::Type::Run:
      if (options) err = apply(pg, c);
      if (!err.empty()) break;
      if (!options && pg.run_open() && play.paused())
        play.resume();
      else
        pg.run_next(err);
      break;
  }
  if (!err.empty()) {
    pg.notice = err;
    EM_ASM({ console.warn('gort embed: ' + UTF8ToString($0)); }, err.c_str());
  }
}

}  // namespace

void serve(Playground& pg) {
  std::vector<EmbedCommand> todo;
  todo.swap(commands);
  for (const EmbedCommand& c : todo) carry_out(pg, c);
}

// Sends run's started event, once (a short run can end in the frame it began).
static void started(int run) {
  if (run == 0 || run == reported_run) return;
  reported_run = run;
  reported.clear();
  send("{\"type\":\"started\"}");
}

void report(const Playground& pg) {
  if (!listening()) return;
  started(pg.current_run());
  // While the new run is prepared the console is still the last run's.
  if (pg.current_run() == reported_run && !pg.session().preparing()) send_output(pg);
}

void run_ended(const Playground& pg, const RunEnd& end) {
  if (!listening()) return;
  started(end.run);
  if (!end.stopped) send_output(pg);
  send("{\"type\":\"exited\",\"exitCode\":" +
       (end.exit_code ? std::to_string(*end.exit_code) : std::string("null")) + "}");
}

void open_playground() {
  EM_ASM({
    if (Module.gortOpenPlayground) Module.gortOpenPlayground();
  });
}

}  // namespace gort::web::embed

using namespace gort::web;

extern "C" {

// A message from the host page (its JSON text): queued for the next frame,
// or refused with why ("" = queued).
EMSCRIPTEN_KEEPALIVE const char* gort_embed_command(const char* json) {
  static std::string error;
  EmbedCommand c;
  error = parse_embed_command(json, c);
  if (error.empty()) embed::commands.push_back(std::move(c));
  return error.c_str();
}

}  // extern "C"
