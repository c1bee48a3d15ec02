// The playground embedded in a tutorial (issue 15), run by run.mjs: the
// page tests/e2e/tutorial/index.html, served from another localhost port
// than the playground and without COOP/COEP, includes the site's embed.js
// from a subfolder (/gort/) of the playground's host. One page load checks
// that the three embeds load only when scrolled to, run in the
// single-threaded build, show their output and send their events
// (ready, started, output, exited), answer postMessage commands, pause
// while off-screen, and that "Open in playground" opens the same program.
// serviceWorkerTest: on an https host without COOP/COEP, the full page
// reloads once through coi-serviceworker and gets the threaded build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, serveDir } from './browser.mjs';

const kWaitMs = 30000;  // a frame's load and run on a busy 2-core machine
const kHello = 'hello from a goroutine\n\nProgram exited.\n';  // what Go prints, then the banner
const kSquares = `package main

import "fmt"

func main() {
	c := make(chan int, 3)
	for i := 1; i <= 3; i++ {
		c <- i * i
	}
	close(c)
	sum := 0
	for v := range c {
		sum += v
	}
	fmt.Println("sum of squares:", sum)
}
`;

export async function embedTests({ browser, dist, root, test, assert, assertGolden }) {
  // The playground's host: dist/ as its subfolder /gort/, no COOP/COEP.
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gort-embed-'));
  fs.symlinkSync(dist, path.join(hostDir, 'gort'));
  const site = await serveDir(hostDir, { isolate: false });
  const siteUrl = `http://127.0.0.1:${site.address().port}/gort/`;
  const page_ = fs.readFileSync(path.join(root, 'tests/e2e/tutorial/index.html'), 'utf8')
    .replaceAll('{{SITE}}', siteUrl);
  const tutorial = await serveDir(path.join(root, 'tests/e2e/tutorial'), { isolate: false, index: page_ });
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  const page = await context.newPage();
  const warnings = [], errors = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.gortEvents = [];
    window.addEventListener('message', (e) => {
      if (e.data && e.data.gort === 1) window.gortEvents.push({ ...e.data, origin: e.origin });
    });
  });

  const events = (id) => page.evaluate((id) => window.gortEvents.filter((e) => e.id === id), id);
  async function until(what, why) {
    for (const t0 = Date.now(); Date.now() - t0 < kWaitMs;) {
      const v = await what();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${why}`);
  }
  // The id's events once `n` exited events came: [all, the output since the last started].
  async function exited(id, n = 1) {
    const all = await until(async () => {
      const ev = await events(id);
      return ev.filter((e) => e.type === 'exited').length >= n && ev;
    }, `${id} to exit ${n} time(s)`);
    const start = all.map((e) => e.type).lastIndexOf('started');
    return [all, all.slice(start).filter((e) => e.type === 'output').map((e) => e.text).join('')];
  }
  const frameOf = async (id) => (await page.$(`iframe[data-gort-id="${id}"]`)).contentFrame();
  const send = (id, cmd) => page.evaluate(([id, cmd]) => {
    const f = document.querySelector(`iframe[data-gort-id="${id}"]`);
    f.contentWindow.postMessage(cmd, new URL(f.src).origin);
  }, [id, cmd]);
  // Its frame, once made (a <pre> is hidden then), else its element.
  const scrollTo = (id) => page.evaluate((id) =>
    (document.querySelector(`iframe[data-gort-id="${id}"]`) || document.getElementById(id)).scrollIntoView(), id);
  const frames = () => page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.dataset.gortId));
  const frameNumber = async (id) => (await frameOf(id)).evaluate(() => window.Browser.mainLoop.currentFrameNumber);

  try {
    await page.goto(`http://127.0.0.1:${tutorial.address().port}/`);
    await test('embed: only the embed in view loads; it runs single-threaded and reports its run', async () => {
      const [all, out] = await exited('pool');
      assert(JSON.stringify(await frames()) === '["pool"]', `frames made: ${await frames()}`);
      const types = all.map((e) => e.type);
      assert(types[0] === 'ready' && types[1] === 'started' && types.at(-1) === 'exited', `events ${types}`);
      assert(all.every((e) => e.origin === new URL(siteUrl).origin), 'an event from elsewhere');
      assert(all.at(-1).exitCode === 0, `exit code ${all.at(-1).exitCode}`);
      const f = await frameOf('pool');
      const info = await f.evaluate(() => ({ build: window.gort.build, iso: self.crossOriginIsolated,
                                            state: window.gort.state() }));
      assert(info.build === 'single-threaded' && !info.iso, `build ${info.build}, isolated ${info.iso}`);
      assert(info.state.procs === 2, `GOMAXPROCS ${info.state.procs}`);
      assert(out === info.state.output, `events' output:\n${out}\nconsole:\n${info.state.output}`);
      assert(out.endsWith('\n\nProgram exited.\n'), `output ${out}`);
      assertGolden('worker_pool', { stdout: out.slice(0, -'\nProgram exited.\n'.length), stderr: '', exitCode: 0 });
    });

    await test('embed: a <pre> of Go runs when scrolled to; the embed out of view stops drawing', async () => {
      await scrollTo('hello');
      const [, out] = await exited('hello');
      assert(out === kHello, `output ${JSON.stringify(out)}`);
      assert(await page.evaluate(() => document.getElementById('hello').hidden), 'the <pre> still shows');
      assert(!(await frames()).includes('pingpong'), 'the paused embed loaded before it was in view');
      const f = await frameOf('hello');
      assert(await f.evaluate(() => document.body.classList.contains('no-editor')), 'source shown');
      const pool = await frameNumber('pool'), hello = await frameNumber('hello');
      await page.waitForTimeout(500);
      assert(await frameNumber('pool') === pool, 'the embed out of view still draws frames');
      assert(await frameNumber('hello') > hello, 'the embed in view draws no frames');
    });

    await test('embed: postMessage run (with code), set, and a refused command', async () => {
      await send('hello', { gort: 1, type: 'run', code: kSquares });
      const [all, out] = await exited('hello', 2);
      assert(out === 'sum of squares: 14\n\nProgram exited.\n', `output ${JSON.stringify(out)}`);
      assert(all.filter((e) => e.type === 'started').length === 2, 'no second started event');
      await send('hello', { gort: 1, type: 'set', params: { procs: 3, speed: 2 } });
      const f = await frameOf('hello');
      await until(() => f.evaluate(() => /procs=3&speed=2/.test(window.gort.link)), 'set to reach the link');
      await send('hello', { gort: 1, type: 'jump' });
      await until(() => warnings.some((w) => /gort embed: refused .*type must be/.test(w)), 'a refusal');
    });

    await test('embed: a paused embed steps, runs and restarts on command', async () => {
      await scrollTo('pingpong');
      await until(async () => (await events('pingpong')).some((e) => e.type === 'started'), 'started');
      const f = await frameOf('pingpong');
      await page.waitForTimeout(500);
      let st = await f.evaluate(() => window.gort.state());
      assert(st.paused && st.played === 0, `paused ${st.paused}, played ${st.played}`);
      await send('pingpong', { gort: 1, type: 'step' });
      await until(async () => (await f.evaluate(() => window.gort.state().played)) === 1, 'one step');
      await send('pingpong', { gort: 1, type: 'run' });
      const [, out] = await exited('pingpong');
      assert(out.endsWith('\nProgram exited.\n'), `output ${out}`);
      await send('pingpong', { gort: 1, type: 'restart' });
      const [all] = await exited('pingpong', 2);
      assert(all.filter((e) => e.type === 'started').length === 2, 'restart sent no started event');
    });

    await test('embed: "Open in playground" opens the full page with the same program', async () => {
      await scrollTo('hello');
      const f = await frameOf('hello');
      const ui = await until(() => f.evaluate(() => window.gort.ui().open_playground), 'the button');
      const box = await (await page.$('iframe[data-gort-id="hello"]')).boundingBox();
      // ImGui 1.86 sees the button's state once a frame: press and release
      // in different frames (the frame loop runs again once in view).
      const n = await frameNumber('hello');
      await until(async () => await frameNumber('hello') > n + 1, 'the frame loop to run again');
      await page.mouse.move(box.x + 1 + ui[0] + ui[2] / 2, box.y + 1 + ui[1] + ui[3] / 2);
      const opened = context.waitForEvent('page');
      await page.mouse.down();
      const m = await frameNumber('hello');
      await until(async () => await frameNumber('hello') > m + 1, 'frames with the button down');
      await page.mouse.up();
      const popup = await opened;
      await popup.waitForFunction(() => window.gort && window.gort.state && window.gort.ready, null,
                                  { timeout: kWaitMs });
      await popup.evaluate(() => window.gort.ready);
      const url = new URL(popup.url());
      assert(url.pathname === '/gort/' && !url.searchParams.has('embed'), `opened ${popup.url()}`);
      assert(await popup.evaluate(() => window.gort.code()) === kSquares, 'another program opened');
      const st = await until(async () => {
        const s = await popup.evaluate(() => window.gort.state());
        return s.run > 0 && s;
      }, 'the full page to run');
      assert(st.procs === 3, `GOMAXPROCS ${st.procs}`);
      await popup.close();
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    });
  } finally {
    await context.close();
    site.close();
    tutorial.close();
    fs.rmSync(hostDir, { recursive: true, force: true });
  }
}

