// --post-js of the playground: a shadow of the few WebGL states that Dear
// ImGui's OpenGL 3 backend reads back every frame and that Chromium cannot
// answer without a synchronous round trip to its GPU process (DESIGN.md
// §4.6, "What made the 66.7 ms gaps"). ImGui 1.86's
// ImGui_ImplOpenGL3_RenderDrawData saves the GL state with glGetIntegerv
// before it draws and restores it after; Emscripten answers glGetIntegerv
// with GLctx.getParameter. Chromium's renderer keeps most of what is asked
// (bindings, the program, the active texture, enabled caps) on its side,
// but SCISSOR_BOX and the six blend factors and equations are queried in
// the GPU process, and the first such query of a frame waits for
// everything queued before it there (on SwiftShader: up to tens of ms);
// VIEWPORT, read beside them, is kept here too. The backend comes from
// Debian's imgui sources, which we do not patch.
//
// gortShadowGLState(ctx) wraps, on that one context object, the setters of
// those states (viewport, scissor, blendFunc[Separate],
// blendEquation[Separate]) and getParameter, which answers a shadowed
// state from the copy. Invariants:
//   - A shadowed value is the one the GL holds: each starts as the GL's own
//     answer (its first query goes to the GL), and changes only through the
//     wrapped setters, on the only object Emscripten calls (GLctx).
//   - A setter whose arguments the GL could reject (a negative size, a blend
//     enum outside the plain set below) forgets that state instead of
//     guessing: the next query goes to the GL and its answer is kept.
//   - While the context is lost every query goes to the GL (which answers
//     null); a restored context starts from the GL's answers again.
//   - Every other getParameter goes straight to the GL.
function gortShadowGLState(ctx) {
  var gl = WebGL2RenderingContext.prototype;
  var kViewport = 0x0BA2, kScissorBox = 0x0C10;
  var kBlendSrcRGB = 0x80C9, kBlendDstRGB = 0x80C8, kBlendSrcAlpha = 0x80CB, kBlendDstAlpha = 0x80CA;
  var kBlendEqRGB = 0x8009, kBlendEqAlpha = 0x883D;
  // Factors and equations no call can reject (CONSTANT_* and
  // SRC_ALPHA_SATURATE have pairing rules: forgotten, not shadowed).
  var factors = [0, 1, 0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x306, 0x307];
  var equations = [0x8006, 0x800A, 0x800B, 0x8007, 0x8008];
  var shadow = {};  // pname -> value, only for known ones
  var maxDims = gl.getParameter.call(ctx, 0x0D3A /* MAX_VIEWPORT_DIMS */);
  function rect(pname, x, y, w, h, clamp) {
    if (w < 0 || h < 0) { delete shadow[pname]; return; }
    shadow[pname] = clamp ? [x | 0, y | 0, Math.min(w | 0, maxDims[0]), Math.min(h | 0, maxDims[1])]
                          : [x | 0, y | 0, w | 0, h | 0];
  }
  function set(pnames, values, allowed) {
    var ok = values.every(function(v) { return allowed.indexOf(v) >= 0; });
    pnames.forEach(function(p, i) { if (ok) shadow[p] = values[i]; else delete shadow[p]; });
  }
  ctx.viewport = function(x, y, w, h) {
    rect(kViewport, x, y, w, h, true);
    return gl.viewport.call(ctx, x, y, w, h);
  };
  ctx.scissor = function(x, y, w, h) {
    rect(kScissorBox, x, y, w, h, false);
    return gl.scissor.call(ctx, x, y, w, h);
  };
  ctx.blendFunc = function(s, d) {
    set([kBlendSrcRGB, kBlendDstRGB, kBlendSrcAlpha, kBlendDstAlpha], [s, d, s, d], factors);
    return gl.blendFunc.call(ctx, s, d);
  };
  ctx.blendFuncSeparate = function(sr, dr, sa, da) {
    set([kBlendSrcRGB, kBlendDstRGB, kBlendSrcAlpha, kBlendDstAlpha], [sr, dr, sa, da], factors);
    return gl.blendFuncSeparate.call(ctx, sr, dr, sa, da);
  };
  ctx.blendEquation = function(m) {
    set([kBlendEqRGB, kBlendEqAlpha], [m, m], equations);
    return gl.blendEquation.call(ctx, m);
  };
  ctx.blendEquationSeparate = function(mr, ma) {
    set([kBlendEqRGB, kBlendEqAlpha], [mr, ma], equations);
    return gl.blendEquationSeparate.call(ctx, mr, ma);
  };
  var shadowed = [kViewport, kScissorBox, kBlendSrcRGB, kBlendDstRGB, kBlendSrcAlpha, kBlendDstAlpha,
                  kBlendEqRGB, kBlendEqAlpha];
  ctx.getParameter = function(pname) {
    if (shadowed.indexOf(pname) < 0 || ctx.isContextLost()) return gl.getParameter.call(ctx, pname);
    if (!(pname in shadow)) {
      var v = gl.getParameter.call(ctx, pname);
      shadow[pname] = typeof v == 'number' ? v : Array.prototype.slice.call(v);
    }
    var s = shadow[pname];
    return typeof s == 'number' ? s : new Int32Array(s);  // a fresh array, as WebGL returns
  };
  ctx.canvas.addEventListener('webglcontextrestored', function() { shadow = {}; });
}
