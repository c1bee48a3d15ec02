// sieve: the concurrent prime sieve to the 2,000th prime (a goroutine and
// a channel per prime): parks on every value, allocates little.
package main

import "fmt"

func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func main() {
	ch := make(chan int)
	go generate(ch)
	p := 0
	for i := 0; i < 2000; i++ {
		p = <-ch
		ch1 := make(chan int)
		go filter(ch, ch1, p)
		ch = ch1
	}
	fmt.Println(p)
}
