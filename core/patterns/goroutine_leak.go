package main

import (
	"fmt"
	"runtime"
	"time"
)

const (
	replicas  = 3
	latencyMs = 100
)

func search(id int, c chan<- int) {
	time.Sleep(time.Duration(id*latencyMs) * time.Millisecond)
	c <- id // the losers block here forever: nobody receives again
}

// first asks every replica and returns the first reply.
func first() int {
	c := make(chan int) // unbuffered: the bug (make(chan int, replicas) fixes it)
	for id := 1; id <= replicas; id++ {
		go search(id, c)
	}
	return <-c
}

func main() {
	fmt.Println("goroutines at start:", runtime.NumGoroutine())
	fmt.Println("first reply from replica", first())
	time.Sleep(replicas * latencyMs * time.Millisecond)
	fmt.Println("goroutines at exit:", runtime.NumGoroutine())
}
