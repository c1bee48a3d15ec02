// Go 1.22: each iteration of a for loop has its own loop variables, so
// closures capture one value each (Go 1.19 would print 3 3 3 and c c c).
package main

import "fmt"

func main() {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	var gs []func() string
	for _, s := range []string{"a", "b", "c"} {
		gs = append(gs, func() string { return s })
	}
	for _, g := range gs {
		fmt.Print(g(), " ")
	}
	fmt.Println()
	var ps []*int
	for i := 0; i < 3; i++ {
		ps = append(ps, &i)
	}
	fmt.Println(*ps[0], *ps[1], *ps[2])
	done := make(chan int)
	for i := 0; i < 3; i++ {
		go func() { done <- i * 10 }()
	}
	sum := 0
	for k := 0; k < 3; k++ {
		sum += <-done
	}
	fmt.Println("sum", sum)
}

//golden:by-hand per-iteration loop variables (Go 1.22)
