package main

import "fmt"

const (
	a = iota * 10
	b
	c = 1 << 62
	d = c >> 61
	big = 1 << 100 >> 98
	f = 1.5e3
	r = 'x'
	s = "a\tb\u00e9\x41" + `raw
line`
)

func main() {
	fmt.Println(a, b, c, d, big, f, r, s, 0x_1F, 0o17, 0b101, 1_000, 0x1p-2, len(s))
}
