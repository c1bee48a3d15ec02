// Fuzzes the Go type checker and compiler through gort::golang::compile
// (parse, check with the library packages imported, compile to bytecode)
// with any bytes. It never runs the program. A program either compiles or
// gets between 1 and 11 errors (10, then "too many errors"), each at a
// position inside the source.
#include <cstdint>
#include <cstdlib>
#include <gort/golang.hpp>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view src(reinterpret_cast<const char*>(data), size);
  gort::golang::Compiled c = gort::golang::compile(src, "prog.go");
  if (c.ok() != c.errors.empty() || c.errors.size() > 11) std::abort();
  for (const gort::golang::Error& e : c.errors) {
    if (e.line < 0 || e.col < 0) std::abort();
  }
  return 0;
}
