// A select whose cases are picked by what is ready: counts which of two
// senders got through, and that a ready case is always taken (modelled on
// Go's test/chan/select.go).
package main

import "fmt"

var counter uint
var shift uint

func getValue() uint {
	counter++
	return 1 << shift
}

func send(c1, c2 chan uint) (n int) {
	for {
		select {
		case c1 <- getValue():
			n++
		case c2 <- getValue():
			n++
		default:
			return
		}
	}
}

func main() {
	a := make(chan uint, 1)
	b := make(chan uint, 1)
	if v := send(a, b); v != 2 {
		fmt.Println("send returned", v, "want 2")
		return
	}
	if counter != 3*1 && counter != 3 {
		fmt.Println("counter", counter)
	}
	fmt.Println(len(a), len(b), <-a+<-b)
	shift = 1
	counter = 0
	if v := send(a, nil); v != 1 {
		fmt.Println("send on nil channel case chosen")
	}
	fmt.Println("values:", <-a, "evaluated:", counter)
}
