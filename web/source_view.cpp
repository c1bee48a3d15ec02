// The source panel: see source_view.hpp.
#include "source_view.hpp"

#include <imgui.h>

#include <map>
#include <patterns/pattern.hpp>
#include <string>
#include <string_view>

#include "playground.hpp"
#include "theme.hpp"

namespace gort::web {

void draw_source(Playground& pg, ImFont* mono) {
  const Session& s = pg.session();
  const bool live = s.pattern() && s.pattern()->id == pg.next.pattern;
  std::string preview;
  if (!live) {
    const patterns::Pattern* p = patterns::find(pg.next.pattern);
    if (!p) return;
    patterns::Args args;
    args.values = pg.next.params;
    preview = patterns::source(*p, args);
  }
  std::string_view text = live ? std::string_view(s.source()) : std::string_view(preview);

  // line -> goroutines there (live ones only), and the selected one's line.
  std::map<int, std::string> at;
  int selected_line = 0;
  if (live) {
    for (const Goroutine& g : s.model().goroutines()) {
      if (g.state == GState::Done || g.line <= 0) continue;
      std::string& tags = at[g.line];
      if (tags.size() < 40) tags += (tags.empty() ? "g" : " g") + std::to_string(g.id);
      if (g.id == pg.selected) selected_line = g.line;
    }
  }

  if (pg.selected != 0 && live) {
    const Goroutine* g = s.model().goroutine(pg.selected);
    std::string name = g && !g->name.empty() ? g->name : "g" + std::to_string(pg.selected);
    ImGui::TextColored(theme::kDim, "selected: %s, line %d", name.c_str(), selected_line);
  } else if (!live) {
    ImGui::TextColored(theme::kDim, "preview (press Run)");
  } else {
    ImGui::TextColored(theme::kDim, "click a goroutine to follow it");
  }

  ImGui::BeginChild("##source", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  if (mono) ImGui::PushFont(mono);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = ImGui::GetWindowContentRegionMax().x;
  int n = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    n++;
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeightWithSpacing();
    auto it = at.find(n);
    if (n == selected_line) {
      dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), theme::kLineSelected);
      // Bring the line into view when it changes, and let the user scroll otherwise.
      static int shown = 0;
      if (shown != n) ImGui::SetScrollHereY(0.4f);
      shown = n;
    } else if (it != at.end()) {
      dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), theme::kLineOther);
    }
    ImGui::TextColored(theme::kDim, "%3d", n);
    ImGui::SameLine();
    ImGui::TextUnformatted(line.data(), line.data() + line.size());
    if (it != at.end()) {
      ImGui::SameLine();
      ImGui::TextColored(theme::kGoroutine, "  // %s", it->second.c_str());
    }
  }
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace gort::web
