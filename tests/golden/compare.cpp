// The golden-test comparator (compare.hpp says what a match is).
//
// Outputs are compared line by line after masking. A line that matches an
// interleave directive belongs to a stream (directive, key); every other
// line is fixed. Fixed lines cut an output into runs; the fixed lines must
// be the same in order, and each run between them must hold the same lines
// per stream, in the same order within each stream.
#include "compare.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <regex>
#include <utility>
#include <vector>

namespace gort::golden {

namespace {

constexpr std::string_view kMasked = "<masked>";

struct Directives {
  std::vector<std::regex> masks;
  std::vector<std::pair<std::regex, bool>> interleaves;  // bool: has a group (a stream key)
  bool by_hand = false;
  std::string error;  // a malformed directive
};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos) {
      lines.push_back(text);
      break;
    }
    lines.push_back(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  return lines;
}

Directives parse(std::string_view go_text) {
  Directives d;
  bool in_block = false;  // past the first directive: only directives and blank lines follow
  int n = 0;
  for (std::string_view line : split_lines(go_text)) {
    n++;
    auto at = [&](const std::string& what) {
      if (d.error.empty()) d.error = "line " + std::to_string(n) + ": " + what;
    };
    if (!line.starts_with("//golden:")) {
      if (in_block && !line.empty())
        at("//golden: lines go at the end of the file, after the code");
      continue;
    }
    in_block = true;
    line.remove_prefix(9);
    std::size_t sp = line.find(' ');
    std::string_view verb = line.substr(0, sp);
    std::string arg(sp == std::string_view::npos ? "" : line.substr(sp + 1));
    if (verb == "by-hand") {
      if (arg.empty()) at("//golden:by-hand needs a reason (the Go feature newer than 1.19)");
      d.by_hand = true;
      continue;
    }
    if (verb != "mask" && verb != "interleave") {
      at("unknown directive //golden:" + std::string(verb) + " (mask, interleave, by-hand)");
      continue;
    }
    if (arg.empty()) {
      at("//golden:" + std::string(verb) + " needs a regular expression");
      continue;
    }
    try {
      std::regex re(arg, std::regex::ECMAScript);
      bool keyed = re.mark_count() > 0;
      if (verb == "mask") {
        d.masks.push_back(std::move(re));
      } else {
        d.interleaves.emplace_back(std::move(re), keyed);
      }
    } catch (const std::regex_error& e) {
      at("bad regular expression /" + arg + "/: " + e.what());
    }
  }
  return d;
}

std::string mask(const Directives& d, std::string_view line) {
  std::string s(line);
  for (const std::regex& re : d.masks) {
    std::string masked;
    std::size_t pos = 0;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator();
         ++it) {
      const std::smatch& m = *it;
      int g = m.size() > 1 && m[1].matched ? 1 : 0;
      auto from = static_cast<std::size_t>(m.position(g));
      masked.append(s, pos, from - pos);
      masked.append(kMasked);
      pos = from + static_cast<std::size_t>(m.length(g));
    }
    masked.append(s, pos);
    s = std::move(masked);
  }
  return s;
}

// A line of an output, masked and classified.
struct Line {
  std::string text;
  int stream = -1;  // interleave directive index, -1 = fixed
  std::string key;  // the stream key: its group's text, or the line itself
};

// The lines of an output in order, and whether it ended with a newline.
struct Lines {
  std::vector<Line> lines;
  bool final_newline = true;
};

Lines classify(const Directives& d, std::string_view text) {
  Lines out;
  out.final_newline = text.empty() || text.back() == '\n';
  for (std::string_view raw : split_lines(text)) {
    Line l;
    l.text = mask(d, raw);
    for (std::size_t i = 0; i < d.interleaves.size(); i++) {
      std::smatch m;
      const auto& [re, keyed] = d.interleaves[i];
      if (std::regex_search(l.text, m, re)) {
        l.stream = static_cast<int>(i);
        l.key = keyed ? m[1].str() : l.text;
        break;
      }
    }
    out.lines.push_back(std::move(l));
  }
  return out;
}

std::string quoted(std::string_view s) {
  std::string q = "\"";  // appended piece by piece: g++ 12 warns (-Wrestrict) on "\"" + ...
  q += s;
  q += '"';
  return q;
}

