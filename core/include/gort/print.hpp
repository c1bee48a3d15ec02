// Output: fmt.Println and friends, written to the running program's standard
// output (a Config sink, the trace, or the process's stdout).
//
// println formats like Go's fmt.Println: operands separated by spaces, a
// newline at the end; bools print true/false, floats in Go's %v form
// (shortest digits that round-trip; exponent form below 1e-4 and from 1e+06),
// float as float32,
// durations as Go prints them ("1.5s"), strings as they are.
#pragma once

#include <chrono>
#include <gort/detail/runtime.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

namespace gort {

namespace detail {
void format_float(std::string& out, double v, bool is_float32);
void format_duration(std::string& out, std::int64_t ns);
// A gort::Time as traces show it: "t=" and the time since the run started.
void format_time(std::string& out, std::int64_t ns);
// A string as Go's %q shows it: quoted, with quotes, backslashes and control
// characters escaped.
void format_quoted(std::string& out, std::string_view s);

template <class T>
void format_value(std::string& out, const T& v) {
  using U = std::decay_t<T>;
  if constexpr (std::is_same_v<U, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (std::is_same_v<U, char>) {
    out += std::to_string(static_cast<int>(v));  // Go has no char; a byte prints as a number
  } else if constexpr (std::is_integral_v<U>) {
    out += std::to_string(v);
  } else if constexpr (std::is_floating_point_v<U>) {
    format_float(out, static_cast<double>(v), std::is_same_v<U, float>);
  } else if constexpr (std::is_convertible_v<const U&, std::string_view>) {
    out += std::string_view(v);
  } else if constexpr (requires {
                         v.count();
                         typename U::period;
                       }) {
    format_duration(out, std::chrono::duration_cast<std::chrono::nanoseconds>(v).count());
  } else {
    std::ostringstream os;
    os << v;
    out += os.str();
  }
}
}  // namespace detail

// fmt.Sprint-style join with spaces (the form Println uses).
template <class... Args>
std::string sprintln(const Args&... args) {
  std::string s;
  bool first = true;
  ((s += first ? "" : " ", first = false, detail::format_value(s, args)), ...);
  s += '\n';
  return s;
}

template <class... Args>
void println(const Args&... args) {
  detail::write_out(sprintln(args...));
}

// fmt.Print of one already formatted string.
inline void print(std::string_view s) {
  detail::write_out(s);
}

// fmt.Printf with C's format syntax (%d, %s with const char*, %.2f, ...).
[[gnu::format(printf, 1, 2)]] void printf(const char* fmt, ...);

}  // namespace gort
