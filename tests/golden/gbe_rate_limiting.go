// Go by Example: rate limiting. A ticker paces requests; a buffered channel
// of tokens allows bursts.
package main

import (
	"fmt"
	"time"
)

func main() {
	requests := make(chan int, 5)
	for i := 1; i <= 5; i++ {
		requests <- i
	}
	close(requests)
	limiter := time.Tick(50 * time.Millisecond)
	start := time.Now()
	for req := range requests {
		<-limiter
		fmt.Println("request", req, time.Since(start).Round(50*time.Millisecond))
	}
	bursty := make(chan time.Time, 3)
	for i := 0; i < 3; i++ {
		bursty <- time.Now()
	}
	go func() {
		for t := range time.Tick(50 * time.Millisecond) {
			bursty <- t
		}
	}()
	burstyRequests := make(chan int, 5)
	for i := 1; i <= 5; i++ {
		burstyRequests <- i
	}
	close(burstyRequests)
	start = time.Now()
	for req := range burstyRequests {
		<-bursty
		fmt.Println("bursty request", req, time.Since(start).Round(50*time.Millisecond))
	}
}
