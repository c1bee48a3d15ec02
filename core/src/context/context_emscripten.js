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
// The thread's flag (an int in wasm memory, gort_eh_init) is 1 whenever the
// globals may hold some: every function that can fill them sets it, and
// only a switch that finds them empty clears it, so the C++ side calls
// gort_eh_switch only when there may be something to move (a JS call on
// every switch cost ~10% of a channel handoff).
mergeInto(LibraryManager.library, {
  // A library object is serialized into the output as a literal, which
  // would turn a Map into {}: the Map is made when the module loads. The
  // wrappers go around Emscripten's own functions (declared functions, so
  // the bindings can be replaced before the wasm imports are gathered).
  $GortEh: {saved: null, flag: 0},
  $GortEh__postset: 'GortEh.saved = new Map();' +
    'GortEh.fill = function(f) { return function() {' +
    '  if (GortEh.flag) HEAP32[GortEh.flag >> 2] = 1;' +
    '  return f.apply(null, arguments); }; };' +
    'if (typeof ___cxa_throw == "function") ___cxa_throw = GortEh.fill(___cxa_throw);' +
    'if (typeof ___cxa_rethrow == "function") ___cxa_rethrow = GortEh.fill(___cxa_rethrow);' +
    'if (typeof ___cxa_begin_catch == "function") ___cxa_begin_catch = GortEh.fill(___cxa_begin_catch);' +
    'if (typeof ___cxa_rethrow_primary_exception == "function")' +
    '  ___cxa_rethrow_primary_exception = GortEh.fill(___cxa_rethrow_primary_exception);' +
    'if (typeof ___resumeException == "function") ___resumeException = GortEh.fill(___resumeException);',

  $gortEhHeld__deps: ['$exceptionCaught', '$uncaughtExceptionCount', '$exceptionLast'],
  $gortEhHeld: function() {
    return exceptionCaught.length || uncaughtExceptionCount || exceptionLast ? 1 : 0;
  },

  // The calling thread's flag is at `flag`; sets it to what the thread holds.
  // Every program calls it once per thread, so it also brings in $GortInvoke.
  gort_eh_init__deps: ['$GortEh', '$gortEhHeld', '$GortInvoke'],
  gort_eh_init__sig: 'vi',
  gort_eh_init: function(flag) {
    GortEh.flag = flag;
    HEAP32[flag >> 2] = gortEhHeld();
  },

  gort_eh_switch__deps: ['$GortEh', '$gortEhHeld', '$exceptionCaught', '$uncaughtExceptionCount', '$exceptionLast'],
  gort_eh_switch__sig: 'iiii',
  gort_eh_switch: function(from, to, toHasState) {
    var had = 0;
    if (gortEhHeld()) {
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
    if (GortEh.flag) HEAP32[GortEh.flag >> 2] = gortEhHeld();
    return had;
  },

  // context_emscripten.cpp switches fibers inside wasm, and nothing drives
  // asyncify from JavaScript (no emscripten_sleep, no emscripten_fiber_swap),
  // so Emscripten's wrapper around every export, which tracks the exports on
  // the stack for JavaScript-driven rewinds, is pure cost: with -fexceptions
  // every invoke_* call goes through one. Exports stay unwrapped.
  $Asyncify__postset: 'Asyncify.instrumentWasmExports = function(exports) { return exports; };',

  // With -fexceptions, a call that may throw inside a try block or a cleanup
  // scope leaves wasm through an invoke_* import (a JavaScript try/catch),
  // and a context switch crosses every such call on the switching stacks,
  // once unwinding and once rewinding. Emscripten's invoke_* reaches the
  // target through a dynCall_* export, because ASYNCIFY forces DYNCALLS (so
  // that JavaScript-driven rewinds see every entry into wasm). Nothing here
  // rewinds from JavaScript, so that extra asyncify-instrumented wasm frame
  // is pure cost: before the module is instantiated, each invoke_* import
  // is replaced by one calling the table entry itself, through a mirror of
  // the table (wasmTable.get is slower than the dynCall). Each signature
  // gets its own compiled function (new Function): V8 keeps type feedback
  // per function literal, and one literal shared by all signatures made
  // select slower than before. Measured in Node 20, alternating runs:
  // handoff 326 -> 308 ns, select 558 -> 528 ns. Signatures with an i64
  // ('j') keep Emscripten's: JavaScript passes an i64 as two i32 halves,
  // which only the dynCall joins. Assumes table entries never change once
  // called (no removeFunction).
  $GortInvoke: {},
  $GortInvoke__postset: 'GortInvoke.table = [];' +
    'GortInvoke.entry = function(i) { return GortInvoke.table[i] = wasmTable.get(i); };' +
    // The first call finds stackSave's lazy export wrapper, which replaces
    // itself with the export.
    'GortInvoke.save = function() { var sp = stackSave(); GortInvoke.save = stackSave; return sp; };' +
    // An invoke in a thread's own context catches what escaped a fiber
    // (run_base), with the fiber's limits still in binaryen's stack check
    // (debug builds): they become the thread's before its stack pointer
    // comes back.
    'GortInvoke.fail = function(sp, e) {' +
    '  var t = GortInvoke.thread;' +
    '  if (t && sp <= t[0] && sp >= t[1]) Module["___set_stack_limits"](t[0], t[1]);' +
    '  stackRestore(sp); if (e !== e + 0) throw e; _setThrew(1, 0); };' +
    'GortInvoke.make = function(name, nargs) {' +
    '  var a = [];' +
    '  for (var j = 1; j <= nargs; j++) a.push("a" + j);' +
    '  return new Function("G", "var t = G.table; return function " + name + "(" + ["i"].concat(a).join(",") + ") {" +' +
    '    " var sp = G.save(); try { return (t[i] || G.entry(i))(" + a.join(",") + "); } catch (e) { G.fail(sp, e); } };")(GortInvoke); };' +
    // Where a Content-Security-Policy forbids compiling strings (no
    // 'unsafe-eval'), signatures of one arity share a function: the same
    // behaviour (GortInvoke.fail too), slower where feedback gets shared.
    'GortInvoke.shared = function(nargs) {' +
    '  var G = GortInvoke, t = G.table;' +
    '  switch (nargs) {' +
    '  case 0: return function(i) { var sp = G.save(); try { return (t[i] || G.entry(i))(); } catch (e) { G.fail(sp, e); } };' +
    '  case 1: return function(i, a) { var sp = G.save(); try { return (t[i] || G.entry(i))(a); } catch (e) { G.fail(sp, e); } };' +
    '  case 2: return function(i, a, b) { var sp = G.save(); try { return (t[i] || G.entry(i))(a, b); } catch (e) { G.fail(sp, e); } };' +
    '  case 3: return function(i, a, b, c) { var sp = G.save(); try { return (t[i] || G.entry(i))(a, b, c); } catch (e) { G.fail(sp, e); } };' +
    '  default: return function(i) { var sp = G.save(); try {' +
    '    return (t[i] || G.entry(i)).apply(null, Array.prototype.slice.call(arguments, 1)); } catch (e) { G.fail(sp, e); } };' +
    '  } };' +
    'GortInvoke.replace = function(imports) {' +
    '  for (var k in imports) {' +
    '    var f = imports[k];' +
    '    if (typeof f != "function" || !/^invoke_[vifd]+$/.test(f.name)) continue;' +
    '    var n = f.name.length - 8;' +
    '    try { imports[k] = GortInvoke.make(f.name, n); } catch (e) { imports[k] = GortInvoke.shared(n); }' +
    '  } };' +
    // asmLibraryArg, the import object, is filled in just before
    // createWasm is called.
    'if (typeof createWasm == "function") {' +
    '  GortInvoke.createWasm = createWasm;' +
    '  createWasm = function() {' +
    '    if (typeof asmLibraryArg == "object") GortInvoke.replace(asmLibraryArg);' +
    '    return GortInvoke.createWasm(); };' +
    '}',

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

  // Debug builds: the calling thread's own stack, for GortInvoke.fail.
  gort_thread_stack_limits__deps: ['$GortInvoke'],
  gort_thread_stack_limits__sig: 'vii',
  gort_thread_stack_limits: function(base, end) {
    GortInvoke.thread = [base, end];
  },

  gort_eh_drop__deps: ['$GortEh'],
  gort_eh_drop__sig: 'vi',
  gort_eh_drop: function(c) {
    GortEh.saved.delete(c);
  },
});
