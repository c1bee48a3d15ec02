// The playground's code editor panel (dist/editor.js, bundled by esbuild
// from here; index.html loads it before wasm/loader.js): the CodeMirror
// editor in #editor, its bar (title, "edited", Run, Stop, Format, Reset) and
// window.gortEditor, through which the page's other scripts reach it:
//
//   linkQuery(search)   -> Promise {query, error?}: the URL's query with
//                          code= inflated, for the C++ link codec (loader.js)
//   connect(hooks)      the module is up: {onChange(text), onRun(), onStop(),
//                          onReset(), onLink(query)} (wasm/gort_api.js);
//                          the editor is read-only until then
//   text(), setText(text, newDocument), setStatus({title, edited, running}),
//   setLines({selected, others}), setMarks([{line, col, message, severity}]),
//   goto(line, col), format() -> {text} | {error}, setTheme(light)
//   publishLink(query)  the codec's query for the URL: compressed, and
//                          debounced while the code changes, then onLink
//
// Invariants: the C++ playground owns the program's text (web/playground.hpp);
// the editor tells it every edit the reader makes (onChange) and shows every
// text it is given; the URL gets only the last of a burst of links.
import { CodeEditor } from './editor_view.js';
import { formatGo } from './format.js';
import { fromCodec, toCodec } from './link_code.js';

const kLinkDelayMs = 400;  // the URL follows typing this long after it pauses

const $ = (id) => document.getElementById(id);
const panel = $('editor-panel');
const noop = () => {};
let hooks = { onChange: noop, onRun: noop, onStop: noop, onReset: noop, onLink: noop };

const editor = new CodeEditor($('editor'), {
  onChange: (text) => hooks.onChange(text),
  onRun: () => hooks.onRun(),
  onStop: () => hooks.onStop(),
});

function note(text, error) {
  const el = $('editor-note');
  el.textContent = text;
  el.className = error ? 'error' : '';
}

function format() {
  const r = formatGo(editor.state);
  if (r.error) {
    note('Format: ' + r.error + '.', true);
    if (r.line) editor.goto(r.line, 1);
    return r;
  }
  const changed = r.text !== editor.text();
  editor.replace(r.text);
  note(changed ? 'Formatted.' : 'Already formatted.');
  return r;
}

let linkTimer = 0, linkSeq = 0;
function publishLink(query) {
  clearTimeout(linkTimer);
  const seq = ++linkSeq;
  const send = () => fromCodec(query).then((q) => { if (seq == linkSeq) hooks.onLink(q); }, noop);
  if (/(^|&)code=/.test(query)) linkTimer = setTimeout(send, kLinkDelayMs);
  else send();
}

$('editor-run').addEventListener('click', () => hooks.onRun());
$('editor-stop').addEventListener('click', () => hooks.onStop());
$('editor-format').addEventListener('click', format);
$('editor-reset').addEventListener('click', () => hooks.onReset());

window.gortEditor = {
  linkQuery: (search) => toCodec(search),
  connect(h) {
    hooks = Object.assign({}, hooks, h);
    editor.setReadOnly(false);
  },
  text: () => editor.text(),
  setTheme: (light) => editor.setLight(light),
  setText: (text, newDocument) => editor.setText(text, newDocument),
  setStatus({ title, edited, running }) {
    $('editor-title').textContent = title;
    $('editor-edited').hidden = !edited;
    $('editor-stop').disabled = !running;
  },
  setLines: (lines) => editor.setLines(lines),
  setMarks(marks) {
    editor.setMarks(marks);
    if (marks.length) note(marks.length == 1 ? '1 mark: hover it to read it.' : `${marks.length} marks: hover one to read it.`, true);
    else note('');
  },
  goto: (line, col) => editor.goto(line, col),
  format,
  publishLink,
};
panel.classList.add('ready');
