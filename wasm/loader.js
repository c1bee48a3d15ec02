// The playground's loader (dist/loader.js, from index.html): checks that
// the browser can run it, picks the build, and loads it.
//
//   - Threaded build (mt/) when the page is cross-origin isolated (COOP +
//     COEP headers: SharedArrayBuffer exists), else the single-threaded one
//     (st/). The threaded build without SharedArrayBuffer dies before any
//     of its error hooks run, so the choice is made here, before loading.
//   - A message instead of a blank page when WebAssembly or WebGL2 is
//     missing or loading fails; a loading indicator until the first frame.
//   - window.gort.ready settles: resolved with window.gort after the first
//     frame, rejected with the reason when the page cannot start.
//   - The link's code= is inflated (by the code editor, dist/editor.js,
//     loaded before this) before the module reads the link: gort._query is
//     the query the module's link codec reads, gort._linkError why code=
//     could not be read. Without the editor the canvas takes the whole page.
//   - The link's theme= (dark, light, auto) and, in an embed, panels= (no
//     source: no editor column) are applied to the page before the module
//     starts; gort._light tells the module which theme to draw.
(function() {
  var status = document.getElementById('status');
  var settled = false, resolveReady, rejectReady;
  var gort = window.gort = {
    ready: new Promise(function(res, rej) { resolveReady = res; rejectReady = rej; }),
  };
  gort.ready.catch(function() {});  // shown on the page; a caller may still await it

  function show(text, error) {
    status.textContent = text;
    status.className = error ? 'error' : 'loading';
    status.hidden = false;
  }
  function fail(text) {
    if (settled) return;
    settled = true;
    show(text, true);
    rejectReady(new Error(text));
  }
  gort._fail = fail;
  // Whether `key` was set in this tab before (it is now).
  function tried(key) {
    try {
      if (sessionStorage.getItem(key)) return true;
      sessionStorage.setItem(key, '1');
      return false;
    } catch (e) {
      return true;  // no storage (sandboxed): never risk a reload loop
    }
  }
  gort._ready = function() {
    if (settled) return;
    settled = true;
    status.hidden = true;
    resolveReady(gort);
  };

  if (typeof WebAssembly != 'object' || typeof WebAssembly.instantiate != 'function')
    return fail('This browser cannot run WebAssembly, which the gort playground needs. ' +
                'Try a current Firefox, Chrome, Edge or Safari.');
  var probe = document.createElement('canvas');
  if (!probe.getContext('webgl2'))
    return fail('This browser has no WebGL2 (or it is turned off), which the gort playground ' +
                'needs to draw. Check that hardware acceleration is enabled.');

  var threaded = self.crossOriginIsolated === true && typeof SharedArrayBuffer == 'function';
  // Threads without server headers: on an https host that sends no
  // COOP/COEP (GitHub Pages), the first visit registers coi-serviceworker.js
  // (from npm), which adds them to every response of the site, and reloads
  // once, before loading either build. Not in a frame (a parent without
  // the headers keeps it unisolated whatever its own are), and once per tab
  // (sessionStorage): a browser that does not honour it gets the
  // single-threaded build rather than reloading for ever. Plain http on a
  // development machine keeps what its server sends (wasm/serve).
  if (!threaded && location.protocol == 'https:' && window.top === window && navigator.serviceWorker &&
      !tried('gort-coi')) {
    show('Setting up threads: the page reloads once\u2026');
    navigator.serviceWorker.register('coi-serviceworker.js').then(function() {
      return navigator.serviceWorker.ready;
    }).then(function() { location.reload(); }, function(e) {
      fail('The playground could not register its service worker (' + e + '). Reload the page.');
    });
    return;
  }
  gort.build = threaded ? 'threaded' : 'single-threaded';
  var dir = threaded ? 'mt/' : 'st/';
  show('Loading the ' + gort.build + ' build\u2026');

  // An embed (?embed=1) whose panels leave out the source has no code editor column.
  var query = new URLSearchParams(location.search), panels = query.get('panels');
  if (query.get('embed') == '1' && panels !== null && panels.split(',').indexOf('source') < 0)
    document.body.classList.add('no-editor');

  // The theme (web/theme.hpp): gort._light, which the module reads every
  // frame; theme=auto follows the system's choice as it changes.
  var scheme = window.matchMedia ? matchMedia('(prefers-color-scheme: light)') : null;
  function theme() {
    var t = query.get('theme');
    gort._light = t == 'light' || (t == 'auto' && !!scheme && scheme.matches);
    document.body.classList.toggle('light', gort._light);
    if (window.gortEditor && window.gortEditor.setTheme) window.gortEditor.setTheme(gort._light);
  }
  theme();
  if (scheme && scheme.addEventListener) scheme.addEventListener('change', theme);

  var canvas = document.getElementById('canvas');
  canvas.addEventListener('contextmenu', function(e) { e.preventDefault(); });
  canvas.addEventListener('webglcontextlost', function(e) {
    e.preventDefault();
    show('The WebGL context was lost: reload the page.', true);
  });
  window.Module = {
    canvas: canvas,
    // The page makes the canvas's WebGL2 context, not GLFW, for one
    // attribute: preserveDrawingBuffer keeps the last frame's pixels, so a
    // frame draws only the panels that changed (web/damage.hpp).
    preinitializedWebGLContext: canvas.getContext('webgl2', {
      antialias: false, depth: false, stencil: false, preserveDrawingBuffer: true,
    }),
    print: function(text) { console.log(text); },
    printErr: function(text) { console.warn(text); },
    onAbort: function(what) { fail('The playground stopped: ' + what + '. Reload the page to start again.'); },
  };
  window.addEventListener('error', function(e) {
    if (!settled) fail('The playground could not start: ' + (e.message || 'a script failed'));
  });
  function load() {
    var script = document.createElement('script');
    script.src = dir + 'gort_playground.js';
    script.onerror = function() { fail('Could not load ' + script.src + ' from the server.'); };
    document.body.appendChild(script);
  }
  if (!window.gortEditor) {
    document.body.classList.add('no-editor');
    if (/(^|[?&])code=/.test(location.search))
      gort._linkError = 'this link holds code, and the code editor (editor.js) did not load';
    return load();
  }
  window.gortEditor.linkQuery(location.search).then(function(r) {
    gort._query = r.query;
    if (r.error) gort._linkError = r.error;
  }, function(e) {
    gort._linkError = 'its code could not be read (' + e + ')';
  }).then(load);
})();
