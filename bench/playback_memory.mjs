// The playground's memory on a long run (DESIGN.md 7.4): a Go program that
// hands values back and forth forever, deterministic, in the
// single-threaded build in Debian's headless Chromium; every few seconds
// the trace events recorded (gort.state().events), the oldest the page
// still keeps (firstEvent), the wasm memory (it grows, never shrinks) and
// the JS heap (performance.memory). Playback folds events past
// Playback::kMaxEvents into a snapshot: the memory must level off once it
// does, however long the run goes on.
//
//   node bench/playback_memory.mjs [--events N] [--build st|mt]
// Needs dist/ (bash wasm/build_site) and tests/e2e's node_modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDir } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
let target = 4_000_000, threaded = false;
while (argv.length) {
  const o = argv.shift();
  if (o === '--events') target = Number(argv.shift());
  else if (o === '--build') threaded = argv.shift() === 'mt';
  else {
    console.error('usage: node bench/playback_memory.mjs [--events N] [--build st|mt]');
    process.exit(2);
  }
}
const code = 'package main\n\nfunc main() {\n\tc := make(chan int)\n\tgo func() {\n\t\tfor i := 0; ; i++ {\n' +
             '\t\t\tc <- i\n\t\t}\n\t}()\n\tfor {\n\t\t<-c\n\t}\n}\n';

const server = await serveDir(path.join(root, 'dist'), { isolate: threaded });
const browser = await launch(['--enable-precise-memory-info']);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.evaluate(() => window.gort.ready);
  await page.evaluate((code) => { window.gort.run('', { code, deterministic: true, speed: 1e6 }); }, code);
  const sample = () => page.evaluate(() => {
    const s = window.gort.state();
    return { events: s.events, firstEvent: s.firstEvent, lost: s.lost,
             wasmMB: +(Object.values(window.Module.asm).find((x) => x instanceof WebAssembly.Memory)
               .buffer.byteLength / 1048576).toFixed(1),
             heapMB: +(performance.memory.usedJSHeapSize / 1048576).toFixed(1) };
  });
  console.log('| events recorded | oldest kept | wasm memory, MB | JS heap, MB |');
  console.log('|---|---|---|---|');
  const t0 = Date.now();
  for (;;) {
    await page.waitForTimeout(3000);
    const s = await sample();
    console.log(`| ${s.events} | ${s.firstEvent} | ${s.wasmMB} | ${s.heapMB} |`);
    if (s.events >= target || Date.now() - t0 > 600_000) break;
  }
} finally {
  await browser.close();
  server.close();
}
