// The playground's frame-time benchmark (bash bench/run --browser): dist/ in
// Debian's headless Chromium, WebGL2 on SwiftShader (software: the only GPU
// here), one page per row, in the threaded build (served with COOP/COEP) or
// the single-threaded one. Rows: a gallery program running through the Go
// interpreter (the worker pool, running and ended; the CPU-bound chefs at
// the default GOMAXPROCS and at 4), and the views benchmark page ?bench=N,
// which draws a synthetic program of N live goroutines through the same
// model, layout and views.
//
// Per row: the median and 90th percentile of the intervals between
// requestAnimationFrame callbacks (what a person sees; Chromium paces them
// at 16.7 ms steps), the CPU side of a frame (gort.state().cpuMs: folding
// trace events, layout, ImGui, issuing GL calls), and the cold load to the
// first frame (gort.firstFrameMs); and the GOMAXPROCS the program ran at.
//
// Then switching: after one unmeasured pass over the gallery (V8's tier-up
// of what each pattern runs first), the gallery's patterns started one
// after another, 100 times (--switches N), each as soon as the one before
// shows its own events (not the last program's, which the page keeps until
// then), in each build (and in the threaded one again without the
// CPU-bound chefs, whose Ps take every core while they run); the row is
// the longest gap between animation frames over the whole sequence (a
// switch must never block the page: DESIGN.md, Switching programs), the
// 99th percentile, the time per switch, and the CPU time the pages' main
// thread (Linux /proc) used per switch: unlike the gaps, which a loaded
// machine stretches, it counts only the page's own work.
//
// --wait: how long a page runs before its row is measured (default 2 s).
// For its first seconds V8 compiles the hot wasm functions in the
// background, on the same cores. --threads: after the table, the CPU each
// Chromium thread used during each row's frames, in % of one core (Linux
// /proc), busiest first: what the frames waited for. --trace: the switch
// loops run under the DevTools protocol's Tracing, and after the table,
// per switch, the page's synchronous round trips to the GPU process
// (ImplementationBase::WaitForCmd on the renderer's main thread) in the
// animation-frame callbacks and in Commit, with the time they waited: a
// count the machine's load does not change (tracing slows the page).
//
//   node bench/frames.mjs [--size WxH] [--frames N] [--wait MS] [--threads] [--trace] [--switches N]
// Needs dist/ (bash wasm/build_site) and tests/e2e's node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDir } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
let size = '1400x900', frames = 120, waitMs = 2000, threads = false, trace = false, switches = 100;
while (argv.length) {
  const o = argv.shift();
  if (o === '--size') size = argv.shift();
  else if (o === '--frames') frames = Number(argv.shift());
  else if (o === '--wait') waitMs = Number(argv.shift());
  else if (o === '--threads') threads = true;
  else if (o === '--trace') trace = true;
  else if (o === '--switches') switches = Number(argv.shift());
  else {
    console.error('usage: node bench/frames.mjs [--size WxH] [--frames N] [--wait MS] [--threads] [--trace] [--switches N]');
    process.exit(2);
  }
}
const [width, height] = size.split('x').map(Number);
// [name, query, run (gort.run's arguments, started before measuring), threaded build,
//  ended: measured once the run has ended and played out, when nothing moves
//  but the stats panel's timings]
const pool = ['worker_pool', { params: { numJobs: 100 } }];
const chefs = ['concurrency_vs_parallelism', { params: { chefs: 16, chunks: 100 } }];
const chefs4 = ['concurrency_vs_parallelism', { params: { chefs: 16, chunks: 100 }, procs: 4 }];
const short = ['worker_pool', { params: { numJobs: 6 }, speed: 1e9 }];
const rows = [['worker pool interpreted', '', pool, true],
              ['worker pool interpreted', '', pool, false],
              ['worker pool, ended (still)', '', short, true, true],
              ['chefs interpreted (CPU-bound)', '', chefs, true],
              ['chefs interpreted (CPU-bound), GOMAXPROCS 4', '', chefs4, true],
              ['chefs interpreted (CPU-bound)', '', chefs, false],
              ['1,000 goroutines', '?bench=1000', null, true], ['10,000 goroutines', '?bench=10000', null, true]];

