// Racy: a string variable and a struct holding a pointer and a length are
// overwritten from one goroutine while others read them. A string read is a
// whole string; a struct's fields may come from different writes, which is
// wrong data, never memory outside an object.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type view struct {
	buf *[]byte
	n   int
}

var s string
var cur view

func main() {
	short, long := "x", strings.Repeat("y", 4096)
	small, big := make([]byte, 1), make([]byte, 4096)
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i := 0; i < 20000; i++ {
			if i%2 == 0 {
				s, cur = short, view{&small, 1}
			} else {
				s, cur = long, view{&big, 4096}
			}
		}
	}()
	torn := 0
	for r := 0; r < 2; r++ {
		go func() {
			defer wg.Done()
			defer func() {
				if recover() != nil {
					torn++ // an index past a torn view's buffer: a Go panic
				}
			}()
			for i := 0; i < 20000; i++ {
				x := s
				if len(x) > 0 && x[len(x)-1] != 'x' && x[len(x)-1] != 'y' {
					panic("bad string")
				}
				c := cur
				if c.buf != nil && c.n > 0 {
					_ = (*c.buf)[c.n-1]
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println("ok", torn >= 0)
}
