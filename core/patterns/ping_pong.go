package main

import (
	"fmt"
	"time"
)

const (
	hits    = 6
	delayMs = 100
)

func player(name string, in <-chan int, out chan<- int, done chan<- int) {
	for {
		ball := <-in
		fmt.Println(name, ball)
		time.Sleep(delayMs * time.Millisecond)
		if ball == hits {
			done <- ball
			return
		}
		out <- ball + 1
	}
}

func main() {
	ping := make(chan int) // unbuffered: every hit is a handoff
	pong := make(chan int)
	done := make(chan int)
	go player("ping", ping, pong, done)
	go player("pong", pong, ping, done)
	ping <- 1
	fmt.Println("game over after", <-done, "hits")
}
