package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	workers = 6
	limit   = 2
	workMs  = 150
)

func worker(id int, sem chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	sem <- struct{}{} // acquire: blocks while limit workers hold a slot
	fmt.Println("worker", id, "working")
	time.Sleep(workMs * time.Millisecond)
	fmt.Println("worker", id, "done")
	<-sem // release
}

func main() {
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for id := 1; id <= workers; id++ {
		wg.Add(1)
		go worker(id, sem, &wg)
	}
	wg.Wait()
	fmt.Println("all workers done")
}

//golden:interleave ^worker (\d+) (working|done)$
