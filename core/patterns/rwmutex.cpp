// rwmutex: a sync.RWMutex lets readers hold the lock together, while a
// writer waits for all of them to leave and holds it alone.
#include <chrono>
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

using std::chrono::milliseconds;

struct Store {
  gort::RWMutex mu;
  int version = 0;
};

void reader(int id, Store& s, gort::WaitGroup& wg, int reads, int read_ms) {
  gort::set_name("reader");
  for (int i = 0; i < reads; i++) {
    gort::at(25);
    s.mu.rlock();
    gort::at(26);
    gort::println("reader", id, "sees version", s.version);
    gort::at(27);
    gort::sleep(milliseconds(read_ms));
    gort::at(28);
    s.mu.runlock();
  }
  gort::at(30);
  wg.done();
}

void writer(Store& s, gort::WaitGroup& wg, int writes, int write_ms) {
  gort::set_name("writer");
  for (int i = 0; i < writes; i++) {
    gort::at(35);
    gort::sleep(milliseconds(write_ms));
    gort::at(36);
    s.mu.lock();
    gort::at(37);
    s.version++;
    gort::at(38);
    gort::println("writer publishes version", s.version);
    gort::at(39);
    s.mu.unlock();
  }
  gort::at(41);
  wg.done();
}

void body(const Args& a) {
  const int readers = a["readers"], reads = a["reads"], writes = a["writes"], read_ms = a["readMs"],
            write_ms = a["writeMs"];
  gort::at(44);
  Store s;
  gort::at(45);
  gort::WaitGroup wg;
  gort::at(46);
  wg.add(readers + 1);
  for (int id = 1; id <= readers; id++) {
    gort::at(48);
    gort::go([id, &s, &wg, reads, read_ms] { reader(id, s, wg, reads, read_ms); });
  }
  gort::at(50);
  gort::go([&s, &wg, writes, write_ms] { writer(s, wg, writes, write_ms); });
  gort::at(51);
  wg.wait();
  gort::at(52);
  gort::println("final version", s.version);
}

}  // namespace

Pattern rwmutex_pattern() {
  return {"rwmutex",
          "sync.RWMutex readers and writer",
          "Readers share an RWMutex; the writer waits until they are all out, then holds it alone.",
          go_text(go::rwmutex),
          {{"readers", 1, 16, 3, "reader goroutines"},
           {"reads", 1, 100, 4, "reads per reader"},
           {"writes", 0, 100, 2, "versions the writer publishes"},
           {"readMs", 0, 1000, 50, "time each read holds the read lock, in ms"},
           {"writeMs", 0, 1000, 80, "writer's pause before each write, in ms"}},
          body};
}

}  // namespace gort::patterns
