// The JavaScript half of context_emscripten.cpp (linked with --js-library):
// per-context C++ exception state, and a pthread's exit from inside fibers.
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

  // Called by a pthread that ran fibers just before pthread_exit. That exit
  // leaves from inside Fibers.trampoline (every fiber, the thread's own
  // included, runs inside it once the first swap has unwound the thread's
  // entry point), so the trampoline never clears its flag; the next pthread
  // this pooled worker hosts would then unwind at its first swap and never
  // resume anything (a hang at the second program with threads). Likewise
  // the keepalive count, pushed once per fiber started and never popped:
  // left above zero, a plain thread this worker hosts later and that
  // returns is "kept alive" and never joinable (notes/toolchain.md, rule 1).
  gort_fiber_thread_exit__deps: ['$Fibers'],
  gort_fiber_thread_exit__sig: 'v',
  gort_fiber_thread_exit: function() {
    Fibers.trampolineRunning = false;
    Fibers.nextFiber = 0;
    runtimeKeepaliveCounter = 0;
  },

  gort_eh_drop__deps: ['$GortEh'],
  gort_eh_drop__sig: 'vi',
  gort_eh_drop: function(c) {
    GortEh.saved.delete(c);
  },
});
