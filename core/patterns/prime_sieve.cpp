// prime_sieve: the concurrent prime sieve from the Go tour: a generator
// feeds a daisy chain of filter goroutines, one per prime found so far.
#include <gort/gort.hpp>

#include "gallery_go.hpp"
#include "pattern.hpp"

namespace gort::patterns {

namespace {

void generate(gort::Chan<int> ch) {
  gort::set_name("generate");
  for (int i = 2;; i++) {
    gort::at(10);
    ch.send(i);
  }
}

void filter(gort::Chan<int> in, gort::Chan<int> out, int prime) {
  gort::set_name("filter");
  for (;;) {
    gort::at(18);
    int i = in.recv();
    if (i % prime != 0) {
      gort::at(20);
      out.send(i);
    }
  }
}

void body(const Args& a) {
  const int primes = a["primes"];
  gort::at(27);
  auto ch = gort::make_chan<int>("ch");
  gort::at(28);
  gort::go([ch] { generate(ch); });
  for (int i = 0; i < primes; i++) {
    gort::at(30);
    int prime = ch.recv();
    gort::at(31);
    gort::println(prime);
    gort::at(32);
    auto ch1 = gort::make_chan<int>("ch1");
    gort::at(33);
    gort::go([ch, ch1, prime] { filter(ch, ch1, prime); });
    gort::at(34);
    ch = ch1;
  }
}

}  // namespace

Pattern prime_sieve_pattern() {
  return {"prime_sieve",
          "Prime sieve",
          "A daisy chain of filter goroutines, one per prime: the Go tour's sieve.",
          go_text(go::prime_sieve),
          {{"primes", 1, 100, 10, "primes to print"}},
          body};
}

}  // namespace gort::patterns
