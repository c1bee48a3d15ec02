// Go by Example: defer. Deferred calls run when the function returns, last
// first, with arguments evaluated where defer is written.
package main

import "fmt"

type file struct{ name string }

func create(name string) *file {
	fmt.Println("creating", name)
	return &file{name}
}

func (f *file) write(s string) { fmt.Println("writing", s, "to", f.name) }

func (f *file) close() { fmt.Println("closing", f.name) }

func counter() (n int) {
	defer func() { n++ }()
	return 41
}

func main() {
	f := create("/tmp/defer.txt")
	defer f.close()
	f.write("data")
	for i := 0; i < 3; i++ {
		defer fmt.Println("deferred", i)
	}
	x := 1
	defer fmt.Println("x at defer time:", x)
	x = 2
	fmt.Println("x now:", x, "counter:", counter())
}
