// End-to-end tests of the code editor beside the canvas (web/editor/,
// issue 12), run by run.mjs in each build at device pixel ratio 1 and 2:
// typing with the keyboard and running with Ctrl+Enter, IME composition
// (CDP Input.imeSetComposition), the text in the accessibility tree, a
// compile error marked at its line and the console's link to it, a panic's
// line, the sliders and the const lines in step, Format, an edited program
// through a link and a reload, a `for {}` program stopped by Esc while the
// page keeps drawing; and (no browser) Format on every gallery text.
import fs from 'node:fs';
import path from 'node:path';
import { decodePng, pixelStats } from './png.mjs';

const kRunMs = 60000;  // a run's (and a page's start's) generous bound

// The pattern's Go text as the gallery shows it (without //golden: lines).
export function goText(root, id) {
  const lines = fs.readFileSync(path.join(root, 'core/patterns', id + '.go'), 'utf8').split('\n');
  while (lines.length && (lines[lines.length - 1] === '' || lines[lines.length - 1].startsWith('//golden:'))) lines.pop();
  return lines.join('\n') + '\n';
}

// Format (web/editor/format.js) gives back every gallery text from a copy
// stripped of its indentation, and from one indented with spaces.
export async function formatTests({ root, test, assert }) {
  const { EditorState } = await import(path.join(root, 'web/node_modules/@codemirror/state/dist/index.js'));
  const { formatGo } = await import(path.join(root, 'web/editor/format.js'));
  const { goSupport } = await import(path.join(root, 'web/editor/go_language.js'));
  const format = (text) => formatGo(EditorState.create({ doc: text, extensions: goSupport() }));
  await test('Format re-indents every gallery text as gofmt wrote it', async () => {
    const ids = fs.readdirSync(path.join(root, 'core/patterns')).filter((f) => f.endsWith('.go')).map((f) => f.slice(0, -3));
    for (const id of ids) {
      const text = goText(root, id);
      for (const [how, messy] of [['as is', text], ['dedented', text.replace(/^[\t ]+/gm, '')],
                                  ['spaces', text.replace(/^/gm, '  ').replace(/\n/g, '  \n').replace(/\n  \n/g, '\n\n\n')]]) {
        const r = format(messy);
        assert(r.text === text, `${id} (${how}): ${r.error || firstDiff(r.text, text)}`);
      }
    }
    const broken = format('package main\n\nfunc main() {\n\tx := (1\n}\n');
    assert(broken.error && broken.line >= 4, `unparsable text: ${JSON.stringify(broken)}`);
  });
}

// Links of format 2 (web/editor/link_code.js, as the page makes them) for
// every gallery text edited by one line: each under 2,000 characters.
// Returns {id: length of "?query"} for the report.
export async function linkLengthTests({ root, test, assert }) {
  const { fromCodec, toCodec } = await import(path.join(root, 'web/editor/link_code.js'));
  const lengths = {};
  await test('a gallery text edited by one line gives a link under 2,000 characters, and back', async () => {
    const ids = fs.readdirSync(path.join(root, 'core/patterns')).filter((f) => f.endsWith('.go')).map((f) => f.slice(0, -3));
    for (const id of ids.sort()) {
      const text = goText(root, id).replace('func main() {\n', 'func main() {\n\tfmt.Println("edited")\n');
      const codec = `pattern=${id}&v=2&code=${encodeURIComponent(text)}`;
      const query = await fromCodec(codec);
      lengths[id] = query.length + 1;
      assert(lengths[id] < 2000, `${id}: ${lengths[id]} characters`);
      const back = await toCodec('?' + query);
      assert(!back.error && decodeURIComponent(back.query.split('&code=')[1]) === text, `${id} does not come back`);
    }
    const bad = await toCodec('?pattern=x&code=AAAA');
    assert(bad.error && bad.query === 'pattern=x', `garbage code: ${JSON.stringify(bad)}`);
  });
  return lengths;
}

