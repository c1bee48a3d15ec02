// UTF-8 as Go reads and writes it: an invalid byte decodes as U+FFFD of
// width 1; a rune outside Unicode (or a surrogate) encodes as U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace gort::golang {

// Decodes the rune at p (n bytes available); returns its width.
std::size_t utf8_decode(const char* p, std::size_t n, std::uint32_t* r);
void utf8_append(std::string& out, std::uint32_t r);

}  // namespace gort::golang
