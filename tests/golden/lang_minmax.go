// Go 1.21: the built-ins min, max and clear.
package main

import "fmt"

func main() {
	x, y := 3, 7
	fmt.Println(min(x, y), max(x, y), min(2.5, 1.0, 3), max("b", "a", "c"))
	const c = min(10, 2, 5)
	fmt.Println(c)
	m := map[string]int{"a": 1, "b": 2}
	clear(m)
	fmt.Println(len(m), m)
	s := []int{1, 2, 3}
	clear(s)
	fmt.Println(len(s), s)
}

//golden:by-hand min, max and clear (Go 1.21)
