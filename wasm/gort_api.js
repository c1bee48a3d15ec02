// --post-js of the playground (gort_playground): window.gort, the page's
// JavaScript API (README, "The page's JavaScript API"). wasm/loader.js
// creates window.gort with `ready` before the module loads; this fills in
// the rest once the module's code exists, and resolves `ready` when the
// first frame is drawn.
//
// It also connects the code editor (window.gortEditor, web/editor/main.js)
// to the module: the reader's edits, Run, Stop and Reset go in; the links
// the module publishes go out through the editor, which compresses their
// code and puts them into the URL.
//
// Invariants: every promise returned by run() settles exactly once — with
// {exitCode, output, stdout, stderr, errors} when its program ended (or did
// not compile) and playback reached the end, with {exitCode: null, stopped:
// true, ...} when it was stopped or replaced by another run, or rejected at
// once (Error) for bad input, in which case the run before it goes on.
// Nothing here throws into the page, except setCode given no string.
(function() {
  if (typeof window != 'object' ||
      (typeof ENVIRONMENT_IS_PTHREAD != 'undefined' && ENVIRONMENT_IS_PTHREAD)) return;
  var gort = window.gort || (window.gort = {});
  var pending = {};   // run id -> resolve
  var starting = {};  // request token -> {resolve, reject} until the run starts
  var tokens = 0;
  var options = {params: 1, procs: 1, seed: 1, deterministic: 1, speed: 1, code: 1, compare: 1, limits: 1};
  // run()'s limits, in gort_run's order: gort::golang::Limits's fields (README, Limits) and
  // the largest value each takes (size_t is 32 bits in wasm).
  var limitNames = ['steps', 'runTimeMs', 'memory', 'goroutines', 'output', 'stack'];
  var limitMax = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 4294967295, 4294967295, 4294967295, 4294967295];
  var editor = window.gortEditor;

  function call(name, ret, types, args) { return ccall(name, ret, types || [], args || []); }
  function json(name) { return JSON.parse(call(name, 'string')); }

  Module['gortReady'] = function() {
    gort.firstFrameMs = performance.now();
    if (gort._ready) gort._ready(gort);
  };
  Module['gortFail'] = function(message) { if (gort._fail) gort._fail(message); };
  Module['gortRunEnded'] = function(run, exitCode, stopped, output, stdout, stderr, errors) {
    var resolve = pending[run];
    if (!resolve) return;
    delete pending[run];
    resolve(stopped ? {exitCode: null, stopped: true, output: output, stdout: stdout, stderr: stderr, errors: errors}
                    : {exitCode: exitCode, output: output, stdout: stdout, stderr: stderr, errors: errors});
  };
  Module['gortRunStarted'] = function(token, run) {
    var p = starting[token];
    delete starting[token];
    if (p) pending[run] = p.resolve;
  };
  Module['gortRunRefused'] = function(token, why) {
    var p = starting[token];
    delete starting[token];
    if (p) p.reject(new Error('gort.run("' + p.id + '"): ' + why));
  };
  // What the browser shows of the page, its URL and its tab's title, changes
  // at most once per kOutsideMs: each change costs the browser's own process
  // milliseconds (DESIGN.md 4.6), and of a burst (patterns picked one after
  // another) only the last is seen. A change after a quiet spell shows at once.
  var kOutsideMs = 500;
  var outside = {due: {}, timer: 0, at: -Infinity};
  function showOutside(what, apply) {
    outside.due[what] = apply;
    if (outside.timer) return;
    var wait = outside.at + kOutsideMs - performance.now();
    if (wait > 0) outside.timer = setTimeout(flushOutside, wait);
    else flushOutside();
  }
  function flushOutside() {
    var due = outside.due;
    outside.due = {};
    outside.timer = 0;
    outside.at = performance.now();
    for (var what in due) due[what]();
  }
  function setLink(query) {
    gort.link = query;
    showOutside('url', function() {
      try { history.replaceState(history.state, '', '?' + query + location.hash); } catch (e) {}
    });
  }
  // The program's status (web/editor_state.hpp): the tab's title, and the editor's bar.
  Module['gortStatus'] = function(status) {
    if (editor) editor.setStatus(status);
    showOutside('title', function() {
      document.title = status.title + (status.edited ? ' (edited)' : '') + ' \u2014 gort playground';
    });
  };
  // The codec's query; its code= goes into the URL compressed (the editor's link_code.js).
  Module['gortLink'] = function(query) {
    if (editor) editor.publishLink(query);
    else setLink(query);
  };
  if (editor) {
    editor.connect({
      onChange: function(text) { call('gort_set_code', null, ['string'], [text]); },
      onRun: function() { call('gort_run_next', null); },
      onStop: function() { call('gort_stop', null); },
      onReset: function() { call('gort_reset_code', null); },
      onLink: setLink,
    });
  }

  // What is wrong with run(id, opts)'s arguments, or ''.
  function check(id, opts) {
    if (typeof opts != 'object' || opts === null) return 'gort.run: options must be an object';
    for (var k in opts) {
      if (!options.hasOwnProperty(k)) return 'gort.run: unknown option "' + k + '"';
    }
    if (opts.code !== undefined && (typeof opts.code != 'string' || opts.code == ''))
      return 'gort.run: code must be a non-empty string of Go source';
    if (typeof id != 'string' || (id == '' && opts.code === undefined))
      return 'gort.run: the pattern id must be a non-empty string (or "" with code)';
    if (opts.params !== undefined) {
      if (typeof opts.params != 'object' || opts.params === null) return 'gort.run: params must be an object {name: value}';
      for (var p in opts.params) {
        if (!Number.isInteger(opts.params[p])) return 'gort.run: parameter "' + p + '" must be an integer';
        if (/[=\n]/.test(p)) return 'gort.run: bad parameter name "' + p + '"';
      }
    }
    if (opts.procs !== undefined && !Number.isInteger(opts.procs)) return 'gort.run: procs must be an integer';
    if (opts.seed !== undefined &&
        !(Number.isSafeInteger(opts.seed) && opts.seed >= 0) &&
        !(typeof opts.seed == 'string' && /^[0-9]{1,20}$/.test(opts.seed)))
      return 'gort.run: seed must be a non-negative integer (or a decimal string)';
    if (opts.deterministic !== undefined && typeof opts.deterministic != 'boolean') return 'gort.run: deterministic must be true or false';
    if (opts.speed !== undefined && !(typeof opts.speed == 'number' && opts.speed > 0))
      return 'gort.run: speed must be a number > 0';
    if (opts.compare !== undefined && typeof opts.compare != 'boolean') return 'gort.run: compare must be true or false';
    if (opts.limits !== undefined) {
      if (typeof opts.limits != 'object' || opts.limits === null) return 'gort.run: limits must be an object {name: value}';
      for (var l in opts.limits) {
        var i = limitNames.indexOf(l), v = opts.limits[l];
        if (i < 0) return 'gort.run: unknown limit "' + l + '" (limits: ' + limitNames.join(', ') + ')';
        if (!Number.isInteger(v) || v < 0 || v > limitMax[i])
          return 'gort.run: limit ' + l + ' must be an integer from 0 (none) to ' + limitMax[i];
      }
    }
    return '';
  }

  gort.patterns = function() { return json('gort_patterns_json'); };
  // The time one compile of `code` takes in the tab (ms; negative: it does
  // not compile). Nothing runs; the editor and the current run stay as they are.
  gort.compileMs = function(code) {
    if (typeof code != 'string') throw new Error('gort.compileMs: code must be a string');
    return call('gort_compile_ms', 'number', ['string'], [code]);
  };
  // The run's trace so far as Chrome Trace Event JSON text (web/trace_export.hpp).
  gort.traceJson = function() { return call('gort_trace_json', 'string'); };
  // Saves it as gort-<pattern>.trace.json (the "Download trace" button).
  gort.downloadTrace = function() {
    var url = URL.createObjectURL(new Blob([gort.traceJson()], {type: 'application/json'}));
    var a = document.createElement('a');
    a.href = url;
    a.download = 'gort-' + (gort.state().pattern || 'program') + '.trace.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 1000);
  };
  Module['gortDownloadTrace'] = gort.downloadTrace;
  // The link of what is on screen: the page's link (gort.link) with the
  // run's GOMAXPROCS and seed where the reader left them to the machine or
  // to chance, so that a deterministic run replays event for event.
  gort.shareUrl = function() {
    var fill = call('gort_share_fill', 'string').split('&').filter(Boolean);
    var keys = fill.map(function(it) { return it.split('=')[0]; });
    var items = (gort.link || '').split('&').filter(function(it) {
      return it && keys.indexOf(it.split('=')[0]) < 0;
    });
    // Before v= and code=, where the codec writes them.
    var at = items.findIndex(function(it) { return /^v=/.test(it); });
    items.splice.apply(items, [at < 0 ? items.length : at, 0].concat(fill));
    return location.origin + location.pathname + '?' + items.join('&') + location.hash;
  };
  // Copies it (the Share button): resolves {url, copied}; the controls say which.
  gort.share = function() {
    var url = gort.shareUrl();
    function said(copied) {
      call('gort_shared', null, ['number'], [copied ? 1 : 0]);
      return {url: url, copied: copied};
    }
    if (!navigator.clipboard || !navigator.clipboard.writeText) return Promise.resolve(said(false));
    return navigator.clipboard.writeText(url).then(function() { return said(true); },
                                                    function() { return said(false); });
  };
  Module['gortShare'] = gort.share;
  gort.state = function() { return json('gort_state_json'); };
  gort.stop = function() { call('gort_stop', null); };
  // The program's text in the editor, and a new one for it (as if typed).
  gort.code = function() { return call('gort_code', 'string'); };
  gort.setCode = function(text) {
    if (typeof text != 'string') throw new Error('gort.setCode: the code must be a string');
    call('gort_set_code', null, ['string'], [text]);
    if (editor) editor.setText(text, false);
  };
  // {name: [x, y, w, h]} in CSS pixels of the page (the canvas's offset added).
  gort.ui = function() {
    var rects = json('gort_ui_json');
    var c = Module['canvas'].getBoundingClientRect();
    for (var k in rects) { rects[k][0] += c.left; rects[k][1] += c.top; }
    return rects;
  };
  // The graph view's last frame: {fontPx, nodes: [{id, kind, label, state,
  // x, y, w, h}], edges: [{from, to, waiting, points: [{x, y}]}], chips:
  // [{value, x, y, w, h}]}, in CSS pixels of the page.
  gort.scene = function() {
    var s = json('gort_scene_json');
    var c = Module['canvas'].getBoundingClientRect();
    s.nodes.forEach(function(n) { n.x += c.left; n.y += c.top; });
    s.chips.forEach(function(n) { n.x += c.left; n.y += c.top; });
    s.edges.forEach(function(e) { e.points.forEach(function(p) { p.x += c.left; p.y += c.top; }); });
    return s;
  };
  gort.run = function(id, opts) {
    return new Promise(function(resolve, reject) {
      opts = opts === undefined ? {} : opts;
      var bad = check(id, opts);
      if (bad) return reject(new Error(bad));
      var params = [];
      for (var p in (opts.params || {})) params.push(p + '=' + opts.params[p]);
      var speed = opts.speed === undefined ? 1 : opts.speed;
      var token = ++tokens;
      starting[token] = {resolve: resolve, reject: reject, id: id};
      var limits = limitNames.map(function(name) {
        var v = (opts.limits || {})[name];
        return v === undefined ? -1 : v;
      });
      call('gort_run', null,
           ['number', 'string', 'string', 'number', 'string', 'number', 'number', 'string',
            'number', 'string'],
           [token, id, params.join('\n'), opts.procs || 0, String(opts.seed || 0),
            opts.deterministic ? 1 : 0, speed, opts.code || '', opts.compare ? 1 : 0,
            limits.join(' ')]);
    });
  };

  // GLFW listens for keys on window in the capture phase (and swallows
  // Backspace and Tab): keys typed into the page's own text fields (the code
  // editor) are theirs. Its handlers are wrapped before glfwInit (main)
  // registers them; stopping such events on window instead would keep them
  // from the editor's own key bindings too.
  ['onKeydown', 'onKeyPress', 'onKeyup'].forEach(function(name) {
    var handle = GLFW[name];
    GLFW[name] = function(e) {
      var t = e.target;
      if (t && (t.tagName == 'INPUT' || t.tagName == 'TEXTAREA' || t.isContentEditable)) return;
      return handle.call(this, e);
    };
  });

  // ImGui's paste (Ctrl+V) reads what the page's last paste event carried.
  document.addEventListener('paste', function(e) {
    var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    call('gort_set_clipboard', null, ['string'], [text]);
  });
})();
