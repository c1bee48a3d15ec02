// Where recover works and where it does not (the spec's "Handling panics"):
// only a function called directly by a deferred call stops a panic;
// `defer recover()` and a helper called by a deferred function return nil.
package main

import (
	"errors"
	"fmt"
	"runtime"
)

func helper() interface{} { return recover() }

func direct() (r interface{}) {
	defer func() { r = recover() }()
	panic("direct")
}

func indirect() (r interface{}) {
	defer func() {
		r = helper()
		if r == nil {
			r = fmt.Sprint("helper saw nil, then ", recover())
		}
	}()
	panic("indirect")
}

func deferRecover() (s string) {
	defer func() { s = fmt.Sprint("outer got ", recover()) }()
	defer recover()
	panic("defer recover()")
}

func notPanicking() interface{} {
	defer func() { _ = recover() }()
	return recover()
}

func runtimeErr() (err error) {
	defer func() {
		r := recover()
		if re, ok := r.(runtime.Error); ok {
			err = re
		}
	}()
	var a []int
	_ = a[3]
	return nil
}

func twice() (log []string) {
	defer func() {
		log = append(log, fmt.Sprint("last: ", recover()))
	}()
	defer func() {
		r := recover()
		log = append(log, fmt.Sprint("first: ", r))
		panic(fmt.Sprint(r, " again"))
	}()
	panic("one")
}

type myErr struct{ code int }

func (e *myErr) Error() string { return fmt.Sprintf("code %d", e.code) }

func errValue() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = r.(error)
		}
	}()
	panic(&myErr{7})
}

func loop() (n int) {
	for i := 0; i < 3; i++ {
		func() {
			defer func() {
				if recover() != nil {
					n++
				}
			}()
			if i != 1 {
				panic(i)
			}
		}()
	}
	return n
}

func main() {
	fmt.Println(direct())
	fmt.Println(indirect())
	fmt.Println(deferRecover())
	fmt.Println(notPanicking())
	err := runtimeErr()
	fmt.Println(err)
	fmt.Println(twice())
	e := errValue()
	var me *myErr
	fmt.Println(e, errors.As(e, &me), me.code)
	fmt.Println(loop())
}
