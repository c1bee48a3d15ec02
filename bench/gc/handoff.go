// handoff: 1,000,000 round trips between two goroutines over unbuffered
// channels, allocating nothing: what the collector's park hooks cost
// (bench/memory times it with and without them, DESIGN.md §9.4).
package main

import "fmt"

func main() {
	const n = 1_000_000
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < n; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	fmt.Println(sum)
}
