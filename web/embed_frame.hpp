// The playground's side of being embedded (?embed=1 in an iframe, README
// "Embedding"): the host page's commands, parsed by embed_command.hpp when
// they arrive (wasm/embed_frame.js passes their JSON text to
// gort_embed_command) and carried out at the start of the next frame; and
// the events the host hears: started (a run began), output (console text
// as playback shows it, the exit banner included), exited (exitCode, null
// when stopped).
//
// Invariants: commands run in the frame loop, in the order they came (a
// run or restart stops a program, which switches fibers: see js_api.cpp);
// for each run the host hears started, then its output in order, then
// exited, once; nothing is sent unless the page listens
// (Module.gortEmbedEvent: an embed with a host origin).
#pragma once

#include <string>

namespace gort::web {

class Playground;
struct RunEnd;

namespace embed {

// Once per frame, before pg.frame(): carries out the commands that came.
void serve(Playground& pg);
// Once per frame, after pg.frame(): tells the host what changed.
void report(const Playground& pg);
// pg.on_end's: the run's last output, then exited.
void run_ended(const Playground& pg, const RunEnd& end);
// The "Open in playground" button: the full page, in a new tab, with the
// options and code this embed shows.
void open_playground();

}  // namespace embed
}  // namespace gort::web
