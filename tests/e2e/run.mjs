// End-to-end tests of the playground: Debian's Chromium, headless, driven
// by playwright-core (no browser download), on the static site in dist/
// (bash wasm/build_site), served here on two localhost ports: one with
// COOP/COEP (the threaded build must be picked) and one without (the
// single-threaded build). Every gallery pattern runs to its end in both
// builds, deterministically, and what it prints must be what Go printed for
// its Go text: the golden files (tests/golden/) through the golden tests'
// one comparator (golden_compare, built natively in build/release). Then
// 30 s of the soak in each build (soak.mjs).
//
//   node tests/e2e/run.mjs        (GORT_DIST, GORT_GOLDEN_COMPARE, CHROMIUM override paths)
// Prints one line per test and ends with "e2e: N passed, N failed" (tests/run
// counts those); exit code 1 if any failed. Screenshots go to build/e2e/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDir } from './browser.mjs';
import { cspTests } from './csp.mjs';
import { embedTests, serviceWorkerTest } from './embed.mjs';
import { editorTests, formatTests, linkLengthTests } from './editor.mjs';
import { pictureTests } from './picture.mjs';
import { shareTests } from './share.mjs';
import { traceViewerTests } from './trace_viewer.mjs';
import { soakTests } from './soak.mjs';
import { decodePng, pixelStats } from './png.mjs';
import { picture, recordedVersion, uiVersion } from './ui_version.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = process.env.GORT_DIST || path.join(root, 'dist');
const compareBin = process.env.GORT_GOLDEN_COMPARE || path.join(root, 'build/release/tests/golden_compare');
const shots = path.join(root, 'build/e2e');
const kProcs = 4, kSeed = 1;