// The first difference between two classified outputs, or "".
std::string first_difference(const Lines& want, const Lines& got) {
  // Fixed lines: same text, same order.
  std::vector<std::size_t> wf, gf;  // their indices
  for (std::size_t i = 0; i < want.lines.size(); i++) {
    if (want.lines[i].stream < 0) wf.push_back(i);
  }
  for (std::size_t i = 0; i < got.lines.size(); i++) {
    if (got.lines[i].stream < 0) gf.push_back(i);
  }
  for (std::size_t k = 0; k < std::max(wf.size(), gf.size()); k++) {
    if (k < wf.size() && k < gf.size() && want.lines[wf[k]].text == got.lines[gf[k]].text) continue;
    std::string w = k < wf.size()
                        ? "line " + std::to_string(wf[k] + 1) + " " + quoted(want.lines[wf[k]].text)
                        : "no more lines";
    std::string g = k < gf.size()
                        ? "line " + std::to_string(gf[k] + 1) + " " + quoted(got.lines[gf[k]].text)
                        : "no more lines";
    return "expected " + w + ", got " + g;
  }
  // Each run between fixed lines: the same lines per stream, in order.
  wf.push_back(want.lines.size());
  gf.push_back(got.lines.size());
  std::size_t wbegin = 0, gbegin = 0;
  for (std::size_t k = 0; k < wf.size(); k++) {
    using Streams = std::map<std::pair<int, std::string>, std::vector<std::string>>;
    Streams ws, gs;
    for (std::size_t i = wbegin; i < wf[k]; i++) {
      ws[{want.lines[i].stream, want.lines[i].key}].push_back(want.lines[i].text);
    }
    for (std::size_t i = gbegin; i < gf[k]; i++) {
      gs[{got.lines[i].stream, got.lines[i].key}].push_back(got.lines[i].text);
    }
    if (ws != gs) {
      std::string where = "lines " + std::to_string(wbegin + 1) + "-" + std::to_string(wf[k]) +
                          " of the expected output (which may interleave)";
      for (const auto& [id, lines] : ws) {
        auto it = gs.find(id);
        std::size_t n = it == gs.end() ? 0 : it->second.size();
        for (std::size_t i = 0; i < lines.size(); i++) {
          if (i >= n) return where + ": missing " + quoted(lines[i]);
          if (it->second[i] != lines[i]) {
            return where + ": expected " + quoted(lines[i]) + " before " + quoted(it->second[i]);
          }
        }
      }
      for (const auto& [id, lines] : gs) {
        auto it = ws.find(id);
        std::size_t n = it == ws.end() ? 0 : it->second.size();
        if (lines.size() > n) return where + ": unexpected " + quoted(lines[n]);
      }
    }
    wbegin = wf[k] + 1;
    gbegin = gf[k] + 1;
  }
  if (want.final_newline != got.final_newline) {
    return want.final_newline ? "the output does not end with a newline"
                              : "the output ends with a newline, Go's does not";
  }
  return "";
}

std::string first_line(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

std::string indent(std::string_view text) {
  if (text.empty()) return "    (nothing)\n";
  std::string s;
  for (std::string_view l : split_lines(text)) s += "    " + std::string(l) + "\n";
  return s;
}

}  // namespace

int parse_exit(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  int v = -1;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return -1;
  return v;
}

bool by_hand(std::string_view go_text) {
  return parse(go_text).by_hand;
}

std::string compare(std::string_view go_text, const Output& want, const Output& got) {
  Directives d = parse(go_text);
  if (!d.error.empty()) return "malformed //golden: directive, " + d.error + "\n";
  std::string problem;
  if (want.exit_code != got.exit_code) {
    problem =
        "exit code " + std::to_string(got.exit_code) + ", want " + std::to_string(want.exit_code);
  } else if (mask(d, first_line(want.err)) != mask(d, first_line(got.err))) {
    problem = "stderr's first line is " + quoted(mask(d, first_line(got.err))) + ", want " +
              quoted(mask(d, first_line(want.err)));
  } else {
    problem = first_difference(classify(d, want.out), classify(d, got.out));
  }
  if (problem.empty()) return "";
  return problem + "\n--- want stdout\n" + indent(want.out) + "--- got stdout\n" + indent(got.out) +
         "--- want stderr (first line)\n" + indent(first_line(want.err)) + "--- got stderr\n" +
         indent(got.err);
}

}  // namespace gort::golden
