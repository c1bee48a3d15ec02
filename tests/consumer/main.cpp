// The consumer program (tests/consumer/CMakeLists.txt): goroutines on 4
// threads that block in the middle of deep stacks, resume on whichever
// thread runs them next, hand heap values to one another, throw and catch
// C++ exceptions on their own stacks, and share a counter under a mutex.
// Every check it makes is on values that a lost or misplaced stack frame
// would change; it prints "consumer: ok" and exits 0 when all hold.
#include <atomic>
#include <cstdio>
#include <gort/gort.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr int kRing = 8;      // goroutines passing one token around
constexpr int kRounds = 200;  // times the token goes round the ring
constexpr int kDepth = 24;    // frames each goroutine holds while it blocks
constexpr int kCounters = 8;  // goroutines sharing the counter
constexpr int kIncrements = 500;

std::atomic<int> failures{0};  // goroutines on any thread count here

void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stdout, "consumer: FAILED %s\n", what);
    failures++;
  }
}

// Receives the token `depth` frames down, each frame holding a buffer it
// checks after the goroutine has been parked and resumed.
std::unique_ptr<std::string> recv_deep(gort::Chan<std::unique_ptr<std::string>>& in, int depth) {
  char frame[128];
  for (int i = 0; i < static_cast<int>(sizeof frame); i++) frame[i] = static_cast<char>(depth + i);
  std::unique_ptr<std::string> token = depth == 0 ? in.recv() : recv_deep(in, depth - 1);
  for (int i = 0; i < static_cast<int>(sizeof frame); i++) {
    if (frame[i] != static_cast<char>(depth + i)) {
      expect(false, "a suspended frame kept its contents");
      break;
    }
  }
  return token;
}

int throw_deep(int depth) {
  volatile char frame[64] = {};
  frame[depth % 64] = 1;
  if (depth == 0) throw std::runtime_error("deep");
  return throw_deep(depth - 1) + frame[depth % 64];
}

void ring() {
  std::vector<gort::Chan<std::unique_ptr<std::string>>> links;
  for (int i = 0; i < kRing; i++) links.push_back(gort::make_chan<std::unique_ptr<std::string>>(0));
  auto done = gort::make_chan<std::unique_ptr<std::string>>(0);
  for (int i = 0; i < kRing; i++) {
    gort::go([in = links[i], out = i + 1 < kRing ? links[i + 1] : done, i]() mutable {
      for (int r = 0; r < kRounds; r++) {
        std::unique_ptr<std::string> token = recv_deep(in, kDepth);
        token->push_back(static_cast<char>('a' + i));
        try {
          throw_deep(kDepth);
        } catch (const std::runtime_error& e) {
          expect(std::string(e.what()) == "deep", "an exception crossed its goroutine's frames");
        }
        out.send(std::move(token));
      }
    });
  }
  for (int r = 0; r < kRounds; r++) {
    links[0].send(std::make_unique<std::string>());
    std::unique_ptr<std::string> token = done.recv();
    expect(*token == "abcdefgh", "the token went round the ring in order");
  }
}

void counter() {
  gort::Mutex mu;
  gort::WaitGroup wg;
  long count = 0;
  for (int g = 0; g < kCounters; g++) {
    wg.add(1);
    gort::go([&] {
      for (int i = 0; i < kIncrements; i++) {
        mu.lock();
        count++;
        mu.unlock();
        if (i % 16 == 0) gort::yield();
      }
      wg.done();
    });
  }
  wg.wait();
  expect(count == long{kCounters} * kIncrements, "the counter saw every increment");
}

}  // namespace

int main() {
  gort::Config cfg;
  cfg.gomaxprocs = 4;
  int code = gort::run(cfg, [] {
    ring();
    counter();
  });
  expect(code == 0, "the program exited 0");
  if (failures == 0) std::fputs("consumer: ok\n", stdout);
  return failures == 0 ? 0 : 1;
}
