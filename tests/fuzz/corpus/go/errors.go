package main

import "fmt"

func main() {
	var x int = "s"
	y := 1
	z, w := 2
	undefined()
	for i := range 10 {
		fmt.Println(i +)
	}
	var c complex128
	_ = unsafe.Pointer(nil)
	return 1
}
