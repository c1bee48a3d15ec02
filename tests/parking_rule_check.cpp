// A program for the debug-checks WebAssembly build's check of the parking
// rule (core/src/sched.hpp, gopark): goroutine 1 asks for the check, then
// parks on a channel receive. `break` makes the receive from inside a try
// block, so a JavaScript invoke_* wrapper is on its stack and the park must
// abort naming the rule; `keep` makes it with nothing in scope, through the
// runtime's own path from goroutine entry to the park, which must hold no
// invoke_* wrapper either. (tests/CMakeLists.txt runs both.)
#include <cstdio>
#include <cstring>
#include <gort/gort.hpp>

namespace {

namespace d = gort::detail;

d::hchan* chan = nullptr;
int got = 0;

// Parks until the sender hands over its value; nothing in scope.
[[gnu::noinline]] void receive() {
  d::Status s = d::chan_recv(chan, &got, true);
  if (s != d::Status::Ok) std::printf("receive: %s\n", d::status_text(s).data());
}

// The same park, breaking the rule: a call that may throw, in a try block.
[[gnu::noinline]] void receive_in_try() {
  try {
    receive();
  } catch (...) {
    std::puts("receive threw");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const bool breaks = argc > 1 && std::strcmp(argv[1], "break") == 0;
  return gort::run([breaks] {
    d::check(d::chan_make(&d::elem_ops<int>, 0, "c", &chan));
    gort::go([] {
      int v = 42;
      d::check(d::chan_send(chan, &v, true));
    });
    d::check_parking_rule(d::current_g());
    if (breaks) {
      receive_in_try();
    } else {
      receive();
    }
    std::printf("received %d\n", got);
  });
}
