// Go for CodeMirror as the playground uses it: @codemirror/lang-go (Lezer's
// Go grammar: colours, folding, completion, indentation), with indentation
// set to gofmt's where the two differ: a continued argument or parameter
// list gets one more tab, never alignment under its bracket.
import { go, goLanguage } from '@codemirror/lang-go';
import { LanguageSupport, delimitedIndent, indentNodeProp, indentUnit } from '@codemirror/language';
import { EditorState } from '@codemirror/state';

const gofmtGo = goLanguage.configure({
  props: [indentNodeProp.add({ 'Arguments Parameters': delimitedIndent({ closing: ')', align: false }) })],
});

// Go support, with gofmt's tabs (shown 4 columns wide, as go.dev/play does).
export function goSupport() {
  return [new LanguageSupport(gofmtGo, go().support), indentUnit.of('\t'), EditorState.tabSize.of(4)];
}
