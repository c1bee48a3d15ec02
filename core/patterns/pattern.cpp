// The parts of the gallery's registry every pattern shares: parameter values
// (Args), parsing "name=value" overrides, and writing parameters into the Go
// source.
#include "pattern.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace gort::patterns {

namespace {

// Where the value of the constant `name` is in src: on the line
// `name = <int>` (in a const block, where gofmt may align the `=`) or
// `const name = <int>`. Returns its offset and length, or {npos, 0}.
std::pair<std::size_t, std::size_t> find_const(std::string_view src, std::string_view name) {
  for (std::size_t start = 0; start < src.size();) {
    std::size_t end = std::min(src.find('\n', start), src.size());
    std::string_view line = src.substr(start, end - start);
    start = end + 1;
    line.remove_prefix(std::min(line.find_first_not_of('\t'), line.size()));
    if (line.starts_with("const ")) line.remove_prefix(6);
    if (!line.starts_with(name) || line.substr(name.size()).find_first_not_of(' ') == 0) continue;
    line.remove_prefix(name.size());
    line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
    if (!line.starts_with("= ")) continue;
    line.remove_prefix(2);
    int v;
    auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), v);
    if (ec == std::errc() && ptr == line.data() + line.size()) {
      return {static_cast<std::size_t>(line.data() - src.data()), line.size()};
    }
  }
  return {std::string_view::npos, 0};
}

}  // namespace

int Args::operator[](std::string_view name) const {
  for (const auto& [n, v] : values) {
    if (n == name) return v;
  }
  throw std::out_of_range("gort::patterns: no parameter named " + std::string(name));
}

std::string make_args(const Pattern& p, const std::vector<std::pair<std::string, std::string>>& kv,
                      Args& out) {
  Args args;
  for (const Param& q : p.params) args.values.emplace_back(q.name, q.value);
  for (const auto& [name, text] : kv) {
    const Param* q = nullptr;
    std::size_t index = 0;
    for (; index < p.params.size(); index++) {
      if (p.params[index].name == name) {
        q = &p.params[index];
        break;
      }
    }
    if (!q) {
      std::string known;
      for (const Param& r : p.params) known += (known.empty() ? "" : ", ") + r.name;
      return "pattern " + p.id + " has no parameter \"" + name + "\" (" +
             (known.empty() ? "it has none" : "it has " + known) + ")";
    }
    int v;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ptr != text.data() + text.size() || ec == std::errc::invalid_argument) {
      return "parameter " + name + ": \"" + text + "\" is not an integer";
    }
    if (ec == std::errc::result_out_of_range || v < q->min || v > q->max) {
      return "parameter " + name + " = " + text + " is out of range " + std::to_string(q->min) +
             ".." + std::to_string(q->max);
    }
    args.values[index].second = v;
  }
  out = std::move(args);
  return {};
}

std::string source(const Pattern& p, const Args& args) {
  std::string s = p.go_source;
  for (const auto& [name, v] : args.values) set_const(s, name, v);
  return s;
}

std::optional<int> const_value(std::string_view text, std::string_view name) {
  auto [at, len] = find_const(text, name);
  if (at == std::string_view::npos) return std::nullopt;
  int v = 0;
  std::from_chars(text.data() + at, text.data() + at + len, v);
  return v;
}

bool set_const(std::string& text, std::string_view name, int value) {
  auto [at, len] = find_const(text, name);
  if (at == std::string::npos) return false;
  text.replace(at, len, std::to_string(value));
  return true;
}

std::string go_text(std::string_view file) {
  std::string_view text = file;
  // Drop whole lines from the end while they are directives (or blank).
  while (!text.empty()) {
    std::size_t start = text.rfind('\n', text.size() - 2);
    start = start == std::string_view::npos ? 0 : start + 1;
    std::string_view line = text.substr(start);
    if (!line.starts_with("//golden:") && line != "\n") break;
    text = text.substr(0, start);
  }
  return std::string(text);
}

}  // namespace gort::patterns
