#version 300 es
// Shape vertex shader: six consecutive vertices = one shape (rounded box,
// circle or segment) = the two triangles of its screen-space quad.
//
// Nothing comes from vertex attributes: the draw is attribute-less and not
// instanced (SwiftShader runs an instanced draw as one draw per instance);
// shape gl_VertexID / 6 reads its three texels from u_shapes (RGBA32F,
// row-major, any width), the layout written by web/shape_batch.hpp:
//   texel 0: box: centre x, centre y, half width, half height
//            segment: x0, y0, x1, y1
//   texel 1: fill rgb as an integer 0xRRGGBB, fill alpha 0..255,
//            stroke rgb, stroke alpha
//   texel 2: border width (box) or thickness (segment), corner radius, -, kind
//            (0 = box, 1 = segment)
// Positions are ImGui screen coordinates (logical pixels); u_display maps them
// to clip space exactly as ImGui's own projection does.
precision highp float;
precision highp int;
precision highp sampler2D;

uniform sampler2D u_shapes;
uniform vec4 u_display;  // display pos x, y, display size w, h

out vec2 v_local;         // position relative to the shape's centre, in its frame
flat out vec2 v_half;     // half extents
flat out float v_radius;  // corner radius
flat out float v_border;  // border width (0 = none)
flat out vec4 v_fill;
flat out vec4 v_stroke;

const int kTexels = 3;

vec4 fetch(int k) {
  int t = (gl_VertexID / 6) * kTexels + k;
  int w = textureSize(u_shapes, 0).x;
  return texelFetch(u_shapes, ivec2(t % w, t / w), 0);
}

vec4 unpack_color(float rgb, float a) {
  uint c = uint(rgb);
  return vec4(float((c >> 16) & 255u), float((c >> 8) & 255u), float(c & 255u), a) / 255.0;
}

void main() {
  vec4 geo = fetch(0);
  vec4 col = fetch(1);
  vec4 par = fetch(2);

  vec2 centre;
  vec2 half_size;
  vec2 axis = vec2(1.0, 0.0);
  if (par.w < 0.5) {
    centre = geo.xy;
    half_size = geo.zw;
    v_radius = min(par.y, min(half_size.x, half_size.y));
    v_border = par.x;
    v_fill = unpack_color(col.x, col.y);
    v_stroke = unpack_color(col.z, col.w);
  } else {
    // A segment is a capsule: a box along the segment with round ends.
    vec2 d = geo.zw - geo.xy;
    float len = length(d);
    if (len > 0.0) axis = d / len;
    centre = 0.5 * (geo.xy + geo.zw);
    half_size = vec2(0.5 * len + 0.5 * par.x, 0.5 * par.x);
    v_radius = 0.5 * par.x;
    v_border = 0.0;
    v_fill = unpack_color(col.x, col.y);
    v_stroke = v_fill;
  }
  v_half = half_size;

  // Vertices 0,1,2 and 3,4,5 are the two triangles covering the quad.
  int v = gl_VertexID % 6;
  vec2 corner = vec2((v == 1 || v == 2 || v == 4) ? 1.0 : -1.0,
                     (v == 2 || v == 4 || v == 3) ? 1.0 : -1.0);
  // One pixel of margin so the antialiased edge is not cut off.
  v_local = corner * (half_size + 1.0);
  vec2 p = centre + axis * v_local.x + vec2(-axis.y, axis.x) * v_local.y;

  vec2 ndc = (p - u_display.xy) / u_display.zw * 2.0 - 1.0;
  gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
}
