// Fuzzes the playground's postMessage commands (web/embed_command.hpp) with
// any text: parse_embed_command either fills a command or says why not, and
// leaves its output alone when it refuses; the link query embed_query makes
// of an accepted command over the default options decodes as a link or is
// refused by the link codec with a reason (share_link.hpp), never more.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "embed_command.hpp"
#include "share_link.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  gort::web::EmbedCommand cmd;
  cmd.code = "untouched";
  if (!gort::web::parse_embed_command(json, cmd).empty()) {
    if (cmd.code != "untouched" || !cmd.params.empty()) std::abort();  // a refusal changed `out`
    return 0;
  }
  gort::web::Link link;
  (void)gort::web::decode(gort::web::embed_query("", cmd), link);
  return 0;
}
