// The CodeMirror 6 view of the playground's code editor: Go colouring
// (go_language.js), line numbers, undo/redo, find (Ctrl/Cmd+F),
// auto-indent, brackets, completion, the system clipboard (CodeMirror's
// own, through the browser), and what the runtime adds to the text:
//   - the lines where goroutines are (the selected one's brightest, the
//     others dimmer, each with its goroutines' names at the line's end);
//   - marks at line:col (compile errors, a panic's line): an underline, a
//     gutter marker and the message on hover (@codemirror/lint).
// Keys: Ctrl/Cmd+Enter runs, Esc stops, Tab indents (Esc then Tab leaves the
// editor, CodeMirror's escape from the tab trap).
//
// Invariants: text put in from outside (setText) never comes back through
// onChange; it is one change from the longest common prefix and suffix, so
// the cursor, the selection and the undo history stay where the text did
// not change; a new document (another pattern) starts a new undo history
// and drops the old one's lines and marks. What the page puts in during one
// task (setText, setLines, setMarks: the playground's frame) reaches the
// view as one update, in the microtask after it or at the next read: each
// view update writes the DOM and then reads the selection, a forced layout.
// The view and its extensions are made once: a new document is a
// transaction on the same state, not a new state (DESIGN.md, Switching
// programs: a new state rebuilt every plugin and the whole DOM).
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput,
         syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Annotation, Compartment, EditorState, Prec, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, crosshairCursor, drawSelection, dropCursor, highlightActiveLine,
         highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers,
         rectangularSelection } from '@codemirror/view';
import { oneDark } from '@codemirror/theme-one-dark';
import { goSupport } from './go_language.js';

const External = Annotation.define();  // a change made by the page, not the reader
const setLinesEffect = StateEffect.define();

class LabelWidget extends WidgetType {
  constructor(text) { super(); this.text = text; }
  eq(other) { return other.text == this.text; }
  toDOM() {
    const span = document.createElement('span');
    span.className = 'cm-gort-goroutines';
    span.textContent = '  // ' + this.text;
    return span;
  }
}

// {selected: {line, label} | null, others: [{line, label}]} as decorations.
function lineDecorations(doc, lines) {
  const ranges = [];
  const add = (item, cls) => {
    if (!item || item.line < 1 || item.line > doc.lines) return;
    const line = doc.line(item.line);
    ranges.push(Decoration.line({ class: cls }).range(line.from));
    if (item.label) ranges.push(Decoration.widget({ widget: new LabelWidget(item.label), side: 1 }).range(line.to));
  };
  add(lines.selected, 'cm-gort-current');
  for (const o of lines.others || []) {
    if (!lines.selected || o.line != lines.selected.line) add(o, 'cm-gort-other');
  }
  return Decoration.set(ranges, true);
}

const goroutineLines = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setLinesEffect)) deco = lineDecorations(tr.state.doc, e.value);
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '14px', backgroundColor: '#1d2026' },
  '.cm-scroller': { fontFamily: '"DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace' },
  '.cm-gutters': { backgroundColor: '#1d2026' },
  '.cm-gort-current': { backgroundColor: '#3d5a2a99' },
  '.cm-gort-other': { backgroundColor: '#2c3b4f88' },
  '.cm-gort-goroutines': { color: '#8fb8de', opacity: '0.8' },
}, { dark: true });
// The light theme's (the page's theme=light or auto, web/theme.hpp):
// CodeMirror's own light colours, on the canvas's light background.
const light = EditorView.theme({
  '&': { height: '100%', fontSize: '14px', backgroundColor: '#f6f7f9', color: '#14161a' },
  '.cm-scroller': { fontFamily: '"DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace' },
  '.cm-gutters': { backgroundColor: '#f6f7f9', color: '#4e545e' },
  '.cm-gort-current': { backgroundColor: '#b9e0a099' },
  '.cm-gort-other': { backgroundColor: '#c8d8ee88' },
  '.cm-gort-goroutines': { color: '#1e4ea8', opacity: '0.9' },
});
const looks = { dark: [oneDark, theme], light: [light] };

// CodeMirror's basicSetup less its undo history, which the editor keeps in
// a compartment of its own so that a new document can start a new one.
const setup = [
  lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), foldGutter(), drawSelection(),
  dropCursor(), EditorState.allowMultipleSelections.of(true), indentOnInput(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }), bracketMatching(), closeBrackets(),
  autocompletion(), rectangularSelection(), crosshairCursor(), highlightActiveLine(), highlightSelectionMatches(),
  keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap,
             ...completionKeymap, ...lintKeymap]),
];

// Where 1-based line:col (col in bytes of UTF-8, as Go counts) is in doc.
function offsetOf(doc, lineNo, col) {
  const line = doc.line(Math.min(Math.max(lineNo, 1), doc.lines));
  const bytes = new TextEncoder().encode(line.text);
  const prefix = new TextDecoder().decode(bytes.subarray(0, Math.max(0, col - 1)));
  return line.from + Math.min(prefix.length, line.length);
}

