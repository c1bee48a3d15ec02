// The console panel: the program's output in order (at the playback
// cursor), coloured by what a line is — Go's panic and fatal error messages,
// goroutine headers of a traceback, the exit banner (Session::output: green
// after a normal exit). Follows new output unless the user scrolled up.
#pragma once

namespace gort::web {

class Playground;

void draw_console(const Playground& pg);

}  // namespace gort::web
