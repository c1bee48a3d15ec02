// Running Go programs on the VM (core/golang/vm*.cpp, compile_*.cpp): each
// program's expected standard output, exit code and first line of standard
// error come from Go 1.19 (go build, then the binary), as the golden harness
// does; none depends on loop-variable sharing or random values.
#include "golang_util.hpp"

using golang_test::run_go;

namespace {

struct Case {
  const char* name;
  const char* src;
  const char* out;
  int exit;
  const char* err1;  // first line of standard error
};

std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

const Case kCases[] = {
    {"defer",
     R"go(package main

import "fmt"

func trace(s string) string {
	fmt.Println("enter", s)
	return s
}

func un(s string) { fmt.Println("leave", s) }

func f() (n int) {
	defer func() { n *= 2 }()
	for i := 0; i < 3; i++ {
		defer fmt.Println("deferred", i)
	}
	defer un(trace("f"))
	return 21
}

func main() {
	fmt.Println(f())
}
)go",
     R"out(enter f
leave f
deferred 2
deferred 1
deferred 0
42
)out",
     0, ""},
    {"panics",
     R"go(package main

import (
	"errors"
	"fmt"
)

func try(name string, f func()) {
	defer func() {
		r := recover()
		fmt.Printf("%s: %v\n", name, r)
		if err, ok := r.(error); ok {
			fmt.Println("  is error:", err.Error())
		}
	}()
	f()
}

type T struct{ x int }

func main() {
	try("index", func() {
		s := []int{1, 2, 3}
		i := 5
		_ = s[i]
	})
	try("nil map", func() {
		var m map[string]int
		m["a"] = 1
	})
	try("nil pointer", func() {
		var p *T
		fmt.Println(p.x)
	})
	try("divide", func() {
		a, b := 1, 0
		fmt.Println(a / b)
	})
	try("conversion", func() {
		var i any = "str"
		fmt.Println(i.(int))
	})
	try("closed channel", func() {
		c := make(chan int)
		close(c)
		c <- 1
	})
	try("custom", func() { panic(errors.New("boom")) })
	try("value", func() { panic(42) })
	try("slice", func() {
		s := make([]int, 3)
		j := 5
		_ = s[1:j]
	})
	fmt.Println("done")
}
)go",
     R"out(index: runtime error: index out of range [5] with length 3
  is error: runtime error: index out of range [5] with length 3
nil map: assignment to entry in nil map
  is error: assignment to entry in nil map
nil pointer: runtime error: invalid memory address or nil pointer dereference
  is error: runtime error: invalid memory address or nil pointer dereference
divide: runtime error: integer divide by zero
  is error: runtime error: integer divide by zero
conversion: interface conversion: interface {} is string, not int
  is error: interface conversion: interface {} is string, not int
closed channel: send on closed channel
  is error: send on closed channel
custom: boom
  is error: boom
value: 42
slice: runtime error: slice bounds out of range [:5] with capacity 3
  is error: runtime error: slice bounds out of range [:5] with capacity 3
done
)out",
     0, ""},
    {"unrecovered",
     R"go(package main

import "fmt"

func main() {
	defer fmt.Println("deferred runs")
	var m map[string]int
	m["x"] = 1
}
)go",
     R"out(deferred runs
)out",
     2, "panic: assignment to entry in nil map"},
    {"repanic",
     R"go(package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		panic(fmt.Sprint("again: ", r))
	}()
	panic("first")
}
)go",
     R"out()out", 2, "panic: first [recovered]"},
    {"conc",
     R"go(package main

import (
	"fmt"
	"sync"
)

func worker(id int, jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- j * j
	}
	_ = id
}

func main() {
	jobs := make(chan int, 10)
	results := make(chan int, 10)
	var wg sync.WaitGroup
	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	for i := 1; i <= 9; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println("sum", sum)

	var mu sync.Mutex
	count := 0
	var wg2 sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			mu.Lock()
			count++
			mu.Unlock()
		}()
	}
	wg2.Wait()
	fmt.Println("count", count)

	done := make(chan struct{})
	data := make(chan string)
	go func() {
		for _, s := range []string{"a", "b", "c"} {
			data <- s
		}
		close(done)
	}()
	for {
		select {
		case s := <-data:
			fmt.Println("got", s)
		case <-done:
			fmt.Println("done")
			return
		}
	}
}
)go",
     R"out(sum 285
