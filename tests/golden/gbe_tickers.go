// Go by Example: tickers. A ticker ticks until it is stopped.
package main

import (
	"fmt"
	"time"
)

func main() {
	ticker := time.NewTicker(100 * time.Millisecond)
	done := make(chan bool)
	ticks := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-done:
				ticks <- n
				return
			case <-ticker.C:
				n++
				fmt.Println("Tick", n)
			}
		}
	}()
	time.Sleep(350 * time.Millisecond)
	ticker.Stop()
	done <- true
	fmt.Println("Ticker stopped after", <-ticks, "ticks")
}
