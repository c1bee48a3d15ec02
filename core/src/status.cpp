// What a Status means to C++ code: the exception the C++ API throws for it
// (see Status in gort/detail/runtime.hpp).
#include <gort/detail/runtime.hpp>
#include <stdexcept>
#include <string>

namespace gort::detail {

void raise(Status s) {
  if (is_panic(s)) throw Panic{std::string(status_text(s))};
  if (s == Status::Unwind || is_fatal(s)) throw Unwind{};
  if (s == Status::NoGoroutine) {
    throw std::logic_error("gort: called outside a running gort program");
  }
  throw std::logic_error("gort: unexpected status " + std::to_string(static_cast<int>(s)));
}

}  // namespace gort::detail
