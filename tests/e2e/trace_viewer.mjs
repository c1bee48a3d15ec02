// The trace export (gort.traceJson(), web/trace_export.hpp) read by a real
// viewer's importer: Chrome DevTools' trace engine (npm
// @paulirish/trace_engine, the Performance panel's parser), the one that
// runs here (Perfetto cannot be reached, and chrome://tracing crashes
// Debian's Chromium: DESIGN.md, Exporting the trace). For gallery runs in
// the single-threaded build: every track the export names comes back with
// its name and exactly the export's slices, one track per goroutine the run
// made. DevTools binds flow arrows to a slice of the same ts, pid, tid and
// cat, not to the enclosing slice ("bp":"e") Perfetto uses, so flows are
// not checked here (tests/trace_json_test.cpp checks them).
import * as Trace from '@paulirish/trace_engine';

export async function traceViewerTests({ browser, base, test, assert }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(base + '/');
  await page.evaluate(() => window.gort.ready);
  for (const id of ['pipeline', 'worker_pool']) {
    await test(`the trace export of ${id} opens in DevTools' trace engine with every track and slice`, async () => {
      const { json, total } = await page.evaluate(async (id) => {
        await window.gort.run(id, { procs: 4, seed: 1, deterministic: true, speed: 1e9 });
        return { json: window.gort.traceJson(), total: window.gort.state().goroutinesTotal };
      }, id);
      const events = JSON.parse(json).traceEvents;
      const key = (e) => `${e.pid}/${e.tid}`;
      const names = new Map(), slices = new Map();
      for (const e of events) {
        if (e.ph === 'M' && e.name === 'thread_name') names.set(key(e), e.args.name);
        if (e.ph === 'X') slices.set(key(e), (slices.get(key(e)) || 0) + 1);
      }
      const model = Trace.TraceModel.Model.createWithAllHandlers();
      await model.parse(events);
      const parsed = new Map();
      for (const [pid, p] of model.parsedTrace().data.Renderer.processes)
        for (const [tid, t] of p.threads) parsed.set(`${pid}/${tid}`, { name: t.name, slices: t.entries.length });
      const goroutines = [...names.values()].filter((n) => /^G\d+/.test(n)).length;
      assert(goroutines === total, `${goroutines} goroutine tracks named, the run made ${total}`);
      for (const [k, n] of slices) {
        const got = parsed.get(k);
        assert(got, `DevTools has no track ${k} (${names.get(k)}), which holds ${n} slices`);
        assert(got.name === names.get(k), `track ${k}: DevTools names it "${got.name}", the export "${names.get(k)}"`);
        assert(got.slices === n, `track ${k} (${got.name}): DevTools reads ${got.slices} slices, the export has ${n}`);
      }
      assert(slices.size > total, `${slices.size} tracks with slices: expected the goroutines' and some Ps'`);
    });
  }
  await page.close();
}
