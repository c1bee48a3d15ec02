// --post-js of the playground (gort_playground): window.gort, the page's
// JavaScript API (README, "The page's JavaScript API"). wasm/loader.js
// creates window.gort with `ready` before the module loads; this fills in
// the rest once the module's code exists, and resolves `ready` when the
// first frame is drawn.
//
// Invariants: every promise returned by run() settles exactly once — with
// {exitCode, output, stdout, stderr} when its program ended and playback
// reached the end, with {exitCode: null, stopped: true, ...} when it was stopped or
// replaced by another run, or rejected at once (Error) for bad input, in
// which case the run before it goes on. Nothing here throws into the page.
(function() {
  if (typeof window != 'object' ||
      (typeof ENVIRONMENT_IS_PTHREAD != 'undefined' && ENVIRONMENT_IS_PTHREAD)) return;
  var gort = window.gort || (window.gort = {});
  var pending = {};   // run id -> resolve
  var starting = {};  // request token -> {resolve, reject} until the run starts
  var tokens = 0;
  var kMaxSpeed = 1e6;
  var options = {params: 1, procs: 1, seed: 1, deterministic: 1, speed: 1};

  function call(name, ret, types, args) { return ccall(name, ret, types || [], args || []); }
  function json(name) { return JSON.parse(call(name, 'string')); }

  Module['gortReady'] = function() {
    gort.firstFrameMs = performance.now();
    if (gort._ready) gort._ready(gort);
  };
  Module['gortFail'] = function(message) { if (gort._fail) gort._fail(message); };
  Module['gortRunEnded'] = function(run, exitCode, stopped, output, stdout, stderr) {
    var resolve = pending[run];
    if (!resolve) return;
    delete pending[run];
    resolve(stopped ? {exitCode: null, stopped: true, output: output, stdout: stdout, stderr: stderr}
                    : {exitCode: exitCode, output: output, stdout: stdout, stderr: stderr});
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
  Module['gortLink'] = function(query) {
    gort.link = query;
    try { history.replaceState(history.state, '', '?' + query + location.hash); } catch (e) {}
  };

  // What is wrong with run(id, opts)'s arguments, or ''.
  function check(id, opts) {
    if (typeof id != 'string' || id == '') return 'gort.run: the pattern id must be a non-empty string';
    if (typeof opts != 'object' || opts === null) return 'gort.run: options must be an object';
    for (var k in opts) {
      if (!options.hasOwnProperty(k)) return 'gort.run: unknown option "' + k + '"';
    }
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
    return '';
  }

  gort.patterns = function() { return json('gort_patterns_json'); };
  gort.state = function() { return json('gort_state_json'); };
  gort.stop = function() { call('gort_stop', null); };
  // {name: [x, y, w, h]} in CSS pixels of the page (the canvas's offset added).
  gort.ui = function() {
    var rects = json('gort_ui_json');
    var c = Module['canvas'].getBoundingClientRect();
    for (var k in rects) { rects[k][0] += c.left; rects[k][1] += c.top; }
    return rects;
  };
  gort.run = function(id, opts) {
    return new Promise(function(resolve, reject) {
      opts = opts === undefined ? {} : opts;
      var bad = check(id, opts);
      if (bad) return reject(new Error(bad));
      var params = [];
      for (var p in (opts.params || {})) params.push(p + '=' + opts.params[p]);
      var speed = opts.speed === undefined ? 1 : Math.min(opts.speed, kMaxSpeed);
      var token = ++tokens;
      starting[token] = {resolve: resolve, reject: reject, id: id};
      call('gort_run', null,
           ['number', 'string', 'string', 'number', 'string', 'number', 'number'],
           [token, id, params.join('\n'), opts.procs || 0, String(opts.seed || 0),
            opts.deterministic ? 1 : 0, speed]);
    });
  };

  // ImGui's paste (Ctrl+V) reads what the page's last paste event carried.
  document.addEventListener('paste', function(e) {
    var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    call('gort_set_clipboard', null, ['string'], [text]);
  });
})();
