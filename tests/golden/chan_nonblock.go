// Non-blocking sends and receives with select/default on channels of
// several element types and capacities (modelled on Go's
// test/chan/nonblock.go).
package main

import (
	"fmt"
	"runtime"
)

func main() {
	for _, size := range []int{0, 1, 4} {
		c32 := make(chan int32, size)
		cs := make(chan string, size)
		select {
		case v := <-c32:
			fmt.Println("unexpected receive", v)
		default:
			fmt.Println("size", size, "int32: empty")
		}
		sent := 0
		for i := 0; i < 6; i++ {
			select {
			case cs <- fmt.Sprint("v", i):
				sent++
			default:
			}
		}
		fmt.Println("size", size, "string: sent", sent, "without blocking")
		done := make(chan bool)
		go func() {
			v := <-cs
			for len(cs) > 0 {
				<-cs
			}
			_ = v
			done <- true
		}()
		for {
			select {
			case cs <- "late":
				<-done
				goto next
			default:
				runtime.Gosched()
			}
		}
	next:
	}
	var nilc chan int
	select {
	case nilc <- 1:
		fmt.Println("sent on nil")
	default:
		fmt.Println("nil channel never ready")
	}
}
