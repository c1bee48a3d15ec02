// The source panel: the Go program of the current run (parameters filled
// in), with line numbers. The line the selected goroutine is at is
// highlighted (the model's Goroutine::line, from gort::at), and the lines
// other live goroutines are at faintly, tagged with their ids. When the
// gallery's chosen pattern is not the one running, it previews that
// pattern's source instead, without highlights.
#pragma once

struct ImFont;

namespace gort::web {

class Playground;

// mono: the font for code (nullptr = the current font).
void draw_source(Playground& pg, ImFont* mono);

}  // namespace gort::web
