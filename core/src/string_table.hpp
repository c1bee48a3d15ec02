// The strings a trace refers to by id (Program::string): goroutine and
// channel names, and traced values shown as text (trace::ValueKind::Text).
//
// Invariants: id 0 is ""; an id, once given, names the same text for the
// life of the program; equal texts get equal ids. Names are always kept;
// value texts only up to a budget, after which they get id 0, so a program
// that sends ever-new strings on a traced channel cannot grow the table
// without bound. mu_ is a leaf lock (it may be taken with a channel locked).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gort::detail {

class StringTable {
 public:
  // Bytes of value texts kept, counting each text's own overhead too.
  static constexpr std::size_t kValueBudget = 16 << 20;

  StringTable() { add(""); }
  // A name's id.
  std::uint32_t intern(std::string_view s);
  // A value text's id, or 0 once the budget is spent (on texts not seen before).
  std::uint32_t intern_value(std::string_view s);
  // The text behind id ("" for an unknown id).
  std::string text(std::uint32_t id) const;

 private:
  static constexpr std::size_t kEntryOverhead = 64;
  std::uint32_t add(std::string_view s);  // mu_ held (or during construction)

  mutable std::mutex mu_;
  std::deque<std::string> strings_;  // a deque: its elements never move, ids_ views them
  std::unordered_map<std::string_view, std::uint32_t> ids_;
  std::size_t value_bytes_ = 0;
};

}  // namespace gort::detail
