// The share-link codec: see share_link.hpp.
#include "share_link.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <gort/config.hpp>
#include <optional>
#include <patterns/pattern.hpp>
#include <utility>
#include <vector>

namespace gort::web {

namespace {

constexpr long long kMaxBench = 100'000;  // goroutines the frame-time bench may show

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded: '+' is a space, %XX a byte.
std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); i++) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool parse_int(const std::string& s, long long lo, long long hi, long long& out) {
  if (s.empty()) return false;
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || v < lo || v > hi) return false;
  out = v;
  return true;
}

bool parse_bool(const std::string& s, bool& out) {
  if (s == "1" || s == "true") return out = true, true;
  if (s == "0" || s == "false") return out = false, true;
  return false;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::string escape(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
        u == '_' || u == '.' || u == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string encode(const Link& link) {
  const RunOptions& o = link.options;
  const bool code = edited(o);
  std::string q = o.pattern.empty() ? "" : "pattern=" + o.pattern;
  auto add = [&q](const std::string& item) { q += (q.empty() ? "" : "&") + item; };
  if (const patterns::Pattern* p = code ? nullptr : patterns::find(o.pattern)) {
    for (const auto& [name, value] : o.params) {
      for (const auto& param : p->params)
        if (param.name == name && param.value != value) add(name + "=" + std::to_string(value));
    }
  }
  // The default follows the machine's CPUs: a chosen GOMAXPROCS is always written.
  if (o.procs > 0) add("procs=" + std::to_string(o.procs));
  if (o.speed != 1) add("speed=" + escape(number(o.speed)));  // "1e+06": a + is a space
  if (o.seed != 0) add("seed=" + std::to_string(o.seed));
  if (o.deterministic) add("det=1");
  if (o.compare) add("compare=1");
  if (link.embed) add("embed=1");
  if (link.panels != panel::kAll) add("panels=" + panel::text(link.panels));
  if (link.paused) add("paused=1");
  if (link.theme != theme::Kind::Dark) add(std::string("theme=") + theme::name(link.theme));
  add("v=" + std::to_string(kLinkVersion));
  if (code) add("code=" + escape(o.code));
  return q;
}

std::string decode(std::string_view query, Link& out) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  std::vector<std::pair<std::string, std::string>> kv;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    std::size_t eq = item.find('=');
    std::string key = unescape(item.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : unescape(item.substr(eq + 1));
    kv.emplace_back(std::move(key), std::move(value));
  }

  Link link;
  bool has_code = false;
  for (const auto& [k, v] : kv) has_code |= k == "code";
  // Code of no pattern has none; a link of neither shows the first one.
  link.options.pattern = has_code ? "" : patterns::all().front().id;
  for (const auto& [k, v] : kv)
    if (k == "pattern") link.options.pattern = v;
  const patterns::Pattern* p = patterns::find(link.options.pattern);
  // No pattern is code of no pattern, so only with code ("pattern=" alone
  // named nothing to show).
  if (!p && (!link.options.pattern.empty() || !has_code))
    return "unknown pattern \"" + link.options.pattern + "\"";

  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& [k, v] : kv) {
    long long n = 0;
    if (k == "pattern") continue;
    if (k == "procs") {
      if (!parse_int(v, 1, Session::kMaxProcs, n))
        return "procs must be an integer from 1 to " + std::to_string(Session::kMaxProcs) +
               ", not \"" + v + "\"";
      link.options.procs = static_cast<int>(n);
    } else if (k == "speed") {
      char* end = nullptr;
      double s = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !std::isfinite(s) || s < Config::kMinSpeed ||
          s > Config::kMaxSpeed)
        return "speed must be a number from " + number(Config::kMinSpeed) + " to " +
               number(Config::kMaxSpeed) + ", not \"" + v + "\"";
      link.options.speed = s;
    } else if (k == "seed") {
      errno = 0;
      char* end = nullptr;
      unsigned long long s = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || v[0] == '-' || *end != '\0' || errno != 0)
        return "seed must be a non-negative integer, not \"" + v + "\"";
      link.options.seed = s;
    } else if (k == "det") {
      if (!parse_bool(v, link.options.deterministic))
        return "det must be 0 or 1, not \"" + v + "\"";
    } else if (k == "compare") {
      if (!parse_bool(v, link.options.compare)) return "compare must be 0 or 1, not \"" + v + "\"";
    } else if (k == "embed") {
      if (!parse_bool(v, link.embed)) return "embed must be 0 or 1, not \"" + v + "\"";
    } else if (k == "panels") {
      std::string err = panel::parse(v, link.panels);
      if (!err.empty()) return err;
    } else if (k == "paused") {
      if (!parse_bool(v, link.paused)) return "paused must be 0 or 1, not \"" + v + "\"";
    } else if (k == "theme") {
      std::string err = theme::parse(v, link.theme);
      if (!err.empty()) return err;
    } else if (k == "origin" || k == "id") {
      continue;  // the embedding page's (web/embed.js): wasm/embed_frame.js reads them
    } else if (k == "v") {
      if (!parse_int(v, 1, 1000000, n))
        return "v must be the link format's number, not \"" + v + "\"";
      if (n > kLinkVersion)
        return "this link is of a newer format (v=" + v +
               ") than this playground reads (v=" + std::to_string(kLinkVersion) + ")";
    } else if (k == "code") {
      if (v.empty()) return "code is empty";
      link.options.code = v;
    } else if (k == "bench") {
      if (!parse_int(v, 0, kMaxBench, n))
        return "bench must be an integer from 0 to " + std::to_string(kMaxBench) + ", not \"" + v +
               "\"";
      link.bench = static_cast<std::size_t>(n);
    } else {
      params.emplace_back(k, v);  // a parameter of the pattern: make_args checks it
    }
  }
  if (!p) {
    if (!params.empty()) return "unknown key \"" + params.front().first + "\"";
  } else {
    patterns::Args args;
    std::string err = patterns::make_args(*p, params, args);
    if (!err.empty()) return err;
    // The code's constants are the parameters it runs with.
    for (std::size_t i = 0; i < p->params.size(); i++) {
      const patterns::Param& q = p->params[i];
      std::optional<int> c = patterns::const_value(link.options.code, q.name);
      if (c && *c >= q.min && *c <= q.max) args.values[i].second = *c;
    }
    link.options.params = args.values;
  }
  out = std::move(link);
  return "";
}

}  // namespace gort::web