const dist = process.env.GORT_DIST || path.join(root, 'dist');
// A build missing from dist/ (one built alone) leaves its rows out.
const built = { true: fs.existsSync(path.join(dist, 'mt')), false: fs.existsSync(path.join(dist, 'st')) };
const servers = { true: await serveDir(dist, { isolate: true }), false: await serveDir(dist, { isolate: false }) };
const browser = await launch();
const pct = (a, p) => a[Math.min(a.length - 1, Math.floor(a.length * p))];

// CPU ticks (1/100 s) of every thread of every Chromium process, by
// "process type:thread name" (threads of one name summed; a process's own
// thread is "main": the renderer's runs the page).
function threadTicks() {
  const out = new Map();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!/chrom/i.test(fs.readFileSync(`/proc/${pid}/comm`, 'utf8'))) continue;
      const type = (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').match(/--type=([a-z-]+)/) || [, 'browser'])[1];
      for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
        const st = fs.readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        const name = `${type}:${t === pid ? 'main' : st.slice(st.indexOf('(') + 1, st.lastIndexOf(')'))}`;
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        out.set(`${pid}/${t}`, { name, ticks: Number(f[11]) + Number(f[12]) });
      }
    } catch { /* a process or thread that ended meanwhile */ }
  }
  return out;
}
function busiest(before, after, seconds) {
  const by = new Map();
  for (const [k, v] of after) by.set(v.name, (by.get(v.name) || 0) + v.ticks - (before.get(k)?.ticks || 0));
  return [...by].filter(([, d]) => d > 0).sort((a, b) => b[1] - a[1]).slice(0, 8)
    .map(([n, d]) => `${n} ${Math.round(d / seconds)}%`).join(', ');
}
const cpuLines = [], traceLines = [];

// The round trips of a trace (Tracing's events) by where they happened.
function roundTrips(events, switches) {
  const thread = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') thread.set(`${e.pid}/${e.tid}`, e.args.name);
  const main = events.filter((e) => e.ph === 'X' && thread.get(`${e.pid}/${e.tid}`) === 'CrRendererMain');
  const inside = (w, name) => main.some((e) => e.name === name && e.ts <= w.ts && e.ts + e.dur >= w.ts + w.dur);
  const by = { 'animation frames': [0, 0], Commit: [0, 0] };
  for (const w of main.filter((e) => e.name === 'ImplementationBase::WaitForCmd')) {
    const k = inside(w, 'FireAnimationFrame') ? 'animation frames' : inside(w, 'Commit') ? 'Commit' : null;
    if (k) { by[k][0]++; by[k][1] += w.dur / 1000; }
  }
  return Object.entries(by).map(([k, [n, ms]]) =>
    `in ${k} ${(n / switches).toFixed(1)} (${(ms / switches).toFixed(1)} ms waited)`).join(', ');
}

console.log(`Frame times, headless Chromium on SwiftShader, ${width}x${height} CSS px, DPR 1, ${frames} frames a row, ` +
            `measured ${waitMs} ms after load`);
