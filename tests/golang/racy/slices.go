// Racy: goroutines append to one shared slice and overwrite its elements
// while another swaps the whole slice between a short and a long one and
// indexes it. A reader sees some whole slice (its length and its array
// agree), so an index below the length of the copy it read is always in
// bounds (the variable itself may hold a shorter slice by the next read:
// appends racing each other lose elements).
package main

import (
	"fmt"
	"sync"
)

var shared []int
var swapped []byte

func main() {
	short, long := make([]byte, 1), make([]byte, 1000)
	var wg sync.WaitGroup
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 5000; i++ {
				shared = append(shared, i)
				if s := shared; len(s) > 0 {
					s[len(s)-1] = g // shared itself may be shorter by now
				}
			}
		}(g)
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 20000; i++ {
			if i%2 == 0 {
				swapped = short
			} else {
				swapped = long
			}
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 20000; i++ {
			s := swapped
			if len(s) > 0 {
				s[len(s)-1]++
			}
		}
	}()
	wg.Wait()
	fmt.Println("ok", len(shared) <= 15000)
}
