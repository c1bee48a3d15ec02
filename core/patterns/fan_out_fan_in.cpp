// fan_out_fan_in: several sq workers read from one channel (fan-out) and a
// merge stage combines their outputs into one (fan-in), closing it once a
// WaitGroup says every worker is done (the Go blog's "Pipelines").
#include <chrono>
#include <gort/gort.hpp>
#include <memory>
#include <vector>

#include "pattern.hpp"

namespace gort::patterns {

namespace {

constexpr const char* kGo = R"go(package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	items   = 8
	workers = 3
	workMs  = 100
)

func gen(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			out <- i
		}
		close(out)
	}()
	return out
}

func sq(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			time.Sleep(workMs * time.Millisecond)
			out <- n * n
		}
		close(out)
	}()
	return out
}

func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	output := func(c <-chan int) {
		for n := range c {
			out <- n
		}
		wg.Done()
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func main() {
	in := gen(items)
	cs := make([]<-chan int, workers)
	for i := range cs {
		cs[i] = sq(in) // fan out: every sq reads from the same channel
	}
	for n := range merge(cs...) { // fan in
		fmt.Println(n)
	}
}
)go";

using std::chrono::milliseconds;

gort::Chan<int> gen(int n) {
  gort::at(16);
  auto out = gort::make_chan<int>("out");
  gort::at(17);
  gort::go([=] {
    gort::set_name("gen.func1");
    for (int i = 1; i <= n; i++) {
      gort::at(19);
      out.send(i);
    }
    gort::at(21);
    out.close();
  });
  gort::at(23);
  return out;
}

gort::Chan<int> sq(gort::Chan<int> in, int work_ms) {
  gort::at(27);
  auto out = gort::make_chan<int>("out");
  gort::at(28);
  gort::go([=] {
    gort::set_name("sq.func1");
    gort::at(29);
    for (int n : in) {
      gort::at(30);
      gort::sleep(milliseconds(work_ms));
      gort::at(31);
      out.send(n * n);
      gort::at(29);
    }
    gort::at(33);
    out.close();
  });
  gort::at(35);
  return out;
}

gort::Chan<int> merge(const std::vector<gort::Chan<int>>& cs) {
  gort::at(39);
  auto wg = std::make_shared<gort::WaitGroup>();  // outlives merge, as in Go
  gort::at(40);
  auto out = gort::make_chan<int>("out");
  gort::at(41);
  auto output = [wg, out](gort::Chan<int> c) {
    gort::set_name("merge.func1");
    gort::at(42);
    for (int n : c) {
      gort::at(43);
      out.send(n);
      gort::at(42);
    }
    gort::at(45);
    wg->done();
  };
  gort::at(47);
  wg->add(static_cast<int>(cs.size()));
  for (const auto& c : cs) {
    gort::at(49);
    gort::go([output, c] { output(c); });
  }
  gort::at(51);
  gort::go([wg, out] {
    gort::set_name("merge.func2");
    gort::at(52);
    wg->wait();
    gort::at(53);
    out.close();
  });
  gort::at(55);
  return out;
}

void body(const Args& a) {
  const int items = a["items"], workers = a["workers"], work_ms = a["workMs"];
  gort::at(59);
  auto in = gen(items);
  gort::at(60);
  std::vector<gort::Chan<int>> cs(workers);
  for (auto& c : cs) {
    gort::at(62);
    c = sq(in, work_ms);
  }
  gort::at(64);
  auto merged = merge(cs);
  gort::at(64);
  for (int n : merged) {
    gort::at(65);
    gort::println(n);
    gort::at(64);
  }
}

}  // namespace

Pattern fan_out_fan_in_pattern() {
  return {"fan_out_fan_in",
          "Fan-out, fan-in",
          "Several workers share one input channel; merge joins their outputs into one.",
          kGo,
          {{"items", 1, 100, 8, "numbers gen emits"},
           {"workers", 1, 16, 3, "sq goroutines reading the same channel"},
           {"workMs", 0, 1000, 100, "time sq takes per number, in ms"}},
          body};
}

}  // namespace gort::patterns
