package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

const (
	chefs  = 4
	chunks = 15
)

var sink [chefs + 1]uint64 // a slot per chef: no two chefs write one variable

// chop is one chunk of CPU-bound work: no waiting, only computing.
func chop(id int) {
	x := uint64(88172645463325252)
	for i := 0; i < 100_000; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	sink[id] = x
}

func chef(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	start := time.Now()
	for c := 0; c < chunks; c++ {
		chop(id)
		runtime.Gosched() // let another chef use this processor
	}
	fmt.Println("chef", id, "done in", time.Since(start).Round(time.Millisecond))
}

func main() {
	start := time.Now()
	var wg sync.WaitGroup
	for id := 1; id <= chefs; id++ {
		wg.Add(1)
		go chef(id, &wg)
	}
	wg.Wait()
	fmt.Println("all dishes in", time.Since(start).Round(time.Millisecond))
}

//golden:mask in ((\d+(\.\d+)?(h|ms|µs|ns|m|s))+)$
//golden:interleave ^chef \d+ done
