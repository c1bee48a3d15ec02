// Package runtime: the parts of Go's runtime package a program may ask about.
package runtime

func Gosched()

func NumGoroutine() int

func GOMAXPROCS(n int) int

func NumCPU() int

// GC collects at once, as a preemption does once enough was allocated.
func GC()

type Error interface {
	error
	RuntimeError()
}

// The values the runtime panics with: errorString's text is a runtime
// error ("runtime error: index out of range ..."); plainError's is as it
// is ("send on closed channel", "interface conversion: ...").
type errorString string

func (e errorString) RuntimeError() {}

func (e errorString) Error() string { return "runtime error: " + string(e) }

type plainError string

func (e plainError) RuntimeError() {}

func (e plainError) Error() string { return string(e) }
