// What closed channels do: receives drain the buffer then give zero values
// with ok false; range ends; sending or closing again panics, and the
// panics are recoverable (modelled on Go's test/chan/chan closed checks).
package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name, "panics:", r)
		}
	}()
	f()
	fmt.Println(name, "ok")
}

func main() {
	c := make(chan int, 3)
	c <- 1
	c <- 2
	close(c)
	for i := 0; i < 4; i++ {
		v, ok := <-c
		fmt.Println(v, ok)
	}
	d := make(chan string, 2)
	d <- "x"
	close(d)
	for s := range d {
		fmt.Println("ranged", s)
	}
	try("send on closed", func() { c <- 3 })
	try("close closed", func() { close(c) })
	var nilch chan int
	try("close nil", func() { close(nilch) })
	try("len and cap of closed", func() { fmt.Println(len(c), cap(c)) })
	e := make(chan int)
	go func() {
		close(e)
	}()
	v, ok := <-e
	fmt.Println("unbuffered closed:", v, ok)
	select {
	case v, ok := <-e:
		fmt.Println("select on closed:", v, ok)
	default:
		fmt.Println("default")
	}
}
