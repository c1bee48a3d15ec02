package main

import (
	"fmt"
	"time"
)

const (
	items     = 3
	produceMs = 100
	pollMs    = 40
)

func producer(c chan<- int) {
	for i := 1; i <= items; i++ {
		time.Sleep(produceMs * time.Millisecond)
		c <- i
	}
	close(c)
}

func main() {
	c := make(chan int)
	go producer(c)
	for {
		select {
		case v, ok := <-c:
			if !ok {
				fmt.Println("producer is done")
				return
			}
			fmt.Println("received", v)
		default:
			fmt.Println("nothing ready: doing other work")
			time.Sleep(pollMs * time.Millisecond)
		}
	}
}
