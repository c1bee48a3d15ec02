// --post-js for every gort program: delivers main's return value as the
// process exit code.
//
// Why: a fiber switch unwinds the whole wasm stack, main's included, out to
// JavaScript; main's first call "returns" there (with a meaningless value)
// and is later resumed by an asyncify rewind (Asyncify.doRewind), whose
// return value Emscripten 3.1.6 drops. Asyncify's keepalive count, pushed
// at every unwind, also never drops back to zero with fibers, so even the
// implicit exit at the end of main never happens. So a consumer's
// `int main() { return gort::run(...); }` would exit Node with 0.
//
// What: when a rewind of main returns and main did not switch away again
// (no fiber is waiting to run), main has really returned; if the runtime is
// meant to exit when main ends (-sEXIT_RUNTIME=1 and Module.noExitRuntime
// unset), exit with its value as emscripten_force_exit does: atexit
// handlers run and stdio is flushed. A page that keeps the module alive
// (Module.noExitRuntime = true, or -sEXIT_RUNTIME=0) is left alone.
(function() {
  if (typeof Asyncify != 'object' || typeof Fibers != 'object') return;
  var doRewind = Asyncify.doRewind;
  Asyncify.doRewind = function(ptr) {
    var start = Asyncify.getDataRewindFunc(ptr);
    var ret = doRewind(ptr);
    var isMain = start === Module['asm']['main'] || start === Module['asm']['__main_argc_argv'];
    if (isMain && !Fibers.nextFiber && !ABORT && !noExitRuntime) {
      runtimeKeepaliveCounter = 0;
      exit(ret);
    }
    return ret;
  };
})();
