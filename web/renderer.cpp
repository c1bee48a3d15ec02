// Renderer: see renderer.hpp. Shape texture layout: kTextureWidth texels per
// row, shape i at texels 3i..3i+2 in row-major order (the vertex shader
// computes the same index), rows allocated in powers of two and reused.
#include "renderer.hpp"

#include <GLES3/gl3.h>

#include <algorithm>
#include <gort_shaders.hpp>

#include "imgui.h"
#include "repaint.hpp"
#include "shape_batch.hpp"

namespace gort::web {
namespace {

constexpr int kTextureWidth = 1024;  // texels; WebGL2 guarantees >= 2048
constexpr int kFloatsPerTexel = 4;
constexpr int kTexelsPerShape = static_cast<int>(ShapeBatch::kFloatsPerShape) / kFloatsPerTexel;

std::string compile(GLenum type, const char* source, GLuint* out) {
  GLuint s = glCreateShader(type);
  glShaderSource(s, 1, &source, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048] = {};
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    glDeleteShader(s);
    return std::string(type == GL_VERTEX_SHADER ? "shape.vert: " : "shape.frag: ") + log;
  }
  *out = s;
  return "";
}

}  // namespace

Renderer::~Renderer() {
  // The GL context may already be gone when the app exits; deleting names
  // of a lost context is harmless in WebGL.
  for (auto& entry : slots_) glDeleteTextures(1, &entry.second.texture);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (program_) glDeleteProgram(program_);
}

std::string Renderer::init() {
  GLuint vs = 0, fs = 0;
  if (auto err = compile(GL_VERTEX_SHADER, shaders::shape_vert, &vs); !err.empty()) return err;
  if (auto err = compile(GL_FRAGMENT_SHADER, shaders::shape_frag, &fs); !err.empty()) {
    glDeleteShader(vs);
    return err;
  }
  program_ = glCreateProgram();
  glAttachShader(program_, vs);
  glAttachShader(program_, fs);
  glLinkProgram(program_);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(program_, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048] = {};
    glGetProgramInfoLog(program_, sizeof log, nullptr, log);
    glDeleteProgram(program_);
    program_ = 0;
    return std::string("shape program: ") + log;
  }
  u_shapes_ = glGetUniformLocation(program_, "u_shapes");
  u_display_ = glGetUniformLocation(program_, "u_display");
  // Bound while drawing so no attribute array of ImGui's VAO is in effect.
  glGenVertexArrays(1, &vao_);
  return "";
}

std::pair<const void*, std::size_t> Renderer::drawn_bytes(const ImDrawCmd& cmd) {
  if (cmd.UserCallback != &Renderer::callback) return {nullptr, 0};
  const auto& data = static_cast<const Slot*>(cmd.UserCallbackData)->batch->data();
  return {data.data(), data.size() * sizeof(float)};
}

void Renderer::draw(ImDrawList* list, const ShapeBatch& batch) {
  if (!program_ || batch.empty()) return;
  Slot& slot = slots_[&batch];
  slot.self = this;
  slot.batch = &batch;
  list->AddCallback(&Renderer::callback, &slot);
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void Renderer::callback(const ImDrawList*, const ImDrawCmd* cmd) {
  auto* slot = static_cast<Slot*>(cmd->UserCallbackData);
  slot->self->render(*slot, cmd);
}

void Renderer::upload(Slot& slot) {
  const auto& data = slot.batch->data();
  const int texels = static_cast<int>(slot.batch->size()) * kTexelsPerShape;
  const int rows = (texels + kTextureWidth - 1) / kTextureWidth;
  glActiveTexture(GL_TEXTURE0);
  if (!slot.texture) {
    glGenTextures(1, &slot.texture);
    glBindTexture(GL_TEXTURE_2D, slot.texture);
    // Float textures are not filterable; texelFetch ignores filtering, but
    // the texture must still be complete, i.e. without mipmap filtering.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  } else {
    glBindTexture(GL_TEXTURE_2D, slot.texture);
  }
  if (rows > slot.rows) {
    int cap = std::max(slot.rows, 1);
    while (cap < rows) cap *= 2;
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, kTextureWidth, cap, 0, GL_RGBA, GL_FLOAT, nullptr);
    slot.rows = cap;
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  const int full = texels / kTextureWidth;
  if (full > 0)
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, kTextureWidth, full, GL_RGBA, GL_FLOAT, data.data());
  if (const int rest = texels % kTextureWidth; rest > 0)
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, full, rest, 1, GL_RGBA, GL_FLOAT,
                    data.data() + static_cast<std::size_t>(full) * kTextureWidth * kFloatsPerTexel);
}

void Renderer::render(Slot& slot, const ImDrawCmd* cmd) {
  const ImDrawData* dd = ImGui::GetDrawData();
  if (!dd || slot.batch->empty()) return;
  upload(slot);

  // ImGui's backend sets the scissor per command, not before a callback:
  // clip to this command's box the way it would.
  const PixelRect box = backend_scissor(*dd, *cmd);
  if (box.empty()) return;
  glEnable(GL_SCISSOR_TEST);
  glScissor(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);

  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);

  glUseProgram(program_);
  glUniform1i(u_shapes_, 0);
  glUniform4f(u_display_, dd->DisplayPos.x, dd->DisplayPos.y, dd->DisplaySize.x, dd->DisplaySize.y);
  glBindVertexArray(vao_);
  const auto n = static_cast<GLsizei>(slot.batch->size());
  glDrawArrays(GL_TRIANGLES, 0, 6 * n);
}

}  // namespace gort::web
