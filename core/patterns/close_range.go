package main

import (
	"fmt"
	"time"
)

const (
	items    = 5
	capacity = 2
	delayMs  = 50
)

func producer(ch chan<- int) {
	for i := 1; i <= items; i++ {
		ch <- i
		time.Sleep(delayMs * time.Millisecond)
	}
	close(ch) // no more values: range in main ends once the buffer is empty
}

func main() {
	ch := make(chan int, capacity)
	go producer(ch)
	for v := range ch {
		fmt.Println("received", v)
	}
	v, ok := <-ch
	fmt.Println("after close:", v, ok)
}
