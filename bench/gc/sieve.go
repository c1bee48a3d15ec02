// sieve: the concurrent prime sieve to the 2,000th prime (a goroutine and
// a channel per prime): parks on every value, allocates little.
package main

import "fmt"

func main() {
	numbers := make(chan int)
	go func(out chan<- int) {
		for n := 2; ; n++ {
			out <- n
		}
	}(numbers)
	p := 0
	for found := 0; found < 2000; found++ {
		p = <-numbers
		in, out := numbers, make(chan int)
		go func(prime int) {
			for n := range in {
				if n%prime != 0 {
					out <- n
				}
			}
		}(p)
		numbers = out
	}
	fmt.Println(p)
}
