// A panic recovered and raised again prints both, the first marked
// [recovered].
package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		panic(fmt.Sprintf("again after %v", r))
	}()
	panic("first")
}
