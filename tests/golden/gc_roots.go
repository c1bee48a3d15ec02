// The collector keeps what is live: values kept only in a global, a
// channel's buffer, a parked goroutine's frame, a closure, a map, a
// deferred call's arguments, a panic being recovered, interface boxes and
// values passed between goroutines survive collections made by the
// garbage between them (churn allocates far past the collector's trigger).
package main

import (
	"fmt"
	"strings"
	"sync"
)

type node struct {
	name string
	next *node
	vals []int
	pair [2]string
}

var global *node
var globalByName = map[string]*node{}

// churn makes n short-lived strings, slices, maps and closures.
func churn(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		s := strings.Repeat("z", i%7) + "!"
		b := make([]int, 6)
		b[i%6] = i
		m := map[int]string{i: s}
		f := func() int { return len(m[i]) + b[i%6] }
		total += f() % 7
	}
	return total
}

func list(tag string, n int) *node {
	var head *node
	for i := 0; i < n; i++ {
		head = &node{name: tag + strings.Repeat("-", i%4) + fmt.Sprint(i), next: head,
			vals: []int{i, i * i}, pair: [2]string{tag, fmt.Sprint(-i)}}
	}
	return head
}

func sum(n *node) string {
	count, total, chars := 0, 0, 0
	last := ""
	for ; n != nil; n = n.next {
		count++
		total += n.vals[0] + n.vals[1]
		chars += len(n.name) + len(n.pair[0]) + len(n.pair[1])
		last = n.name
	}
	return fmt.Sprintf("%d nodes, sum %d, %d chars, last %s", count, total, chars, last)
}

func closure() func() string {
	l := list("closure", 60)
	return func() string { return sum(l) }
}

func deferred() {
	defer func(n *node, s string) { fmt.Println("deferred:", sum(n), s) }(list("defer", 70), strings.Repeat("ab", 3))
	churn(40000)
}

func panicked() {
	defer func() {
		churn(40000)
		r := recover()
		fmt.Println("recovered:", sum(r.(*node)))
	}()
	panic(list("panic", 30))
}

func main() {
	const heavy = 40000
	global = list("global", 100)
	for i := 0; i < 5; i++ {
		globalByName[fmt.Sprint("k", i)] = list(fmt.Sprint("map", i), 10+i)
	}
	ch := make(chan *node, 8)
	for i := 0; i < 8; i++ {
		ch <- list(fmt.Sprint("chan", i), 20+i)
	}
	start := make(chan bool)
	parked := make(chan string)
	go func() {
		mine := list("parked", 40)
		<-start
		parked <- sum(mine)
	}()
	f := closure()
	var boxes []interface{}
	for i := 0; i < 4; i++ {
		boxes = append(boxes, node{name: fmt.Sprint("box", i), vals: []int{i}}, fmt.Sprint("str", i), [3]string{"a", fmt.Sprint(i), "c"})
	}

	churn(heavy)
	fmt.Println("global:", sum(global))
	for i := 0; i < 5; i++ {
		fmt.Println("map:", sum(globalByName[fmt.Sprint("k", i)]))
	}
	for i := 0; i < 8; i++ {
		fmt.Println("chan:", sum(<-ch))
	}
	close(start)
	fmt.Println("parked:", <-parked)
	fmt.Println("closure:", f())
	fmt.Println("boxes:", boxes)
	deferred()
	panicked()

	// Across goroutines: lists made by producers, handed over unbuffered,
	// with garbage made on both sides.
	lists := make(chan *node)
	var wg sync.WaitGroup
	for p := 0; p < 3; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			for j := 0; j < 3; j++ {
				l := list(fmt.Sprint("p", p, "-", j), 25)
				churn(heavy / 8)
				lists <- l
			}
		}(p)
	}
	go func() {
		wg.Wait()
		close(lists)
	}()
	results := map[string]bool{}
	for l := range lists {
		churn(heavy / 8)
		results[sum(l)] = true
	}
	fmt.Println("handed over:", len(results))
	for p := 0; p < 3; p++ {
		for j := 0; j < 3; j++ {
			fmt.Println(results[sum(list(fmt.Sprint("p", p, "-", j), 25))])
		}
	}
}
