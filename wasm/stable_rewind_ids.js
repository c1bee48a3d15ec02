// --post-js of the threaded build with GORT_WASM_MIGRATE=ON: gives every
// wasm export the same asyncify call-stack id on every thread, so that a
// fiber unwound on one worker can be rewound on another.
//
// Why: when a fiber switches away, Emscripten 3.1.6 stores in its asyncify
// data the id of the export at the bottom of the wasm call stack
// (Asyncify.setDataRewindFunc -> getCallStackId(name): dynCall_vi for a
// goroutine, main, a thread's entry), and a rewind maps the id back to the
// export (getDataRewindFunc: callStackIdToName[id]). Ids are handed out
// lazily, in the order in which a thread first unwinds out of each export,
// and every worker has its own Asyncify object. An id saved on one worker
// then names another export on the next, or none: "TypeError: start is not
// a function" (notes/toolchain.md, rule 5).
//
// What: the first time a thread assigns or looks up an id, it first numbers
// all of the module's exports in sorted name order. Every thread
// instantiates the same module, so every thread numbers them alike, and no
// id is ever assigned lazily again.
//
// Invariants:
//   - On every thread, id i names the i-th export in sorted order.
//   - No id exists on a thread before its numbering (else: abort, since the
//     numbering could no longer be the same everywhere).
//   - Only exports are ever looked up (asyncify unwinds only out of
//     instrumented exports); any other name aborts instead of getting a
//     thread-local id.
(function() {
  if (typeof Asyncify != 'object') return;
  var getCallStackId = Asyncify.getCallStackId;
  var getDataRewindFunc = Asyncify.getDataRewindFunc;
  var numbered = false;
  function numberExports() {
    if (numbered) return;
    if (!Module['asm'] || Asyncify.callStackId !== 0) {
      abort('stable_rewind_ids.js: asyncify ids were used before the exports were numbered');
    }
    Object.keys(Module['asm']).sort().forEach(function(name) { getCallStackId(name); });
    numbered = true;
  }
  Asyncify.getCallStackId = function(name) {
    numberExports();
    var id = Asyncify.callStackNameToId[name];
    if (id === undefined) abort('stable_rewind_ids.js: ' + name + ' is not a wasm export');
    return id;
  };
  Asyncify.getDataRewindFunc = function(ptr) {
    numberExports();
    return getDataRewindFunc(ptr);
  };
})();
