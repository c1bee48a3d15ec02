// The CLI's argument parser: see options.hpp.
#include "options.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <gort/config.hpp>

namespace gort::cli {

namespace {

template <class T>
T parse_number(std::string_view flag, std::string_view text, T min, T max) {
  T v{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) {
    throw UsageError{std::string(flag) + " needs an integer in " + std::to_string(min) + ".." +
                     std::to_string(max) + ", not \"" + std::string(text) + "\""};
  }
  return v;
}

// A byte count: digits, then K, M or G for KiB, MiB or GiB.
std::size_t parse_bytes(std::string_view flag, std::string_view text) {
  int shift = 0;
  if (!text.empty()) {
    switch (text.back()) {
      case 'K':
        shift = 10;
        break;
      case 'M':
        shift = 20;
        break;
      case 'G':
        shift = 30;
        break;
      default:
        break;
    }
  }
  std::string_view digits = shift ? text.substr(0, text.size() - 1) : text;
  std::uint64_t v{};
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() ||
      v > (std::uint64_t{SIZE_MAX} >> shift)) {
    throw UsageError{std::string(flag) + " needs a byte count like 1048576, 64M or 2G, not \"" +
                     std::string(text) + "\""};
  }
  return static_cast<std::size_t>(v << shift);
}

// A duration as Go writes one, in whole milliseconds: a number, then ms, s,
// m or h ("500ms", "1.5s", "2m"); "0" for none.
std::chrono::milliseconds parse_duration(std::string_view flag, std::string_view text) {
  if (text == "0") return std::chrono::milliseconds(0);
  // Integers only (Emscripten's libc++ has no floating-point from_chars):
  // whole.frac in units of u is (whole * 10^n + frac) * u / 10^n ms.
  std::size_t unit = std::min(text.find_first_not_of("0123456789."), text.size());
  std::string_view number = text.substr(0, unit), u = text.substr(unit);
  std::size_t dot = std::min(number.find('.'), number.size());
  std::string digits = std::string(number.substr(0, dot)) +
                       std::string(number.substr(std::min(dot + 1, number.size())));
  std::uint64_t scale = 1;
  for (std::size_t i = dot + 1; i < number.size() && scale < 1'000'000'000; i++) scale *= 10;
  std::uint64_t ms = u == "ms" ? 1 : u == "s" ? 1000 : u == "m" ? 60'000 : u == "h" ? 3'600'000 : 0;
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  bool ok = !digits.empty() && ec == std::errc() && ptr == digits.data() + digits.size() &&
            number.find('.', dot + 1) == std::string_view::npos && ms != 0 &&
            number.size() - dot <= 10 && v <= 1'000'000'000'000 && v * ms % scale == 0 &&
            v * ms / scale >= 1;
  if (!ok) {
    throw UsageError{std::string(flag) +
                     " needs a duration in whole milliseconds like 500ms, 10s or 2m, not \"" +
                     std::string(text) + "\""};
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(v * ms / scale));
}

// Sets the limit that --max-* flag names from its value; false: no such flag.
template <class TakeValue>
bool parse_limit(gort::golang::Limits& l, std::string_view flag, TakeValue take_value) {
  if (flag == "--max-steps") {
    l.max_steps = parse_number<std::uint64_t>(flag, take_value(), 0, UINT64_MAX);
  } else if (flag == "--max-run-time") {
    l.max_run_time = parse_duration(flag, take_value());
  } else if (flag == "--max-memory") {
    l.max_memory = parse_bytes(flag, take_value());
  } else if (flag == "--max-goroutines") {
    l.max_goroutines = parse_number<std::size_t>(flag, take_value(), 0, SIZE_MAX);
  } else if (flag == "--max-output") {
    l.max_output = parse_bytes(flag, take_value());
  } else if (flag == "--max-stack") {
    l.max_stack = parse_bytes(flag, take_value());
  } else {
    return false;
  }
  return true;
}

}  // namespace

Options parse_options(const std::vector<std::string_view>& args, bool run) {
  Options o;
  for (std::size_t i = 0; i < args.size(); i++) {
    std::string_view a = args[i];
    if (!a.starts_with("-") || a == "-") {
      if (!o.pattern.empty()) throw UsageError{"unexpected argument \"" + std::string(a) + "\""};
      o.pattern = a;
      continue;
    }
    // --flag=value or --flag value
    std::string_view flag = a, value;
    bool inline_value = false;
    if (auto eq = a.find('='); eq != std::string_view::npos) {
      flag = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    auto take_value = [&] {
      if (inline_value) return value;
      if (i + 1 >= args.size()) throw UsageError{std::string(flag) + " needs a value"};
      return args[++i];
    };
    auto no_value = [&] {
      if (inline_value) throw UsageError{std::string(flag) + " takes no value"};
    };
    if (flag == "--param") {
      std::string_view kv = take_value();
      auto eq = kv.find('=');
      if (eq == std::string_view::npos || eq == 0) {
        throw UsageError{"--param needs name=value, not \"" + std::string(kv) + "\""};
      }
      o.params.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    } else if (run && flag == "--procs") {
      o.procs = parse_number(flag, take_value(), 0, gort::Config::kMaxProcs);
    } else if (run && flag == "--seed") {
      o.seed = parse_number<std::uint64_t>(flag, take_value(), 0, UINT64_MAX);
    } else if (run && flag == "--virtual") {
      no_value();
      o.virtual_time = true;
    } else if (run && flag == "--deterministic") {
      no_value();
      o.deterministic = true;
    } else if (run && flag == "--trace") {
      no_value();
      o.trace = true;
    } else if (run && flag == "--trace-json") {
      o.trace_json = take_value();
      if (o.trace_json.empty()) throw UsageError{"--trace-json needs a file name"};
    } else if (run && flag.starts_with("--max-") && parse_limit(o.limits, flag, take_value)) {
      if (o.limit_flag.empty()) o.limit_flag = flag;
    } else {
      throw UsageError{"unknown flag " + std::string(flag)};
    }
  }
  if (o.pattern.empty()) throw UsageError{"which pattern? (gort list shows them)"};
  return o;
}

}  // namespace gort::cli
