package main

import (
	"fmt"
	"sort"
	"strconv"
)

type byLen []string

func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func counter() func() int {
	n := 0
	return func() int { n++; return n }
}

func main() {
	next := counter()
	next()
	words := byLen{"ccc", "a", "bb"}
	sort.Sort(words)
	n, err := strconv.Atoi("42x")
	var p *int = &n
	*p += next()
	fmt.Printf("%v %q %d %x %5.2f %T %v\n", words, "q", *p, 255, 3.14159, words, err)
	s := []byte("héllo")
	for i, r := range string(s) {
		_ = i
		_ = r
	}
	fmt.Println(string(s[1:]), cap(s) >= len(s), -7/2, -7%2, 1<<3|1&^1^2)
}
