// The Share button: see share_button.hpp.
#include "share_button.hpp"

#include <imgui.h>

#include "js_api.hpp"
#include "theme_style.hpp"
#include "widget_rects.hpp"

namespace gort::web {

namespace {

std::string message;
bool copied = false;
double said_at = 0;  // ImGui::GetTime() of the answer

}  // namespace

void share_done(bool ok) {
  copied = ok;
  message = ok ? "Link copied to the clipboard"
               : "The browser did not let the page copy the link (gort.shareUrl() gives it)";
  said_at = ImGui::GetTime();
}

const std::string& share_message() {
  if (!message.empty() && ImGui::GetTime() - said_at > kShowSeconds) message.clear();
  return message;
}

void draw_share_button(WidgetRects& rects) {
  // The answer replaces the label for a while, so nothing around it moves.
  const std::string& said = share_message();
  const bool answered = !said.empty();
  if (answered)
    ImGui::PushStyleColor(ImGuiCol_Text,
                          theme::vec(copied ? theme::current().ok : theme::current().error));
  if (ImGui::Button(!answered ? "Share###share" : copied ? "Copied###share" : "Not copied###share"))
    js::share();
  if (answered) ImGui::PopStyleColor();
  rects.record_item("share");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s", answered
                                ? said.c_str()
                                : "Copy a link to what is on screen: the program, its options and\n"
                                  "this run's seed (a deterministic run replays event for event)");
  }
}

}  // namespace gort::web
