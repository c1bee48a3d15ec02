"""Static server for the playground's dist/ (wasm/serve): 127.0.0.1 only,
.wasm as application/wasm, and the headers that make the page
cross-origin isolated (so SharedArrayBuffer, and the threaded build, are
available): Cross-Origin-Opener-Policy: same-origin and
Cross-Origin-Embedder-Policy: require-corp, plus
Cross-Origin-Resource-Policy: cross-origin so an isolated page elsewhere can
embed it. --no-isolation leaves them out (the single-threaded build is
then used). Tries --port, then the next ports up to 20 further."""

import argparse
import functools
import http.server
import socketserver
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    isolate = True
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".html": "text/html; charset=utf-8",
    }

    def end_headers(self):
        if self.isolate:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
            self.send_header("Cross-Origin-Resource-Policy", "cross-origin")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):
        pass  # quiet: one line per request would bury the address


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="dist")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--no-isolation", action="store_true")
    a = ap.parse_args()
    Handler.isolate = not a.no_isolation
    handler = functools.partial(Handler, directory=a.dir)
    for port in range(a.port, a.port + 21):
        try:
            srv = Server(("127.0.0.1", port), handler)
            break
        except OSError:
            continue
    else:
        sys.exit(f"serve: no free port in {a.port}..{a.port + 20}")
    kind = "threaded build (COOP/COEP)" if Handler.isolate else "single-threaded build (no COOP/COEP)"
    print(f"gort playground: http://127.0.0.1:{port}/  [{kind}]  Ctrl+C stops", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
