// The stats panel: see stats_view.hpp.
#include "stats_view.hpp"

#include <imgui.h>

#include <gort/config.hpp>

#include "playground.hpp"
#include "theme_style.hpp"

namespace gort::web {

void StatsView::draw(const Playground& pg, const FrameTimes& frame, double now) {
  const Session& s = pg.session();
  Stats st = s.stats();
  if (at_ < 0 || now - at_ >= kEvery) {
    at_ = now;
    frame_ = frame;
    fold_ms_ = st.fold_ms;
    chan_ops_per_s_ = st.chan_ops_per_s;
    events_per_s_ = st.events_per_s;
  }
  if (ImGui::BeginTable("##stats", 2, ImGuiTableFlags_SizingStretchProp)) {
    auto row = [](const char* name, const char* fmt, auto... v) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(theme::vec(theme::current().dim), "%s", name);
      ImGui::TableNextColumn();
      ImGui::Text(fmt, v...);
    };
    row("goroutines", "%zu alive / %zu total", st.goroutines_alive, st.goroutines_total);
    row("channels", "%zu", st.channels);
    row("chan ops/s", "%.0f", chan_ops_per_s_);
    row("events/s", "%.0f", events_per_s_);
    row("events", "%llu played / %llu recorded", static_cast<unsigned long long>(st.played),
        static_cast<unsigned long long>(st.events));
    row("lost events", "%llu", static_cast<unsigned long long>(st.lost));
    row("frame", "%.1f ms (%.0f fps), CPU %.1f ms", frame_.interval_ms,
        frame_.interval_ms > 0 ? 1000.0 / frame_.interval_ms : 0.0, frame_.cpu_ms);
    row("model", "%.2f ms / frame", fold_ms_);
    row("build", "%s", Config::kThreads ? "threaded (pthreads)" : "single-threaded");
    row("GOMAXPROCS", "%d%s", s.procs(), s.simulated() ? " (simulated)" : "");
    ImGui::EndTable();
  }
}

}  // namespace gort::web
