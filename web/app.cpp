// The playground app: a GLFW window on the page's canvas, WebGL2 (OpenGL ES
// 3.0) and Dear ImGui, and the frame loop that runs the Session and draws
// the panels around the graph and timeline views.
//
// Invariants:
//   - The browser's main thread never blocks: main() sets everything up and
//     hands the frame function to emscripten_set_main_loop; a frame runs at
//     most one slice of a simulated program (Session::kSliceBudget) or only
//     drains the trace (threaded build).
//   - The canvas's backing store is its CSS size times devicePixelRatio;
//     ImGui works in CSS pixels (DisplaySize) and renders at
//     DisplayFramebufferScale = DPR with fonts rasterized at size x DPR, so
//     text is crisp on HiDPI screens. Emscripten 3.1.6's GLFW knows nothing
//     of DPR: the mouse it reports is in backing pixels and is scaled here.
//   - Panels are placed from the display size every frame (Debian's ImGui
//     1.86 has no docking): panel_rects() decides, the views only draw.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "console_view.hpp"
#include "controls_view.hpp"
#include "editor_state.hpp"
#include "embed_frame.hpp"
#include "gallery_view.hpp"
#include "graph_view.hpp"
#include "js_api.hpp"
#include "panel_rects.hpp"
#include "playground.hpp"
#include "renderer.hpp"
#include "repaint.hpp"
#include "share_link.hpp"
#include "stats_view.hpp"
#include "theme_style.hpp"
#include "timeline_view.hpp"
#include "views_bench.hpp"
#include "widget_rects.hpp"

extern "C" {
extern const unsigned char dejavu_sans[], dejavu_sans_mono[];
extern const unsigned int dejavu_sans_size, dejavu_sans_mono_size;
}

namespace gort::web {
namespace {

constexpr float kFontSize = 15.0f;

struct App {
  GLFWwindow* window = nullptr;
  Playground pg;
  Renderer renderer;
  Damage damage;           // what of the last frame's pixels a frame can keep
  bool preserved = false;  // the canvas keeps them (preserveDrawingBuffer)
  GraphView graph;
  TimelineView timeline;
  // ?bench=N: the views show a synthetic program of N goroutines instead
  // of the session (web/views_bench.hpp), to measure frame times.
  std::unique_ptr<ViewsBench> bench;
  WidgetRects rects;
  FrameTimes times;
  StatsView stats;
  // The code editor beside the canvas (web/editor/): told what changed.
  EditorSync editor{{js::editor_code, js::editor_status, js::editor_lines, js::editor_marks}};
  double dpr = 0;  // the devicePixelRatio the fonts were rasterized for
  double last_frame = 0;
  ImFont* mono = nullptr;        // the console's
  ImFont* graph_font = nullptr;  // the graph's text, rasterized for Layout::kFont px
  bool embed = false;
  unsigned panels = panel::kAll;          // the embed's (embed_panels.hpp)
  bool start_paused = false;              // the embed's first run starts paused
  theme::Kind theme = theme::Kind::Dark;  // as the link says
  bool light = false;                     // the theme shown (theme.hpp; the loader resolves auto)
  bool first_frame = true;
  std::string query;  // the link of the options last published to the URL
};

App* app;

// Rasterizes the fonts for the current DPR (again when it changes, e.g. the
// window moved to another screen or the page was zoomed).
void load_fonts(double dpr) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the arrays are static, not malloc'd
  cfg.OversampleH = 2;
  float px = std::round(kFontSize * static_cast<float>(dpr));
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(dejavu_sans),
                                 static_cast<int>(dejavu_sans_size), px, &cfg);
  app->mono = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(dejavu_sans_mono),
                                             static_cast<int>(dejavu_sans_mono_size), px, &cfg);
  // The graph elides long values with an ellipsis.
  static const ImWchar graph_ranges[] = {0x0020, 0x00FF, 0x2026, 0x2026, 0};
  app->graph_font = io.Fonts->AddFontFromMemoryTTF(
      const_cast<unsigned char*>(dejavu_sans), static_cast<int>(dejavu_sans_size),
      std::round(Layout::kFont * static_cast<float>(dpr)), &cfg, graph_ranges);
  io.FontGlobalScale = static_cast<float>(1.0 / dpr);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  app->dpr = dpr;
}

