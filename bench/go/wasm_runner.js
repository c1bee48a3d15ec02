// Runs a Go program built with GOOS=js GOARCH=wasm in Node 20:
//
//   node bench/go/wasm_runner.js PROGRAM.wasm [args...]
//
// Go 1.19's own misc/wasm/go_js_wasm_exec (wasm_exec_node.js) fails on Node
// 20 with "TypeError: Cannot set property crypto of #<Object> which has only
// a getter": Node 20 already has globalThis.crypto (Web Crypto, with
// getRandomValues), performance and TextEncoder/TextDecoder. This runner sets
// up only what is missing, then loads $(go env GOROOT)/misc/wasm/wasm_exec.js
// (found with `go env GOROOT`, or from $GOROOT), passes argv and the
// environment, and exits with the program's exit code.
//
// For bench/go's mem row it also defines gortBenchWasmMemoryBytes(), the
// byte length of the instance's linear memory (see bench/go/mem_js.go).
"use strict";

const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

if (process.argv.length < 3) {
  console.error("usage: node wasm_runner.js PROGRAM.wasm [args...]");
  process.exit(2);
}

const goroot = process.env.GOROOT ||
  execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim();

// wasm_exec.js writes stdout/stderr through globalThis.fs.writeSync.
globalThis.require = require;
globalThis.fs = fs;
if (!globalThis.TextEncoder || !globalThis.TextDecoder) {
  const util = require("util");
  globalThis.TextEncoder = util.TextEncoder;
  globalThis.TextDecoder = util.TextDecoder;
}
if (!globalThis.performance) globalThis.performance = require("perf_hooks").performance;
if (!globalThis.crypto || !globalThis.crypto.getRandomValues) {
  const nodeCrypto = require("crypto");
  Object.defineProperty(globalThis, "crypto", {
    value: { getRandomValues: (b) => nodeCrypto.randomFillSync(b) },
    configurable: true,
  });
}

require(path.join(goroot, "misc", "wasm", "wasm_exec.js"));

const go = new globalThis.Go();
go.argv = process.argv.slice(2);
go.env = Object.assign({ TMPDIR: require("os").tmpdir() }, process.env);
go.exit = (code) => process.exit(code);

let instance;
globalThis.gortBenchWasmMemoryBytes = () => instance.exports.mem.buffer.byteLength;

WebAssembly.instantiate(fs.readFileSync(process.argv[2]), go.importObject)
  .then((result) => {
    instance = result.instance;
    process.on("exit", (code) => {
      // Node exits when no event is pending: if Go has not exited, all
      // goroutines are asleep. Resuming makes Go report the deadlock.
      if (code === 0 && !go.exited) {
        go._pendingEvent = { id: 0 };
        go._resume();
      }
    });
    return go.run(instance);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
