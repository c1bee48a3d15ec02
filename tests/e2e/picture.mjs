// The graph view's picture in the browser (issue 13), on what
// window.gort.scene() reports: every gallery pattern, sampled while it
// plays and at its end, on a 1440x900 page (threaded build) and in an
// 800x500 embed (single-threaded build): no two boxes overlap (a chip may
// overlap its own channel), edges never cross for pipeline, prime_sieve,
// ping_pong and worker_pool, text is at least 11 px, and nodes do not move
// while a program runs. In compare mode (one chef, then four) the graph
// still has no overlaps and both runs' lanes are at least 12 px tall.
// Keeps a screenshot of each pattern mid-run and at its end, and of the
// comparison (build/e2e/picture/, not committed). The same checks run natively
// on every frame (tests/web_dataflow_test.cpp, tests/web_scene_check.hpp).
import fs from 'node:fs';
import path from 'node:path';

const planar = new Set(['pipeline', 'prime_sieve', 'ping_pong', 'worker_pool']);
const kSeed = 1, kProcs = 4;
const kPlayMs = 1500;  // each pattern plays for about this long

export function overlaps(scene, tol = 0.5) {
  const boxes = [
    ...scene.nodes.map((n) => ({ what: `${n.id} ${n.label}`, id: n.id, chan: null, ...n })),
    ...scene.chips.map((c) => ({ what: `chip ${c.value}`, id: null, chan: c.chan, ...c })),
  ];
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (ox <= tol || oy <= tol) continue;
      if (a.chan && b.id === a.chan) continue;  // a chip in its own channel
      if (b.chan && a.id === b.chan) continue;
      out.push(`${a.what} / ${b.what}`);
    }
  }
  return out;
}

function cross(a, b, c, d) {
  const o = (p, q, r) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  const e = 1e-3, d1 = o(c, d, a), d2 = o(c, d, b), d3 = o(a, b, c), d4 = o(a, b, d);
  return ((d1 > e && d2 < -e) || (d1 < -e && d2 > e)) && ((d3 > e && d4 < -e) || (d3 < -e && d4 > e));
}

export function crossings(scene) {
  const out = [];
  const es = scene.edges;
  for (let i = 0; i < es.length; i++) {
    for (let j = i + 1; j < es.length; j++) {
      const p = es[i].points, q = es[j].points;
      let hit = false;
      for (let a = 1; a < p.length && !hit; a++)
        for (let b = 1; b < q.length && !hit; b++) hit = cross(p[a - 1], p[a], q[b - 1], q[b]);
      if (hit) out.push(`${es[i].from}>${es[i].to} x ${es[j].from}>${es[j].to}`);
    }
  }
  return out;
}

// Plays `id` deterministically at a speed that makes it last about
// kPlayMs, sampling the scene as it goes and taking a screenshot half-way
// and at the end.
async function play(page, id, shot) {
  // A first run as fast as possible says how long the program is.
  const quick = await page.evaluate(async ([id, procs, seed]) => {
    await window.gort.run(id, { procs, seed, deterministic: true, speed: 1e9 });
    return window.gort.state();
  }, [id, kProcs, kSeed]);
  // Playback takes the run's time over speed; below speed 1 it also plays
  // at most 300 x speed events a second (Playback::kSlowEventsPerSecond).
  const secs = kPlayMs / 1000, byClock = quick.clockMs / 1000 / secs, byEvents = quick.events / 300 / secs;
  const speed = byClock >= 1 ? Math.min(byClock, 10) : Math.max(byClock, Math.min(byEvents, 0.99), 0.05);
  const sampling = page.evaluate(async ([id, procs, seed, speed, every]) => {
    const samples = [];
    let done = false;
    const run = window.gort.run(id, { procs, seed, deterministic: true, speed }).then(() => { done = true; });
    while (!done) {
      await new Promise((r) => setTimeout(r, every));
      if (!done) samples.push(window.gort.scene());
    }
    await run;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    samples.push(window.gort.scene());
    return samples;
  }, [id, kProcs, kSeed, speed, 120]);
  await page.waitForTimeout(kPlayMs / 2);
  await page.screenshot({ path: shot + '-mid.png' });
  const samples = await sampling;
  await page.screenshot({ path: shot + '-end.png' });
  return samples;
}

