// Go 1.25: sync.WaitGroup.Go starts a goroutine that the group waits for.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 1; i <= 4; i++ {
		wg.Go(func() {
			mu.Lock()
			total += i
			mu.Unlock()
		})
	}
	wg.Wait()
	fmt.Println("total", total)
}

//golden:by-hand sync.WaitGroup.Go (Go 1.25) and per-iteration loop variables
