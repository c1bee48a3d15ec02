package main

import (
	"fmt"
	"time"
)

const (
	messages = 10
	joeMs    = 100
	annMs    = 150
)

func boring(msg string, delay time.Duration) <-chan string {
	c := make(chan string)
	go func() {
		for i := 0; ; i++ {
			c <- fmt.Sprint(msg, " ", i)
			time.Sleep(delay)
		}
	}()
	return c
}

func fanIn(input1, input2 <-chan string) <-chan string {
	c := make(chan string)
	go func() {
		for {
			c <- <-input1
		}
	}()
	go func() {
		for {
			c <- <-input2
		}
	}()
	return c
}

func main() {
	c := fanIn(boring("Joe", joeMs*time.Millisecond), boring("Ann", annMs*time.Millisecond))
	for i := 0; i < messages; i++ {
		fmt.Println(<-c)
	}
	fmt.Println("You're both boring; I'm leaving.")
}

//golden:interleave ^(Joe|Ann) \d+$
