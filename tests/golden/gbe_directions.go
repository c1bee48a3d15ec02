// Go by Example: channel directions. Send-only and receive-only parameters.
package main

import "fmt"

func ping(pings chan<- string, msg string) {
	pings <- msg
}

func pong(pings <-chan string, pongs chan<- string) {
	msg := <-pings
	pongs <- msg
}

func main() {
	pings := make(chan string, 1)
	pongs := make(chan string, 1)
	ping(pings, "passed message")
	pong(pings, pongs)
	fmt.Println(<-pongs)
	var send chan<- int = make(chan int, 1)
	fmt.Printf("%T %T\n", send, (<-chan int)(make(chan int)))
}
