#version 300 es
// Shape fragment shader: a signed distance to a rounded box gives a shape
// with an antialiased edge and an optional border of v_border pixels, drawn
// in v_stroke over a v_fill interior. A circle is a square box whose corner
// radius is its half size. Output is straight (not premultiplied) alpha,
// blended like ImGui's own triangles.
precision highp float;

in vec2 v_local;
flat in vec2 v_half;
flat in float v_radius;
flat in float v_border;
flat in vec4 v_fill;
flat in vec4 v_stroke;

out vec4 frag;

float round_box(vec2 p, vec2 b, float r) {
  vec2 q = abs(p) - b + r;
  return length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - r;
}

void main() {
  float d = round_box(v_local, v_half, v_radius);
  // fwidth: the distance one framebuffer pixel spans, so edges stay one
  // pixel soft at any devicePixelRatio and zoom.
  float aa = max(fwidth(d), 1e-3);
  float outside = clamp(0.5 - d / aa, 0.0, 1.0);
  float inside = v_border > 0.0 ? clamp(0.5 - (d + v_border) / aa, 0.0, 1.0) : 1.0;
  vec4 c = mix(v_stroke, v_fill, inside);
  frag = vec4(c.rgb, c.a * outside);
}
