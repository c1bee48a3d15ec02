// The console panel: the program's output in order (at the playback
// cursor), in the monospaced font, coloured by what a line is — Go's panic
// and fatal error messages, goroutine headers of a traceback, the exit
// banner (Session::output: green after a normal exit). A line that names a
// place in the code (a compile error "./prog.go:12:5: ...", a traceback's
// "\tprog.go:12") is a link: clicking it shows that place in the editor
// (rects "console.goto.<k>", k counting such lines from 0). Follows new
// output unless the user scrolled up.
#pragma once

struct ImFont;

namespace gort::web {

class Playground;
class WidgetRects;

void draw_console(const Playground& pg, ImFont* mono, WidgetRects& rects);

}  // namespace gort::web
