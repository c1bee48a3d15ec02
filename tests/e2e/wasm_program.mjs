// Runs an Emscripten-built program (its .js, with the .wasm and .worker.js
// beside it) in Debian's headless Chromium, as Node runs it: with
// Module.arguments, its stdout and stderr captured, and its exit code. A
// threaded build needs SharedArrayBuffer, so the program's directory is
// served on localhost with COOP/COEP (cross-origin isolated). Each run gets
// a fresh page; a run fails when the exit code is not 0, the page or a
// worker throws, the runtime aborts, or it takes longer than the timeout.
//
//   node tests/e2e/wasm_program.mjs [--runs N] [--timeout S] [--show] prog.js [args...]
//   e.g. node tests/e2e/wasm_program.mjs --runs 20 build/mig-mt/tests/gort_tests.js -tc='migration*' -s
// Prints one line per run (exit code, wall time, the last line matching
// GORT_SUMMARY, default "MESSAGE"), stdout and stderr of failed runs (of
// every run with --show), and ends with "wasm_program: N passed, N failed";
// exit code 1 if any run failed. CHROMIUM overrides /usr/bin/chromium.
import path from 'node:path';
import { launch, serveDir } from './browser.mjs';

const argv = process.argv.slice(2);
let runs = 1, timeoutS = 300, show = false;
while (argv.length && argv[0].startsWith('--')) {
  const o = argv.shift();
  if (o === '--runs') runs = Number(argv.shift());
  else if (o === '--timeout') timeoutS = Number(argv.shift());
  else if (o === '--show') show = true;
  else { console.error(`unknown option ${o}`); process.exit(2); }
}
if (!argv.length) {
  console.error('usage: node tests/e2e/wasm_program.mjs [--runs N] [--timeout S] [--show] prog.js [args...]');
  process.exit(2);
}
const prog = path.resolve(argv.shift());
const args = argv;
const dir = path.dirname(prog);
const summary = new RegExp(process.env.GORT_SUMMARY || 'MESSAGE');

// The page: Module is set up before the program's script loads; the result
// lands in window.gortResult once, first of exit, abort or error. (The
// program's script declares globals such as `out` and `err`: the page's own
// names are prefixed.)
const page = `<!doctype html><meta charset="utf-8"><title>wasm_program</title><script>
window.gortLines = []; window.gortResult = null;
function gortDone(r) { if (!window.gortResult) window.gortResult = r; }
window.addEventListener('error', (e) => gortDone({ code: -1, error: String(e.message || e) }));
window.addEventListener('unhandledrejection', (e) => gortDone({ code: -1, error: 'unhandled rejection: ' + e.reason }));
var Module = {
  arguments: ${JSON.stringify(args)},
  print: (s) => window.gortLines.push(['out', s]),
  printErr: (s) => window.gortLines.push(['err', s]),
  onExit: (code) => gortDone({ code }),
  onAbort: (what) => gortDone({ code: -1, error: 'abort: ' + what }),
  quit: (code, e) => { gortDone({ code }); throw e; },
};
</script><script src="${path.basename(prog)}"></script>`;

const server = await serveDir(dir, { index: page });
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
let passed = 0, failed = 0;
try {
  for (let i = 1; i <= runs; i++) {
    const context = await browser.newContext();
    const p = await context.newPage();
    const pageErrors = [];
    p.on('pageerror', (e) => pageErrors.push(String(e)));
    const t0 = Date.now();
    let res;
    try {
      await p.goto(base);
      await p.waitForFunction(() => window.gortResult, null, { timeout: timeoutS * 1000, polling: 200 });
      res = await p.evaluate(() => window.gortResult);
    } catch (e) {
      res = { code: -1, error: String(e).split('\n')[0] };
    }
    const lines = (await p.evaluate(() => window.gortLines).catch(() => null)) || [];
    const wall = ((Date.now() - t0) / 1000).toFixed(1);
    // Exceptions thrown by exit() itself (ExitStatus) are how a program ends.
    const errors = pageErrors.filter((e) => !/ExitStatus|Program terminated with exit\(0\)|^unwind$/.test(e));
    const ok = res.code === 0 && !res.error && errors.length === 0;
    ok ? passed++ : failed++;
    const last = lines.filter(([, s]) => summary.test(s)).map(([, s]) => s).pop() || '';
    console.log(`${ok ? 'ok  ' : 'FAIL'} run ${i}: exit ${res.code}, ${wall} s${res.error ? ', ' + res.error : ''}` +
                `${errors.length ? ', page errors: ' + errors.join(' | ') : ''}${last ? '\n     ' + last : ''}`);
    if (!ok || show) for (const [k, s] of lines) console.log(`     ${k}: ${s}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`wasm_program: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