count 50
got a
got b
got c
done
)out",
     0, ""},
    {"deadlock",
     R"go(package main

func main() {
	c := make(chan int)
	c <- 1
}
)go",
     R"out()out", 2, "fatal error: all goroutines are asleep - deadlock!"},
    {"fmtv",
     R"go(package main

import "fmt"

type P struct {
	Name string
	Age  int
	tags []string
}

type S string

func (s S) String() string { return "S<" + string(s) + ">" }

func main() {
	p := P{"Ann", 30, []string{"x"}}
	fmt.Printf("%v|%+v|%#v|%T\n", p, p, p, p)
	fmt.Printf("%v %v %v\n", &p, []*int{nil}, map[string][]int{"b": {2}, "a": {1}})
	fmt.Printf("%d|%5d|%-5d|%05d|%x|%X|%o|%b|%c|%q|%U\n", 42, 42, 42, -42, 255, 255, 8, 5, 'A', 'B', 0x1F600)
	fmt.Printf("%f|%.2f|%8.3f|%e|%g|%g|%g\n", 3.14159, 3.14159, 3.14159, 123456.789, 1e21, 0.000012, 100.0)
	fmt.Printf("%s|%10s|%-10s|%q|%x\n", "go", "go", "go", "a\"b\n", "hi")
	fmt.Printf("%t|%v|%p\n", true, nil, nil)
	fmt.Printf("%d %s\n", "str", 5)
	fmt.Printf("%d\n")
	fmt.Printf("%d\n", 1, 2)
	fmt.Println(S("x"), []S{"a", "b"}, map[S]int{"k": 1})
	fmt.Println(1e6, 1e-5, 123456.0, 3.0, float32(0.1), 2.5e-300)
	var ip *int
	var e error
	fmt.Println(ip, e, []int(nil), map[string]int(nil))
	fmt.Printf("%v %d\n", []byte("ab"), []byte("ab"))
	fmt.Printf("%s %x %X\n", []byte("ab"), []byte("ab"), "hi")
	fmt.Printf("%6.2f|%-8.3e|%+d|% d\n", -1.5, 1234.5, 5, 5)
	fmt.Printf("%*d|%-*d|%.*f\n", 5, 1, 5, 2, 2, 3.14159)
	fmt.Printf("%[2]d %[1]d\n", 1, 2)
	fmt.Print("a", "b", 1, 2, "c", 3.5, nil, "\n")
	fmt.Println(fmt.Sprint("x", 1, 2, "y"), fmt.Sprintln("end"))
}
)go",
     R"out({Ann 30 [x]}|{Name:Ann Age:30 tags:[x]}|main.P{Name:"Ann", Age:30, tags:[]string{"x"}}|main.P
&{Ann 30 [x]} [<nil>] map[a:[1] b:[2]]
42|   42|42   |-0042|ff|FF|10|101|A|'B'|U+1F600
3.141590|3.14|   3.142|1.234568e+05|1e+21|1.2e-05|100
go|        go|go        |"a\"b\n"|6869
true|<nil>|%!p(<nil>)
%!d(string=str) %!s(int=5)
%!d(MISSING)
1
%!(EXTRA int=2)S<x> [S<a> S<b>] map[S<k>:1]
1e+06 1e-05 123456 3 0.1 2.5e-300
<nil> <nil> [] map[]
[97 98] [97 98]
ab 6162 6869
 -1.50|1.234e+03|+5| 5
    1|2    |3.14
2 1
ab1 2c3.5 <nil>
x1 2y end

)out",
     0, ""},
    // String() called back from fmt pushes many frames (the recursion) on
    // the goroutine's frame stack while the caller's frame is live: the
    // caller's frame must not move (it once did, and printed twice).
    {"callback_frames",
     R"go(package main

import "fmt"

type tree struct {
	v    int
	l, r *tree
}

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return 1 + depth(n-1)
}

func (t *tree) String() string {
	if t == nil {
		return "."
	}
	return fmt.Sprintf("(%v %d:%d %v)", t.l, t.v, depth(50*t.v), t.r)
}

func build(lo, hi int) *tree {
	if lo > hi {
		return nil
	}
	m := (lo + hi) / 2
	return &tree{m, build(lo, m-1), build(m+1, hi)}
}

func main() {
	t := build(1, 5)
	for i := 0; i < 2; i++ {
		fmt.Println(i, t)
	}
	fmt.Println("after", depth(10))
}
)go",
     R"out(0 ((. 1:50 (. 2:100 .)) 3:150 (. 4:200 (. 5:250 .)))
