package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	workers = 5
	workMs  = 100
)

func worker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	fmt.Println("worker", id, "starting")
	time.Sleep(time.Duration(id*workMs) * time.Millisecond)
	fmt.Println("worker", id, "done")
}

func main() {
	var wg sync.WaitGroup
	for id := 1; id <= workers; id++ {
		wg.Add(1)
		go worker(id, &wg)
	}
	wg.Wait()
	fmt.Println("all workers done")
}

//golden:interleave ^worker \d+ starting$
