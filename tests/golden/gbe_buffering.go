// Go by Example: channel buffering. A buffered channel accepts values
// without a receiver, up to its capacity.
package main

import "fmt"

func main() {
	messages := make(chan string, 2)
	messages <- "buffered"
	messages <- "channel"
	fmt.Println(len(messages), cap(messages))
	fmt.Println(<-messages)
	fmt.Println(<-messages)
	fmt.Println(len(messages))
}
