// What blocks and what does not, each tested with a select and a timer
// (modelled on Go's test/chan/select3.go).
package main

import (
	"fmt"
	"time"
)

func blocks(name string, f func()) {
	done := make(chan bool, 1)
	go func() {
		f()
		done <- true
	}()
	select {
	case <-done:
		fmt.Println(name, "did not block")
	case <-time.After(50 * time.Millisecond):
		fmt.Println(name, "blocked")
	}
}

func main() {
	var nilch chan int
	closed := make(chan int)
	close(closed)
	buffered := make(chan int, 1)
	unbuffered := make(chan int)
	blocks("receive from nil", func() { <-nilch })
	blocks("send to nil", func() { nilch <- 1 })
	blocks("receive from closed", func() { <-closed })
	blocks("send to buffered with room", func() { buffered <- 1 })
	blocks("send to full buffered", func() { buffered <- 2 })
	blocks("receive from unbuffered", func() { <-unbuffered })
	blocks("select with nil cases only", func() {
		select {
		case <-nilch:
		case nilch <- 1:
		}
	})
	blocks("select with default", func() {
		select {
		case <-nilch:
		default:
		}
	})
	blocks("empty select", func() { select {} })
}
