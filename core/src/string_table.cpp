// The string table (see string_table.hpp): a hash map from text to id over a
// deque of the texts.
#include "string_table.hpp"

namespace gort::detail {

std::uint32_t StringTable::add(std::string_view s) {
  const std::string& kept = strings_.emplace_back(s);
  auto id = static_cast<std::uint32_t>(strings_.size() - 1);
  ids_.emplace(std::string_view(kept), id);
  return id;
}

std::uint32_t StringTable::intern(std::string_view s) {
  std::lock_guard lk(mu_);
  if (auto it = ids_.find(s); it != ids_.end()) return it->second;
  return add(s);
}

std::uint32_t StringTable::intern_value(std::string_view s) {
  std::lock_guard lk(mu_);
  if (auto it = ids_.find(s); it != ids_.end()) return it->second;
  if (value_bytes_ + s.size() + kEntryOverhead > kValueBudget) return 0;
  value_bytes_ += s.size() + kEntryOverhead;
  return add(s);
}

std::string StringTable::text(std::uint32_t id) const {
  std::lock_guard lk(mu_);
  return id < strings_.size() ? strings_[id] : std::string();
}

}  // namespace gort::detail