export async function serviceWorkerTest({ dist, test, assert }) {
  await test('https host without COOP/COEP: the service worker reloads once into the threaded build', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gort-tls-'));
    const key = path.join(dir, 'key.pem'), cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
                             '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1',
                             '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = await serveDir(dist, { isolate: false, tls: { key: fs.readFileSync(key), cert: fs.readFileSync(cert) } });
    // A service worker's script must come over a certificate the browser
    // trusts: this one trusts any (its own profile, this test only).
    const browser = await launch(['--ignore-certificate-errors']);
    try {
      const page = await browser.newPage();
      let loads = 0;
      page.on('load', () => loads++);
      await page.goto(`https://127.0.0.1:${server.address().port}/`);
      await page.waitForFunction(() => window.gort && window.gort.build, null, { timeout: 30000 });
      await page.evaluate(() => window.gort.ready);
      const info = await page.evaluate(() => ({ iso: self.crossOriginIsolated, build: window.gort.build,
                                               sw: !!navigator.serviceWorker.controller,
                                               threaded: window.gort.state().threaded }));
      assert(info.iso && info.sw && info.build === 'threaded' && info.threaded, `after the reload: ${JSON.stringify(info)}`);
      assert(loads === 2, `${loads} page loads, not 2 (one reload)`);
    } finally {
      await browser.close();
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
