// Go by Example: goroutines. A function run directly, then as goroutines.
package main

import (
	"fmt"
	"time"
)

func f(from string) {
	for i := 0; i < 3; i++ {
		fmt.Println(from, ":", i)
	}
}

func main() {
	f("direct")
	go f("goroutine")
	go func(msg string) {
		fmt.Println(msg)
	}("going")
	time.Sleep(100 * time.Millisecond)
	fmt.Println("done")
}

//golden:interleave ^goroutine : \d$
//golden:interleave ^going$
