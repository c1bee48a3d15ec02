package main

import (
	"fmt"
	"time"
)

const (
	requests   = 5
	intervalMs = 100
)

func main() {
	queue := make(chan int, requests)
	for i := 1; i <= requests; i++ {
		queue <- i
	}
	close(queue)

	limiter := time.NewTicker(intervalMs * time.Millisecond)
	defer limiter.Stop()
	start := time.Now()
	for req := range queue {
		<-limiter.C // one request per tick
		fmt.Println("request", req, "at", time.Since(start).Round(time.Millisecond))
	}
}

//golden:mask at ((\d+(\.\d+)?(h|ms|µs|ns|m|s))+)$
