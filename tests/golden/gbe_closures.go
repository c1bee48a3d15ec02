// Go by Example: closures. A function value keeps the variables it uses.
package main

import "fmt"

func intSeq() func() int {
	i := 0
	return func() int {
		i++
		return i
	}
}

func adders() (func(int), func() int) {
	total := 0
	return func(n int) { total += n }, func() int { return total }
}

func main() {
	nextInt := intSeq()
	fmt.Println(nextInt())
	fmt.Println(nextInt())
	fmt.Println(nextInt())
	newInts := intSeq()
	fmt.Println(newInts())
	add, get := adders()
	for _, v := range []int{1, 2, 3} {
		add(v)
	}
	fmt.Println("total", get())
	var fib func(n int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	}
	fmt.Println(fib(20))
	funcs := make([]func() string, 0)
	for _, name := range []string{"a", "b", "c"} {
		name := name
		funcs = append(funcs, func() string { return name + name })
	}
	for _, f := range funcs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
}
