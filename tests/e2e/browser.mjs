// What every headless-Chromium script here shares (the e2e tests, the
// wasm program runner, the playground's frame-time benchmark): how Debian's
// Chromium is launched, and a static server for a directory on localhost.
//
// Invariants: WebGL2 runs on SwiftShader (never pass
// --disable-software-rasterizer: WebGL2 would disappear); the server binds
// 127.0.0.1 on a free port and never serves outside its root; with a
// Content-Security-Policy, every violation the browser reports (from the
// page and from its workers) is in server.cspReports.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const browserArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                            '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch(extraArgs = []) {
  return chromium.launch({ executablePath: chromiumPath, args: [...browserArgs, ...extraArgs] });
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm' };

// Serves `root`. isolate: COOP/COEP headers, so the page is cross-origin
// isolated (SharedArrayBuffer, the threaded build). index: the text served
// at '/' instead of root/index.html. csp: a Content-Security-Policy sent
// with every response, whose violation reports (report-uri) the server
// collects. tls: {key, cert} (PEM) to serve https. Resolves to the
// listening server.
export function serveDir(root, { isolate = true, index = null, csp = null, tls = null } = {}) {
  const handle = (req, res) => {
    const url = new URL(req.url, 'http://x');
    const headers = { 'Cache-Control': 'no-cache' };
    if (isolate) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    if (csp !== null) {
      headers['Content-Security-Policy'] = `${csp}; report-uri /csp-report`;
      if (req.method === 'POST' && url.pathname === '/csp-report') {
        let body = '';
        req.on('data', (d) => { body += d; });
        req.on('end', () => {
          server.cspReports.push(body);
          res.writeHead(204, headers);
          res.end();
        });
        return;
      }
    }
    if (index !== null && url.pathname === '/') {
      res.writeHead(200, { ...headers, 'Content-Type': types['.html'] });
      res.end(index);
      return;
    }
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = path.join(root, rel);
    if (file.endsWith(path.sep)) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, headers); res.end('not found'); return; }
      res.writeHead(200, { ...headers, 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(data);
    });
  };
  const server = tls ? https.createServer(tls, handle) : http.createServer(handle);
  server.cspReports = [];
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
