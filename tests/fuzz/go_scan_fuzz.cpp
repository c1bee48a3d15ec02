// Fuzzes the Go scanner (core/golang/scanner.hpp) with any bytes: it ends
// at Eof, every token's text lies inside the source (but an automatic
// semicolon's, "newline" or "EOF", which the parser's messages quote), and
// positions never go backwards.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "scanner.hpp"

using namespace gort::golang;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view src(reinterpret_cast<const char*>(data), size);
  Scanner s(src, [](Pos, std::string) {});
  Pos last{};
  // A token per byte at most, plus the automatic semicolons and Eof.
  for (std::size_t n = 0;; n++) {
    if (n > 2 * size + 2) std::abort();  // the scanner stopped advancing
    Token t = s.next();
    bool inserted = t.tok == Tok::Semicolon && (t.text == "newline" || t.text == "EOF");
    if (!inserted && !t.text.empty() &&
        (t.text.data() < src.data() || t.text.data() + t.text.size() > src.data() + src.size())) {
      std::abort();
    }
    if (t.pos < last) std::abort();
    last = t.pos;
    if (t.tok == Tok::Eof) break;
  }
  return 0;
}
