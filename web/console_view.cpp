// The console panel: see console_view.hpp.
#include "console_view.hpp"

#include <imgui.h>

#include <string>
#include <string_view>

#include "editor_state.hpp"
#include "js_api.hpp"
#include "playground.hpp"
#include "theme_style.hpp"
#include "widget_rects.hpp"

namespace gort::web {

namespace {

// The theme's colour of a console line, 0 for the plain text's.
std::uint32_t line_color(std::string_view line) {
  const theme::Theme& t = theme::current();
  auto starts = [&](std::string_view p) { return line.substr(0, p.size()) == p; };
  if (starts("panic:") || starts("fatal error:") || starts("[signal")) return t.error;
  if (starts("goroutine ")) return t.goroutine;
  if (starts("Program exited: status") || starts("Program stopped.")) return t.notice;
  if (starts("Program exited.")) return t.ok;
  if (starts("\t") || starts("main.") || starts("created by ")) return t.dim;
  return 0;
}

}  // namespace

void draw_console(const Playground& pg, ImFont* mono, WidgetRects& rects) {
  const Session& s = pg.session();
  std::string out = s.output();
  ImGui::BeginChild("##console", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  if (mono) ImGui::PushFont(mono);
  // Stick to the bottom while new output arrives, unless scrolled up.
  bool follow = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 2;
  int jumps = 0;
  std::string_view rest(out);
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    int at_line = 0, at_col = 0;
    if (source_position(line, at_line, at_col)) {  // a compile error, a traceback's frame
      ImGui::PushID(jumps);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::vec(theme::current().link));
      std::string text(line);
      if (ImGui::Selectable(text.c_str())) js::editor_goto(at_line, at_col);
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show line %d in the code", at_line);
      rects.record_item("console.goto." + std::to_string(jumps++));
      ImGui::PopID();
      continue;
    }
    const std::uint32_t c = line_color(line);
    if (c) ImGui::PushStyleColor(ImGuiCol_Text, theme::vec(c));
    ImGui::TextUnformatted(line.data(), line.data() + line.size());
    if (c) ImGui::PopStyleColor();
  }
  if (s.running()) {
    ImGui::TextColored(theme::vec(theme::current().dim), "...");
  }
  if (follow) ImGui::SetScrollHereY(1.0f);
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace gort::web
