// The C++ side of window.gort (wasm/gort_api.js): functions the page's
// JavaScript calls (exported from js_api.cpp as gort_*), and the calls the
// app makes into JavaScript. Only the browser's main thread uses them.
#pragma once

#include <string>

namespace gort::web {

class Playground;
class WidgetRects;
struct FrameTimes;
struct RunEnd;
struct SceneExport;

// The app's state (web/app.cpp), for the exported functions.
Playground& playground();
const WidgetRects& widget_rects();
const FrameTimes& frame_times();
SceneExport graph_scene();  // the graph view's last frame

namespace js {

void ready();                           // the first frame is drawn: resolves gort.ready
void fail(const std::string& message);  // the app cannot start: the page shows why
void warn(const std::string& message);  // console.warn
// The page's link as the C++ codec reads it: location.search with code=
// inflated by the loader (web/editor/link_code.js).
std::string query();
// Why the loader could not read the link's code= ("" if it could).
std::string link_error();
void publish_link(const std::string& query);  // puts the options into the URL
void run_ended(const RunEnd& end);            // settles the promise of gort.run for that run
void install_clipboard();                     // ImGui's clipboard <-> the browser's
void serve_requests();  // carries out gort.run/gort.stop calls (once per frame)
// Whether a run may start: always, but in the threaded build only once every
// pool worker has loaded the module (they load after the first frame,
// PTHREAD_POOL_DELAY_LOAD). A thread made before its worker has loaded is
// started by the main thread's handler of the worker's "loaded" message, so
// ending that run (a join, blocking the main thread) would wait forever.
bool runs_allowed();
void download_trace();  // saves gort.traceJson() as a file (the "Download trace" button)
void share();           // copies gort.shareUrl() (the Share button); gort_shared answers

// The code editor (window.gortEditor, web/editor/main.js), when the page has it.
void editor_code(const std::string& text, bool new_document);
// editor_state.hpp's status JSON: the tab's title and the editor's bar (wasm/gort_api.js).
void editor_status(const std::string& json);
void editor_lines(const std::string& json);
void editor_marks(const std::string& json);
void editor_goto(int line, int col);  // shows line:col (col 0: the line) and focuses the editor

}  // namespace js
}  // namespace gort::web
