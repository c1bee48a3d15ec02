// JSON string literals for what gort writes as JSON: the trace export
// (gort/trace_json.hpp) and what the playground's JavaScript reads.
// Whatever the bytes (names and values come from user programs), the result
// is valid JSON: quotes, backslashes and control characters are escaped,
// UTF-8 passes through, and each byte that is not part of a well-formed
// UTF-8 sequence becomes U+FFFD, as a decoder that replaces errors does.
#pragma once

#include <string>
#include <string_view>

namespace gort {

// Appends s to out as a JSON string literal, quotes included.
void json_string(std::string& out, std::string_view s);

}  // namespace gort
