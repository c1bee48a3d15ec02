// A strict JSON reader (RFC 8259): the whole text must be one value,
// strings must be UTF-8 with only JSON's escapes and no raw control
// characters, numbers only JSON's forms, no trailing commas, nesting at most
// 64 deep. parse_json returns false, with where and why in `error`, on
// anything else. The tests read gort's exports back with it (so any JSON
// parser would take them); the playground's embed reads the host page's
// commands with it (web/embed_command.hpp).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gort {

struct Json {
  enum class Type { Null, Bool, Number, String, Array, Object } type = Type::Null;
  bool b = false;
  double num = 0;
  std::string str;  // a string's value; a number's text as written (exact past 2^53)
  std::vector<Json> items;
  std::map<std::string, Json> fields;  // a repeated key keeps its last value, as JavaScript does

  // The field `key` of an object (a null value if absent or not an object).
  const Json& operator[](const std::string& key) const {
    static const Json kNull;
    auto it = fields.find(key);
    return it == fields.end() ? kNull : it->second;
  }
  bool has(const std::string& key) const { return fields.count(key) != 0; }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : s_(text) {}

  bool parse(Json& out, std::string& error) {
    bool ok = value(out, 0) && (space(), i_ == s_.size() || fail("text after the value"));
    if (!ok) error = "at byte " + std::to_string(i_) + ": " + error_;
    return ok;
  }

 private:
  static constexpr int kMaxDepth = 64;

  bool fail(const char* why) {
    if (error_.empty()) error_ = why;
    return false;
  }
  void space() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) {
      i_++;
    }
  }
  bool eat(char c) {
    space();
    if (i_ < s_.size() && s_[i_] == c) {
      i_++;
      return true;
    }
    return false;
  }
  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return fail("unknown literal");
    i_ += w.size();
    return true;
  }

  bool value(Json& v, int depth) {
    if (depth > kMaxDepth) return fail("nested too deeply");
    space();
    if (i_ >= s_.size()) return fail("unexpected end");
    char c = s_[i_];
    if (c == '{') return object(v, depth);
    if (c == '[') return array(v, depth);
    if (c == '"') {
      v.type = Json::Type::String;
      return string(v.str);
    }
    if (c == 't' || c == 'f') {
      v.type = Json::Type::Bool;
      v.b = c == 't';
      return word(v.b ? "true" : "false");
    }
    if (c == 'n') return word("null");
    return number(v);
  }

  bool object(Json& v, int depth) {
    v.type = Json::Type::Object;
    i_++;
    if (eat('}')) return true;
    do {
      space();
      std::string key;
      if (i_ >= s_.size() || s_[i_] != '"') return fail("expected a key");
      if (!string(key)) return false;
      if (!eat(':')) return fail("expected ':'");
      Json item;
      if (!value(item, depth + 1)) return false;
      v.fields[key] = std::move(item);
    } while (eat(','));
    return eat('}') || fail("expected ',' or '}'");
  }

  bool array(Json& v, int depth) {
    v.type = Json::Type::Array;
    i_++;
    if (eat(']')) return true;
    do {
      v.items.emplace_back();
      if (!value(v.items.back(), depth + 1)) return false;
    } while (eat(','));
    return eat(']') || fail("expected ',' or ']'");
  }

  bool number(Json& v) {
    std::size_t start = i_;
    auto digits = [this] {
      std::size_t d = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') i_++;
      return i_ - d;
    };
    if (i_ < s_.size() && s_[i_] == '-') i_++;
    if (i_ < s_.size() && s_[i_] == '0') {
      i_++;
    } else if (digits() == 0) {
      return fail("expected a value");
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      i_++;
      if (digits() == 0) return fail("expected digits after '.'");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      i_++;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) i_++;
      if (digits() == 0) return fail("expected an exponent");
    }
    v.type = Json::Type::Number;
    v.str = s_.substr(start, i_ - start);
    v.num = std::strtod(v.str.c_str(), nullptr);
    return true;
  }

  static void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | cp >> 6);
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | cp >> 12);
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | cp >> 18);
      out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool hex4(std::uint32_t& cp) {
    if (i_ + 4 > s_.size()) return fail("short \\u escape");
    cp = 0;
    for (int k = 0; k < 4; k++) {
      char h = s_[i_++];
      int d = h >= '0' && h <= '9'   ? h - '0'
              : h >= 'a' && h <= 'f' ? h - 'a' + 10
              : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                     : -1;
      if (d < 0) return fail("bad hex digit in \\u escape");
      cp = cp << 4 | static_cast<std::uint32_t>(d);
    }
    return true;
  }

  // One well-formed UTF-8 sequence starting at i_ (its first byte >= 0x80),
  // copied to out. The byte ranges of Unicode's Table 3-7: the second
  // byte's range depends on the first (which rules out overlong forms,
  // surrogates and code points past U+10FFFF), later ones are 80..BF.
  bool utf8(std::string& out) {
    struct Form {
      unsigned char lo, hi;  // first byte
      unsigned char second_lo, second_hi;
      std::size_t n;
    };
    static constexpr Form kForms[] = {
        {0xC2, 0xDF, 0x80, 0xBF, 2}, {0xE0, 0xE0, 0xA0, 0xBF, 3}, {0xE1, 0xEC, 0x80, 0xBF, 3},
        {0xED, 0xED, 0x80, 0x9F, 3}, {0xEE, 0xEF, 0x80, 0xBF, 3}, {0xF0, 0xF0, 0x90, 0xBF, 4},
        {0xF1, 0xF3, 0x80, 0xBF, 4}, {0xF4, 0xF4, 0x80, 0x8F, 4},
    };
    auto at = [this](std::size_t k) {
      return i_ + k < s_.size() ? static_cast<unsigned char>(s_[i_ + k]) : 0;
    };
    for (const Form& f : kForms) {
      if (at(0) < f.lo || at(0) > f.hi) continue;
      if (at(1) < f.second_lo || at(1) > f.second_hi) return fail("ill-formed UTF-8");
      for (std::size_t k = 2; k < f.n; k++) {
        if (at(k) < 0x80 || at(k) > 0xBF) return fail("ill-formed UTF-8");
      }
      out.append(s_, i_, f.n);
      i_ += f.n;
      return true;
    }
    return fail("ill-formed UTF-8 lead byte");
  }

  bool string(std::string& out) {
    i_++;  // the opening quote
    while (true) {
      if (i_ >= s_.size()) return fail("unterminated string");
      auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        i_++;
        return true;
      }
      if (c < 0x20) return fail("raw control character in a string");
      if (c >= 0x80) {
        if (!utf8(out)) return false;
        continue;
      }
      i_++;
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      if (i_ >= s_.size()) return fail("unterminated escape");
      char e = s_[i_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("lone low surrogate");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t lo;
            if (s_.substr(i_, 2) != "\\u") return fail("lone high surrogate");
            i_ += 2;
            if (!hex4(lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF) return fail("lone high surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          put_utf8(out, cp);
          break;
        }
        default:
          return fail("unknown escape");
      }
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::string error_;
};

// Parses text as one JSON value; false (and why, in error) if it is not JSON.
inline bool parse_json(std::string_view text, Json& out, std::string& error) {
  return JsonReader(text).parse(out, error);
}

}  // namespace gort
