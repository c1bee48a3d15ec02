// The main of the interpreted rows: bench/run --interp appends this file,
// from its first declaration on, to bench/go/rows.go, and sets `only`, so
// that gort run, yaegi run and go build take one and the same program (the
// interpreters pass a program no arguments). It uses only what rows.go
// imports. Each timed row prints "row value unit", the median of 3
// repetitions, as bench/go/main.go does.
//
// mem blocks memGoroutines goroutines on a channel receive and holds them
// there for a moment; mem0 is the same program blocking none. The program
// cannot read its own RSS in every runner, so bench/run measures both
// processes' peak RSS and reports (mem - mem0) / memGoroutines.
package main

import (
	"fmt"
	"sync"
	"time"
)

const only = "" // a row's name; "" runs every timed row

const memGoroutines = 100_000

// park blocks n goroutines on one channel, holds them 200 ms so the peak RSS
// includes them, then releases them all.
func park(n int) {
	ch := make(chan int)
	var started, finished sync.WaitGroup
	started.Add(n)
	finished.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			<-ch
			finished.Done()
		}()
	}
	started.Wait()
	time.Sleep(200 * time.Millisecond)
	for i := 0; i < n; i++ {
		ch <- i
	}
	finished.Wait()
	fmt.Printf("parked %d\n", n)
}

func main() {
	switch only {
	case "mem":
		park(memGoroutines)
		return
	case "mem0":
		park(0)
		return
	}
	for _, r := range timed {
		if only != "" && r.name != only {
			continue
		}
		var xs [3]float64
		for i := range xs {
			xs[i] = r.fn()
		}
		lo, hi := xs[0], xs[0]
		for _, x := range xs {
			if x < lo {
				lo = x
			}
			if x > hi {
				hi = x
			}
		}
		fmt.Printf("%s %.1f %s\n", r.name, xs[0]+xs[1]+xs[2]-lo-hi, r.unit)
	}
}
