package main

import (
	"fmt"
	"time"
)

const (
	capacity  = 3
	items     = 8
	produceMs = 20
	consumeMs = 100
)

func producer(ch chan<- int) {
	for i := 1; i <= items; i++ {
		ch <- i // blocks only while the buffer is full
		fmt.Println("produced", i)
		time.Sleep(produceMs * time.Millisecond)
	}
	close(ch)
}

func main() {
	ch := make(chan int, capacity)
	go producer(ch)
	for v := range ch {
		fmt.Println("consumed", v)
		time.Sleep(consumeMs * time.Millisecond)
	}
}

//golden:interleave ^(produced|consumed) \d+$
