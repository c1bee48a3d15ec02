// Go by Example: timers. A timer fires once; a stopped one never does.
package main

import (
	"fmt"
	"time"
)

func main() {
	timer1 := time.NewTimer(100 * time.Millisecond)
	<-timer1.C
	fmt.Println("Timer 1 fired")
	timer2 := time.NewTimer(time.Second)
	go func() {
		<-timer2.C
		fmt.Println("Timer 2 fired")
	}()
	stop2 := timer2.Stop()
	if stop2 {
		fmt.Println("Timer 2 stopped")
	}
	time.Sleep(200 * time.Millisecond)
	t3 := time.NewTimer(time.Hour)
	fmt.Println("reset of an armed timer:", t3.Reset(50*time.Millisecond))
	<-t3.C
	fmt.Println("Timer 3 fired after its reset")
	fmt.Println("stop of a fired timer:", t3.Stop())
}
