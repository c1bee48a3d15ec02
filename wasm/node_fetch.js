// --pre-js for every gort program: Node 20 has a global fetch(), and
// Emscripten 3.1.6's loader then tries to fetch() the .wasm by file path,
// which fails ("Failed to parse URL from .../x.wasm"). Under Node only, this
// hides fetch from the loader (a var in the module's own scope), so it reads
// the file with fs as on older Node; browsers keep their fetch.
if (typeof process == 'object' && typeof process.versions == 'object' &&
    typeof process.versions.node == 'string') {
  var fetch = undefined;
}
