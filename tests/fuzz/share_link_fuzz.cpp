// Fuzzes the share-link decoder (web/share_link.hpp) with any query string:
// decode() either fills a Link or says what is wrong, and a Link it
// accepts survives encode() and decode() unchanged (encode() of it is a
// fixed point), as share_link.hpp promises.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "share_link.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view query(reinterpret_cast<const char*>(data), size);
  gort::web::Link link;
  if (!gort::web::decode(query, link).empty()) return 0;
  std::string once = gort::web::encode(link);
  gort::web::Link again;
  if (!gort::web::decode(once, again).empty()) std::abort();  // encode() wrote a bad link
  if (gort::web::encode(again) != once) std::abort();         // or one that decodes otherwise
  return 0;
}
