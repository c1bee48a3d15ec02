// Random programs for the channel model (chan_model.hpp), and their Go text.
//
// generate(seed) gives the same program for the same seed on every
// platform: 2-4 channels of capacity 0-3 (sometimes a nil one), main and 1-3
// goroutines, each 1-6 ops. Most ops come in pairs, a send and a receive of
// one message in two goroutines, appended in one global order, so most
// programs can complete; extra receives and sends, selects (some with a
// default, some with a time.After case), closes and sleeps make some
// deadlock or panic. Every value sent
// is unique and not 0. With a WaitGroup, main Adds one per goroutine before
// starting them and each of them ends with Done.
#pragma once

#include <cstdint>
#include <string>

#include "chan_model.hpp"

namespace random_program {

chan_model::Program generate(std::uint64_t seed);

// The program as a Go main package: each goroutine prints what each receive
// and select observed, and main prints "main: done" last.
std::string to_go(const chan_model::Program& p);

}  // namespace random_program
