// The controls panel: see controls_view.hpp.
#include "controls_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <gort/config.hpp>

#include "embed_frame.hpp"
#include "js_api.hpp"
#include "playground.hpp"
#include "share_button.hpp"
#include "theme_style.hpp"
#include "widget_rects.hpp"

namespace gort::web {

void draw_controls(Playground& pg, WidgetRects& rects, bool compact) {
  Session& s = pg.session();
  Playback& play = s.playback();
  std::string error;
  const bool can_run = js::runs_allowed();

  ImGui::BeginDisabled(!can_run);
  if (ImGui::Button("Run")) {
    pg.run_next(error);
    if (!error.empty()) pg.notice = error;
  }
  rects.record_item("run");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(play.paused() ? "Resume" : "Pause")) {
    if (play.paused())
      play.resume();
    else
      play.pause();
  }
  rects.record_item("pause");
  ImGui::SameLine();
  if (ImGui::Button("Step")) play.step();
  rects.record_item("step");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play exactly one trace event, then pause");
  ImGui::SameLine();
  ImGui::BeginDisabled(!can_run);
  if (ImGui::Button("Restart")) {
    pg.restart(error);
    if (!error.empty()) pg.notice = error;
  }
  rects.record_item("restart");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!s.running());
  if (ImGui::Button("Stop")) pg.stop();
  rects.record_item("stop");
  ImGui::EndDisabled();

  // Speed: a log slider over the whole range Session accepts.
  float speed = static_cast<float>(pg.next.speed);
  if (compact) ImGui::SameLine(0, 16);
  ImGui::SetNextItemWidth(compact ? 90.0f
                                  : std::min(ImGui::GetContentRegionAvail().x * 0.5f, 240.0f));
  if (ImGui::SliderFloat("speed", &speed, static_cast<float>(Config::kMinSpeed),
                         static_cast<float>(Config::kMaxSpeed), speed < 10 ? "%.2gx" : "%.0fx",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
    pg.next.speed = speed;
    s.set_speed(speed);
  }
  rects.record_item("speed");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "1x = real time. Below 1, bursts unfold event by event.\n"
        "Real-time runs also scale their sleeps (from the next run).");
  if (compact) {  // before GOMAXPROCS: a narrow frame may cut the row's end
    ImGui::SameLine(0, 16);
    if (ImGui::Button("Open in playground")) embed::open_playground();
    rects.record_item("open_playground");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The full playground, in a new tab, as this is now");
  }

  int procs = pg.next.procs > 0 ? pg.next.procs : Session::default_procs();
  if (compact) ImGui::SameLine(0, 16);
  ImGui::SetNextItemWidth(compact ? 70.0f
                                  : std::min(ImGui::GetContentRegionAvail().x * 0.5f, 240.0f));
  if (ImGui::SliderInt("GOMAXPROCS", &procs, 1, Session::kMaxProcs, "%d",
                       ImGuiSliderFlags_AlwaysClamp))
    pg.next.procs = procs;
  rects.record_item("procs");
  if (compact) {
    if (!pg.notice.empty()) {
      ImGui::SameLine(0, 16);
      ImGui::TextColored(theme::vec(theme::current().error), "(!)");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", pg.notice.c_str());
    }
    return;
  }
  // On a line of its own: the panel is narrow.
  if (!Config::kThreads || pg.next.deterministic) {
    ImGui::TextColored(theme::vec(theme::current().notice), "simulated Ps");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(Config::kThreads ? "Deterministic runs simulate every P on one thread"
                                         : "Single-threaded build: every P is simulated on the "
                                           "page's thread");
  }

  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.5f, 240.0f));
  ImGui::InputScalar("seed", ImGuiDataType_U64, &pg.next.seed);
  rects.record_item("seed");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("0 = a new random seed each run");
  ImGui::Checkbox("deterministic", &pg.next.deterministic);
  rects.record_item("deterministic");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Virtual time and a seeded P order: the same seed gives the same run");
  ImGui::SameLine();
  draw_share_button(rects);
  ImGui::Checkbox("compare GOMAXPROCS 1 vs N", &pg.next.compare);
  rects.record_item("compare");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Run at GOMAXPROCS=1 (one chef), then at the GOMAXPROCS above (many chefs), on the\n"
        "real clock; the timeline stacks both on one time scale with their wall times.");

  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec(theme::current().dim));
  ImGui::TextWrapped("%s build, GOMAXPROCS %d%s", Config::kThreads ? "threaded" : "single-threaded",
                     s.procs(), s.simulated() ? " (simulated)" : "");
  ImGui::PopStyleColor();
  // Where playback is, as a scrubber over the events recorded so far:
  // dragging it pauses playback and replays the trace up to that event (the
  // program itself runs on; Resume plays on from there).
  // It reaches back to the oldest event kept (Playback folds older ones).
  int cursor = static_cast<int>(play.cursor());
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.5f, 240.0f));
  std::string shown =
      play.first() > 0 ? "%d (kept from " + std::to_string(play.first()) + ")" : "%d";
  if (play.paused()) shown += " (paused)";
  if (ImGui::SliderInt("event", &cursor, static_cast<int>(play.first()),
                       static_cast<int>(play.size()), shown.c_str(),
                       ImGuiSliderFlags_AlwaysClamp)) {
    play.pause();
    play.seek(static_cast<std::size_t>(cursor));
  }
  rects.record_item("scrub");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%zu of %zu trace events played; drag to go back and forth%s", play.cursor(),
                      play.size(), play.first() ? "\nOlder ones are folded into a snapshot" : "");
  ImGui::BeginDisabled(play.size() == 0);
  if (ImGui::Button("Download trace")) js::download_trace();
  rects.record_item("download_trace");
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "The run's trace as Chrome Trace Event JSON, for ui.perfetto.dev or\n"
        "chrome://tracing: a track per P and per goroutine, an arrow per value");
  if (!pg.notice.empty())
    ImGui::TextColored(theme::vec(theme::current().error), "%s", pg.notice.c_str());
}

}  // namespace gort::web
