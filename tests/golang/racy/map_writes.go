// Racy: four goroutines write one map with no lock. Go ends such a program
// with "fatal error: concurrent map writes" when it sees two writes overlap;
// an undetected race leaves a map with some of the keys. Never a crash.
package main

import (
	"fmt"
	"sync"
)

func main() {
	m := map[int]int{}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 5000; i++ {
				m[i*4+g] = i
				if i%3 == 0 {
					delete(m, i*4+g)
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("ok", len(m) <= 20000)
}
