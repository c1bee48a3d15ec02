// sort.Slice, sort.Sort and sort.Reverse with many equal keys put equal
// elements where Go's pdqsort puts them; SliceStable keeps their order.
package main

import (
	"fmt"
	"sort"
)

type byLen []string

func (s byLen) Len() int           { return len(s) }
func (s byLen) Less(i, j int) bool { return len(s[i]) < len(s[j]) }
func (s byLen) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

func main() {
	type kv struct {
		k string
		v int
	}
	var xs []kv
	for i := 0; i < 200; i++ {
		xs = append(xs, kv{fmt.Sprint("k", i), (i * 7919) % 13})
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].v < xs[j].v })
	fmt.Println(xs[:40])
	fmt.Println(xs[160:])
	words := []string{}
	for i := 0; i < 100; i++ {
		words = append(words, fmt.Sprintf("%0*d", 1+(i*31)%5, i))
	}
	sort.Sort(byLen(words))
	fmt.Println(words)
	sort.Sort(sort.Reverse(byLen(words)))
	fmt.Println(words)
	ys := append([]kv(nil), xs...)
	sort.SliceStable(ys, func(i, j int) bool { return ys[i].k[1] < ys[j].k[1] })
	fmt.Println(ys[:30])
	desc := make([]int, 50)
	for i := range desc {
		desc[i] = 50 - i
	}
	sort.Ints(desc)
	fmt.Println(desc)
}