// Makes the canvas's backing store its CSS size x DPR (the CSS rule in
// index.html sizes the canvas to the window). Returns the CSS size.
ImVec2 fit_canvas(double dpr) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  int w = static_cast<int>(std::lround(css_w * dpr));
  int h = static_cast<int>(std::lround(css_h * dpr));
  int cur_w = 0, cur_h = 0;
  glfwGetFramebufferSize(app->window, &cur_w, &cur_h);
  if (w > 0 && h > 0 && (w != cur_w || h != cur_h)) {
    // glfwSetWindowSize with the screen's size requests fullscreen in 3.1.6;
    // Browser.setCanvasSize resizes and tells GLFW.
    EM_ASM({ Browser.setCanvasSize($0, $1); }, w, h);
  }
  return ImVec2(static_cast<float>(css_w), static_cast<float>(css_h));
}

// A panel's window at r, its rect in gort.ui() as "panel.<name>".
void place(const char* name, const Rect& r, ImGuiWindowFlags extra = 0) {
  app->rects.record(std::string("panel.") + name, r.x, r.y, r.w, r.h);
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings | extra);
}

void draw_panels(ImVec2 size) {
  Playground& pg = app->pg;
  const Session& s = pg.session();
  PanelRects r =
      panel_rects(size.x, size.y, app->embed, !app->bench && s.compare_stage() != 0, app->panels);
  if (!app->embed) {
    place("Gallery", r.gallery);
    draw_gallery(pg, app->rects);
    ImGui::End();
    place("Stats", r.stats);
    app->stats.draw(pg, app->times, ImGui::GetTime());
    ImGui::End();
  }
  if (r.controls.h > 0) {
    place("Controls", r.controls, app->embed ? ImGuiWindowFlags_NoTitleBar : 0);
    draw_controls(pg, app->rects, app->embed);
    ImGui::End();
  }
  if (r.console.w > 0 && r.console.h > 0) {
    place("Console", r.console);
    draw_console(pg, app->mono, app->rects);
    ImGui::End();
  }
  // The graph and timeline views (web/graph_view, web/timeline_view) draw
  // in r.graph and r.timeline.
  const Playback& pb = app->bench ? app->bench->playback() : pg.session().playback();
  if (r.graph.w > 0 && r.graph.h > 0) {
    place("Goroutines and channels", r.graph);
    Layout& layout = app->bench ? app->bench->layout() : pg.session().layout();
    app->graph.draw(pb, layout, app->renderer, app->graph_font, pg.selected);
    ImGui::End();
  }
  if (r.timeline.h <= 0) return;
  place("Timeline", r.timeline);
  if (!app->bench && s.compared()) {
    const CompareRun many = s.compare_current();
    app->timeline.draw(pb, app->renderer, app->rects, pg.selected, s.compared(), &many);
  } else {
    app->timeline.draw(pb, app->renderer, app->rects, pg.selected);
  }
  ImGui::End();
}

void frame() {
  double start = emscripten_get_now();
  double dt = app->last_frame > 0 ? (start - app->last_frame) / 1000.0 : 0.0;
  app->last_frame = start;

  double dpr = emscripten_get_device_pixel_ratio();
  if (dpr <= 0) dpr = 1;
  ImVec2 css = fit_canvas(dpr);
  if (dpr != app->dpr) load_fonts(dpr);

  // theme=auto follows the system's choice as it changes (wasm/loader.js).
  if (bool light = EM_ASM_INT({ return window.gort && window.gort._light ? 1 : 0; });
      light != app->light) {
    app->light = light;
    theme::apply(light ? theme::kLight : theme::kDark);
  }
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = css;
  io.DisplayFramebufferScale = ImVec2(static_cast<float>(dpr), static_cast<float>(dpr));
  if (io.MousePos.x != -FLT_MAX) {
    io.MousePos.x /= static_cast<float>(dpr);
    io.MousePos.y /= static_cast<float>(dpr);
  }
  ImGui::NewFrame();
  app->rects.begin_frame();

  if (js::runs_allowed()) {  // else they wait in their queues
    js::serve_requests();
    embed::serve(app->pg);
  }
  app->pg.frame(dt);
  if (app->embed) embed::report(app->pg);
  if (app->bench) app->bench->frame(dt);
  draw_panels(css);
  app->editor.frame(app->pg);

  ImGui::Render();
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(app->window, &fb_w, &fb_h);
  repaint(ImGui::GetDrawData(), fb_w, fb_h, theme::vec(theme::current().background), app->preserved,
          app->damage);

  // Smoothed over ~20 frames so the numbers can be read.
  double cpu = emscripten_get_now() - start;
  auto smooth = [](double& avg, double v) { avg = avg == 0 ? v : avg * 0.95 + v * 0.05; };
  smooth(app->times.cpu_ms, cpu);
  if (dt > 0) smooth(app->times.interval_ms, dt * 1000.0);

  Link link{app->pg.next, app->embed, app->panels, app->start_paused, app->theme};
  std::string q = encode(link);
  if (q != app->query) {
    app->query = q;
    js::publish_link(q);
  }
  if (app->first_frame) {
    app->first_frame = false;
    js::ready();
  } else if (app->pg.current_run() == 0 && app->pg.notice.empty() && js::runs_allowed()) {
    // The page's own first run starts after the first frame is on screen
    // (its workers must not delay it), unless window.gort started one.
    std::string err;
    app->pg.run_next(err);
    if (!err.empty()) app->pg.notice = err;
    if (app->start_paused) app->pg.session().playback().pause();
  }
}

}  // namespace

