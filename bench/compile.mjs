// The compile row of the browser benchmark (bash bench/run --browser, after
// bench/frames.mjs's table): how long the Go interpreter takes to compile a
// realistic 300-line program (bench/golang/compile/warehouse.go) in the
// playground's tab, in each build: gort.compileMs(code) times one
// gort::golang::compile call with the page's clock. Issue 14 asks for under
// 20 ms (median). The first compiles run while V8 still tiers the wasm up,
// so --warmup of them are left out; the row is the median of --reps more.
//
//   node bench/compile.mjs [--reps N] [--warmup N]
// Needs dist/ (bash wasm/build_site) and tests/e2e's node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDir } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
let reps = 31, warmup = 10;
while (argv.length) {
  const o = argv.shift();
  if (o === '--reps') reps = Number(argv.shift());
  else if (o === '--warmup') warmup = Number(argv.shift());
  else {
    console.error('usage: node bench/compile.mjs [--reps N] [--warmup N]');
    process.exit(2);
  }
}
const file = 'bench/golang/compile/warehouse.go';
const code = fs.readFileSync(path.join(root, file), 'utf8');
const lines = code.split('\n').length - 1;
const dist = process.env.GORT_DIST || path.join(root, 'dist');
const browser = await launch();
console.log(`\nCompiling ${file} (${lines} lines) in the tab: ${warmup} compiles left out, then ${reps}`);
console.log('| build | compile median, ms | min, ms | p90, ms |');
console.log('|---|---|---|---|');
try {
  for (const threaded of [true, false]) {
    if (!fs.existsSync(path.join(dist, threaded ? 'mt' : 'st'))) continue;  // a build made alone
    const server = await serveDir(dist, { isolate: threaded });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.evaluate(() => window.gort.ready);
    const times = await page.evaluate(([code, n]) => {
      const t = [];
      for (let i = 0; i < n; i++) t.push(window.gort.compileMs(code));
      return t;
    }, [code, warmup + reps]);
    if (times.some((t) => t < 0)) throw new Error(`${file} does not compile in the playground`);
    const kept = times.slice(warmup).sort((a, b) => a - b);
    const at = (p) => kept[Math.min(kept.length - 1, Math.floor(kept.length * p))];
    console.log(`| ${threaded ? 'threaded' : 'single-threaded'} | ${at(0.5).toFixed(2)} | ${kept[0].toFixed(2)} | ` +
                `${at(0.9).toFixed(2)} |`);
    await page.close();
    server.close();
  }
} finally {
  await browser.close();
}
