// A small fast PRNG (wyrand) for select's choice, the simulated P order and
// stealing victims. Seeded per P, so a seeded run draws the same numbers.
#pragma once

#include <cstdint>

namespace gort::detail {

class Rng {
 public:
  void seed(std::uint64_t s) noexcept { s_ = s; }
  std::uint64_t next() noexcept {
    s_ += 0xa0761d6478bd642fULL;
    __uint128_t m = static_cast<__uint128_t>(s_) * (s_ ^ 0xe7037ed1a0b428dbULL);
    return static_cast<std::uint64_t>(m >> 64) ^ static_cast<std::uint64_t>(m);
  }
  // Uniform in [0, n) (Lemire's multiply-shift; bias is below 2^-32 for n < 2^32).
  std::uint32_t below(std::uint32_t n) noexcept {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next() >> 32) * n) >> 32);
  }

 private:
  std::uint64_t s_ = 0;
};

}  // namespace gort::detail
