// The JavaScript half of context_emscripten.cpp (linked with --js-library):
// per-context C++ exception state, and placeholders for asyncify's runtime.
//
// Emscripten's -fexceptions keeps, per thread, in JavaScript, the exceptions
// being handled (exceptionCaught), the count in flight
// (uncaughtExceptionCount) and the last one thrown (exceptionLast). A context
// that switches inside a catch block or a destructor run by unwinding must
// take them along, as the native backends do with __cxa_eh_globals.
//
// Invariants: a suspended context's state is in `saved` under its Context
// address only while it has any (the C++ side remembers that in
// Context::eh_uncaught); the running context's state is in the globals.
mergeInto(LibraryManager.library, {
  // A library object is serialized into the output as a literal, which
  // would turn a Map into {}: the Map is made when the module loads.
  $GortEh: {saved: null},
  $GortEh__postset: 'GortEh.saved = new Map();',

  gort_eh_switch__deps: ['$GortEh', '$exceptionCaught', '$uncaughtExceptionCount', '$exceptionLast'],
  gort_eh_switch__sig: 'iiii',
  gort_eh_switch: function(from, to, toHasState) {
    var had = 0;
    if (exceptionCaught.length || uncaughtExceptionCount || exceptionLast) {
      GortEh.saved.set(from, [exceptionCaught, uncaughtExceptionCount, exceptionLast]);
      had = 1;
    }
    var s = toHasState ? GortEh.saved.get(to) : undefined;
    if (s) {
      GortEh.saved.delete(to);
      exceptionCaught = s[0];
      uncaughtExceptionCount = s[1];
      exceptionLast = s[2];
    } else if (had) {
      exceptionCaught = [];
      uncaughtExceptionCount = 0;
      exceptionLast = 0;
    }
    return had;
  },

  // context_emscripten.cpp switches fibers inside wasm, and nothing drives
  // asyncify from JavaScript (no emscripten_sleep, no emscripten_fiber_swap),
  // so Emscripten's wrapper around every export, which tracks the exports on
  // the stack for JavaScript-driven rewinds, is pure cost: with -fexceptions
  // every invoke_* call goes through one. Exports stay unwrapped.
  $Asyncify__postset: 'Asyncify.instrumentWasmExports = function(exports) { return exports; };',

  // context_emscripten.cpp imports asyncify's runtime from the module
  // "asyncify"; binaryen's asyncify pass replaces those imports with its own
  // functions, but Emscripten checks for undefined symbols before that pass
  // runs. These only satisfy the check: the finished module never imports
  // them.
  start_unwind: function() { abort('asyncify.start_unwind was not replaced by the asyncify pass'); },
  stop_unwind: function() { abort('asyncify.stop_unwind was not replaced by the asyncify pass'); },
  start_rewind: function() { abort('asyncify.start_rewind was not replaced by the asyncify pass'); },
  stop_rewind: function() { abort('asyncify.stop_rewind was not replaced by the asyncify pass'); },

  // Debug builds (-sSTACK_OVERFLOW_CHECK=2): binaryen's stack check keeps
  // its own limits, set through this export of its pass.
  gort_set_stack_check_limits__sig: 'vii',
  gort_set_stack_check_limits: function(base, end) {
    Module['___set_stack_limits'](base, end);
  },

  gort_eh_drop__deps: ['$GortEh'],
  gort_eh_drop__sig: 'vi',
  gort_eh_drop: function(c) {
    GortEh.saved.delete(c);
  },
});
