// The Go peer of gort's benchmark suite: the same rows as bench/gort_bench.cpp
// and bench/boost/boost_bench.cpp (rows.go; mem here), one program, rows
// chosen on the command line. Each row prints one line "row value unit"; timed rows report the
// median of -reps repetitions. Parallelism comes from the GOMAXPROCS
// environment variable, as for any Go program.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
)

// mem returns bytes of RSS (js/wasm: of linear memory, see mem_js.go) per goroutine blocked on a channel receive. It is
// measured once per process: a second round would reuse the first round's
// memory, so bench/run repeats the process instead.
func mem() float64 {
	ch := make(chan int)
	var started, finished sync.WaitGroup
	started.Add(memGoroutines)
	finished.Add(memGoroutines)
	before := rssBytes()
	for i := 0; i < memGoroutines; i++ {
		go func() {
			started.Done()
			<-ch
			finished.Done()
		}()
	}
	started.Wait()
	after := rssBytes()
	for i := 0; i < memGoroutines; i++ {
		ch <- i
	}
	finished.Wait()
	return (after - before) / float64(memGoroutines)
}

// memGoroutines is how many goroutines the mem row blocks (-goroutines).
var memGoroutines = 100_000

type row struct {
	fn    func() float64
	unit  string
	timed bool
}

// rows: rows.go's timed rows, and mem.
var rows = map[string]row{"mem": {mem, "B", false}}

var order []string

func init() {
	for _, t := range timed {
		rows[t.name] = row{t.fn, t.unit, true}
		order = append(order, t.name)
	}
	order = append(order, "mem")
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

func main() {
	reps := flag.Int("reps", 5, "repetitions per timed row; the median is printed")
	flag.IntVar(&memGoroutines, "goroutines", memGoroutines, "goroutines the mem row blocks")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: go_bench [-reps N] [row...]\nrows: %s (default: all)\n",
			strings.Join(order, " "))
	}
	flag.Parse()
	names := flag.Args()
	if len(names) == 0 {
		names = order
	}
	for _, name := range names {
		r, ok := rows[name]
		if !ok {
			flag.Usage()
			os.Exit(2)
		}
		n := 1
		if r.timed {
			n = *reps
		}
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = r.fn()
		}
		fmt.Printf("%s %.1f %s\n", name, median(xs), r.unit)
	}
}
