// Soak (issue 16): one page per build runs every gallery pattern in turn,
// again and again, for a while, and what it holds must settle: wasm memory
// in use (the bytes malloc has handed out, read as each run ends: the
// module's memory itself only grows, in steps of 20%, and is fixed in the
// threaded build), the JS heap (after a forced collection) and the frame
// time (median interval between animation frames over a window) are
// sampled, with the longest gap between two frames and the module's memory.
// A pattern runs from its Go text at a high speed (sleeps take 1/100 of
// their time), with the page animating, so a run takes about a second.
//
// The documented run is ten minutes a build; each figure must end within 5%
// of its level after the first minute:
//   node tests/e2e/soak.mjs [--minutes M]     (needs dist/: bash wasm/build_site)
// Prints a line per sample and one per build, "soak: N passed, N failed".
// CI runs 30 s of each build (soakTests, from run.mjs) with the bounds of
// kCiBounds: too short for the 5% rule (the JS heap still grows as the
// page's code warms up), long enough to catch a leak per run, a page that
// stops drawing, or an error.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDir } from './browser.mjs';

const kSpeed = 100;
const kTolerance = 0.05;
// Chromium exposes gc() to the page and reports the JS heap unrounded.
export const soakArgs = ['--js-flags=--expose-gc', '--enable-precise-memory-info'];

// CI's 30 s a build: after `warmup` seconds, wasm memory in use may grow by
// 5% and the JS heap by 25% at most, and no two frames may be further apart
// than `gap` ms (a page that blocks; frames take 17-100 ms here).
export const kCiBounds = { seconds: 30, warmup: 10, heap: 0.05, js: 0.25, gap: 2000 };

// Samples the open page: memory after a forced collection, and the median
// and longest frame interval over the frames since the last sample.
async function sample(page) {
  return page.evaluate(() => {
    window.gc();
    const f = window.soakFrames.splice(0).sort((a, b) => a - b);
    return { heap: window.soakHeap, wasm: window.soakWasmBytes(), js: performance.memory.usedJSHeapSize,
             frame: f.length ? f[Math.floor(f.length / 2)] : 0, p90: f.length ? f[Math.floor(f.length * 0.9)] : 0,
             gap: f.length ? f[f.length - 1] : 0,
             frames: f.length };
  });
}

// What did not hold in soak()'s result r: each of heap, js, frame (the
// median) is a tolerance (a fraction of its level at `warmup` seconds; null:
// not checked); gap, the longest frame interval after warm-up in ms.
export function judge(r, { warmup, heap, js, frame = null, gap = null }) {
  const base0 = r.samples.find((s) => s.t >= warmup) || r.samples[0];
  const end = r.samples[r.samples.length - 1];
  const bad = [];
  for (const [k, what, tol] of [['heap', 'wasm memory in use', heap], ['js', 'JS heap', js], ['frame', 'frame time', frame]]) {
    const shown = (v) => (k === 'frame' ? `${v.toFixed(1)} ms` : `${(v / 2 ** 20).toFixed(2)} MiB`);
    if (tol !== null && Math.abs(end[k] - base0[k]) > tol * base0[k]) {
      bad.push(`${what} ${shown(end[k])} at ${end.t.toFixed(0)} s, ${shown(base0[k])} at ${base0.t.toFixed(0)} s`);
    }
  }
  const longest = Math.max(...r.samples.filter((s) => s.t > base0.t).map((s) => s.gap));
  if (gap !== null && longest > gap) bad.push(`a ${longest.toFixed(0)} ms gap between frames`);
  if (end.runs < 2) bad.push(`only ${end.runs} runs`);
  if (r.errors.length) bad.push(`page errors: ${r.errors.join('; ')}`);
  return bad;
}

