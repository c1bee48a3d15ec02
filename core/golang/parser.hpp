// The parser: tokens to a File (go/parser, cmd/compile/internal/syntax).
//
// Reports the first syntax error in the syntax package's words
// ("syntax error: unexpected newline, expected comma or )") and stops: what
// follows a syntax error is rarely worth reporting. Constructs outside the
// subset that Go itself parses (type parameters, ~T unions) are parsed and
// flagged for the checker, which names them.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "ast.hpp"

namespace gort::golang {

struct Diag {
  Pos pos;
  std::string message;
};

// Parses one file. Errors (the scanner's, then at most one syntax error) are
// appended to `errors`; the File is usable (perhaps partial) either way.
File parse_file(std::string_view src, std::string_view filename, Arena& arena,
                std::vector<Diag>& errors);

}  // namespace gort::golang
