// Racy: four goroutines increment one counter and one array slot with no
// lock. The total is wrong (lost updates), never a crash.
package main

import (
	"fmt"
	"sync"
)

var counter int
var slots [4]int64

func main() {
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20000; i++ {
				counter++
				slots[i%4] += int64(g)
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("ok", counter > 0 && counter <= 80000)
}
