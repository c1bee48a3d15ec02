// goroutine_leak: first() returns the fastest replica's reply; the slower
// replicas block forever sending on an unbuffered channel nobody reads again.
// runtime.NumGoroutine shows them still there when main returns.
#include <chrono>
#include <gort/gort.hpp>

#include "pattern.hpp"

namespace gort::patterns {

namespace {

constexpr const char* kGo = R"go(package main

import (
	"fmt"
	"runtime"
	"time"
)

const (
	replicas  = 3
	latencyMs = 100
)

func search(id int, c chan<- int) {
	time.Sleep(time.Duration(id*latencyMs) * time.Millisecond)
	c <- id // the losers block here forever: nobody receives again
}

// first asks every replica and returns the first reply.
func first() int {
	c := make(chan int) // unbuffered: the bug (make(chan int, replicas) fixes it)
	for id := 1; id <= replicas; id++ {
		go search(id, c)
	}
	return <-c
}

func main() {
	fmt.Println("goroutines at start:", runtime.NumGoroutine())
	fmt.Println("first reply from replica", first())
	time.Sleep(replicas * latencyMs * time.Millisecond)
	fmt.Println("goroutines at exit:", runtime.NumGoroutine())
}
)go";

using std::chrono::milliseconds;

void search(int id, gort::Chan<int> c, int latency_ms) {
  gort::set_name("search");
  gort::at(15);
  gort::sleep(milliseconds(id * latency_ms));
  gort::at(16);
  c.send(id);
}

int first(int replicas, int latency_ms) {
  gort::at(21);
  auto c = gort::make_chan<int>("c");
  for (int id = 1; id <= replicas; id++) {
    gort::at(23);
    gort::go([id, c, latency_ms] { search(id, c, latency_ms); });
  }
  gort::at(25);
  return c.recv();
}

void body(const Args& a) {
  const int replicas = a["replicas"], latency_ms = a["latencyMs"];
  gort::at(29);
  gort::println("goroutines at start:", gort::num_goroutine());
  gort::at(30);
  int reply = first(replicas, latency_ms);
  gort::at(30);
  gort::println("first reply from replica", reply);
  gort::at(31);
  gort::sleep(milliseconds(replicas * latency_ms));
  gort::at(32);
  gort::println("goroutines at exit:", gort::num_goroutine());
}

}  // namespace

Pattern goroutine_leak_pattern() {
  return {"goroutine_leak",
          "Goroutine leak",
          "The slower replicas block forever on a send nobody receives; NumGoroutine shows them.",
          kGo,
          {{"replicas", 1, 16, 3, "replicas asked; replica i answers after i*latencyMs"},
           {"latencyMs", 0, 1000, 100, "latency per replica number, in ms"}},
          body};
}

}  // namespace gort::patterns
