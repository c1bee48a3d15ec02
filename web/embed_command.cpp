// Commands from the embedding page: see embed_command.hpp.
#include "embed_command.hpp"

#include <algorithm>
#include <gort/json_reader.hpp>

#include "share_link.hpp"

namespace gort::web {

namespace {

constexpr std::pair<std::string_view, EmbedCommand::Type> kTypes[] = {
    {"run", EmbedCommand::Type::Run},
    {"pause", EmbedCommand::Type::Pause},
    {"step", EmbedCommand::Type::Step},
    {"restart", EmbedCommand::Type::Restart},
    {"set", EmbedCommand::Type::Set}};

// Link keys a command may not set: the embed's own (its frame's URL holds
// them) and code, which has a field of its own.
constexpr std::string_view kNotParams[] = {"v",      "code",   "embed",  "bench",
                                           "panels", "paused", "origin", "id"};

template <typename List>
bool contains(const List& list, std::string_view s) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

}  // namespace

std::string parse_embed_command(std::string_view text, EmbedCommand& out) {
  if (text.size() > kMaxCommandBytes)
    return "a command is at most " + std::to_string(kMaxCommandBytes) + " bytes";
  Json j;
  std::string err;
  if (!parse_json(text, j, err)) return "not JSON: " + err;
  if (j.type != Json::Type::Object) return "a command is a JSON object";
  for (const auto& [k, v] : j.fields) {
    if (k != "gort" && k != "type" && k != "params" && k != "code")
      return "unknown field \"" + k + "\"";
  }
  if (j["gort"].type != Json::Type::Number || j["gort"].str != "1")
    return "gort must be 1 (the protocol's version)";
  const Json& type = j["type"];
  auto t = std::find_if(std::begin(kTypes), std::end(kTypes),
                        [&](const auto& e) { return e.first == type.str; });
  if (type.type != Json::Type::String || t == std::end(kTypes))
    return "type must be \"run\", \"pause\", \"step\", \"restart\" or \"set\"";
  EmbedCommand cmd;
  cmd.type = t->second;
  const bool takes_options =
      cmd.type == EmbedCommand::Type::Run || cmd.type == EmbedCommand::Type::Set;
  if (j.has("params")) {
    if (!takes_options) return "only run and set take params";
    const Json& params = j["params"];
    if (params.type != Json::Type::Object) return "params must be an object";
    for (const auto& [k, v] : params.fields) {
      if (k.empty() || contains(kNotParams, k)) return "params cannot set \"" + k + "\"";
      if (v.type == Json::Type::Bool)
        cmd.params.emplace_back(k, v.b ? "1" : "0");
      else if (v.type == Json::Type::Number || v.type == Json::Type::String)
        cmd.params.emplace_back(k, v.str);
      else
        return "params." + k + " must be a number, a boolean or a string";
    }
  }
  if (j.has("code")) {
    if (!takes_options) return "only run and set take code";
    if (j["code"].type != Json::Type::String || j["code"].str.empty())
      return "code must be a non-empty string of Go source";
    cmd.code = j["code"].str;
  }
  out = std::move(cmd);
  return "";
}

std::string embed_query(std::string_view query, const EmbedCommand& cmd) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  auto given = [&cmd](std::string_view key) {
    return std::any_of(cmd.params.begin(), cmd.params.end(),
                       [key](const auto& p) { return p.first == key; });
  };
  const bool new_pattern = given("pattern");
  std::string q;
  auto add = [&q](std::string_view item) {
    if (!q.empty()) q += '&';
    q += item;
  };
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    std::string_view key = item.substr(0, item.find('='));
    const bool code = key == "code", param = !code && !contains(kReservedKeys, key);
    if (given(key) || (code && (cmd.code || new_pattern)) || (param && new_pattern)) continue;
    add(item);
  }
  for (const auto& [k, v] : cmd.params) add(escape(k) + "=" + escape(v));
  if (cmd.code) add("code=" + escape(*cmd.code));
  return q;
}

}  // namespace gort::web