// ---- does a run's {stdout, stderr, exitCode} match what Go printed for
// pattern `id` (core/patterns/<id>.go, tests/golden/<id>.*)? Throws the
// comparator's account of the difference if not.
function assertGolden(id, res) {
  const dir = fs.mkdtempSync(path.join(shots, 'golden-'));
  try {
    fs.writeFileSync(path.join(dir, 'out'), res.stdout);
    fs.writeFileSync(path.join(dir, 'err'), res.stderr);
    execFileSync(compareBin, [path.join(root, 'core/patterns', id + '.go'), path.join(root, 'tests/golden', id),
                              path.join(dir, 'out'), path.join(dir, 'err'), String(res.exitCode)],
                 { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.status === 1) throw new Error(`output differs from Go's: ${e.stdout}`);
    throw new Error(`golden_compare failed: ${e.stderr || e}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- a tiny runner
let passed = 0, failed = 0;
async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack.split('\n').slice(0, 4).join('\n     ') : e}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

async function open(browser, base, query = '') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const t0 = Date.now();
  await page.goto(base + '/' + query);
  await page.evaluate(() => window.gort.ready);
  const loadMs = await page.evaluate(() => window.gort.firstFrameMs);
  return { page, errors, wallMs: Date.now() - t0, loadMs };
}

async function screenshotStats(page, name) {
  const png = await page.screenshot({ path: path.join(shots, name + '.png') });
  return pixelStats(decodePng(png));
}

async function runAll(page, build, patterns) {
  for (const p of patterns) {
    await test(`${build}: ${p.id} runs to its end and prints what Go prints`, async () => {
      const res = await page.evaluate(
        ([id, procs, seed]) => window.gort.run(id, { procs, seed, deterministic: true, speed: 1e9 }),
        [p.id, kProcs, kSeed]);
      assert(res.exitCode === p.expectedExit, `exit code ${res.exitCode}, gallery says ${p.expectedExit}`);
      assertGolden(p.id, res);
      // The console: stdout, then stderr (a gallery pattern writes there
      // only as it ends), then the exit banner.
      const banner = res.exitCode === 0 ? 'Program exited.' : `Program exited: status ${res.exitCode}.`;
      assert(res.output === `${res.stdout}${res.stderr}\n${banner}\n`,
             `console text:\n${res.output}\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr}`);
    });
  }
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  assert(fs.existsSync(path.join(dist, 'index.html')), `${dist}/index.html is missing: run bash wasm/build_site`);
  const isolated = await serveDir(dist, { isolate: true }), plain = await serveDir(dist, { isolate: false });
  const base = (s) => `http://127.0.0.1:${s.address().port}`;
  // playwright gives every launch a fresh, temporary profile.
  const browser = await launch();
  const metrics = {};
  await test(`README's picture (${picture.png}) shows the current UI`, async () => {
    const png = path.join(root, picture.png);
    assert(fs.existsSync(png), `${picture.png} is missing: run bash web/readme_shot`);
    const { width } = decodePng(fs.readFileSync(png));
    assert(width >= 800 && width <= 1400, `${picture.png} is ${width} px wide`);
    const was = recordedVersion(root), now = uiVersion(root);
    assert(was === now, `${picture.png} shows UI ${was}, the UI is now ${now}: run bash web/readme_shot ` +
                        `and commit ${picture.png} and ${picture.version}`);
  });
  try {
    for (const [build, server, threaded] of [['threaded', isolated, true], ['single-threaded', plain, false]]) {
      let s;
      await test(`${build} build is picked ${threaded ? 'with' : 'without'} COOP/COEP and draws`, async () => {
        s = await open(browser, base(server));
        const info = await s.page.evaluate(() => ({
          build: window.gort.build, isolated: self.crossOriginIsolated, state: window.gort.state() }));
        assert(info.build === build, `loader picked ${info.build}`);
        assert(info.isolated === threaded, `crossOriginIsolated = ${info.isolated}`);
        assert(info.state.threaded === threaded, `module reports threaded = ${info.state.threaded}`);
        metrics[build] = { loadMs: Math.round(s.loadMs), wallMs: s.wallMs };
        await s.page.waitForTimeout(1500);
        const st = await screenshotStats(s.page, build);
        assert(st.variance > 50 && st.colours > 16, `canvas looks blank: ${JSON.stringify(st)}`);
        assert(s.errors.length === 0, `page errors: ${s.errors.join('; ')}`);
      });
      if (!s) continue;
      const { page } = s;
      const patterns = await page.evaluate(() => window.gort.patterns());
      await test(`${build}: the gallery lists one pattern per Go text in core/patterns`, async () => {
        const texts = fs.readdirSync(path.join(root, 'core/patterns')).filter((f) => f.endsWith('.go'))
          .map((f) => f.slice(0, -3)).sort();
        const ids = patterns.map((p) => p.id).sort();
        assert(JSON.stringify(ids) === JSON.stringify(texts), `gallery ${ids}, Go texts ${texts}`);
        for (const p of patterns) {
          assert(p.id && p.title && p.description, `incomplete entry ${JSON.stringify(p)}`);
          for (const q of p.params) assert(q.min <= q.value && q.value <= q.max, `${p.id}.${q.name} default out of range`);
        }
      });
      await runAll(page, build, patterns);

      await test(`${build}: a run during a run stops the first`, async () => {
        const both = await page.evaluate(async () => {
          const first = window.gort.run('ticker', { speed: 0.5 });
          await new Promise((r) => setTimeout(r, 300));
          const second = window.gort.run('ping_pong', { deterministic: true, seed: 3, speed: 1e9 });
          return [await first, await second];
        });
        assert(both[0].exitCode === null && both[0].stopped === true, `first: ${JSON.stringify(both[0])}`);
        assert(both[1].exitCode === 0, `second: ${JSON.stringify(both[1])}`);
      });
      await test(`${build}: a run is served, prepared (state().preparing), then shows its own events`, async () => {
        const seen = await page.evaluate(() => new Promise((done) => {
          const before = window.gort.state().run;
          window.gort.run('worker_pool').catch(() => {});
          const states = [];
          (function frame() {
            const st = window.gort.state();
            states.push({ run: st.run - before, preparing: st.preparing, events: st.events });
            if (states.length < 600 && (st.run === before || st.preparing || st.events === 0)) {
              requestAnimationFrame(frame);
            } else {
              window.gort.stop();
              done(states);
            }
          })();
        }));
        const served = seen.findIndex((s) => s.run === 1), started = seen.findIndex((s) => s.run === 1 && !s.preparing);
        assert(served >= 0 && seen[served].preparing && started > served, `states: ${JSON.stringify(seen)}`);
        assert(seen.slice(0, served).every((s) => !s.preparing && s.run === 0), `before: ${JSON.stringify(seen)}`);
        assert(seen[seen.length - 1].events > 0, `never showed its events: ${JSON.stringify(seen.slice(-3))}`);
      });
      await test(`${build}: the GL state ImGui reads back (web/gl_state_shadow.js) is the GL's`, async () => {
        // After frames of drawing and the switches above: the shadow's answer,
        // then the GL's own (the prototype's getParameter, a round trip).
        const diff = await page.evaluate(async () => {
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const ctx = document.querySelector('#canvas').getContext('webgl2');
          const real = (p) => WebGL2RenderingContext.prototype.getParameter.call(ctx, p);
          const out = [];
          if (ctx.getParameter === WebGL2RenderingContext.prototype.getParameter) out.push('no shadow installed');
          for (const p of [0x0BA2, 0x0C10, 0x80C9, 0x80C8, 0x80CB, 0x80CA, 0x8009, 0x883D]) {
            const a = String(ctx.getParameter(p)), b = String(real(p));
            if (a !== b) out.push(`0x${p.toString(16)}: shadow ${a}, GL ${b}`);
          }
          return out;
        });
        assert(diff.length === 0, diff.join('; '));
      });
      await test(`${build}: a frame draws only the panels that changed, and leaves what a whole frame draws`, async () => {
        // A run at its end (web/damage.hpp): still but for the stats
        // panel's timings. The mouse on the Pause button and off it: frames
        // that draw the controls alone over what they drew before. The
        // canvas then, and again after two frames that draw everything
        // (another theme's clear colour, then this one's): the same pixels.
        await page.evaluate(() => window.gort.run('worker_pool', { deterministic: true, seed: 2, speed: 1e9 }));
        await page.waitForFunction(() => {
          const st = window.gort.state();
          return st.finished && st.played === st.events;
        });
        const frames = (n) => page.evaluate((n) => new Promise((done) => {
          const step = () => (n-- > 0 ? requestAnimationFrame(step) : done());
          step();
        }), n);
        const ui = await page.evaluate(() => window.gort.ui());
        await page.mouse.move(1, 1);
        await frames(3);
        await page.evaluate(() => {
          // Draw calls per frame, from here on.
          const ctx = document.querySelector('#canvas').getContext('webgl2');
          window.__draws = [0];
          ctx.drawElements = function(...a) {
            window.__draws[window.__draws.length - 1]++;
            return WebGL2RenderingContext.prototype.drawElements.apply(this, a);
          };
          const tick = () => {
            window.__draws.push(0);
            if (!window.__drawsEnd) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        await frames(3);
        const [px, py, pw, ph] = ui.pause;
        await page.mouse.move(px + pw / 2, py + ph / 2);
        await frames(4);
        await page.mouse.move(1, 1);
        await frames(4);
        const still = await page.evaluate(() => window.__draws.slice(1, -1));
        // Nothing moves: a frame draws only when the stats panel's sampled
        // numbers change, at most every 250 ms (web/stats_view.hpp).
        const idle = await page.evaluate(() => ({ from: window.__draws.length, t: performance.now() }));
        await frames(30);
        const drew = await page.evaluate(({ from, t }) => ({
          frames: window.__draws.slice(from - 1, -1).filter((n) => n > 0).length,
          samples: Math.floor((performance.now() - t) / 250) + 1,
        }), idle);
        assert(drew.frames <= drew.samples, `${drew.frames} of 30 still frames drew (${drew.samples} stats samples)`);
        await page.evaluate(() => { window.gort._light = !window.gort._light; });
        await frames(2);
        await page.evaluate(() => { window.gort._light = !window.gort._light; });
        await frames(2);
        const full = await page.evaluate(() => Math.max(...window.__draws.slice(1, -1)));
        const canvas = await page.evaluate(() => {
          const c = document.querySelector('#canvas');
          delete c.getContext('webgl2').drawElements;
          window.__drawsEnd = true;
          const r = c.getBoundingClientRect();
          return { x: r.left, y: r.top, width: r.width, height: r.height };
        });
        // The stats panel alone (or nothing) in some frames; more, but not
        // everything, in another.
        const least = Math.min(...still);
        assert(least * 3 < full && still.some((n) => n > least && n < full),
               `draw calls per frame: ${still.join(' ')} with the mouse on Pause and off, ${full} in a whole frame`);
        const before = decodePng(await page.screenshot({ clip: canvas }));
        await page.evaluate(() => { window.gort._light = !window.gort._light; });
        await frames(2);
        await page.evaluate(() => { window.gort._light = !window.gort._light; });
        await frames(2);
        const after = decodePng(await page.screenshot({ clip: canvas }));
        const [sx, sy, sw, sh] = ui['panel.Stats'];
        let differ = 0, first = null;
        for (let y = 0; y < before.height; y++) {
          for (let x = 0; x < before.width; x++) {
            if (x >= sx - canvas.x && x < sx - canvas.x + sw && y >= sy - canvas.y && y < sy - canvas.y + sh) continue;
            const i = (y * before.width + x) * before.channels;
            if ([0, 1, 2].some((c) => before.pixels[i + c] !== after.pixels[i + c])) {
              differ++;
              first = first || [x, y];
            }
          }
        }
        assert(differ === 0, `${differ} pixels outside the stats panel differ from a whole frame's, first at ${first}`);
      });
      await test(`${build}: bad input rejects with a clear Error and the page keeps working`, async () => {
        const r = await page.evaluate(async () => {
          const msg = async (f) => { try { await f(); return 'resolved'; } catch (e) { return e instanceof Error ? e.message : 'not an Error'; } };
          return {
            unknown: await msg(() => window.gort.run('no_such_pattern')),
            range: await msg(() => window.gort.run('worker_pool', { params: { workers: 1000 } })),
            param: await msg(() => window.gort.run('worker_pool', { params: { nope: 1 } })),
            type: await msg(() => window.gort.run('worker_pool', { params: { workers: 'x' } })),
            procs: await msg(() => window.gort.run('worker_pool', { procs: 99 })),
            after: await window.gort.run('waitgroup', { deterministic: true, speed: 1e9 }),
          };
        });
        assert(/no_such_pattern/.test(r.unknown), `unknown id: ${r.unknown}`);
        assert(/workers/.test(r.range) && r.range !== 'resolved', `out of range: ${r.range}`);
        assert(/nope/.test(r.param), `unknown param: ${r.param}`);
        assert(/workers/.test(r.type), `non-integer param: ${r.type}`);
        assert(/procs/.test(r.procs), `procs out of range: ${r.procs}`);
        assert(r.after.exitCode === 0, `run after errors: ${JSON.stringify(r.after)}`);
      });
      if (threaded) {
        await test(`${build}: a real-time run on real threads (pipeline at speed 50)`, async () => {
          const res = await page.evaluate(() => window.gort.run('pipeline', { procs: 4, speed: 50 }));
          assertGolden('pipeline', res);
        });
      }
      await test(`${build}: clicking a gallery entry and Run with the mouse runs it`, async () => {
        const ui = await page.evaluate(() => window.gort.ui());
        const entry = ui['gallery.ping_pong'], run = ui['run'];
        assert(entry && run, `no rects for gallery.ping_pong / run: ${Object.keys(ui).join(' ')}`);
        const before = await page.evaluate(() => window.gort.state().run);
        await page.mouse.click(entry[0] + entry[2] / 2, entry[1] + entry[3] / 2);
        await page.waitForTimeout(150);
        await page.mouse.click(run[0] + run[2] / 2, run[1] + run[3] / 2);
        await page.waitForFunction((b) => window.gort.state().run > b, before, { timeout: 5000 });
        const st = await page.evaluate(() => window.gort.state());
        assert(st.pattern === 'ping_pong', `running ${st.pattern}`);
        await page.waitForTimeout(800);
        const shot = await screenshotStats(page, `${build}-ping_pong`);
        assert(shot.variance > 50, `canvas looks blank after the click: ${JSON.stringify(shot)}`);
        metrics[build].frameMs = +(await page.evaluate(() => window.gort.state().frameMs)).toFixed(1);
      });
      await test(`${build}: dragging the event scrubber to its start pauses and replays from event 0`, async () => {
        await page.evaluate(() => window.gort.run('buffered', { deterministic: true, seed: 1, speed: 1e6 }));
        const before = await page.evaluate(() => window.gort.state());
        assert(before.played === before.events && before.events > 50, `played ${before.played} of ${before.events}`);
        const scrub = (await page.evaluate(() => window.gort.ui())).scrub;
        assert(scrub, 'no rect for the scrubber');
        await page.mouse.click(scrub[0] + 1, scrub[1] + scrub[3] / 2);
        // The click takes effect in the next frame, which load can delay.
        await page.waitForFunction(() => window.gort.state().paused, null, { timeout: 5000 }).catch(() => {});
        const after = await page.evaluate(() => window.gort.state());
        assert(after.paused, 'playback did not pause');
        assert(after.played < before.events / 10, `played ${after.played} of ${after.events} after scrubbing to the start`);
        assert(after.events === before.events, 'the recorded trace changed');
      });
      await page.close();
    }

    await cspTests({ browser, dist, test, assert, assertGolden });
    await embedTests({ browser, dist, root, test, assert, assertGolden });
    await serviceWorkerTest({ dist, test, assert });
    const picture = await pictureTests({ browser, bases: { isolated: base(isolated), plain: base(plain) },
                                         test, assert, shots });
    console.log(`picture: ${JSON.stringify(picture)}`);
    await traceViewerTests({ browser, base: base(plain), test, assert });

    await test('a link reproduces its options; a malformed one shows why', async () => {
      const { page } = await open(browser, base(plain), '?pattern=buffered&capacity=5&procs=2&seed=7&det=1');
      // procs is the GOMAXPROCS in effect: the link's, once its run began.
      await page.waitForFunction(() => window.gort.state().run > 0, null, { timeout: 10000 });
      const st = await page.evaluate(() => window.gort.state());
      assert(st.pattern === 'buffered' && st.procs === 2, `state ${st.pattern} procs ${st.procs}`);
      const link = await page.evaluate(() => location.search);
      assert(/pattern=buffered/.test(link) && /capacity=5/.test(link) && /seed=7/.test(link), `URL now ${link}`);
      await page.close();
      const bad = await open(browser, base(plain), '?pattern=buffered&capacity=banana');
      const b = await bad.page.evaluate(() => window.gort.state());
      assert(/malformed/.test(b.notice) && /capacity/.test(b.notice), `notice: ${b.notice}`);
      assert(bad.errors.length === 0, `page errors: ${bad.errors}`);
      await bad.page.close();
    });
    await test('HiDPI: the backing store is CSS size x devicePixelRatio and follows resizes', async () => {
      const page = await browser.newPage({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
      await page.goto(base(plain) + '/');
      await page.evaluate(() => window.gort.ready);
      const size = () => page.evaluate(() => {
        const c = document.getElementById('canvas');
        return [c.width, c.height, c.clientWidth, c.clientHeight];
      });
      await page.waitForFunction(() => document.getElementById('canvas').height === 1200, null, { timeout: 5000 }).catch(() => {});
      // The canvas leaves the code editor its column.
      let c = await size();
      assert(c[2] > 450 && c[2] < 900 && c[3] === 600 && c[0] === 2 * c[2] && c[1] === 1200, `canvas ${c}`);
      await page.setViewportSize({ width: 700, height: 500 });
      // Under load a frame at the new size can take longer than any fixed sleep.
      await page.waitForFunction(() => {
        const cv = document.getElementById('canvas');
        return cv.width === 1400 && Object.values(window.gort.ui()).every((r) => r[0] + r[2] <= 700.5 && r[1] + r[3] <= 500.5);
      }, null, { timeout: 10000 }).catch(() => {});
      c = await size();
      assert(c[2] === 700 && c[0] === 1400 && c[1] === 2 * c[3], `after resize: canvas ${c}`);
      const ui = await page.evaluate(() => window.gort.ui());
      for (const [k, r] of Object.entries(ui)) assert(r[0] + r[2] <= 700.5 && r[1] + r[3] <= 500.5, `${k} outside: ${r}`);
      const st = await screenshotStats(page, 'hidpi');
      assert(st.variance > 50, 'blank at DPR 2');
      await page.close();
    });
    await test('keyboard: typing into the seed field reaches ImGui (and the link)', async () => {
      const { page } = await open(browser, base(plain), '?pattern=ping_pong');
      await page.waitForTimeout(200);
      const seed = (await page.evaluate(() => window.gort.ui())).seed;
      assert(seed, 'no seed field');
      await page.mouse.click(seed[0] + seed[2] / 2, seed[1] + seed[3] / 2);
      await page.waitForTimeout(100);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('4321');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /seed=4321/.test(location.search), null, { timeout: 3000 });
      await page.close();
    });
    await test('?embed=1 is the compact layout (no gallery)', async () => {
      const { page } = await open(browser, base(plain), '?embed=1');
      await page.waitForTimeout(300);
      const ui = await page.evaluate(() => window.gort.ui());
      assert(ui.run, 'no run button');
      assert(!Object.keys(ui).some((k) => k.startsWith('gallery.')), 'gallery shown in embed mode');
      // Compact: the controls run across the top, above everything else.
      assert(ui.run[1] + ui.run[3] <= 150, `run button at y ${ui.run[1]}`);
      const st = await screenshotStats(page, 'embed');
      assert(st.variance > 50 && st.colours > 16, `canvas looks blank: ${JSON.stringify(st)}`);
      await page.close();
    });
    await formatTests({ root, test, assert });
    metrics.linkLengths = await linkLengthTests({ root, test, assert });
    for (const [build, server] of [['threaded', isolated], ['single-threaded', plain]]) {
      for (const dpr of [1, 2]) await editorTests({ browser, base: base(server), build, dpr, root, test, assert, shots });
    }
    // Sharing and limits: each build once, at one DPR each (page loads are CI time).
    await shareTests({ browser, base: base(isolated), build: 'threaded', dpr: 1, hostile: false, root, test, assert });
    await shareTests({ browser, base: base(plain), build: 'single-threaded', dpr: 2, hostile: true, root, test, assert });
    await soakTests({ bases: [['threaded', base(isolated)], ['single-threaded', base(plain)]], test });
    await test('without WebGL2 the page says so instead of staying blank', async () => {
      const noGl = await launch(['--disable-3d-apis']);
      try {
        const page = await noGl.newPage();
        await page.goto(base(plain) + '/');
        const why = await page.evaluate(() => window.gort.ready.then(() => 'resolved', (e) => e.message));
        assert(/WebGL2/.test(why), `ready: ${why}`);
        const shown = await page.evaluate(() => {
          const s = document.getElementById('status');
          return !s.hidden && s.className === 'error' ? s.textContent : '';
        });
        assert(/WebGL2/.test(shown), `status: "${shown}"`);
      } finally {
        await noGl.close();
      }
    });
  } finally {
    await browser.close();
    isolated.close();
    plain.close();
  }
  console.log(`metrics: ${JSON.stringify(metrics)}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log(`FAIL e2e harness: ${e.stack || e}`);
  console.log(`e2e: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
