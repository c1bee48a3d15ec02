// Bundles the code editor (main.js and CodeMirror from web/node_modules)
// into one script for the page: node web/editor/build.mjs OUT.js
// (web/CMakeLists.txt runs it into dist/editor.js; `npm ci` in web/ first).
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) {
  console.error('usage: node web/editor/build.mjs OUT.js');
  process.exit(2);
}
await esbuild.build({
  entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js')],
  outfile: out,
  bundle: true,
  format: 'iife',
  minify: true,
  target: ['chrome105', 'firefox113', 'safari16.4'],
  legalComments: 'eof',
  logLevel: 'warning',
});
