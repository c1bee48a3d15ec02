// Go 1.22: range over an integer.
package main

import "fmt"

type count int

func main() {
	for i := range 3 {
		fmt.Print(i, " ")
	}
	fmt.Println()
	n := 0
	for range 5 {
		n++
	}
	fmt.Println(n)
	var c count = 2
	for i := range c {
		fmt.Printf("%T %v\n", i, i)
	}
	for i := range 0 {
		fmt.Println("never", i)
	}
}

//golden:by-hand range over int (Go 1.22)
