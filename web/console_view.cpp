// The console panel: see console_view.hpp.
#include "console_view.hpp"

#include <imgui.h>

#include <string>
#include <string_view>

#include "playground.hpp"
#include "theme.hpp"

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

void draw_console(const Playground& pg) {
  const Session& s = pg.session();
  std::string out = s.output();
  ImGui::BeginChild("##console", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  // Stick to the bottom while new output arrives, unless scrolled up.
  bool follow = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 2;
  std::string_view rest(out);
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (const ImVec4* c = line_color(line)) ImGui::PushStyleColor(ImGuiCol_Text, *c);
    ImGui::TextUnformatted(line.data(), line.data() + line.size());
    if (line_color(line)) ImGui::PopStyleColor();
  }
  if (s.running()) {
    ImGui::TextColored(theme::kDim, "...");
  }
  if (follow) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
}

}  // namespace gort::web
