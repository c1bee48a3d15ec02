// The version of the playground's UI that README's picture
// (docs/playground.png) shows: a SHA-256 over the tracked files that decide
// what the page draws — web/ (views, layout, editor), shaders/, index.html,
// wasm/loader.js and the pictured pattern's Go text — each as its path and
// its bytes, in path order. web/readme_shot records it beside the picture
// (docs/playground.ui); the e2e run fails when the two differ, so a change
// to the UI comes with a new picture.
//
// Invariant: the same checkout gives the same version whatever the build
// state (untracked and ignored files, build output and node_modules do not
// count).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const picture = { png: 'docs/playground.png', version: 'docs/playground.ui', pattern: 'worker_pool' };

export function uiVersion(root) {
  const spec = ['web', 'shaders', 'index.html', 'wasm/loader.js', `core/patterns/${picture.pattern}.go`];
  const files = execFileSync('git', ['ls-files', '-z', '--', ...spec], { cwd: root, encoding: 'utf8' })
    .split('\0').filter(Boolean).sort();
  if (!files.length) throw new Error(`git ls-files found none of ${spec.join(' ')} in ${root}`);
  const h = crypto.createHash('sha256');
  for (const f of files) {
    h.update(f + '\0');
    h.update(fs.readFileSync(path.join(root, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

// What docs/playground.ui records: "ui <version>" (and comment lines).
export function recordedVersion(root) {
  const file = path.join(root, picture.version);
  if (!fs.existsSync(file)) return null;
  const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith('ui '));
  return line ? line.slice(3).trim() : null;
}
