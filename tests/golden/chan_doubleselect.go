// Several goroutines multiplex values from three channels through selects
// into one; every value arrives exactly once (modelled on Go's
// test/chan/doubleselect.go).
package main

import (
	"fmt"
	"sync"
)

const iterations = 1000

func sender(n int, c1, c2, c3, c4 chan<- int) {
	for i := 0; i < n; i++ {
		select {
		case c1 <- i:
		case c2 <- i:
		case c3 <- i:
		case c4 <- i:
		}
	}
	close(c1)
	close(c2)
	close(c3)
	close(c4)
}

func mux(out chan<- int, in <-chan int, wg *sync.WaitGroup) {
	for v := range in {
		out <- v
	}
	wg.Done()
}

func recver(in <-chan int, done chan<- bool) {
	seen := make(map[int]bool)
	for v := range in {
		if seen[v] {
			fmt.Println("got duplicate value:", v)
		}
		seen[v] = true
	}
	fmt.Println("received", len(seen), "distinct values")
	done <- true
}

func main() {
	c1 := make(chan int)
	c2 := make(chan int)
	c3 := make(chan int)
	c4 := make(chan int)
	cmux := make(chan int)
	done := make(chan bool)
	var wg sync.WaitGroup
	wg.Add(4)
	go sender(iterations, c1, c2, c3, c4)
	go mux(cmux, c1, &wg)
	go mux(cmux, c2, &wg)
	go mux(cmux, c3, &wg)
	go mux(cmux, c4, &wg)
	go func() {
		wg.Wait()
		close(cmux)
	}()
	go recver(cmux, done)
	<-done
}
