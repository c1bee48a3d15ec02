// Go by Example: panic. An unrecovered panic ends the program with exit
// code 2 and Go's report on stderr.
package main

import (
	"errors"
	"fmt"
)

func mayFail(n int) error {
	if n > 2 {
		return errors.New("too big")
	}
	return nil
}

func main() {
	for i := 1; i <= 3; i++ {
		if err := mayFail(i); err != nil {
			panic(err)
		}
		fmt.Println("ok", i)
	}
}
