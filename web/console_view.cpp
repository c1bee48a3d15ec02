// The console panel: see console_view.hpp.
#include "console_view.hpp"

#include <imgui.h>

#include <string>
#include <string_view>

#include "editor_state.hpp"
#include "js_api.hpp"
#include "playground.hpp"
#include "theme.hpp"
#include "widget_rects.hpp"

namespace gort::web {

namespace {

const ImVec4* line_color(std::string_view line) {
  auto starts = [&](std::string_view p) { return line.substr(0, p.size()) == p; };
  if (starts("panic:") || starts("fatal error:") || starts("[signal")) return &theme::kError;
  if (starts("goroutine ")) return &theme::kGoroutine;
  if (starts("Program exited: status") || starts("Program stopped.")) return &theme::kNotice;
  if (starts("Program exited.")) return &theme::kOk;
  if (starts("\t") || starts("main.") || starts("created by ")) return &theme::kDim;
  return nullptr;
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
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kLink);
      std::string text(line);
      if (ImGui::Selectable(text.c_str())) js::editor_goto(at_line, at_col);
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show line %d in the code", at_line);
      rects.record_item("console.goto." + std::to_string(jumps++));
      ImGui::PopID();
      continue;
    }
    if (const ImVec4* c = line_color(line)) ImGui::PushStyleColor(ImGuiCol_Text, *c);
    ImGui::TextUnformatted(line.data(), line.data() + line.size());
    if (line_color(line)) ImGui::PopStyleColor();
  }
  if (s.running()) {
    ImGui::TextColored(theme::kDim, "...");
  }
  if (follow) ImGui::SetScrollHereY(1.0f);
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace gort::web