export class CodeEditor {
  // parent: the element to fill; hooks: {onChange(text), onRun(), onStop()}.
  // It starts read-only (setReadOnly).
  constructor(parent, hooks) {
    this.hooks = hooks;
    this.editable = new Compartment();
    this.look = new Compartment();
    this.undo = new Compartment();
    this.pending = null;  // what the page put in and the view has not had yet
    const extensions = [
      this.editable.of(EditorState.readOnly.of(true)),
      this.look.of(looks.dark),
      this.undo.of(history()),
      Prec.highest(keymap.of([
        { key: 'Mod-Enter', run: () => { this.hooks.onRun(); return true; } },
        { key: 'Escape', run: () => { this.hooks.onStop(); return false; } },
      ])),
      setup,
      keymap.of([indentWithTab]),
      goSupport(),
      lintGutter(),
      goroutineLines,
      EditorView.contentAttributes.of({ 'aria-label': 'Go program' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !u.transactions.some((tr) => tr.annotation(External)))
          this.hooks.onChange(u.state.doc.toString());
      }),
    ];
    this.view = new EditorView({ state: EditorState.create({ extensions }), parent });
  }

  // The view with everything put in applied: every read and every change
  // of the reader's own goes through here.
  get state() {
    this.flush();
    return this.view.state;
  }

  setReadOnly(readOnly) {
    this.flush();
    this.view.dispatch({ effects: this.editable.reconfigure(EditorState.readOnly.of(readOnly)) });
  }

  setLight(on) {
    this.flush();
    this.view.dispatch({ effects: this.look.reconfigure(on ? looks.light : looks.dark) });
  }

  text() { return this.state.doc.toString(); }

  // Puts `text` in: a new document (new undo history, no lines or marks) or
  // an edit of this one.
  setText(text, newDocument) {
    const p = this.put();
    if (newDocument) Object.assign(p, { text, newDocument: true, lines: null, marks: [] });
    else p.text = text;
  }

  // {selected: {line, label} | null, others: [{line, label}]}
  setLines(lines) { this.put().lines = lines; }

  // marks: [{line, col, message, severity}]; col 0 = the whole line.
  setMarks(marks) { this.put().marks = marks; }

  // What this task puts in, flushed in the microtask after it.
  put() {
    if (!this.pending) {
      this.pending = {};
      queueMicrotask(() => this.flush());
    }
    return this.pending;
  }

  // Applies what was put in as one view update: the text's transaction,
  // then one with the lines and marks on the new text (for a new document,
  // the first also drops the undo history and the second brings a fresh one).
  flush() {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    const trs = [];
    let state = this.view.state;
    // Even a new document is changed only between the common prefix and
    // suffix: the lines outside keep their DOM.
    const changes = p.text !== undefined && diff(state.doc.toString(), p.text);
    if (changes || p.newDocument) {
      const spec = { changes: changes || [], annotations: External.of(true) };
      if (p.newDocument) {
        spec.selection = { anchor: 0 };
        spec.effects = [this.undo.reconfigure([]), EditorView.scrollIntoView(0, { y: 'start' })];
      }
      trs.push(state.update(spec));
      state = trs[0].state;
    }
    const effects = p.newDocument ? [this.undo.reconfigure(history())] : [];
    if (p.lines !== undefined) {
      effects.push(setLinesEffect.of(p.lines || {}));
      const sel = p.lines && p.lines.selected;
      if (sel && sel.line >= 1 && sel.line <= state.doc.lines)
        effects.push(EditorView.scrollIntoView(state.doc.line(sel.line).from, { y: 'nearest' }));
    }
    if (p.marks !== undefined) effects.push(...setDiagnostics(state, diagnostics(state, p.marks)).effects);
    if (effects.length) trs.push(state.update({ effects }));
    if (trs.length) this.view.dispatch(trs);
  }

  // The reader's own change (Format): one change from the common prefix
  // and suffix, so it is undone as one.
  replace(text) {
    const changes = diff(this.text(), text);
    if (changes) this.view.dispatch({ changes });
  }

  goto(line, col) {
    const doc = this.state.doc;
    if (line < 1 || line > doc.lines) return;
    const pos = offsetOf(doc, line, col || 1);
    this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
    this.view.focus();
  }
}

// The change from `old` to `text` between their longest common prefix and
// suffix; null if they are equal.
function diff(old, text) {
  if (old === text) return null;
  let start = 0;
  while (start < old.length && start < text.length && old[start] === text[start]) start++;
  let end = 0;
  while (end < old.length - start && end < text.length - start &&
         old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
  return { from: start, to: old.length - end, insert: text.slice(start, text.length - end) };
}

// Lint diagnostics for `marks` on state's text: a mark with a column
// underlines the word there, one without underlines the line from its
// indentation.
function diagnostics(state, marks) {
  const doc = state.doc;
  return marks.filter((m) => m.line >= 1 && m.line <= doc.lines).map((m) => {
    const line = doc.line(m.line);
    let from = m.col > 0 ? offsetOf(doc, m.line, m.col) : line.from + (line.text.length - line.text.trimStart().length);
    let to = m.col > 0 ? (state.wordAt(from) || { to: from + 1 }).to : line.to;
    if (from >= line.to) { from = Math.max(line.from, line.to - 1); to = line.to; }
    return { from, to: Math.min(Math.max(to, from + 1), doc.length), severity: m.severity || 'error', message: m.message };
  });
}
