// gort's Go library packages (fmt, time, sync, ...): their Go source, from
// lib/*.go, embedded at build time. Functions declared there without a body
// are natives (natives.hpp); the rest is Go compiled with the program.
#pragma once

#include <string_view>

namespace gort::golang {

// The Go source of the library package with this import path ("math/rand"),
// or an empty view when gort's library has no such package.
std::string_view library_source(std::string_view path);

}  // namespace gort::golang
