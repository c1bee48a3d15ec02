package main

import (
	"fmt"
	"time"
)

const (
	requests  = 4
	latencyMs = 50
	timeoutMs = 120
)

func server(id int, c chan<- string) {
	time.Sleep(time.Duration(id*latencyMs) * time.Millisecond)
	c <- fmt.Sprint("response ", id)
}

func main() {
	for id := 1; id <= requests; id++ {
		c := make(chan string, 1) // buffered: a late reply never blocks
		go server(id, c)
		select {
		case res := <-c:
			fmt.Println(res)
		case <-time.After(timeoutMs * time.Millisecond):
			fmt.Println("request", id, "timed out")
		}
	}
}
