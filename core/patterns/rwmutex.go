package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	readers = 3
	reads   = 4
	writes  = 2
	readMs  = 50
	writeMs = 80
)

type Store struct {
	mu      sync.RWMutex
	version int
}

func reader(id int, s *Store, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < reads; i++ {
		s.mu.RLock() // readers share the lock
		fmt.Println("reader", id, "sees version", s.version)
		time.Sleep(readMs * time.Millisecond)
		s.mu.RUnlock()
	}
}

func writer(s *Store, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < writes; i++ {
		time.Sleep(writeMs * time.Millisecond)
		s.mu.Lock() // waits until no reader holds the lock
		s.version++
		fmt.Println("writer publishes version", s.version)
		s.mu.Unlock()
	}
}

func main() {
	var s Store
	var wg sync.WaitGroup
	wg.Add(readers + 1)
	for id := 1; id <= readers; id++ {
		go reader(id, &s, &wg)
	}
	go writer(&s, &wg)
	wg.Wait()
	fmt.Println("final version", s.version)
}

//golden:interleave ^reader (\d+) sees
