// Takes README's picture (bash web/readme_shot runs this after building
// dist/): the playground at 1440x900 in the threaded build, the worker pool
// on real threads with its default parameters at a tenth of real time, caught
// mid-run (every job started, three finished: jobs fly to the workers while
// results wait in their channel), scaled to 1200 px wide in the page's own
// canvas (no image tools needed), written to docs/playground.png with the
// UI version it shows in docs/playground.ui (ui_version.mjs).
//
//   node tests/e2e/readme_picture.mjs     (GORT_DIST, CHROMIUM override paths)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDir } from './browser.mjs';
import { picture, uiVersion } from './ui_version.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = process.env.GORT_DIST || path.join(root, 'dist');
const kWidth = 1440, kHeight = 900, kOutWidth = 1200;
const kSpeed = 0.1;  // sleeps and playback at a tenth of real time: the moment lasts 2 s

function fail(why) {
  console.error(`readme_picture: ${why}`);
  process.exit(1);
}

if (!fs.existsSync(path.join(dist, 'index.html'))) fail(`${dist}/index.html is missing: run bash wasm/build_site`);
const server = await serveDir(dist, { isolate: true });
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: kWidth, height: kHeight } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/?pattern=${picture.pattern}`);
  await page.evaluate(() => window.gort.ready);
  if (await page.evaluate(() => window.gort.build) !== 'threaded') fail('the page did not pick the threaded build');
  // The page's own first run ends first (stopping a run whose worker
  // threads are still starting is not what this is for).
  await page.waitForFunction(() => window.gort.state().finished, null, { timeout: 20000 });
  // and frames come on time again: V8 compiles the hot wasm functions in the
  // background for the first seconds, and a busy machine makes it longer.
  await page.waitForFunction(() => window.gort.state().frameMs < 25, null, { timeout: 120000, polling: 500 });
  // Mid-run: every job started and three finished, so the first results
  // wait in their channel while the workers hold the next jobs.
  // Watched from inside the page, frame by frame (the run's promise is not
  // awaited: it settles when the run ends).
  await page.evaluate(async ([id, speed]) => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const before = window.gort.state().run;
    window.gort.run(id, { speed });
    while (window.gort.state().run === before) await frame();  // it starts at the next frame
    const count = (re) => (window.gort.state().output.match(re) || []).length;
    // Until the new program starts, state() still has the last run's
    // output, which ended with "Program exited.".
    while (count(/started/g) < 6 || count(/finished/g) < 3 || count(/Program exited/g)) await frame();
  }, [picture.pattern, kSpeed]);
  const shot = await page.screenshot();
  const st = await page.evaluate(() => window.gort.state());
  if ((st.output.match(/finished/g) || []).length >= 6) fail(`the run ended before the picture was taken (frames of ${st.frameMs} ms)`);
  if (errors.length) fail(`page errors: ${errors.join('; ')}`);
  // Scaled in the browser: smooth downsampling, PNG out.
  const scaled = await page.evaluate(async ([b64, w]) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = w;
    c.height = Math.round(img.height * w / img.width);
    const g = c.getContext('2d');
    g.imageSmoothingQuality = 'high';
    g.drawImage(img, 0, 0, c.width, c.height);
    return c.toDataURL('image/png').split(',')[1];
  }, [shot.toString('base64'), kOutWidth]);
  const png = Buffer.from(scaled, 'base64');
  fs.mkdirSync(path.join(root, path.dirname(picture.png)), { recursive: true });
  fs.writeFileSync(path.join(root, picture.png), png);
  fs.writeFileSync(path.join(root, picture.version),
                   '# The UI version docs/playground.png shows (tests/e2e/ui_version.mjs);\n' +
                   '# made by bash web/readme_shot. The e2e run fails when it is not the current one.\n' +
                   `ui ${uiVersion(root)}\n`);
  console.log(`${picture.png}: ${png.length} bytes, ${kOutWidth} px wide; ${picture.version} written`);
} finally {
  await browser.close();
  server.close();
}
