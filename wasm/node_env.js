// --pre-js for every gort program: under Node the GORT_* environment
// variables reach the program's getenv (Emscripten's ENV holds only its own
// defaults), so that GORT_MODEL_SECONDS and GORT_MODEL_SEED drive a wasm
// test as they do a native one. Browsers have no process: nothing changes.
if (typeof process == 'object' && typeof process.versions == 'object' &&
    typeof process.versions.node == 'string') {
  Module['preRun'] = [].concat(Module['preRun'] || [], function() {
    for (var k in process.env) {
      if (k.indexOf('GORT_') == 0) ENV[k] = process.env[k];
    }
  });
}
