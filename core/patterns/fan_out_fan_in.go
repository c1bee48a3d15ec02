package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	items   = 8
	workers = 3
	workMs  = 100
)

func gen(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			out <- i
		}
		close(out)
	}()
	return out
}

func sq(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			time.Sleep(workMs * time.Millisecond)
			out <- n * n
		}
		close(out)
	}()
	return out
}

func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	output := func(c <-chan int) {
		for n := range c {
			out <- n
		}
		wg.Done()
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func main() {
	in := gen(items)
	cs := make([]<-chan int, workers)
	for i := range cs {
		cs[i] = sq(in) // fan out: every sq reads from the same channel
	}
	for n := range merge(cs...) { // fan in
		fmt.Println(n)
	}
}

//golden:interleave ^\d+$
