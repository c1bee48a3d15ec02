// Racy: one goroutine stores values of different dynamic types in one
// interface variable while others type-switch on it and use the value. A
// reader sees a whole interface: its type and its value always agree.
package main

import (
	"fmt"
	"sync"
)

type pair struct{ a, b int }

var v any
var e error

type myErr struct{ s string }

func (m *myErr) Error() string { return m.s }

func main() {
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i := 0; i < 20000; i++ {
			switch i % 4 {
			case 0:
				v = i
			case 1:
				v = "a string of some length"
			case 2:
				v = pair{i, -i}
			case 3:
				v = []int{1, 2, 3}
			}
			if i%2 == 0 {
				e = &myErr{"first"}
			} else {
				e = nil
			}
		}
	}()
	bad := 0
	for r := 0; r < 2; r++ {
		go func() {
			defer wg.Done()
			for i := 0; i < 20000; i++ {
				switch x := v.(type) {
				case int:
					if x < 0 {
						bad++
					}
				case string:
					if len(x) != 23 || x[22] != 'h' {
						bad++
					}
				case pair:
					if x.a != -x.b {
						bad++
					}
				case []int:
					if len(x) != 3 || x[2] != 3 {
						bad++
					}
				}
				if err := e; err != nil && err.Error() != "first" {
					bad++
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println("ok", bad == 0)
}
