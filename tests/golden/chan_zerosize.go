// Channels of zero-size values (struct{}, [0]int) send and receive
// (modelled on Go's test/chan/zerosize.go).
package main

import "fmt"

type empty struct{}

func main() {
	c := make(chan struct{}, 3)
	c <- struct{}{}
	c <- empty{}
	fmt.Println(len(c), cap(c))
	<-c
	v, ok := <-c
	fmt.Println(v, ok, len(c))
	z := make(chan [0]int)
	go func() { z <- [0]int{} }()
	a := <-z
	fmt.Println(a, len(a))
	done := make(chan struct{})
	go func() {
		fmt.Println("working")
		close(done)
	}()
	<-done
	_, ok = <-done
	fmt.Println("closed:", !ok)
}
