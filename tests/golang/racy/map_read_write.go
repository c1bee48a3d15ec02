// Racy: one goroutine grows a map (its table is rebuilt many times) while
// others read it and range over it. Go ends such a program with "fatal
// error: concurrent map read and map write" (or "concurrent map iteration
// and map write") when it sees the overlap. Never a crash.
package main

import (
	"fmt"
	"sync"
)

func main() {
	m := map[string]int{"seed": 0}
	keys := make([]string, 4000)
	for i := range keys {
		keys[i] = fmt.Sprint("key", i)
	}
	var wg sync.WaitGroup
	seen := 0
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i, k := range keys {
			m[k] = i
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 20000; i++ {
			_ = m[keys[i%len(keys)]]
		}
	}()
	go func() {
		defer wg.Done()
		for r := 0; r < 20; r++ {
			for range m {
				seen++
			}
		}
	}()
	wg.Wait()
	fmt.Println("ok", len(m) <= 4001, seen >= 0)
}
