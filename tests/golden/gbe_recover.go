// Go by Example: recover. A deferred function stops a panic and the
// function returns normally; runtime panics are recovered the same way.
package main

import "fmt"

func mayPanic() {
	panic("a problem")
}

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func main() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("Recovered. Error:\n", r)
		}
	}()
	fmt.Println(safeDiv(7, 2))
	fmt.Println(safeDiv(1, 0))
	fmt.Println("recover outside a panic:", recover())
	mayPanic()
	fmt.Println("After mayPanic()")
}
