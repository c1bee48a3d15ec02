// The collector (core/golang/gc.cpp): a program whose live data is bounded
// runs within a memory limit however much it allocates in all, on one P and
// on two Ps with goroutines allocating at once; what stays live survives
// (tests/golden/gc_roots.go checks each kind of root against Go).
#include <string>

#include "golang_util.hpp"

using gort::golang::Limits;

namespace {

// About 60 MB of short-lived strings, slices, maps and closures in all
// (a quarter from each of `workers` goroutines), 50 list nodes live.
std::string churning(int workers) {
  return R"go(package main

import (
	"fmt"
	"strings"
)

type node struct {
	s    string
	next *node
}

func churn(n int, keep *node) int {
	total := 0
	for i := 0; i < n; i++ {
		s := strings.Repeat("x", i%9) + "."
		b := make([]int, 8)
		m := map[int]string{i: s}
		f := func() int { return len(m[i]) + len(b) }
		total += f()
	}
	return total
}

func main() {
	var keep *node
	for i := 0; i < 50; i++ {
		keep = &node{fmt.Sprint("n", i), keep}
	}
	workers := )go" +
         std::to_string(workers) +
         R"go(
	done := make(chan int)
	for w := 0; w < workers; w++ {
		go func() { done <- churn(100000/workers, keep) }()
	}
	total := 0
	for w := 0; w < workers; w++ {
		total += <-done
	}
	n := 0
	for k := keep; k != nil; k = k.next {
		n += len(k.s)
	}
	fmt.Println(total, n)
}
)go";
}

}  // namespace

TEST_CASE("golang gc: allocating far past max_memory with bounded live data runs in it") {
  Limits l;
  l.max_memory = 16 << 20;
  auto one = golang_test::run_go(churning(1), 1, 1, "prog.go", l);
  CHECK(one.err == "");
  CHECK(one.exit == 0);
  CHECK(one.out == "1299996 140\n");
  auto two = golang_test::run_go(churning(4), 0, 2, "prog.go", l, false);
  CHECK(two.err == "");
  CHECK(two.exit == 0);
  CHECK(two.out == "1299972 140\n");
}
