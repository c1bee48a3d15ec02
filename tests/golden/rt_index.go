// A runtime panic that nothing recovers: Go's message on stderr, exit 2,
// deferred calls run first.
package main

import "fmt"

func get(s []int, i int) int {
	return s[i]
}

func main() {
	defer fmt.Println("deferred call runs")
	s := []int{1, 2, 3}
	fmt.Println(get(s, 1))
	fmt.Println(get(s, 5))
}