1 ((. 1:50 (. 2:100 .)) 3:150 (. 4:200 (. 5:250 .)))
after 10
)out",
     0, ""},
    {"println_first_constant",  // the type of s > 0 is the function's first constant
     R"go(package main

func main() {
	s := 1
	println(s > 0, s)
}
)go",
     "", 0, "true 1"},
};

}  // namespace

TEST_CASE("golang run: programs print what Go prints, exit as Go exits") {
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    golang_test::Result r = run_go(c.src);
    REQUIRE(r.compile_errors == "");
    CHECK(r.out == c.out);
    CHECK(r.exit == c.exit);
    CHECK(first_line(r.err) == c.err1);
  }
}

TEST_CASE("golang run: math/rand follows the run's seed, GOMAXPROCS(0) is the run's Ps") {
  const char* src = R"go(package main

import (
	"fmt"
	"math/rand"
	"runtime"
)

func main() {
	fmt.Println(runtime.GOMAXPROCS(0), rand.Intn(1000000), rand.Intn(1000000), rand.Float64())
}
)go";
  golang_test::Result a = run_go(src, 7, 3);
  REQUIRE(a.compile_errors == "");
  CHECK(a.out.substr(0, 2) == "3 ");
  // The same seed repeats the numbers (a deterministic run reproduces);
  // another seed, or none (drawn at random, as current Go seeds), does not.
  CHECK(run_go(src, 7, 3).out == a.out);
  CHECK(run_go(src, 7, 2).out.substr(1) == a.out.substr(1));
  CHECK(run_go(src, 8, 3).out != a.out);
  CHECK(run_go(src, 0, 3).out != run_go(src, 0, 3).out);
}

TEST_CASE("golang run: a deadlock's traceback names goroutines and creators as Go does") {
  // Go 1.19's report (go run -gcflags=-l, to keep the closures Go inlines),
  // with its goroutine numbers, code offsets and directory left out, and
  // current Go's words where they differ: "in goroutine N" after a creator
  // (Go 1.21), main.init.func1.1 for a closure of a package variable's
  // initialiser (main.glob..func1.1 in 1.19).
  golang_test::Result r = run_go(R"go(package main

import "time"

var ch = make(chan int)

type T struct{}

func (t *T) M() {
	go func() {
		ch <- 1
	}()
}

var g = func() func() { return func() { select {} } }()

func worker() { ch <- 1 }

func main() {
	go worker()
	go func() {
		func() {
			go func() { ch <- 2 }()
		}()
		ch <- 3
	}()
	(&T{}).M()
	go g()
	time.Sleep(time.Millisecond)
	select {}
}
)go");
  CHECK(r.exit == 2);
  CHECK(r.err == R"(fatal error: all goroutines are asleep - deadlock!

goroutine 1 [select (no cases)]:
main.main()
	prog.go:30

goroutine 2 [chan send]:
main.worker()
	prog.go:17
created by main.main in goroutine 1
	prog.go:20

goroutine 3 [chan send]:
main.main.func1()
	prog.go:25
created by main.main in goroutine 1
	prog.go:21

goroutine 4 [chan send]:
main.(*T).M.func1()
	prog.go:11
created by main.(*T).M in goroutine 1
	prog.go:10

goroutine 5 [select (no cases)]:
main.init.func1.1()
	prog.go:15
created by main.main in goroutine 1
	prog.go:28

goroutine 6 [chan send]:
main.main.func1.1.1()
	prog.go:23
created by main.main.func1.1 in goroutine 3
	prog.go:23

)");
}

TEST_CASE("golang run: the runtime's reports name the file compile() was given") {
  // As Go 1.19 reports `go run mu.go`, less its directory, code offsets and
  // the runtime's frames: a fatal error from gort's runtime, a panic from
  // the VM (whose frames all print as Go prints an inlined one, "(...)").
  golang_test::Result r = run_go(R"go(package main

import "sync"

func main() {
	var mu sync.Mutex
	mu.Unlock()
}
)go",
                                 1, 0, "mu.go");
  CHECK(r.exit == 2);
  CHECK(r.err ==
        "fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 [running]:\n"
        "main.main()\n\tmu.go:7\n\n");
  r = run_go("package main\n\nfunc main() {\n\tpanic(\"once\")\n}\n", 1, 0, "mu.go");
  CHECK(r.err.find("panic: once\n\ngoroutine 1 [running]:\nmain.main(...)\n\tmu.go:4\n") == 0);
}
