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
// not change; a new document (another pattern) starts a new undo history.
import { basicSetup } from 'codemirror';
import { Annotation, Compartment, EditorState, Prec, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
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
    this.readOnly = true;
    this.editable = new Compartment();
    this.look = new Compartment();
    this.lookNow = looks.dark;
    this.extensions = [
      Prec.highest(keymap.of([
        { key: 'Mod-Enter', run: () => { this.hooks.onRun(); return true; } },
        { key: 'Escape', run: () => { this.hooks.onStop(); return false; } },
      ])),
      basicSetup,
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
    this.view = new EditorView({ state: this.fresh(''), parent });
  }

  fresh(text) {
    const extensions = [this.editable.of(EditorState.readOnly.of(this.readOnly)),
                        this.look.of(this.lookNow), this.extensions];
    return EditorState.create({ doc: text, extensions });
  }

  setReadOnly(readOnly) {
    this.readOnly = readOnly;
    this.view.dispatch({ effects: this.editable.reconfigure(EditorState.readOnly.of(readOnly)) });
  }

  setLight(on) {
    this.lookNow = on ? looks.light : looks.dark;
    this.view.dispatch({ effects: this.look.reconfigure(this.lookNow) });
  }

  text() { return this.view.state.doc.toString(); }

  // Puts `text` in: a new document (new undo history) or an edit of this one.
  setText(text, newDocument) {
    if (newDocument) {
      this.view.setState(this.fresh(text));
      return;
    }
    this.replace(text, [External.of(true)]);
  }

  // One change from the common prefix and suffix; annotations go with it.
  replace(text, annotations = []) {
    const old = this.text();
    if (old === text) return;
    let start = 0;
    while (start < old.length && start < text.length && old[start] === text[start]) start++;
    let end = 0;
    while (end < old.length - start && end < text.length - start &&
           old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
    this.view.dispatch({
      changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) },
      annotations,
    });
  }

  setLines(lines) {
    this.view.dispatch({ effects: setLinesEffect.of(lines) });
    const sel = lines.selected;
    if (sel && sel.line >= 1 && sel.line <= this.view.state.doc.lines) {
      const pos = this.view.state.doc.line(sel.line).from;
      this.view.dispatch({ effects: EditorView.scrollIntoView(pos, { y: 'nearest' }) });
    }
  }

  // marks: [{line, col, message, severity}]; col 0 = the whole line.
  setMarks(marks) {
    const doc = this.view.state.doc;
    const diagnostics = marks.filter((m) => m.line >= 1 && m.line <= doc.lines).map((m) => {
      const line = doc.line(m.line);
      let from = m.col > 0 ? offsetOf(doc, m.line, m.col) : line.from + (line.text.length - line.text.trimStart().length);
      let to = m.col > 0 ? (this.view.state.wordAt(from) || { to: from + 1 }).to : line.to;
      if (from >= line.to) { from = Math.max(line.from, line.to - 1); to = line.to; }
      return { from, to: Math.min(Math.max(to, from + 1), doc.length), severity: m.severity || 'error', message: m.message };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  goto(line, col) {
    const doc = this.view.state.doc;
    if (line < 1 || line > doc.lines) return;
    const pos = offsetOf(doc, line, col || 1);
    this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
    this.view.focus();
  }
}
