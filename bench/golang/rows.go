// The interpreted rows of gort's benchmark suite: bench/go/main.go's rows as
// one plain Go program that every runner takes unchanged — `gort run`, `yaegi
// run` and `go build` — so the three columns time the same source. The
// interpreters pass a program no arguments, so the row is the constant
// `only` below: bench/run writes a copy per row with it set ("" runs every
// timed row). Each row prints one line "row value unit", the median of
// `reps` repetitions, as bench/go/main.go does; the sizes are the same.
//
// mem blocks memGoroutines goroutines on a channel receive and holds them
// there for a moment; mem0 is the same program blocking none. The program
// cannot read its own RSS in every runner, so bench/run measures both
// processes' peak RSS and reports (mem - mem0) / memGoroutines.
package main

import (
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

const only = ""

const (
	reps            = 3
	spawnBatch      = 1000
	spawnBatches    = 100
	handoffTrips    = 200_000
	bufferedItems   = 1_000_000
	bufferedCap     = 128
	selectItems     = 400_000
	poolTasks       = 1_000_000
	poolWorkers     = 4
	sievePrimes     = 2000
	sieveEndOfInput = -1
	memGoroutines   = 100_000
)

// spawn returns ns per goroutine started and finished.
func spawn() float64 {
	start := time.Now()
	var wg sync.WaitGroup
	for b := 0; b < spawnBatches; b++ {
		wg.Add(spawnBatch)
		for i := 0; i < spawnBatch; i++ {
			go func() { wg.Done() }()
		}
		wg.Wait()
	}
	return float64(time.Since(start).Nanoseconds()) / (spawnBatch * spawnBatches)
}

// handoff returns ns per one-way handoff; a round trip is two.
func handoff() float64 {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for i := 0; i < handoffTrips; i++ {
			pong <- <-ping
		}
	}()
	start := time.Now()
	for i := 0; i < handoffTrips; i++ {
		ping <- i
		<-pong
	}
	return float64(time.Since(start).Nanoseconds()) / (2 * handoffTrips)
}

// buffered returns ns per item through a channel of capacity 128.
func buffered() float64 {
	ch := make(chan int, bufferedCap)
	start := time.Now()
	go func() {
		for i := 0; i < bufferedItems; i++ {
			ch <- i
		}
	}()
	for i := 0; i < bufferedItems; i++ {
		<-ch
	}
	return float64(time.Since(start).Nanoseconds()) / bufferedItems
}

// selectRow returns ns per select over 4 unbuffered channels, each fed by its
// own producer.
func selectRow() float64 {
	var chs [4]chan int
	for i := range chs {
		chs[i] = make(chan int)
		go func(c chan int) {
			for j := 0; j < selectItems/4; j++ {
				c <- j
			}
		}(chs[i])
	}
	start := time.Now()
	sum := 0
	for i := 0; i < selectItems; i++ {
		select {
		case v := <-chs[0]:
			sum += v
		case v := <-chs[1]:
			sum += v
		case v := <-chs[2]:
			sum += v
		case v := <-chs[3]:
			sum += v
		}
	}
	elapsed := time.Since(start)
	if sum != 4*(selectItems/4)*(selectItems/4-1)/2 {
		panic("select: lost items")
	}
	return float64(elapsed.Nanoseconds()) / selectItems
}

// pool returns ms for 1M tasks through jobs -> 4 workers -> results, both
// channels of capacity 128.
func pool() float64 {
	start := time.Now()
	jobs, results := make(chan int, bufferedCap), make(chan int, bufferedCap)
	for w := 0; w < poolWorkers; w++ {
		go func() {
			for j := range jobs {
				results <- j * 2
			}
		}()
	}
	go func() {
		for i := 0; i < poolTasks; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	sum := 0
	for i := 0; i < poolTasks; i++ {
		sum += <-results
	}
	elapsed := time.Since(start)
	if sum != poolTasks*(poolTasks-1) {
		panic("pool: lost results")
	}
	return float64(elapsed.Nanoseconds()) / 1e6
}

// The sieve ends its chain with sieveEndOfInput, as bench/go/main.go does.
func generate(out chan<- int, stop *int32) {
	for i := 2; atomic.LoadInt32(stop) == 0; i++ {
		out <- i
	}
	out <- sieveEndOfInput
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i == sieveEndOfInput {
			out <- i
			return
		}
		if i%prime != 0 {
			out <- i
		}
	}
}

// sieve returns ms to find 2000 primes with one filter goroutine per prime,
// including the time to wind the chain down.
func sieve() float64 {
	start := time.Now()
	var stop int32
	ch := make(chan int)
	go generate(ch, &stop)
	last := 0
	for n := 0; n < sievePrimes; n++ {
		last = <-ch
		if n == sievePrimes-1 {
			break
		}
		next := make(chan int)
		go filter(ch, next, last)
		ch = next
	}
	atomic.StoreInt32(&stop, 1)
	for <-ch != sieveEndOfInput {
	}
	elapsed := time.Since(start)
	if last != 17389 {
		panic(fmt.Sprintf("sieve: prime %d is %d", sievePrimes, last))
	}
	return float64(elapsed.Nanoseconds()) / 1e6
}

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

type row struct {
	name string
	fn   func() float64
	unit string
}

var rows = []row{
	{"spawn", spawn, "ns"},
	{"handoff", handoff, "ns"},
	{"buffered", buffered, "ns"},
	{"select", selectRow, "ns"},
	{"pool", pool, "ms"},
	{"sieve", sieve, "ms"},
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
	for _, r := range rows {
		if only != "" && r.name != only {
			continue
		}
		xs := make([]float64, reps)
		for i := range xs {
			xs[i] = r.fn()
		}
		sort.Float64s(xs)
		fmt.Printf("%s %.1f %s\n", r.name, xs[len(xs)/2], r.unit)
	}
}
