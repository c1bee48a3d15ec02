// Go by Example: channels. An unbuffered channel carries a message between
// two goroutines; the receive waits for the send.
package main

import "fmt"

func main() {
	messages := make(chan string)
	go func() { messages <- "ping" }()
	msg := <-messages
	fmt.Println(msg)
	results := make(chan int)
	for i := 1; i <= 3; i++ {
		go func(n int) { results <- n * n }(i)
	}
	sum := 0
	for i := 0; i < 3; i++ {
		sum += <-results
	}
	fmt.Println("sum of squares:", sum)
}
