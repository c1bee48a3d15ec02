//go:build !js

package main

import (
	"fmt"
	"os"
)

// rssBytes reads the resident set size from /proc/self/statm (in pages).
func rssBytes() float64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		panic(err)
	}
	var size, resident int64
	if _, err := fmt.Sscan(string(b), &size, &resident); err != nil {
		panic(err)
	}
	return float64(resident * int64(os.Getpagesize()))
}
