// A run's limits (gort::golang::Limits, core/golang/vm_limits.cpp): a
// program that reaches one ends with its fatal error on standard error and
// exit code 2, one that stays under it runs as without it, and the next
// program in the process runs normally. The messages are gort's documented
// ones (Go's own for memory and the stack).
#include <chrono>
#include <string>

#include "golang_util.hpp"

using golang_test::run_go;
using gort::golang::Limits;

namespace {

// A program whose loop runs n times (n back-edges, one step each).
std::string counting(int n) {
  return "package main\n\nfunc main() {\n\ts := 0\n\tfor i := 0; i < " + std::to_string(n) +
         "; i++ {\n\t\ts += i\n\t}\n\tprintln(s > 0)\n}\n";
}

const char* const kForever = R"go(package main

func main() {
	for {
	}
}
)go";

// The program after one that reached a limit runs as usual, with the defaults.
void next_runs() {
  auto r = run_go("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"next\") }\n");
  CHECK(r.exit == 0);
  CHECK(r.out == "next\n");
  CHECK(r.err == "");
}

// r reached a limit: exit code 2, standard error starting with `head`.
void reached(const golang_test::Result& r, const std::string& head) {
  CHECK(r.exit == 2);
  CHECK(r.err.substr(0, head.size()) == head);
}

}  // namespace

TEST_CASE("golang limits: max_steps counts loop iterations and calls") {
  Limits l;
  l.max_steps = 10000;
  auto under = run_go(counting(9000), 1, 1, "prog.go", l);
  CHECK(under.exit == 0);
  CHECK(under.err == "true\n");
  auto over = run_go(counting(11000), 1, 1, "prog.go", l);
  reached(over,
          "fatal error: gort: program exceeded 10000 steps\n\ngoroutine 1 [running]:\n"
          "main.main(...)\n\tprog.go:5\n");
  CHECK(over.err.find("exit status 2\n") != std::string::npos);
  next_runs();
}

TEST_CASE("golang limits: max_run_time ends a loop that never yields") {
  Limits l;
  l.max_run_time = std::chrono::milliseconds(300);
  auto start = std::chrono::steady_clock::now();
  auto r = run_go(kForever, 1, 1, "prog.go", l);
  auto took = std::chrono::steady_clock::now() - start;
  reached(r,
          "fatal error: gort: program exceeded 300ms of run time\n\n"
          "goroutine 1 [running]:\nmain.main(...)\n\tprog.go:4\n");
  CHECK(took >= std::chrono::milliseconds(300));
  CHECK(took < std::chrono::seconds(60));
  l.max_run_time = std::chrono::milliseconds(1500);
  reached(run_go(kForever, 1, 1, "prog.go", l),
          "fatal error: gort: program exceeded 1.5s of run time\n");
  next_runs();
}

TEST_CASE("golang limits: max_memory is Go's out of memory") {
  Limits l;
  l.max_memory = 16 << 20;
  auto r = run_go(R"go(package main

func main() {
	var keep [][]int
	for {
		keep = append(keep, make([]int, 1000))
	}
}
)go",
                  1, 1, "prog.go", l);
  reached(r,
          "fatal error: runtime: out of memory\n\ngoroutine 1 [running]:\n"
          "main.main(...)\n\tprog.go:6\n");
  // One make past the default limit ends the program before it allocates.
  auto big =
      run_go("package main\n\nfunc main() {\n\ts := make([]int, 1<<33)\n\tprintln(len(s))\n}\n");
  reached(big, "fatal error: runtime: out of memory\n");
  next_runs();
}

TEST_CASE("golang limits: max_goroutines counts the goroutines alive at once") {
  Limits l;
  l.max_goroutines = 100;
  auto r = run_go(R"go(package main

func block() { select {} }

func main() {
	for range [99]int{} {
		go block()
	}
	println("at the limit")
	go block()
	println("unreachable")
}
)go",
                  1, 1, "prog.go", l);
  reached(r,
          "at the limit\nfatal error: gort: program exceeded 100 goroutines\n\n"
          "goroutine 1 [running]:\nmain.main(...)\n\tprog.go:10\n");
  CHECK(r.err.find("unreachable") == std::string::npos);
  next_runs();
}

TEST_CASE("golang limits: max_output cuts the output at the limit and ends the program") {
  Limits l;
  l.max_output = 100;
  auto r = run_go(R"go(package main

import "fmt"

func main() {
	for i := 0; ; i++ {
		fmt.Println("line", i)
	}
}
)go",
                  1, 1, "prog.go", l);
  std::string all;
  for (int i = 0; all.size() < 100; i++) all += "line " + std::to_string(i) + "\n";
  CHECK(r.out == all.substr(0, 100));
  reached(r,
          "fatal error: gort: program exceeded 100 bytes of output\n\n"
          "goroutine 1 [running]:\nmain.main(...)\n\tprog.go:7\n");
  // Standard error counts too; what is printed after the end is not printed.
  auto err =
      run_go("package main\n\nfunc main() {\n\tprintln(\"0123456789\")\n\tprintln(\"x\")\n}\n", 1,
             1, "prog.go", [] {
               Limits s;
               s.max_output = 5;
               return s;
             }());
  reached(err, "01234fatal error: gort: program exceeded 5 bytes of output\n");
  CHECK(err.err.find("\nx\n") == std::string::npos);
  next_runs();
}

TEST_CASE("golang limits: max_stack is Go's stack overflow, its traceback cut as Go cuts it") {
  Limits l;
  l.max_stack = 1 << 20;
  auto r = run_go(R"go(package main

func f(n int) int {
	return f(n+1) + 1
}

func main() {
	println(f(0))
}
)go",
                  1, 1, "prog.go", l);
  reached(r,
          "runtime: goroutine stack exceeds 1048576-byte limit\nfatal error: stack "
          "overflow\n\ngoroutine 1 [running]:\nmain.f(...)\n\tprog.go:4\n");
  CHECK(r.err.find("\n...additional frames elided...\nexit status 2\n") != std::string::npos);
  // A function with no slots of its own still uses stack.
  auto bare =
      run_go("package main\n\nfunc f() { f() }\n\nfunc main() { f() }\n", 1, 1, "prog.go", l);
  reached(bare, "runtime: goroutine stack exceeds 1048576-byte limit\n");
  next_runs();
}

TEST_CASE("golang limits: 0 is no limit") {
  Limits l;
  l.max_steps = 0;
  l.max_memory = 0;
  l.max_goroutines = 0;
  l.max_output = 0;
  l.max_stack = 0;
  auto r = run_go(counting(100000), 1, 1, "prog.go", l);
  CHECK(r.exit == 0);
  CHECK(r.err == "true\n");
}
