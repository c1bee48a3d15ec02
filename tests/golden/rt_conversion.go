// A failed type assertion panics with Go's interface conversion message;
// the comma-ok form does not.
package main

import "fmt"

func main() {
	var i interface{} = "text"
	n, ok := i.(int)
	fmt.Println(n, ok)
	s := i.(string)
	fmt.Println(s)
	var e error
	_, ok = e.(fmt.Stringer)
	fmt.Println(ok)
	fmt.Println(i.(fmt.Stringer))
}
