// A select in a loop with a receive and a send on the same channels never
// loses a value (modelled on Go's test/chan/select2.go and select3.go).
package main

import "fmt"

func main() {
	in := make(chan int)
	out := make(chan int)
	done := make(chan bool)
	go func() {
		sum := 0
		for v := range out {
			sum += v
		}
		fmt.Println("sum", sum)
		done <- true
	}()
	go func() {
		for i := 1; i <= 100; i++ {
			in <- i
		}
		close(in)
	}()
	pending := []int{}
	for in != nil || len(pending) > 0 {
		var sendTo chan int
		var next int
		if len(pending) > 0 {
			sendTo = out
			next = pending[0]
		}
		select {
		case v, ok := <-in:
			if !ok {
				in = nil
				continue
			}
			pending = append(pending, v)
		case sendTo <- next:
			pending = pending[1:]
		}
	}
	close(out)
	<-done
}
