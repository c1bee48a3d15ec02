// The JavaScript half of context_emscripten.cpp (linked with --js-library):
// per-context C++ exception state, gort's invoke_* wrappers, and
// placeholders for asyncify's runtime.
//
// Written against Emscripten 3.1.6's generated JavaScript (createWasm,
// asmLibraryArg, wasmTable, exceptionCaught, ...); wasm/emscripten.cmake
// refuses another version at configure time. Everything is a library
// function but what must run as the module loads (the __postset lines,
// which only call them). Nothing is compiled from text at run time, so the
// page runs under a Content-Security-Policy without 'unsafe-eval'.
mergeInto(LibraryManager.library, {
  // ---- Per-context C++ exception state ----
  // Emscripten's -fexceptions keeps, per thread, in JavaScript, the
  // exceptions being handled (exceptionCaught), the count in flight
  // (uncaughtExceptionCount) and the last one thrown (exceptionLast). A
  // context that switches inside a catch block or a destructor run by
  // unwinding must take them along, as the native backends do with
  // __cxa_eh_globals.
  //
  // Invariants: a suspended context's state is in GortEh.saved under its
  // Context address only while it has any (the C++ side remembers that in
  // Context::eh_uncaught); the running context's state is in the globals.
  // The thread's flag (an int in wasm memory, gort_eh_init) is 1 whenever
  // the globals may hold some: every function that can fill them sets it,
  // and only a switch that finds them empty clears it, so the C++ side calls
  // gort_eh_switch only when there may be something to move (DESIGN.md, 4.3).
  //
  // A library object is emitted as a literal (a Map would become {}), so the
  // Map is made when the module loads.
  $GortEh: {saved: null, flag: 0},
  $GortEh__deps: ['$gortEhInstall'],
  $GortEh__postset: 'gortEhInstall();',
  $gortEhInstall__deps: ['$GortEh'],
  $gortEhInstall: function() {
    GortEh.saved = new Map();
    function fill(f) {
      return function() {
        if (GortEh.flag) HEAP32[GortEh.flag >> 2] = 1;
        return f.apply(null, arguments);
      };
    }
    // The bindings are replaced before the wasm imports are gathered.
    if (typeof ___cxa_throw == 'function') ___cxa_throw = fill(___cxa_throw);
    if (typeof ___cxa_rethrow == 'function') ___cxa_rethrow = fill(___cxa_rethrow);
    if (typeof ___cxa_begin_catch == 'function') ___cxa_begin_catch = fill(___cxa_begin_catch);
    if (typeof ___cxa_rethrow_primary_exception == 'function') {
      ___cxa_rethrow_primary_exception = fill(___cxa_rethrow_primary_exception);
    }
    if (typeof ___resumeException == 'function') ___resumeException = fill(___resumeException);
  },

  $gortEhHeld__deps: ['$exceptionCaught', '$uncaughtExceptionCount', '$exceptionLast'],
  $gortEhHeld: function() {
    return exceptionCaught.length || uncaughtExceptionCount || exceptionLast ? 1 : 0;
  },

  // The calling thread's flag is at `flag`; sets it to what the thread holds.
  // Every program calls it once per thread, so it also brings in GortInvoke.
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

  gort_eh_drop__deps: ['$GortEh'],
  gort_eh_drop__sig: 'vi',
  gort_eh_drop: function(c) {
    GortEh.saved.delete(c);
  },

  // context_emscripten.cpp switches fibers inside wasm, and nothing drives
  // asyncify from JavaScript (no emscripten_sleep, no emscripten_fiber_swap),
  // so Emscripten's wrapper around every export, which tracks the exports on
  // the stack for JavaScript-driven rewinds, is pure cost: with -fexceptions
  // every invoke_* call goes through one. Exports stay unwrapped.
  $Asyncify__postset: 'Asyncify.instrumentWasmExports = function(exports) { return exports; };',

  // ---- invoke_* ----
  // With -fexceptions, a call that may throw inside a try block or a
  // cleanup scope leaves wasm through an invoke_* import (a JavaScript
  // try/catch), and a context switch crosses every such call on the
  // switching stacks, once unwinding and once rewinding. Emscripten's
  // invoke_* reaches the target through a dynCall_* export, because
  // ASYNCIFY forces DYNCALLS (so that JavaScript-driven rewinds see every
  // entry into wasm); nothing here rewinds from JavaScript, so that extra
  // asyncify-instrumented frame is pure cost. Before the module is
  // instantiated each invoke_* import is replaced by one calling the table
  // entry itself, through a mirror of the table (wasmTable.get is slower
  // than the dynCall), one compiled function per signature (V8 keeps type
  // feedback per function literal; DESIGN.md, 4.2). Signatures with an i64
  // ('j') keep Emscripten's: JavaScript passes an i64 as two i32 halves,
  // which only the dynCall joins. Assumes table entries never change once
  // called (no removeFunction).
  //
  // Debug-checks builds (STACK_OVERFLOW_CHECK=2): each wrapper also counts
  // the wrappers on the calling thread's stack in wasm memory (GortInvoke.depth,
  // gort_invoke_depth_init), which the parking rule's check reads (gopark).
  // A switch unwinds through a wrapper (a normal return: the count drops)
  // and rewinds through it again (it rises), so the count always describes
  // the stack that runs.
  $GortInvoke: {},
  $GortInvoke__deps: ['$gortInvokeInstall'],
  $GortInvoke__postset: 'gortInvokeInstall();',
  $gortInvokeInstall__deps: ['$GortInvoke', '$gortInvokeReplace'],
  $gortInvokeInstall: function() {
    GortInvoke.table = [];
    GortInvoke.depth = 0;
    // The wrappers' count (debug-checks builds).
#if STACK_OVERFLOW_CHECK >= 2
    GortInvoke.enter = function() {
      if (GortInvoke.depth) HEAP32[GortInvoke.depth >> 2]++;
    };
    GortInvoke.leave = function() {
      if (GortInvoke.depth) HEAP32[GortInvoke.depth >> 2]--;
    };
#endif
    // The first call finds stackSave's lazy export wrapper, which replaces
    // itself with the export; so does this.
    GortInvoke.save = function() {
      var sp = stackSave();
      GortInvoke.save = stackSave;
      return sp;
    };
    // asmLibraryArg, the import object, is filled in just before
    // createWasm is called.
    if (typeof createWasm == 'function') {
      var create = createWasm;
      createWasm = function() {
        if (typeof asmLibraryArg == 'object') gortInvokeReplace(asmLibraryArg);
        return create();
      };
    }
  },

  $gortInvokeEntry__deps: ['$GortInvoke'],
  $gortInvokeEntry: function(i) {
    return GortInvoke.table[i] = wasmTable.get(i);
  },

  // A throw escaped the target. An invoke in a thread's own context catches
  // what escaped a fiber (run_base) with the fiber's limits still in
  // binaryen's stack check (debug builds): they become the thread's before
  // its stack pointer comes back.
  $gortInvokeFail__deps: ['$GortInvoke'],
  $gortInvokeFail: function(sp, e) {
    var t = GortInvoke.thread;
    if (t && sp <= t[0] && sp >= t[1]) Module['___set_stack_limits'](t[0], t[1]);
    stackRestore(sp);
    if (e !== e + 0) throw e;
    _setThrew(1, 0);
  },

  // The wrappers, one function literal per signature, written out when the
  // module is linked: the macro block in the switch runs in Emscripten's
  // JavaScript compiler, where WASM_EXPORTS holds a dynCall_<sig> export for every
  // signature an invoke_* import uses (ASYNCIFY forces DYNCALLS). Nothing is
  // compiled from text at run time, so a Content-Security-Policy without
  // 'unsafe-eval' gets the same wrappers (tests/e2e/csp.mjs).
  $gortInvokeMake__deps: ['$GortInvoke', '$gortInvokeEntry', '$gortInvokeFail'],
  $gortInvokeMake: function(name) {
    var G = GortInvoke, t = G.table, entry = gortInvokeEntry, fail = gortInvokeFail;
    switch (name) {
{{{ [...WASM_EXPORTS].filter((x) => /^dynCall_[vifd]+$/.test(x)).map((x) => {
      const sig = x.slice(8), a = [...sig.slice(1)].map((c, j) => 'a' + (j + 1)).join(', ');
      const call = '(t[i] || entry(i))(' + a + ')';
      const body = STACK_OVERFLOW_CHECK >= 2
        ? 'var sp = G.save(); G.enter(); try { return ' + call + '; } catch (e) { fail(sp, e); } finally { G.leave(); }'
        : 'var sp = G.save(); try { return ' + call + '; } catch (e) { fail(sp, e); }';
      return "      case 'invoke_" + sig + "': return function invoke_" + sig + '(' + ['i'].concat(a ? [a] : []).join(', ') +
             ') { ' + body + ' };';
    }).join('\n') }}}
    }
    return null;
  },

  // Replaces each invoke_* import that has a wrapper; the others (a 'j' in
  // the signature) keep Emscripten's.
  $gortInvokeReplace__deps: ['$gortInvokeMake'],
  $gortInvokeReplace: function(imports) {
    for (var k in imports) {
      var f = imports[k];
      var mine = typeof f == 'function' && /^invoke_/.test(f.name) ? gortInvokeMake(f.name) : null;
      if (mine) imports[k] = mine;
    }
  },

  // Debug-checks builds: where the calling thread's count of invoke_*
  // wrappers lives (an int in wasm memory).
  gort_invoke_depth_init__deps: ['$GortInvoke'],
  gort_invoke_depth_init__sig: 'vi',
  gort_invoke_depth_init: function(depth) {
    GortInvoke.depth = depth;
  },

  // ---- asyncify ----
  // context_emscripten.cpp imports asyncify's runtime from the module
  // "asyncify"; binaryen's asyncify pass replaces those imports with its own
  // functions, but Emscripten checks for undefined symbols before that pass
  // runs. These only satisfy the check: the finished module never imports
  // them.
  start_unwind: function() { abort('asyncify.start_unwind was not replaced by the asyncify pass'); },
  stop_unwind: function() { abort('asyncify.stop_unwind was not replaced by the asyncify pass'); },
  start_rewind: function() { abort('asyncify.start_rewind was not replaced by the asyncify pass'); },
  stop_rewind: function() { abort('asyncify.stop_rewind was not replaced by the asyncify pass'); },

  // ---- debug builds (-sSTACK_OVERFLOW_CHECK=2) ----
  // binaryen's stack check keeps its own limits, set through this export of
  // its pass.
  gort_set_stack_check_limits__sig: 'vii',
  gort_set_stack_check_limits: function(base, end) {
    Module['___set_stack_limits'](base, end);
  },

  // The calling thread's own stack, for gortInvokeFail.
  gort_thread_stack_limits__deps: ['$GortInvoke'],
  gort_thread_stack_limits__sig: 'vii',
  gort_thread_stack_limits: function(base, end) {
    GortInvoke.thread = [base, end];
  },
});
