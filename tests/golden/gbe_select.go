// Go by Example: select. Waiting on two channels at once; the faster one
// is received first.
package main

import (
	"fmt"
	"time"
)

func main() {
	c1 := make(chan string)
	c2 := make(chan string)
	go func() {
		time.Sleep(50 * time.Millisecond)
		c1 <- "one"
	}()
	go func() {
		time.Sleep(150 * time.Millisecond)
		c2 <- "two"
	}()
	for i := 0; i < 2; i++ {
		select {
		case msg1 := <-c1:
			fmt.Println("received", msg1)
		case msg2 := <-c2:
			fmt.Println("received", msg2)
		}
	}
}
