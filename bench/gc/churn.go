// churn: 10,000,000 short-lived strings, slices, maps and closures with
// bounded live data (a 64-entry ring of the latest results), for the
// collector's memory figures (bench/memory: peak RSS natively, the wasm
// memory size in Node, both beside the 64 MB target of DESIGN.md §9.4).
package main

import (
	"fmt"
	"strconv"
)

type rec struct {
	name string
	vals []int
	tags map[string]int
	f    func() int
}

func main() {
	const n = 10_000_000 / 4 // each iteration makes one of each kind
	var ring [64]*rec
	sum := 0
	for i := 0; i < n; i++ {
		s := "item-" + strconv.Itoa(i)
		v := make([]int, 4+i%8)
		v[0] = i
		m := map[string]int{s: i}
		f := func() int { return len(s) + v[0] + m[s] }
		r := &rec{s, v, m, f}
		ring[i%len(ring)] = r
		sum += r.f() % 1000
	}
	live := 0
	for _, r := range ring {
		live += len(r.name) + len(r.vals) + len(r.tags)
	}
	fmt.Println(sum, live)
}
