// The scanner: Go source text to tokens (go/scanner), with the spec's
// automatic semicolons: a newline (or the end of the file, or a /*...*/
// comment spanning lines) after an identifier, a literal, one of the keywords
// break/continue/fallthrough/return or one of ++ -- ) ] } ends the statement.
//
// Tokens' text views point into the source, which must outlive them.
// Malformed input (a stray character, an unterminated literal) is reported
// through `error` in Go's words and scanning goes on.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "token.hpp"

namespace gort::golang {

class Scanner {
 public:
  using ErrorFn = std::function<void(Pos, std::string)>;
  Scanner(std::string_view src, ErrorFn error);

  Token next();

 private:
  char peek(std::size_t ahead = 0) const {
    return off_ + ahead < src_.size() ? src_[off_ + ahead] : '\0';
  }
  Pos pos_at(std::size_t off) const;
  void advance();
  void skip_space_and_comments(bool& newline_seen);
  void scan_number(Token& t);
  void scan_escape(char quote);
  void scan_string(Token& t);
  void scan_raw_string(Token& t);
  void scan_char(Token& t);
  Tok scan_operator();
  void digits(int base, bool& bad, bool& any);

  std::string_view src_;
  ErrorFn error_;
  std::size_t off_ = 0;
  std::int32_t line_ = 1;
  std::size_t line_start_ = 0;
  bool insert_semi_ = false;
};

}  // namespace gort::golang