console.log('| page | frame median, ms | frame p90, ms | CPU per frame, ms | first frame, ms | build | GOMAXPROCS |');
console.log('|---|---|---|---|---|---|---|');
try {
  for (const [name, query, run, threaded, ended = false] of rows) {
    if (!built[threaded]) continue;
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`http://127.0.0.1:${servers[threaded].address().port}/${query}`);
    await page.evaluate(() => window.gort.ready);
    await page.waitForTimeout(waitMs);  // past the first run's start and shader compiles
    if (run) {
      const before = await page.evaluate((run) => { window.gort.run(...run); return window.gort.state().run; }, run);
      // This run's own picture: served (run) and started (not preparing).
      await page.waitForFunction(([before, ended]) => {
        const st = window.gort.state();
        if (st.run <= before || st.preparing) return false;
        return ended ? st.finished && st.played === st.events : st.running && st.events > 0;
      }, [before, ended]);
    }
    const t0 = threads ? threadTicks() : null, w0 = Date.now();
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
    if (threads) cpuLines.push(`${name}: ${busiest(t0, threadTicks(), (Date.now() - w0) / 1000)}`);
    const st = await page.evaluate(() => ({ ...window.gort.state(), first: window.gort.firstFrameMs }));
    if (run && !st.running && !ended)
      console.log(`(${name}: the program ended before the measurement did)`);
    intervals.sort((a, b) => a - b);
    console.log(`| ${name} | ${pct(intervals, 0.5).toFixed(1)} | ${pct(intervals, 0.9).toFixed(1)} | ` +
                `${st.cpuMs.toFixed(2)} | ${Math.round(st.first)} | ${st.threaded ? 'threaded' : 'single-threaded'} | ` +
                `${run ? st.procs : '-'} |`);
    await page.close();
  }
  if (threads) console.log(`\nChromium's threads during each row (% of one core):\n${cpuLines.join('\n')}`);
  if (switches > 0) {
    console.log(`\nSwitching patterns ${switches} times in a row (each started once the one before shows its own events)`);
    console.log('| build | longest frame gap, ms | gap p99, ms | frame median, ms | ms per switch | main-thread CPU per switch, ms |');
    console.log('|---|---|---|---|---|---|');
    // The threaded build also without the CPU-bound chefs: while they run on
    // every core, the page's frames are theirs to share (the chefs rows).
    const loops = [[true, ''], [true, chefs[0]], [false, '']].filter(([t]) => built[t]);
    for (const [threaded, skip] of loops) {
      const label = `${threaded ? 'threaded' : 'single-threaded'}${skip ? ', without the chefs' : ''}`;
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`http://127.0.0.1:${servers[threaded].address().port}/`);
      await page.evaluate(() => window.gort.ready);
      await page.waitForTimeout(waitMs);
      const cdp = trace ? await page.context().newCDPSession(page) : null;
      const categories = 'devtools.timeline,disabled-by-default-devtools.timeline,gpu,cc,blink';
      // n switches; null: one pass over the gallery.
      const loop = (n) => page.evaluate(([n, skip]) => new Promise((done) => {
        const ids = window.gort.patterns().map((p) => p.id).filter((id) => id !== skip);
        n = n ?? ids.length;
        const gaps = [];
        // want: the run whose events we wait for. Until it starts the page
        // keeps the last program's picture and events (preparing), and a
        // stopped program's last events may still come in.
        let last = performance.now(), i = 0, want = 0;
        const t0 = last;
        function frame(now) {
          gaps.push(now - last);
          last = now;
          const st = window.gort.state();
          if (st.run >= want && !st.preparing && (i === 0 || st.events > 0 || st.finished)) {
            if (i === n) {
              window.gort.stop();
              done({ gaps, ms: (now - t0) / n });
              return;
            }
            window.gort.run(ids[i % ids.length]).catch(() => {});
            want = st.run + 1;
            i++;
          }
          requestAnimationFrame(frame);
        }
        requestAnimationFrame(frame);
      }), [n, skip]);
      // One pass over the gallery first, not measured: each pattern's first
      // run makes new wasm functions hot, and V8 compiles them on the same
      // two cores (DESIGN.md 4.6).
      await loop(null);
      if (cdp) await cdp.send('Tracing.start', { categories, transferMode: 'ReturnAsStream' });
      const t0 = threadTicks();
      const r = await loop(switches);
      const t1 = threadTicks();
      if (cdp) {
        const ended = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
        await cdp.send('Tracing.end');
        const { stream } = await ended;
        let text = '';
        for (let c = { eof: false }; !c.eof; text += c.data) c = await cdp.send('IO.read', { handle: stream });
        traceLines.push(`${label}: ` +
                        roundTrips(JSON.parse(text).traceEvents, switches));
      }
      let mainTicks = 0;
      for (const [k, v] of t1) if (v.name === 'renderer:main') mainTicks += v.ticks - (t0.get(k)?.ticks || 0);
      const g = [...r.gaps].sort((a, b) => a - b);
      console.log(`| ${label} | ${g[g.length - 1].toFixed(1)} | ` +
                  `${pct(g, 0.99).toFixed(1)} | ${pct(g, 0.5).toFixed(1)} | ${r.ms.toFixed(0)} | ` +
                  `${(mainTicks * 10 / switches).toFixed(1)} |`);
      await page.close();
    }
    if (trace) console.log(`\nRound trips to the GPU process per switch (traced):\n${traceLines.join('\n')}`);
  }
} finally {
  await browser.close();
  servers[true].close();
  servers[false].close();
}
