// What the trace shows of a Go program run by the interpreter: goroutines'
// names, values sent on channels (basic kinds in the event, others as their %v text cut to 32
// bytes), the line each event carries (set without events of its own), and
// the quantum's preemptions.
#include <algorithm>
#include <gort/trace.hpp>
#include <vector>

#include "golang_util.hpp"

using gort::trace::Event;
using gort::trace::Kind;
using gort::trace::ValueKind;

namespace {

struct Traced {
  std::vector<Event> events;
  std::vector<std::string> sent;      // each ChanSend's value, as the CLI and playground show it
  std::vector<std::string> received;  // each ChanRecv's value with ok (not a close's zero)
  std::vector<std::string> names;     // each GoName: "goroutine name"
  int exit = -1;
};

Traced run_traced(std::string_view src) {
  gort::golang::Compiled c = gort::golang::compile(src);
  REQUIRE(c.ok());
  gort::Config cfg;
  cfg.set_deterministic(true);
  cfg.seed = 1;
  cfg.gomaxprocs = 1;
  cfg.trace = true;
  cfg.out = [](std::string_view) {};
  cfg.err = [](std::string_view) {};
  auto prog = c.program;
  gort::Program p(cfg, [prog] { prog->main(); });
  Traced t;
  t.exit = p.wait();
  p.drain(t.events);
  CHECK(p.lost_events() == 0);
  for (const Event& e : t.events) {
    if (e.kind == Kind::GoName)
      t.names.push_back(std::to_string(e.g) + " " + p.string(static_cast<std::uint32_t>(e.value)));
    if (e.kind != Kind::ChanSend && !(e.kind == Kind::ChanRecv && e.aux)) continue;
    auto k = static_cast<ValueKind>(e.flags);
    std::string text = k == ValueKind::Text ? p.string(static_cast<std::uint32_t>(e.value)) : "";
    (e.kind == Kind::ChanSend ? t.sent : t.received)
        .push_back(gort::trace::value_text(e.value, k, text));
  }
  return t;
}

}  // namespace

TEST_CASE("golang trace: a value sent is shown as Go's %v, cut to 32 bytes") {
  Traced t = run_traced(R"go(package main

import (
	"errors"
	"time"
)

type P struct {
	X, Y int
	Name string
}

func main() {
	a := make(chan P, 1)
	a <- P{1, 2, "a name that goes past thirty-two bytes"}
	b := make(chan *int, 1)
	b <- nil
	c := make(chan []string, 1)
	c <- []string{"x", "y"}
	d := make(chan error, 2)
	d <- errors.New("boom")
	d <- nil
	e := make(chan struct{}, 1)
	e <- struct{}{}
	f := make(chan string, 2)
	f <- "short"
	f <- "ünïcödé, longer than thirtyé-two bytes"
	g := make(chan map[string]int, 1)
	g <- map[string]int{"b": 2, "a": 1}
	h := make(chan any, 2)
	h <- 42
	h <- [2]bool{true}
	i := make(chan time.Duration, 1)
	i <- 1500 * time.Millisecond
	j := make(chan float64, 1)
	j <- 2.5
}
)go");
  CHECK(t.exit == 0);
  std::vector<std::string> want = {
      "{1 2 a name that goes past thirt",  // 32 bytes
      "<nil>",
      "[x y]",
      "boom",  // Error(), called by the sender (not under the channel's lock)
      "<nil>",
      "{}",
      "\"short\"",
      "\"ünïcödé, longer than thirty\"",  // 32 bytes would split a rune: 31
      "map[a:1 b:2]",
      "42",
      "[true false]",
      "1.5s",
      "2.5",
  };
  CHECK(t.sent.size() == want.size());
  for (std::size_t i = 0; i < t.sent.size() && i < want.size(); i++) CHECK(t.sent[i] == want[i]);
}

