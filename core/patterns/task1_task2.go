package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	steps   = 3
	delayMs = 100
)

func task1(wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 1; i <= steps; i++ {
		fmt.Println("task1: step", i)
		time.Sleep(delayMs * time.Millisecond)
	}
}

func task2(wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 1; i <= steps; i++ {
		fmt.Println("task2: step", i)
		time.Sleep(delayMs * time.Millisecond)
	}
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go task1(&wg)
	go task2(&wg)
	// The Go scheduler switches between them as needed.
	wg.Wait()
	fmt.Println("both tasks done")
}

//golden:interleave ^task(\d): step
