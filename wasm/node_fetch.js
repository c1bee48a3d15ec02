// --pre-js for every gort program: Node 20 has a global fetch(), and
// Emscripten 3.1.6's loader then tries to fetch() the .wasm by file path,
// which fails ("Failed to parse URL from .../x.wasm"). Under Node only, this
// hides fetch from the loader (a var in the module's own scope), so it reads
// the file with fs as on older Node; browsers keep their fetch.
// Under Node the GORT_* environment variables also reach the program's
// getenv (Emscripten's ENV holds only its own defaults), so that
// GORT_MODEL_SECONDS and GORT_MODEL_SEED drive a wasm test as they do a
// native one.
if (typeof process == 'object' && typeof process.versions == 'object' &&
    typeof process.versions.node == 'string') {
  var fetch = undefined;
  Module['preRun'] = [].concat(Module['preRun'] || [], function() {
    for (var k in process.env) {
      if (k.indexOf('GORT_') == 0) ENV[k] = process.env[k];
    }
  });
}
