# cmake -DOUT=file.cpp -DDIR=lib -DPACKAGES=fmt,time,math/rand -P embed_lib.cmake
# Writes library_source() (library.hpp): each package's lib/<path>.go (the
# path's slashes as underscores) as a byte array (any UTF-8 in it).
string(REPLACE "," ";" PACKAGES "${PACKAGES}")
set(body "")
set(table "")
set(i 0)
foreach(pkg IN LISTS PACKAGES)
  string(REPLACE "/" "_" file "${pkg}")
  file(READ "${DIR}/${file}.go" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x..,){16})" "\\1\n" bytes "${bytes}")
  string(LENGTH "${hex}" n)
  math(EXPR size "${n} / 2")
  string(APPEND body "const unsigned char k${i}[] = {\n${bytes}};\n")
  string(APPEND table "    {\"${pkg}\", {reinterpret_cast<const char*>(k${i}), ${size}}},\n")
  math(EXPR i "${i} + 1")
endforeach()
file(WRITE "${OUT}.tmp"
  "// Generated from core/golang/lib/*.go by core/golang/embed_lib.cmake.\n"
  "#include <utility>\n#include \"library.hpp\"\n"
  "namespace gort::golang {\nnamespace {\n${body}}  // namespace\n"
  "std::string_view library_source(std::string_view path) {\n"
  "  static const std::pair<std::string_view, std::string_view> kLib[] = {\n${table}  };\n"
  "  for (const auto& [p, s] : kLib) {\n    if (p == path) return s;\n  }\n  return {};\n}\n"
  "}  // namespace gort::golang\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
