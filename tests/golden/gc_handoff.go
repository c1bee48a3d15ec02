// Values handed over a channel survive a collection made before their
// receiver runs again: received by range, by <-, by <- with ok and by a
// select. Each sender hands its list to the waiting receiver, wakes main
// and ends, so only the receiver has the list when main calls runtime.GC;
// the receiver's garbage then takes whatever the collector freed.
package main

import (
	"fmt"
	"runtime"
)

type node struct {
	name string
	next *node
	vals []int
}

func list(tag string, n int) *node {
	var head *node
	for i := 0; i < n; i++ {
		head = &node{name: fmt.Sprint(tag, i), next: head, vals: []int{i, i * i}}
	}
	return head
}

func sum(n *node) string {
	count, total, last := 0, 0, ""
	for ; n != nil; n = n.next {
		count++
		total += n.vals[0] + n.vals[1]
		last = n.name
	}
	return fmt.Sprintf("%d nodes, sum %d, last %s", count, total, last)
}

// garbage makes lists like the ones handed over: it takes their memory if
// the collector freed them.
func garbage() {
	for i := 0; i < 20; i++ {
		list("garbage", 10)
	}
}

const rounds = 12

// handOver sends rounds lists on lists, each from a goroutine that ends
// after the handoff, and collects once each has.
func handOver(how string, lists chan *node) {
	sent := make(chan bool)
	for i := 0; i < rounds; i++ {
		go func(i int) {
			lists <- list(fmt.Sprint(how, i, "-"), 8)
			sent <- true
		}(i)
		<-sent
		runtime.GC()
	}
	close(lists)
}

// check hands lists over to receive, run as a goroutine, and waits for it.
func check(how string, receive func(lists chan *node)) {
	lists := make(chan *node)
	done := make(chan bool)
	go func() {
		receive(lists)
		done <- true
	}()
	handOver(how, lists)
	<-done
}

// use reads a received list once garbage may have taken freed memory.
func use(l *node) {
	garbage()
	fmt.Println(sum(l))
}

func main() {
	check("range", func(lists chan *node) {
		for l := range lists {
			use(l)
		}
	})
	check("recv", func(lists chan *node) {
		for i := 0; i < rounds; i++ {
			l := <-lists
			use(l)
		}
	})
	check("ok", func(lists chan *node) {
		for {
			l, ok := <-lists
			if !ok {
				return
			}
			use(l)
		}
	})
	check("select", func(lists chan *node) {
		for {
			select {
			case l, ok := <-lists:
				if !ok {
					return
				}
				use(l)
			}
		}
	})
}
