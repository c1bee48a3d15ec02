// A WaitGroup that is never done: every goroutine is asleep, a deadlock.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		fmt.Println("one done")
		wg.Done()
	}()
	wg.Wait()
}
