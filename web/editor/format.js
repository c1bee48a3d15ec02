// The Format button: re-indents Go text as gofmt does, where it parses.
//
// gofmt's layout, as far as this goes: each line's indentation is tabs, one
// per level of nesting (the Go indentation rules of go_language.js, on the
// same syntax tree that colours the text), a label one level out, a
// comment just before a case at the case's level; no trailing blanks; at
// most one empty line in a row, none at the start or end; one newline at
// the end.
// Alignment inside a line (gofmt's columns of `=` and comments) is left as
// written.
//
// Invariants: text that does not parse is left alone (the answer says
// where it stops parsing); lines that start inside a raw string or a
// /* */ comment keep every byte; formatting formatted text changes nothing.
import { IndentContext, ensureSyntaxTree, getIndentation, indentString } from '@codemirror/language';

const kParseBudgetMs = 500;

// Where the syntax tree first fails, or -1.
function firstError(tree) {
  let at = -1;
  tree.iterate({
    enter(node) {
      if (at >= 0) return false;
      if (node.type.isError) at = node.from;
    },
  });
  return at;
}

// Is the start of the line at `pos` inside a token that spans lines?
function insideToken(tree, pos) {
  for (let node = tree.resolveInner(pos, 1); node; node = node.parent) {
    if ((node.name == 'String' || node.name == 'BlockComment') && node.from < pos) return true;
  }
  return false;
}

// Is the statement starting at `pos` a label's?
function isLabel(tree, pos) {
  for (let node = tree.resolveInner(pos, 1); node && node.from == pos; node = node.parent) {
    if (node.name == 'LabeledStatement') return true;
  }
  return false;
}

// The first line after line n that holds code (not blank, not a comment).
function nextCodeLine(doc, n) {
  for (let i = n + 1; i <= doc.lines; i++) {
    const text = doc.line(i).text.trim();
    if (text !== '' && !text.startsWith('//')) return doc.line(i);
  }
  return null;
}

// The formatted text of `state`'s document: {text} or {error, line}. The
// state must have go_language.js's goSupport().
export function formatGo(state) {
  const tree = ensureSyntaxTree(state, state.doc.length, kParseBudgetMs);
  if (!tree) return { error: 'the code is too long to format here' };
  // The indentation rules read the state's own tree, which the parse above
  // does not replace: a transaction takes it in.
  state = state.update({}).state;
  const bad = firstError(tree);
  if (bad >= 0) {
    const line = state.doc.lineAt(bad).number;
    return { error: `the code does not parse (line ${line}): fix that first`, line };
  }
  const updated = new Map();  // line start -> its new indentation, for the lines after it
  const cx = new IndentContext(state, {
    overrideIndentation: (start) => (updated.has(start) ? updated.get(start) : -1),
  });
  const out = [];
  let blanks = 0;
  for (let n = 1; n <= state.doc.lines; n++) {
    const line = state.doc.line(n);
    if (insideToken(tree, line.from)) {
      out.push(line.text);
      blanks = 0;
      continue;
    }
    const body = line.text.replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
    if (body === '') {
      if (out.length > 0) blanks++;
      continue;
    }
    if (blanks > 0) out.push('');
    blanks = 0;
    let cols = getIndentation(cx, line.from);
    // The lines after a label indent from where its statement is, not from it.
    if (cols != null) updated.set(line.from, cols);
    const lead = line.text.length - line.text.replace(/^[ \t]+/, '').length;
    if (cols != null && isLabel(tree, line.from + lead)) cols = Math.max(0, cols - cx.unit);
    if (cols != null && body.startsWith('//')) {
      const next = nextCodeLine(state.doc, n);
      if (next && /^\s*(case|default)\b/.test(next.text)) cols = getIndentation(cx, next.from);
    }
    const indent = cols == null ? line.text.match(/^[ \t]*/)[0] : indentString(state, cols);
    out.push(indent + body);
  }
  return { text: out.join('\n') + '\n' };
}
