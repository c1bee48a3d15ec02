package main

import (
	"fmt"
	"time"
)

const (
	workers = 3
	numJobs = 6
	workMs  = 200
)

func worker(id int, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		fmt.Println("worker", id, "started  job", j)
		time.Sleep(workMs * time.Millisecond)
		fmt.Println("worker", id, "finished job", j)
		results <- j * 2
	}
}

func main() {
	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)
	for w := 1; w <= workers; w++ {
		go worker(w, jobs, results)
	}
	for j := 1; j <= numJobs; j++ {
		jobs <- j
	}
	close(jobs)
	sum := 0
	for i := 1; i <= numJobs; i++ {
		sum += <-results
	}
	fmt.Println("sum of results:", sum)
}

//golden:mask ^worker (\d+) (started|finished)
//golden:interleave job (\d+)$