export async function pictureTests({ browser, bases, test, assert, shots }) {
  const dir = path.join(shots, 'picture');
  fs.mkdirSync(dir, { recursive: true });
  const report = {};
  // The page's own first run is deterministic (simulated Ps): stopping a
  // threaded program whose worker threads are still loading hangs the page
  // (found here; a runtime issue), and these runs stop it at once.
  const sizes = [
    { name: '1440x900', base: bases.isolated, query: '?det=1', width: 1440, height: 900 },
    { name: 'embed-800x500', base: bases.plain, query: '?det=1&embed=1', width: 800, height: 500 },
  ];
  for (const size of sizes) {
    const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(size.base + '/' + size.query);
    await page.evaluate(() => window.gort.ready);
    const patterns = await page.evaluate(() => window.gort.patterns());
    for (const p of patterns) {
      const what = planar.has(p.id) ? 'no overlaps, no crossings' : 'no overlaps';
      await test(`picture ${size.name}: ${p.id}: ${what}, text >= 11 px, nothing moves`, async () => {
        const all = await play(page, p.id, path.join(dir, `${size.name}-${p.id}`));
        let overlapping = 0, crossing = 0, firstOverlap = '', firstCross = '';
        const seen = new Map();
        let moved = '';
        for (const sc of all) {
          const ov = overlaps(sc), cr = crossings(sc);
          if (ov.length) { overlapping++; firstOverlap ||= ov[0]; }
          if (cr.length) { crossing++; firstCross ||= cr[0]; }
          assert(sc.fontPx >= 11 - 1e-3, `text ${sc.fontPx} px`);
          // Items the pre-run did not foresee may widen the drawing (and
          // the view with it); the planar patterns have none.
          if (!planar.has(p.id)) continue;
          for (const n of sc.nodes) {
            const was = seen.get(n.id);
            if (was && (Math.abs(was.x - n.x) > 0.5 || Math.abs(was.y - n.y) > 0.5)) moved ||= `${n.id} ${n.label}`;
            seen.set(n.id, n);
          }
        }
        report[`${p.id} @ ${size.name}`] = { frames: all.length, overlapping, crossing };
        assert(overlapping === 0, `${overlapping} of ${all.length} frames overlap: ${firstOverlap}`);
        if (planar.has(p.id)) assert(crossing === 0, `${crossing} of ${all.length} frames cross: ${firstCross}`);
        assert(!moved, `${moved} moved while the program ran`);
        assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
      });
    }
    await test(`picture ${size.name}: compare mode runs one chef, then four, and times both`, async () => {
      const { st, scenes } = await page.evaluate(async () => {
        const scenes = [];
        let done = false;
        const run = window.gort.run('concurrency_vs_parallelism',
                                    { params: { chefs: 4, chunks: 4 }, procs: 4, compare: true, speed: 1 })
          .then(() => { done = true; });
        while (!done) {
          await new Promise((r) => setTimeout(r, 50));
          scenes.push(window.gort.scene());
        }
        await run;
        return { st: window.gort.state(), scenes };
      });
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(dir, `${size.name}-compare.png`) });
      // The graph gives the timeline room in an embed (panel_rects.hpp) and
      // still draws without overlaps, at 11 px or more.
      for (const sc of scenes) {
        const ov = overlaps(sc);
        assert(!ov.length, `the graph overlaps in compare mode: ${ov[0]}`);
        assert(sc.fontPx >= 11 - 1e-3, `text ${sc.fontPx} px in compare mode`);
      }
      // Both runs' lanes are readable: one for one chef, four for four,
      // each at least 12 px tall, one under the other.
      const ui = await page.evaluate(() => window.gort.ui());
      const lanes = Object.keys(ui).filter((k) => k.startsWith('compare.')).sort();
      assert(JSON.stringify(lanes) === JSON.stringify(['compare.1.P0', 'compare.4.P0', 'compare.4.P1',
                                                       'compare.4.P2', 'compare.4.P3']), `lanes ${lanes}`);
      for (const k of lanes) assert(ui[k][3] >= 12, `${k} is ${ui[k][3]} px tall`);
      for (let i = 1; i < lanes.length; i++)
        assert(ui[lanes[i]][1] >= ui[lanes[i - 1]][1] + ui[lanes[i - 1]][3] - 0.5, `${lanes[i]} overlaps ${lanes[i - 1]}`);
      const c = st.compare;
      assert(c && c.stage === 2 && c.procs[0] === 1 && c.procs[1] === 4, `compare: ${JSON.stringify(c)}`);
      assert(c.wallMs[0] > 0 && c.wallMs[1] > 0, `wall times ${c.wallMs}`);
      assert(c.simulated === !st.threaded, `simulated ${c.simulated} in the ${st.threaded ? '' : 'single-'}threaded build`);
      // Four CPU-bound chefs on four simulated Ps: clearly faster (real
      // threads depend on the machine's cores and load: only timed).
      if (c.simulated) assert(c.speedup > 1.5, `simulated speed-up ${c.speedup}`);
      assert(/--- GOMAXPROCS=1 ---/.test(st.output) && /--- GOMAXPROCS=4 ---/.test(st.output), 'both outputs');
      report[`compare @ ${size.name}`] = c;
    });
    await page.close();
  }
  return report;
}
