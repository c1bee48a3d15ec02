// Go by Example: context. Work that stops when its context is cancelled or
// times out, and values carried by a context.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func slowWork(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		fmt.Println("work done")
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type key string

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	fmt.Println(slowWork(ctx, 20*time.Millisecond))
	err := slowWork(ctx, 500*time.Millisecond)
	fmt.Println(err, errors.Is(err, context.DeadlineExceeded))

	parent, stop := context.WithCancel(context.Background())
	child, stopChild := context.WithCancel(parent)
	defer stopChild()
	go func() {
		time.Sleep(30 * time.Millisecond)
		stop()
	}()
	<-child.Done()
	fmt.Println("child:", child.Err())

	vctx := context.WithValue(context.Background(), key("user"), "gopher")
	fmt.Println(vctx.Value(key("user")), vctx.Value(key("other")))
	_, ok := ctx.Deadline()
	_, ok2 := context.Background().Deadline()
	fmt.Println(ok, ok2)
}
