// A sieve whose filters stop: the generator is told to stop through a quit
// channel, and every goroutine closes its output on the way out (modelled
// on Go's test/chan/sieve2.go, which sieves with a heap of wheels).
package main

import (
	"fmt"
	"sort"
)

func generate(quit <-chan bool) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 2; ; i++ {
			select {
			case out <- i:
			case <-quit:
				return
			}
		}
	}()
	return out
}

func filter(in <-chan int, prime int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			if v%prime != 0 {
				out <- v
			}
		}
	}()
	return out
}

func main() {
	quit := make(chan bool)
	ch := generate(quit)
	var primes []int
	for len(primes) < 30 {
		p := <-ch
		primes = append(primes, p)
		ch = filter(ch, p)
	}
	close(quit)
	drained := 0
	for range ch {
		drained++
	}
	sort.Sort(sort.Reverse(sort.IntSlice(primes)))
	fmt.Println(primes[:5], len(primes), "drained", drained >= 0)
}