// Runs the soak on `base` for `seconds`: {threaded, runs, samples, errors}.
export async function soak({ browser, base, seconds, log = console.log }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(base + '/');
    await page.evaluate(() => window.gort.ready);
    // The module's memory (Emscripten's Module.HEAPU8 views all of it): the
    // threaded build's is fixed, the single-threaded one's grows.
    await page.evaluate((speed) => {
      window.soakWasmBytes = () => window.Module.HEAPU8.buffer.byteLength;
      window.soakFrames = [];
      let last = performance.now();
      (function frame(now) {
        window.soakFrames.push(now - last);
        last = now;
        requestAnimationFrame(frame);
      })(last);
      const ids = window.gort.patterns().map((p) => p.id);
      window.soakRuns = 0;
      window.soakHeap = 0;  // malloc's bytes in use as the last run ended
      window.soakStop = false;
      (async () => {
        for (let i = 0; !window.soakStop; i++) {
          await window.gort.run(ids[i % ids.length], { speed }).catch(() => {});
          window.soakHeap = window.Module._gort_heap_bytes();
          window.soakRuns++;
        }
      })();
    }, kSpeed);
    const every = Math.max(2, seconds / 60) * 1000;
    const samples = [];
    const t0 = Date.now();
    while (Date.now() - t0 < seconds * 1000) {
      await page.waitForTimeout(every);
      const s = { t: (Date.now() - t0) / 1000, runs: await page.evaluate(() => window.soakRuns), ...await sample(page) };
      samples.push(s);
      log(`  ${s.t.toFixed(0)} s: ${s.runs} runs, wasm ${(s.heap / 2 ** 20).toFixed(2)} MiB in use ` +
          `of ${(s.wasm / 2 ** 20).toFixed(1)}, ` +
          `JS heap ${(s.js / 2 ** 20).toFixed(2)} MiB, frame ${s.frame.toFixed(1)} ms, ` +
          `longest ${s.gap.toFixed(0)} ms (${s.frames} frames)`);
    }
    await page.evaluate(() => { window.soakStop = true; window.gort.stop(); });
    const threaded = await page.evaluate(() => window.gort.state().threaded);
    return { threaded, runs: samples[samples.length - 1].runs, samples, errors };
  } finally {
    await page.close();
  }
}

// CI's part (tests/e2e/run.mjs): kCiBounds.seconds of each build, in a
// browser of its own (soakArgs). bases: [[build name, URL]].
export async function soakTests({ bases, test }) {
  const browser = await launch(soakArgs);
  try {
    for (const [build, base] of bases) {
      await test(`${build}: ${kCiBounds.seconds} s of soak, memory and frames settle`, async () => {
        const r = await soak({ browser, base, seconds: kCiBounds.seconds, log: () => {} });
        const bad = judge(r, kCiBounds);
        if (bad.length) throw new Error(bad.join('; '));
      });
    }
  } finally {
    await browser.close();
  }
}

// As a script: both builds for --minutes each (default 10).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const dist = process.env.GORT_DIST || path.join(root, 'dist');
  const i = process.argv.indexOf('--minutes');
  const minutes = i > 0 ? Number(process.argv[i + 1]) : 10;
  const browser = await launch(soakArgs);
  let passed = 0, failed = 0;
  try {
    for (const isolate of [true, false]) {
      const server = await serveDir(dist, { isolate });
      try {
        const seconds = minutes * 60;
        const r = await soak({ browser, base: `http://127.0.0.1:${server.address().port}`, seconds });
        const name = r.threaded ? 'threaded' : 'single-threaded';
        const bad = judge(r, { warmup: seconds / 10, heap: kTolerance, js: kTolerance, frame: kTolerance });
        const [b, e] = [r.samples.find((s) => s.t >= seconds / 10), r.samples[r.samples.length - 1]];
        console.log(`${name}: wasm in use ${(b.heap / 2 ** 20).toFixed(2)} -> ${(e.heap / 2 ** 20).toFixed(2)} MiB ` +
                    `(memory ${(b.wasm / 2 ** 20).toFixed(1)} -> ${(e.wasm / 2 ** 20).toFixed(1)}), ` +
                    `JS heap ${(b.js / 2 ** 20).toFixed(2)} -> ${(e.js / 2 ** 20).toFixed(2)} MiB, ` +
                    `frame median ${b.frame.toFixed(1)} -> ${e.frame.toFixed(1)} ms, p90 ${b.p90.toFixed(1)} -> ` +
                    `${e.p90.toFixed(1)} ms (at ${b.t.toFixed(0)} s, ${e.t.toFixed(0)} s), ${r.runs} runs`);
        if (bad.length) {
          failed++;
          console.log(`FAIL soak ${name}, ${r.runs} runs: ${bad.join('; ')}`);
        } else {
          passed++;
          console.log(`ok   soak ${name}, ${r.runs} runs in ${minutes} min`);
        }
      } finally {
        server.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`soak: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
