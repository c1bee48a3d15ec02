package main

import (
	"fmt"
	"time"
)

const (
	items   = 5
	delayMs = 100
)

func gen(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			out <- i
			time.Sleep(delayMs * time.Millisecond)
		}
		close(out)
	}()
	return out
}

func sq(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			out <- n * n
		}
		close(out)
	}()
	return out
}

func main() {
	for n := range sq(sq(gen(items))) {
		fmt.Println(n)
	}
}
