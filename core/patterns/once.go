package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	workers = 4
	loadMs  = 100
)

type Settings struct {
	once sync.Once
	mode string
}

func (s *Settings) load() {
	fmt.Println("loading settings")
	time.Sleep(loadMs * time.Millisecond)
	s.mode = "fast"
}

func worker(id int, s *Settings, wg *sync.WaitGroup) {
	defer wg.Done()
	s.once.Do(s.load) // only the first caller loads; the others wait for it
	fmt.Println("worker", id, "runs in", s.mode, "mode")
}

func main() {
	var s Settings
	var wg sync.WaitGroup
	for id := 1; id <= workers; id++ {
		wg.Add(1)
		go worker(id, &s, &wg)
	}
	wg.Wait()
}

//golden:interleave ^worker \d+ runs in
