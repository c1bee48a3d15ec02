package main

import "fmt"

const items = 3

func worker(jobs <-chan int, results chan<- int) {
	for j := range jobs {
		results <- j * 2 // nobody receives until every job is sent
	}
}

func main() {
	jobs := make(chan int)
	results := make(chan int) // unbuffered: the bug
	go worker(jobs, results)
	for j := 1; j <= items; j++ {
		jobs <- j
	}
	close(jobs)
	for j := 1; j <= items; j++ {
		fmt.Println(<-results)
	}
}