TEST_CASE("golang trace: a value's Error or String method is called as fmt.Print calls it") {
  // Each text is what fmt.Print(v) prints (Go 1.19): the send and the
  // receive of a value show the same text, buffered or not, sent by select
  // or not; a method that panics prints as fmt prints it, and one that
  // blocks (a busy mutex) blocks its sender as fmt would, before the send.
  Traced t = run_traced(R"go(package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

type State int

func (s State) String() string { return [...]string{"idle", "busy"}[s] }

type Bad struct{ n int }

func (b *Bad) String() string {
	if b.n == 0 {
		panic("no n")
	}
	return fmt.Sprint("bad ", b.n)
}

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprint("count ", c.n)
}

func main() {
	errs := make(chan error, 2)
	errs <- errors.New("boom")
	errs <- fmt.Errorf("wrapped: %w", <-errs)
	states := make(chan State)
	go func() { states <- 1 }()
	<-states
	anys := make(chan any, 3)
	anys <- &Bad{}
	anys <- &Bad{2}
	anys <- State(0)
	c := &Counter{}
	c.mu.Lock()
	go func() {
		time.Sleep(time.Second)
		c.n = 7
		c.mu.Unlock()
	}()
	counters := make(chan *Counter, 1)
	select {
	case counters <- c:
	case <-time.After(time.Hour):
	}
	fmt.Println(<-errs, <-anys, <-anys, <-anys, <-counters)
}
)go");
  CHECK(t.exit == 0);
  std::vector<std::string> want = {
      "boom",    "wrapped: boom", "busy", "%!v(PANIC=String method: no n)", "bad 2", "idle",
      "count 7",  // the sender formatted it once the mutex was free
  };
  CHECK(t.sent == want);
  CHECK(t.received == std::vector<std::string>{"boom", "busy", "wrapped: boom",
                                               "%!v(PANIC=String method: no n)", "bad 2", "idle",
                                               "count 7"});
}

TEST_CASE("golang trace: events carry their line, no event per line, the quantum preempts") {
  Traced t = run_traced(R"go(package main

func main() {
	done := make(chan int)
	go func() {
		n := 0
		for i := 0; i < 100000; i++ {
			n += i
		}
		done <- n
	}()
	<-done
}
)go");
  CHECK(t.exit == 0);
  int preempts = 0;
  for (const Event& e : t.events) {
    CHECK(e.kind != Kind::GoLine);
    if (e.kind == Kind::GoPreempt) {
      preempts++;
      CHECK(e.g == 2);
      CHECK(e.line == 7);  // the loop's back-edge
    }
    if (e.kind == Kind::ChanSend) CHECK(e.line == 10);
    if (e.kind == Kind::GoBlock && e.g == 1) CHECK(e.line == 12);
  }
  CHECK(preempts >= 10);  // 100,000 back-edges at a quantum of 2,000
}

// Go 1.19 names these goroutines the same in a traceback, but for the
// closure in a package variable's initialiser: main.glob..func1.1 there,
// where current Go names closures of package initialisation main.init.func1.
TEST_CASE("golang trace: goroutines are named after their functions, as Go names them") {
  Traced t = run_traced(R"go(package main

type T struct{}

func (t *T) M(done chan int) {
	go func() { done <- 1 }()
}

var g = func() func(chan int) { return func(done chan int) { done <- 1 } }()

func worker(done chan int) { done <- 1 }

func main() {
	done := make(chan int)
	go worker(done)
	go func() {
		func() {
			go func() { done <- 1 }()
		}()
		done <- 1
	}()
	(&T{}).M(done)
	go g(done)
	for i := 0; i < 5; i++ {
		<-done
	}
}
)go");
  CHECK(t.exit == 0);
  std::sort(t.names.begin(), t.names.end());
  CHECK(t.names == std::vector<std::string>{"1 main.main", "2 main.worker", "3 main.main.func1",
                                            "4 main.(*T).M.func1", "5 main.init.func1.1",
                                            "6 main.main.func1.1.1"});
}