function firstDiff(a, b) {
  const x = a.split('\n'), y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: ${JSON.stringify(x[i])}, want ${JSON.stringify(y[i])}`;
  }
  return 'same';
}

// The editor's lines as the page shows them.
const editorLines = (page) => page.evaluate(() => [...document.querySelectorAll('#editor .cm-line')].map((l) => {
  const copy = l.cloneNode(true);  // without the goroutines' names at the line's end
  copy.querySelectorAll('.cm-gort-goroutines').forEach((w) => w.remove());
  return copy.textContent;
}));

// Clicks the first editor line whose text is `text`, then goes to its end.
async function clickLineEnd(page, text) {
  const line = page.locator('#editor .cm-line', { hasText: text }).first();
  const box = await line.boundingBox();
  if (!box) throw new Error(`no editor line "${text}"`);
  await page.mouse.click(box.x + 4, box.y + box.height / 2);  // a long line runs past the panel
  await page.keyboard.press('End');
}

async function canvasStats(page) {
  const box = await page.locator('#canvas').boundingBox();
  return pixelStats(decodePng(await page.screenshot({ clip: box })));
}

// The editor's tests in one build at one device pixel ratio.
export async function editorTests({ browser, base, build, dpr, root, test, assert, shots }) {
  const label = `${build}, DPR ${dpr}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr });
  const errors = [];
  // runs: the page runs its program at once (not after a malformed link).
  const openPage = async (query, runs = true) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/' + query);
    await page.evaluate(() => window.gort.ready);
    // The page's own first run starts after the first frame: let it begin,
    // and the editor show its text.
    await page.waitForFunction((runs) => (!runs || window.gort.state().run > 0) &&
      document.querySelectorAll('#editor .cm-line').length >= Math.min(20, window.gort.code().split('\n').length - 1),
      runs, { timeout: kRunMs });
    return page;
  };
  const ended = (page) => page.waitForFunction(() => !window.gort.state().running, null, { timeout: kRunMs });
  try {
    const page = await openPage('?pattern=ping_pong');

    await test(`${label}: the editor holds the pattern's Go text, in the accessibility tree`, async () => {
      const text = goText(root, 'ping_pong');
      assert(await page.evaluate(() => window.gort.code()) === text, 'gort.code() is not ping_pong.go');
      // CodeMirror draws the lines in view (and a margin): those are the text's.
      const lines = await editorLines(page);
      assert(lines.length >= 20 && text.startsWith(lines.join('\n')), `editor shows:\n${lines.join('\n')}`);
      const title = await page.evaluate(() => window.gort.patterns().find((p) => p.id == 'ping_pong').title);
      assert(await page.evaluate(() => document.title) === `${title} \u2014 gort playground`, 'the page\'s title');
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const texts = nodes.map((n) => `${n.role && n.role.value}|${n.name && n.name.value}|${n.value && n.value.value}`);
      assert(texts.some((t) => t.startsWith('textbox|Go program')), `no textbox "Go program" in ${texts.length} nodes`);
      assert(texts.some((t) => t.includes('func player(name string, in <-chan int, out chan<- int, done chan<- int) {')),
             'the code is not in the accessibility tree');
      await cdp.detach();
    });

    await test(`${label}: typing with the keyboard edits the code; Ctrl+Enter runs it`, async () => {
      const before = await page.evaluate(() => window.gort.state());
      const canvasBefore = await canvasStats(page);
      await clickLineEnd(page, 'func main() {');
      await page.keyboard.press('Enter');
      await page.keyboard.type('fmt.Println("typed by a test")');
      const code = await page.evaluate(() => window.gort.code());
      assert(code.includes('func main() {\n\tfmt.Println("typed by a test")\n\tping := make(chan int)'),
             `code after typing:\n${code}`);
      const st = await page.evaluate(() => window.gort.state());
      assert(st.edited && st.pattern === 'ping_pong', `state: edited ${st.edited}, pattern ${st.pattern}`);
      await page.waitForFunction(() => /\(edited\)/.test(document.title), null, { timeout: 10000 });
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction((r) => window.gort.state().run > r, before.run, { timeout: 10000 });
      await ended(page);  // then the canvas has drawn the run, however slow the machine
      const canvasAfter = await canvasStats(page);
      await page.screenshot({ path: path.join(shots, `editor-${build}-dpr${dpr}.png`) });
      const after = await page.evaluate(() => window.gort.state());
      assert(after.output.startsWith('typed by a test\nping 1\n'), `console:\n${after.output}`);
      assert(canvasAfter.variance > 50, 'blank canvas');
      assert(canvasAfter.variance !== canvasBefore.variance || canvasAfter.colours !== canvasBefore.colours,
             `the canvas did not change: ${JSON.stringify([canvasBefore, canvasAfter])}`);
    });

    await test(`${label}: IME composition inserts text`, async () => {
      await clickLineEnd(page, 'func main() {');
      await page.keyboard.press('Enter');
      await page.keyboard.type('// ');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'にほんご', selectionStart: 4, selectionEnd: 4 });
      await cdp.send('Input.imeSetComposition', { text: '日本語', selectionStart: 3, selectionEnd: 3 });
      await cdp.send('Input.insertText', { text: '日本語' });
      await cdp.detach();
      await page.waitForTimeout(100);
      const code = await page.evaluate(() => window.gort.code());
      assert(code.includes('func main() {\n\t// 日本語\n'), `code after IME:\n${code.split('\n').slice(24, 28).join('\n')}`);
      assert(!code.includes('にほんご'), 'the composition stayed in the text');
    });

    await test(`${label}: a compile error is marked at its line, and the console jumps to it`, async () => {
      const bad = goText(root, 'ping_pong').replace('\tping <- 1\n', '\tping <- 1\n\tpong <- undefinedThing\n');
      const res = await page.evaluate((code) => window.gort.run('ping_pong', { code }), bad);
      assert(res.exitCode === 2 && res.errors.length === 1, `result: ${JSON.stringify(res)}`);
      const e = res.errors[0];
      assert(e.line === 33 && e.col === 10 && e.message === 'undefined: undefinedThing', `error ${JSON.stringify(e)}`);
      assert(res.output === './prog.go:33:10: undefined: undefinedThing\n\nGo build failed.\n', `output: ${res.output}`);
      await page.waitForFunction(() => document.querySelectorAll('#editor .cm-lintRange-error').length > 0, null, { timeout: 10000 });
      const marked = await page.evaluate(() => {
        const range = document.querySelector('#editor .cm-lintRange-error');
        const lines = [...document.querySelectorAll('#editor .cm-line')];
        return { line: lines.indexOf(range.closest('.cm-line')) + 1, text: range.textContent,
                 gutter: document.querySelectorAll('#editor .cm-lint-marker-error').length };
      });
      assert(marked.line === 33 && marked.text === 'undefinedThing' && marked.gutter === 1, `mark: ${JSON.stringify(marked)}`);
      // The console lists it in Go's form; clicking it puts the cursor there.
      await clickLineEnd(page, 'package main');
      const link = (await page.evaluate(() => window.gort.ui()))['console.goto.0'];
      assert(link, 'no console link to the error');
      await page.mouse.click(link[0] + 10, link[1] + link[3] / 2);
      await page.waitForFunction(() => {
        const a = document.querySelector('#editor .cm-activeLine');
        return a && a.textContent.includes('undefinedThing');
      }, null, { timeout: 10000 });
    });

    await test(`${label}: a runtime panic marks the panicking goroutine's line`, async () => {
      const code = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar xs []int\n\tfmt.Println("before")\n\tfmt.Println(xs[3])\n}\n';
      const res = await page.evaluate((code) => window.gort.run('', { code, deterministic: true, speed: 1e6 }), code);
      assert(res.exitCode === 2 && /index out of range \[3\] with length 0/.test(res.stderr), `result: ${JSON.stringify(res)}`);
      await page.waitForFunction(() => document.querySelectorAll('#editor .cm-lintRange-error').length === 1, null, { timeout: 10000 });
      const line = await page.evaluate(() => {
        const lines = [...document.querySelectorAll('#editor .cm-line')];
        return lines.indexOf(document.querySelector('#editor .cm-lintRange-error').closest('.cm-line')) + 1;
      });
      assert(line === 8, `marked line ${line}`);
      const st = await page.evaluate(() => window.gort.state());
      assert(st.pattern === '' && st.edited, `state after code of no pattern: ${st.pattern} ${st.edited}`);
    });

    await test(`${label}: another program is a new document: no old marks, nothing to undo into the old text`, async () => {
      const text = goText(root, 'ping_pong');
      await page.evaluate(() => window.gort.run('ping_pong', { deterministic: true, speed: 1e6 }));
      await page.waitForFunction(() => document.querySelectorAll('#editor .cm-lintRange-error').length === 0, null, { timeout: 10000 });
      await clickLineEnd(page, 'func main() {');
      await page.keyboard.press('Control+z');
      assert(await page.evaluate(() => window.gort.code()) === text, 'Ctrl+Z went back into the program before');
      await page.keyboard.type(' // typed');
      assert(await page.evaluate(() => window.gort.code()) !== text, 'typing did not reach the code');
      await page.keyboard.press('Control+z');
      assert(await page.evaluate(() => window.gort.code()) === text, 'Ctrl+Z did not undo the typing');
    });

    await test(`${label}: the lines where goroutines wait are marked, main's as the selected one`, async () => {
      const code = 'package main\n\nimport "time"\n\nfunc main() {\n\tgo func() {\n\t\tselect {}\n\t}()\n\ttime.Sleep(time.Hour)\n}\n';
      await page.evaluate((code) => { window.gort.run('', { code }).catch(() => {}); }, code);
      // The marks follow the run frame by frame (main passes the go line
      // first): wait until they settle where both goroutines wait, reading
      // them in the same task as the check.
      const want = JSON.stringify([['\ttime.Sleep(time.Hour)', '  // main.main'],
                                   ['\t\tselect {}', '  // main.main.func1']]);
      const marks = () => page.evaluate(() => JSON.stringify(['current', 'other'].map((k) => {
        const shown = document.querySelector(`#editor .cm-gort-${k}`);
        if (!shown) return null;
        const line = shown.cloneNode(true);
        const label = line.querySelector('.cm-gort-goroutines');
        if (label) label.remove();
        return [line.textContent, label && label.textContent];
      })));
      let marked = '';
      for (const end = Date.now() + 10000; Date.now() < end && marked !== want;) {
        marked = await marks();
        if (marked !== want) await new Promise((r) => setTimeout(r, 50));
      }
      await page.evaluate(() => window.gort.stop());
      assert(marked === want, `marked: ${marked}`);
    });
    await page.close();

    const pool = await openPage('?pattern=worker_pool');
    await test(`${label}: a slider rewrites its const line; typing a value on the line moves the slider`, async () => {
      const slider = (await pool.evaluate(() => window.gort.ui()))['param.workers'];
      assert(slider, 'no workers slider');
      await pool.mouse.click(slider[0] + 2, slider[1] + slider[3] / 2);  // its minimum (the rect ends with the label)
      await pool.waitForFunction(() => /\n\tworkers = 1\n/.test(window.gort.code()), null, { timeout: 10000 });
      assert((await editorLines(pool)).includes('\tworkers = 1'), 'the editor does not show workers = 1');
      await pool.waitForFunction(() => /workers=1(&|$)/.test(location.search) && !/code=/.test(location.search), null, { timeout: 10000 });
      // Now by the keyboard: the line's value, and the slider (and the link) follow.
      await clickLineEnd(pool, 'workers = 1');
      await pool.keyboard.press('Backspace');
      await pool.keyboard.type('5');
      await pool.waitForFunction(() => /workers=5(&|$)/.test(location.search) && !/code=/.test(location.search), null, { timeout: 10000 });
      assert(!(await pool.evaluate(() => window.gort.state().edited)), 'a value within range counted as an edit');
    });

    await test(`${label}: Format re-indents the code; Reset restores the pattern's text`, async () => {
      const text = goText(root, 'worker_pool').replace('\tworkers = 3\n', '\tworkers = 5\n');
      await pool.evaluate((t) => window.gort.setCode(t.replace(/^\t+/gm, '')), text);
      await pool.click('#editor-format');
      assert(await pool.evaluate(() => window.gort.code()) === text, 'Format did not give gofmt\'s text back');
      await pool.click('#editor-reset');
      // The code is reset at once, the editor's view in the next frame.
      await pool.waitForFunction((t) => window.gort.code() === t &&
        [...document.querySelectorAll('#editor .cm-line')].some((l) => l.textContent === '\tworkers = 3'),
        goText(root, 'worker_pool'), { timeout: 10000 });
      const shown = (await editorLines(pool)).join('\n');
      assert(goText(root, 'worker_pool').startsWith(shown) && /workers = 3/.test(shown), `the editor shows:\n${shown}`);
    });

    await test(`${label}: an edited program survives a link round trip and a reload`, async () => {
      const text = goText(root, 'worker_pool').replace('"sum of results:"', '"total of the results:"');
      await pool.evaluate((t) => window.gort.setCode(t), text);
      await pool.waitForFunction(() => /[?&]v=2&code=[A-Za-z0-9_-]+$/.test(location.search), null, { timeout: 10000 });
      const url = await pool.evaluate(() => location.href);
      assert(url.length < 2000, `link of ${url.length} characters`);
      const other = await openPage(url.slice(url.indexOf('?')));
      assert(await other.evaluate(() => window.gort.code()) === text, 'the link did not carry the code');
      const st = await other.evaluate(() => window.gort.state());
      assert(st.edited && st.pattern === 'worker_pool' && st.notice === '', `state: ${JSON.stringify([st.edited, st.pattern, st.notice])}`);
      await other.reload();
      await other.evaluate(() => window.gort.ready);
      assert(await other.evaluate(() => window.gort.code()) === text, 'a reload lost the code');
      // The page's own run starts once the threaded build's workers have loaded.
      await other.waitForFunction(() => window.gort.state().output.includes('total of the results: 42'), null, { timeout: kRunMs })
        .catch(() => {});
      assert((await other.evaluate(() => window.gort.state().output)).includes('total of the results: 42'), 'the linked code did not run');
      await other.close();
      // A link whose code does not compile opens with the code and its errors.
      const { fromCodec } = await import(path.join(root, 'web/editor/link_code.js'));
      const bad = goText(root, 'ping_pong').replace('\tping <- 1\n', '\tping <- "one"\n');
      const broken = await openPage('?' + await fromCodec(`pattern=ping_pong&v=2&code=${encodeURIComponent(bad)}`));
      assert(await broken.evaluate(() => window.gort.code()) === bad, 'the link did not carry the broken code');
      await broken.waitForFunction(() => /Go build failed\./.test(window.gort.state().output) &&
        document.querySelectorAll('#editor .cm-lintRange-error').length === 1, null, { timeout: 10000 });
      assert(/\.\/prog\.go:32:10: cannot use "one"/.test(await broken.evaluate(() => window.gort.state().output)),
             'the console does not list the error');
      await broken.close();
      // Garbage in code= gives the malformed-link notice, and the page works.
      const garbage = await openPage('?pattern=buffered&v=2&code=%21%21not-deflate', false);
      const g = await garbage.evaluate(() => window.gort.state());
      assert(/malformed/.test(g.notice) && /code/.test(g.notice), `notice: ${g.notice}`);
      await garbage.close();
    });
    await pool.close();

    await test(`${label}: a for {} program runs until Esc stops it, and the page keeps drawing`, async () => {
      const spin = await openPage('');
      await spin.evaluate(() => window.gort.setCode('package main\n\nfunc main() {\n\tfor {\n\t}\n}\n'));
      await clickLineEnd(spin, 'func main() {');
      await spin.keyboard.press('Control+Enter');
      await spin.waitForFunction(() => window.gort.state().running, null, { timeout: 10000 });
      await spin.waitForTimeout(1500);
      assert(await spin.evaluate(() => window.gort.state().running), 'the loop ended by itself');
      const frames = await spin.evaluate(() => new Promise((resolve) => {
        const t0 = performance.now();
        let n = 0;
        const tick = () => (++n == 10 ? resolve(performance.now() - t0) : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }));
      assert(frames < 5000, `10 frames took ${frames.toFixed(0)} ms while the loop ran`);
      await spin.keyboard.press('Escape');
      await spin.waitForFunction(() => !window.gort.state().running, null, { timeout: 10000 });
      const st = await spin.evaluate(() => window.gort.state());
      assert(/Program stopped\./.test(st.output), `console: ${st.output}`);
      const res = await spin.evaluate(() => window.gort.run('ping_pong', { deterministic: true, speed: 1e6 }));
      assert(res.exitCode === 0, `a run after the loop: ${JSON.stringify(res)}`);
      await spin.close();
    });
    await test(`${label}: no errors on the pages`, async () => {
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    });
  } finally {
    await context.close();
  }
}
