// The playground sent with a strict Content-Security-Policy (issue 10), run
// by run.mjs in both builds: scripts only from the site itself (no
// 'unsafe-eval', no inline script or handler), 'wasm-unsafe-eval' for the
// module, workers from the site in the threaded build and none in the
// single-threaded one; inline styles and data: images (the code editor's)
// are allowed. Gallery patterns run to their end and print what Go
// prints, and the browser reports no violation: none through the page's
// securitypolicyviolation event, none posted to the policy's report-uri
// (which also hears the threaded build's workers), no console error that
// names the policy, no uncaught exception. A
// page that breaks the policy must be seen doing so, or the check is blind.
import { serveDir } from './browser.mjs';

const kPolicy = (workers) => `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src ${workers}; ` +
                             "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
// Patterns that pass through the paths the policy could break: the invoke_*
// wrappers' exception path (deadlock's report unwinds every goroutine) and
// many goroutines on four Ps (threads in the threaded build).
const kRuns = [['deadlock', 1], ['worker_pool', 4]];
const kReportWaitMs = 2000;  // how long a posted report may take to arrive

// Opens `base` with every way a violation shows being listened to.
async function openWatched(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const seen = { console: [], errors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.console.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  // Installed by the browser before the page's scripts, whatever the policy.
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  await page.goto(base + '/');
  return { page, seen };
}

// Every violation reported so far: the page's events, the server's reports,
// console errors and uncaught exceptions.
async function violations(page, seen, server) {
  const events = await page.evaluate(() => window.cspViolations);
  const posted = server.cspReports.map((r) => {
    const c = JSON.parse(r)['csp-report'] || {};
    return `report: ${c['violated-directive']} blocked ${c['blocked-uri']} at ${c['source-file']}:${c['line-number']}`;
  });
  return [...events, ...posted, ...seen.console.map((t) => `console: ${t}`), ...seen.errors.map((t) => `error: ${t}`)];
}

async function waitFor(what, ms) {
  for (const t0 = Date.now(); Date.now() - t0 < ms;) {
    if (await what()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function cspTests({ browser, dist, test, assert, assertGolden }) {
  for (const [build, isolate] of [['threaded', true], ['single-threaded', false]]) {
    const server = await serveDir(dist, { isolate, csp: kPolicy(isolate ? "'self'" : "'none'") });
    const base = `http://127.0.0.1:${server.address().port}`;
    try {
      await test(`${build} under a strict CSP: patterns print what Go prints, and nothing is refused`, async () => {
        const { page, seen } = await openWatched(browser, base);
        await page.evaluate(() => window.gort.ready);
        const built = await page.evaluate(() => window.gort.build);
        assert(built === build, `loader picked ${built}`);
        for (const [id, procs] of kRuns) {
          const res = await page.evaluate(
            ([id, procs]) => window.gort.run(id, { procs, seed: 1, deterministic: true, speed: 1e9 }), [id, procs]);
          assertGolden(id, res);
        }
        // Reports are posted after the fact: give them time to arrive.
        await new Promise((r) => setTimeout(r, kReportWaitMs));
        const v = await violations(page, seen, server);
        assert(v.length === 0, `refused by the policy:\n${v.join('\n')}`);
        await page.close();
      });
      await test(`${build} under a strict CSP: a page that evaluates a string is seen doing so`, async () => {
        server.cspReports.length = 0;
        const { page, seen } = await openWatched(browser, base);
        await page.evaluate(() => window.gort.ready);
        // setTimeout with a string: compiled by the page (an evaluation by
        // playwright itself would be exempt from the policy).
        const timer = await page.evaluate(() => {
          window.cspCanary = 'not run';
          return setTimeout('window.cspCanary = "run"', 0);
        });
        await new Promise((r) => setTimeout(r, 200));
        const canary = await page.evaluate(() => window.cspCanary);
        assert(timer === 0 && canary === 'not run', `a string timer under the policy: id ${timer}, ${canary}`);
        const heard = await waitFor(async () => {
          const v = await violations(page, seen, server);
          return ['script-src', 'report: script-src', 'console: '].every((k) => v.some((s) => s.startsWith(k)));
        }, kReportWaitMs);
        assert(heard, `the eval went unreported: ${(await violations(page, seen, server)).join('\n')}`);
        await page.close();
      });
    } finally {
      server.close();
    }
  }
}
