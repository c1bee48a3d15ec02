package main

import (
	"fmt"
	"time"
)

const (
	aItems = 3
	bItems = 4
	aMs    = 100
	bMs    = 70
)

func produce(name string, n int, delay time.Duration) <-chan string {
	c := make(chan string)
	go func() {
		for i := 1; i <= n; i++ {
			time.Sleep(delay)
			c <- fmt.Sprint(name, i)
		}
		close(c)
	}()
	return c
}

func main() {
	a := produce("a", aItems, aMs*time.Millisecond)
	b := produce("b", bItems, bMs*time.Millisecond)
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				fmt.Println("a is closed")
				a = nil // a nil channel is never ready: this case is off now
				continue
			}
			fmt.Println(v)
		case v, ok := <-b:
			if !ok {
				fmt.Println("b is closed")
				b = nil
				continue
			}
			fmt.Println(v)
		}
	}
	fmt.Println("both done")
}
