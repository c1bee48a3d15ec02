// A program that does not compile: go build reports every error, sorted,
// and exits 2; current Go's words are checked by tests/golang/check_test.cpp.
package main

import (
	"fmt"
	"os"
)

func main() {
	x := 1
	fmt.Println(y)
}

//golden:by-hand does not compile (Go 1.19 words its errors differently)
