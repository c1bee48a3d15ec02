package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	ch := make(chan int, 2)
	done := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for v := range ch {
				mu.Lock()
				total += v * id
				mu.Unlock()
			}
		}(w)
	}
	go func() {
		for i := 0; i < 10; i++ {
			select {
			case ch <- i:
			case <-time.After(time.Second):
				return
			}
		}
		close(ch)
		close(done)
	}()
	<-done
	wg.Wait()
	var nilch chan int
	select {
	case v := <-nilch:
		fmt.Println(v)
	default:
		fmt.Println("total", total)
	}
}
