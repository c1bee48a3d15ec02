//go:build js && wasm

package main

import "syscall/js"

// rssBytes under js/wasm: the size of the module's linear memory, read from
// the instance's exported memory by bench/go/wasm_runner.js's
// gortBenchWasmMemoryBytes. WebAssembly has no lazy pages, so this is the
// memory the program costs. Go's runtime grows it page by page, exactly as
// far as its heap reservations reach, and never shrinks it, so the delta is
// what the goroutines took (runtime.MemStats.Sys moves with it: Go's
// sysReserve on js is memory.grow).
func rssBytes() float64 {
	return js.Global().Call("gortBenchWasmMemoryBytes").Float()
}
