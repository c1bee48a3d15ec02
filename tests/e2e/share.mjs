// End-to-end tests of sharing and of run limits (issues 15 and 14), run by
// run.mjs in each build: the Share button copies gort.shareUrl() to the
// clipboard and says so; that link opened in a fresh browser context
// replays a deterministic run event for event (equal state().traceHash);
// gort.run's limits end a program the Go way and the next one runs; and
// (hostile: true, one build is enough, the codec is the same C++) links
// carrying markup, script, huge values or garbage code open the defaults
// with the notice, and nothing of theirs becomes an element of the page.
import { goText } from './editor.mjs';

const kRunMs = 60000;

const spin = 'package main\n\nfunc main() {\n\tfor {\n\t}\n}\n';

export async function shareTests({ browser, base, build, dpr, hostile, root, test, assert }) {
  const label = `${build}, DPR ${dpr}`;
  const options = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr };
  const context = await browser.newContext({ ...options, permissions: ['clipboard-read', 'clipboard-write'] });
  const errors = [];
  const open = async (ctx, query) => {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/' + query);
    await page.evaluate(() => window.gort.ready);
    return page;
  };
  try {
    const page = await open(context, '?pattern=ping_pong');
    let shared = null;
    await test(`${label}: the Share button copies the link of what is on screen and says so`, async () => {
      // The seed is left to chance: the link must name the one drawn.
      const res = await page.evaluate(() => window.gort.run('ping_pong', { procs: 2, deterministic: true, speed: 1e9 }));
      assert(res.exitCode === 0, `run: ${JSON.stringify(res)}`);
      await page.waitForFunction(() => /det=1/.test(window.gort.link || ''), null, { timeout: 10000 });
      const share = (await page.evaluate(() => window.gort.ui())).share;
      assert(share, 'no Share button');
      await page.mouse.click(share[0] + share[2] / 2, share[1] + share[3] / 2);
      await page.waitForFunction(() => window.gort.state().share !== '', null, { timeout: 10000 });
      const said = await page.evaluate(() => window.gort.state().share);
      assert(said === 'Link copied to the clipboard', `the controls say "${said}"`);
      const [copied, url, st] = await page.evaluate(async () =>
        [await navigator.clipboard.readText(), window.gort.shareUrl(), window.gort.state()]);
      assert(copied === url, `clipboard "${copied}", shareUrl "${url}"`);
      assert(/[?&]pattern=ping_pong(&|$)/.test(url) && /[?&]procs=2(&|$)/.test(url) && /[?&]det=1(&|$)/.test(url) &&
             /[?&]seed=[1-9][0-9]*(&|$)/.test(url) && /[?&]v=2(&|$)/.test(url), `link ${url}`);
      shared = { url, hash: st.traceHash, events: st.events };
    });

    await test(`${label}: the shared link, in a fresh browser context, replays the run event for event`, async () => {
      assert(shared, 'nothing was shared');
      const fresh = await browser.newContext(options);
      try {
        const other = await open(fresh, shared.url.slice(shared.url.indexOf('?')));
        await other.waitForFunction(() => { const s = window.gort.state(); return s.run > 0 && s.finished; },
                                    null, { timeout: kRunMs });
        const st = await other.evaluate(() => window.gort.state());
        assert(st.notice === '' && st.pattern === 'ping_pong' && st.procs === 2, `state ${JSON.stringify([st.notice, st.pattern, st.procs])}`);
        assert(st.events === shared.events && st.traceHash === shared.hash,
               `${st.events} events, hash ${st.traceHash}; shared: ${shared.events} events, hash ${shared.hash}`);
      } finally {
        await fresh.close();
      }
    });

    await test(`${label}: gort.run's limits end a program as Go ends it, and the next one runs`, async () => {
      const r = await page.evaluate(async (code) => {
        const msg = async (f) => { try { await f(); return 'resolved'; } catch (e) { return e instanceof Error ? e.message : 'not an Error'; } };
        return {
          stopped: await window.gort.run('', { code, deterministic: true, speed: 1e9, limits: { steps: 10000, runTimeMs: 60000 } }),
          negative: await msg(() => window.gort.run('', { code, limits: { steps: -1 } })),
          unknown: await msg(() => window.gort.run('', { code, limits: { cpu: 1 } })),
          huge: await msg(() => window.gort.run('', { code, limits: { memory: 2 ** 40 } })),
          type: await msg(() => window.gort.run('', { code, limits: 5 })),
          next: await window.gort.run('ping_pong', { deterministic: true, speed: 1e9, limits: { goroutines: 3, output: 4096 } }),
        };
      }, spin);
      const s = r.stopped;
      assert(s.exitCode === 2 && s.stderr.startsWith('fatal error: gort: program exceeded 10000 steps\n'), `limited run: ${JSON.stringify(s)}`);
      assert(/\ngoroutine 1 \[running\]:\n/.test(s.stderr), `no traceback: ${s.stderr}`);
      assert(/steps/.test(r.negative) && /unknown limit "cpu"/.test(r.unknown) && /memory/.test(r.huge) && /limits must/.test(r.type),
             `rejections: ${JSON.stringify([r.negative, r.unknown, r.huge, r.type])}`);
      assert(r.next.exitCode === 0 && /ping 1\n/.test(r.next.stdout), `next run: ${JSON.stringify(r.next)}`);
    });
    await page.close();

    if (hostile) {
      const fresh = await browser.newContext(options);
      try {
        for (const [what, query, key] of [
          ['markup and script', '?pattern=<script>window.__pwned=1</script>&<img src=x onerror=window.__pwned=2>=1', 'pattern'],
          ['huge values', '?pattern=buffered&capacity=' + '9'.repeat(5000) + '&seed=' + '9'.repeat(40), 'seed'],
          ['garbage code', '?pattern=buffered&v=2&code=<svg/onload=window.__pwned=3>' + 'A'.repeat(3000), 'code'],
        ]) {
          await test(`${label}: a link with ${what} opens the defaults with the notice, and injects nothing`, async () => {
            const p = await open(fresh, query);
            const st = await p.evaluate(() => window.gort.state());
            assert(/^This link is malformed: /.test(st.notice) && st.notice.includes(key), `notice: ${st.notice.slice(0, 200)}`);
            const first = await p.evaluate(() => window.gort.patterns()[0].id);
            assert(st.pattern === first && !st.edited, `shows ${st.pattern}, edited ${st.edited}`);
            assert(await p.evaluate(() => window.gort.code()) === goText(root, first), 'the code is not the defaults\'');
            const dom = await p.evaluate(() => ({
              pwned: window.__pwned,
              injected: document.querySelectorAll('img, svg, iframe, object, embed, script:not([src]), [onerror], [onload]').length,
              title: document.title,
            }));
            assert(dom.pwned === undefined && dom.injected === 0 && !/[<>]/.test(dom.title), `DOM: ${JSON.stringify(dom)}`);
            await p.close();
          });
        }
      } finally {
        await fresh.close();
      }
    }
    await test(`${label}: no errors on the sharing pages`, async () => {
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    });
  } finally {
    await context.close();
  }
}
