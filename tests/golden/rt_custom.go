// panic with an error value and with a custom type: Go prints the error's
// text, or the value.
package main

import (
	"fmt"
	"os"
)

type code int

func main() {
	defer func() {
		r := recover()
		fmt.Printf("%v %T\n", r, r)
		fmt.Fprintln(os.Stderr, "about to panic with a custom type")
		panic(code(7))
	}()
	panic(fmt.Errorf("wrapped: %w", os.ErrNotExist))
}
