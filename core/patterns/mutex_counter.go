package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	workers    = 4
	increments = 20
	workMs     = 5
)

type Counter struct {
	mu sync.Mutex
	n  int
}

func worker(c *Counter, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < increments; i++ {
		c.mu.Lock()
		n := c.n
		time.Sleep(workMs * time.Millisecond) // the others wait in Lock
		c.n = n + 1
		c.mu.Unlock()
	}
}

func main() {
	var c Counter
	var wg sync.WaitGroup
	for w := 1; w <= workers; w++ {
		wg.Add(1)
		go worker(&c, &wg)
	}
	wg.Wait()
	fmt.Println("counter:", c.n, "want:", workers*increments)
}
