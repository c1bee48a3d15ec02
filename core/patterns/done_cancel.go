package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	workers = 3
	tickMs  = 100
	runMs   = 350
)

func worker(id int, done <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 1; ; i++ {
		select {
		case <-done:
			fmt.Println("worker", id, "stopping")
			return
		case <-time.After(tickMs * time.Millisecond):
			fmt.Println("worker", id, "tick", i)
		}
	}
}

func main() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for id := 1; id <= workers; id++ {
		wg.Add(1)
		go worker(id, done, &wg)
	}
	time.Sleep(runMs * time.Millisecond)
	close(done) // a broadcast: every receive on a closed channel succeeds
	wg.Wait()
	fmt.Println("all workers stopped")
}

//golden:interleave ^worker (\d+) (tick \d+|stopping)$
