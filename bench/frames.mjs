// The playground's frame-time benchmark (bash bench/run --browser): dist/ in
// Debian's headless Chromium, WebGL2 on SwiftShader (software: the only GPU
// here), the threaded build (served with COOP/COEP), one page per row.
// Rows: the page as opened (its first gallery pattern running), and the
// views benchmark page ?bench=N, which draws a synthetic program of N live
// goroutines through the same model, layout and views.
//
// Per row: the median and 90th percentile of the intervals between
// requestAnimationFrame callbacks (what a person sees; Chromium paces them
// at 16.7 ms steps), the CPU side of a frame (gort.state().cpuMs: folding
// trace events, layout, ImGui, issuing GL calls), and the cold load to the
// first frame (gort.firstFrameMs).
//
//   node bench/frames.mjs [--size WxH] [--frames N]
// Needs dist/ (bash wasm/build_site) and tests/e2e's node_modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDir } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
let size = '1400x900', frames = 120;
while (argv.length) {
  const o = argv.shift();
  if (o === '--size') size = argv.shift();
  else if (o === '--frames') frames = Number(argv.shift());
  else { console.error('usage: node bench/frames.mjs [--size WxH] [--frames N]'); process.exit(2); }
}
const [width, height] = size.split('x').map(Number);
// [name, query, run (gort.run's arguments, started before measuring), threaded build]
const pool = ['worker_pool', { params: { numJobs: 100 } }];
const chefs = ['concurrency_vs_parallelism', { params: { chefs: 16, chunks: 100 } }];
const rows = [['worker pool interpreted', '', pool, true],
              ['worker pool interpreted', '', pool, false],
              ['chefs interpreted (CPU-bound)', '', chefs, true],
              ['chefs interpreted (CPU-bound)', '', chefs, false],
              ['1,000 goroutines', '?bench=1000', null, true], ['10,000 goroutines', '?bench=10000', null, true]];

const dist = process.env.GORT_DIST || path.join(root, 'dist');
const servers = { true: await serveDir(dist, { isolate: true }), false: await serveDir(dist, { isolate: false }) };
const browser = await launch();
const pct = (a, p) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
console.log(`Frame times, headless Chromium on SwiftShader, ${width}x${height} CSS px, DPR 1, ${frames} frames a row`);
console.log('| page | frame median, ms | frame p90, ms | CPU per frame, ms | first frame, ms | build |');
console.log('|---|---|---|---|---|---|');
try {
  for (const [name, query, run, threaded] of rows) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`http://127.0.0.1:${servers[threaded].address().port}/${query}`);
    await page.evaluate(() => window.gort.ready);
    await page.waitForTimeout(2000);  // past the first run's start and shader compiles
    if (run) {
      await page.evaluate((run) => { window.gort.run(...run); }, run);
      await page.waitForFunction(() => window.gort.state().running && window.gort.state().events > 0);
    }
    const intervals = await page.evaluate((n) => new Promise((done) => {
      const t = [];
      let last = performance.now();
      function frame(now) {
        t.push(now - last);
        last = now;
        if (t.length < n) requestAnimationFrame(frame); else done(t);
      }
      requestAnimationFrame(frame);
    }), frames);
    const st = await page.evaluate(() => ({ ...window.gort.state(), first: window.gort.firstFrameMs }));
    if (run && !st.running) console.log(`(${name}: the program ended before the measurement did)`);
    intervals.sort((a, b) => a - b);
    console.log(`| ${name} | ${pct(intervals, 0.5).toFixed(1)} | ${pct(intervals, 0.9).toFixed(1)} | ` +
                `${st.cpuMs.toFixed(2)} | ${Math.round(st.first)} | ${st.threaded ? 'threaded' : 'single-threaded'} |`);
    await page.close();
  }
} finally {
  await browser.close();
  servers[true].close();
  servers[false].close();
}
