// The rows of gort's benchmark suite, in Go: bench/go/main.go runs them
// compiled (and as js/wasm), and bench/run --interp appends
// bench/golang/main.go to this file to make one program that gort run,
// yaegi run and go build all take unchanged. So this file imports only
// what the rows use, and every interpreter must run it as it is.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const (
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

// The sieve's goroutines pass sieveEndOfInput down the chain instead of
// closing channels, so that all three programs end the chain the same way
// (closing an unbuffered Boost.Fiber channel mid-handoff is not safe).
func generate(out chan<- int, stop *atomic.Bool) {
	for i := 2; !stop.Load(); i++ {
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
	var stop atomic.Bool
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
	stop.Store(true)
	for <-ch != sieveEndOfInput {
	}
	elapsed := time.Since(start)
	if last != 17389 {
		panic(fmt.Sprintf("sieve: prime %d is %d", sievePrimes, last))
	}
	return float64(elapsed.Nanoseconds()) / 1e6
}

// timed lists the timed rows in the order they print.
var timed = []struct {
	name string
	fn   func() float64
	unit string
}{
	{"spawn", spawn, "ns"},
	{"handoff", handoff, "ns"},
	{"buffered", buffered, "ns"},
	{"select", selectRow, "ns"},
	{"pool", pool, "ms"},
	{"sieve", sieve, "ms"},
}
