// Values pass through a buffered channel and a chain of unbuffered ones in
// the order they were sent (modelled on Go's test/chan/fifo.go).
package main

import "fmt"

const n = 10

func asyncFifo() {
	ch := make(chan int, n)
	for i := 0; i < n; i++ {
		ch <- i
	}
	for i := 0; i < n; i++ {
		if v := <-ch; v != i {
			fmt.Println("bad receive", v, i)
			return
		}
	}
	fmt.Println("async fifo ok")
}

func main() {
	asyncFifo()
	// An unbuffered chain: value i goes in first, comes out last.
	start := make(chan int)
	prev := start
	for i := 0; i < n; i++ {
		next := make(chan int)
		go func(in <-chan int, out chan<- int) {
			for v := range in {
				out <- v + 1
			}
			close(out)
		}(prev, next)
		prev = next
	}
	go func() {
		for i := 0; i < 3; i++ {
			start <- i * 100
		}
		close(start)
	}()
	for v := range prev {
		fmt.Println("through the chain:", v)
	}
}
