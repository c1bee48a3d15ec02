package main

import "fmt"

func f() (n int) {
	defer func() {
		if r := recover(); r != nil {
			n = -1
		}
	}()
	var a []int
	return a[3]
}

func main() {
outer:
	for i := 0; i < 3; i++ {
		for j := range [3]struct{}{} {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	i := 0
loop:
	if i < 3 {
		i++
		goto loop
	}
	switch {
	case i > 2:
		fmt.Println("big")
		fallthrough
	case i > 1:
		fmt.Println("medium")
	}
	x := [...]int{5: 1, 2}
	fmt.Println(f(), len(x), x[1:3:4], i)
}
