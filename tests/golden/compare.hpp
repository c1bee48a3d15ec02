// The golden-test comparator: does a run print what real Go printed?
//
// Every program that gort is checked against Go has expected files beside
// each other in tests/golden/, written by tests/golden/regen from Debian's
// Go 1.19 (`go build`, then the binary run):
//   NAME.out   its standard output
//   NAME.exit  its exit code
//   NAME.err1  the first line of its standard error (empty: it wrote none)
// A run matches when its exit code is NAME.exit, the first line of its
// stderr is NAME.err1 and its stdout is NAME.out: exactly, the final
// newline too, except where the program's own text says that Go leaves
// something unspecified. It says so in `//golden:` lines at the very end
// of NAME.go (after the code; nowhere else), one directive each:
//
//   //golden:mask REGEX
//       A timing, address or random value. In every line of stdout and in
//       stderr's first line, expected and actual alike, each match of REGEX
//       is replaced by <masked> (only its first group, if it has one):
//       `//golden:mask done in (\d[\d.]*[mµn]?s)$`. A value that does not
//       match REGEX stays and must be equal.
//   //golden:interleave REGEX
//       Order across goroutines. Lines that match REGEX (after masking) may
//       come in another order between the lines around them that match no
//       interleave directive: those stay where they are. If REGEX has a
//       group, its text names a stream, and lines of one stream keep their
//       order: `//golden:interleave ^worker (\d+) ` keeps each worker's
//       lines in order and lets workers interleave. Without a group, every
//       line may go anywhere in its run.
//   //golden:by-hand REASON
//       The program needs Go newer than 1.19 (range over int, per-iteration
//       loop variables, min/max/clear, wg.Go): its expected files are
//       worked out from the spec by hand, and regen leaves them alone.
//
// REGEX is ECMAScript (std::regex), searched in each line on its own.
// The stream model accepts every order Go allows for the marked lines (and
// some that synchronisation between streams rules out): it checks what the
// marks promise, not the program's whole happens-before order.
#pragma once

#include <string>
#include <string_view>

namespace gort::golden {

// What a program printed, or what Go printed for it (then err is NAME.err1).
struct Output {
  std::string out, err;
  int exit_code = 0;
};

// Reads NAME.exit's text ("2\n"); -1 if it is not a number.
int parse_exit(std::string_view text);

// "" when `got` matches `want` under the directives of go_text (NAME.go);
// else what differs, for a person: the first difference, then both outputs.
// A malformed directive is reported the same way.
std::string compare(std::string_view go_text, const Output& want, const Output& got);

// Whether go_text is marked //golden:by-hand.
bool by_hand(std::string_view go_text);

}  // namespace gort::golden
