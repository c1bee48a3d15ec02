// Fuzzes the Go parser (core/golang/parser.hpp) with any bytes: parse_file
// returns, whatever the input, with its errors in `errors`.
#include <cstdint>
#include <string_view>
#include <vector>

#include "parser.hpp"

using namespace gort::golang;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view src(reinterpret_cast<const char*>(data), size);
  Arena arena;
  std::vector<Diag> errors;
  parse_file(src, "prog.go", arena, errors);
  return 0;
}
