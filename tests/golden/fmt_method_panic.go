// fmt recovers a panic in a String, Error or GoString method and prints it
// as %!verb(PANIC=Method method: value), as Go's catchPanic does; a nil
// pointer receiver prints <nil>. The program goes on and ends normally.
package main

import (
	"errors"
	"fmt"
)

type S struct{ a, b int }

func (s S) String() string {
	ch := make(chan int)
	close(ch)
	ch <- s.a // send on closed channel: a runtime panic inside String
	return "unreachable"
}

type E struct{}

func (e *E) Error() string { panic("bad error") }

type T struct{ n int }

func (t *T) String() string { return fmt.Sprint("T", t.n) }

type G struct{}

func (G) GoString() string { panic(errors.New("gs")) }

func main() {
	defer fmt.Println("main deferred")
	fmt.Println(S{1, 2}, "after")
	var t *T
	fmt.Println(t, &T{7})
	fmt.Printf("[%5v] %#v %+v\n", &E{}, G{}, struct{ X, Y fmt.Stringer }{S{}, &T{3}})
	s := fmt.Sprintf("%s|%q", S{}, S{})
	fmt.Println(len(s) > 0, s)
	defer func() { fmt.Println("recovered:", recover()) }()
	var e error = &E{}
	fmt.Println(e.Error())
}