Playground& playground() {
  return app->pg;
}
const WidgetRects& widget_rects() {
  return app->rects;
}
const FrameTimes& frame_times() {
  return app->times;
}
SceneExport graph_scene() {
  return app->graph.scene();
}

}  // namespace gort::web

int main() {
  using namespace gort::web;
  app = new App();
  if (!glfwInit()) {
    js::fail("GLFW could not start");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  app->window = glfwCreateWindow(1280, 800, "gort playground", nullptr, nullptr);
  if (!app->window) {
    js::fail("This browser could not create a WebGL2 context");
    return 1;
  }
  glfwMakeContextCurrent(app->window);
  // ImGui's backend reads GL state back every frame: answered from a copy
  // where a read would wait for the GPU process (web/gl_state_shadow.js).
  EM_ASM({ gortShadowGLState(GLctx); });
  // wasm/loader.js makes the context with preserveDrawingBuffer, so that a
  // frame draws only what changed (web/damage.hpp); any other draws all.
  app->preserved =
      EM_ASM_INT({ return GLctx.getContextAttributes().preserveDrawingBuffer ? 1 : 0; });

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.WindowBorderSize = 1;
  style.FrameRounding = 3;
  style.GrabRounding = 3;
  // Axis-aligned lines, borders mostly: without their anti-aliasing fringe
  // a window draws nothing outside its rect, so side-by-side panels do not
  // overlap and each redraws alone (web/damage.hpp).
  style.AntiAliasedLines = false;
  theme::apply(theme::kDark);  // frame() switches to light when the page asks
  ImGui_ImplGlfw_InitForOpenGL(app->window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  js::install_clipboard();
  std::string gl_err = app->renderer.init();
  if (!gl_err.empty()) {
    js::fail("The graph's WebGL2 shaders did not compile: " + gl_err);
    return 1;
  }

  // The page's link: a malformed one says why and shows the defaults.
  Link link;
  std::string link_err = js::link_error();
  if (link_err.empty()) link_err = decode(js::query(), link);
  if (link_err.empty()) {
    app->pg.show(link.options);
    app->embed = link.embed;
    app->panels = link.embed ? link.panels : panel::kAll;
    app->start_paused = link.embed && link.paused;
    app->theme = link.theme;
    if (link.bench > 0) {
      app->bench = std::make_unique<ViewsBench>();
      app->bench->start(link.bench, 4);
    }
  }
  app->pg.on_end = [](const RunEnd& end) {
    js::run_ended(end);
    if (app->embed) embed::run_ended(app->pg, end);
  };
  // Layouts size boxes by their text in the graph's font.
  TextWidth graph_text = [](std::string_view t) {
    ImFont* f = app->graph_font ? app->graph_font : ImGui::GetFont();
    return f->CalcTextSizeA(Layout::kFont, FLT_MAX, 0, t.data(), t.data() + t.size()).x;
  };
  app->pg.session().layout().set_text_width(graph_text);
  if (app->bench) app->bench->layout().set_text_width(graph_text);
  if (!link_err.empty()) {
    app->pg.notice = "This link is malformed: " + link_err + ". Showing the defaults.";
    js::warn(app->pg.notice);
  }

  // 0 fps = requestAnimationFrame; never returns (simulate_infinite_loop),
  // so the runtime stays up.
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}
