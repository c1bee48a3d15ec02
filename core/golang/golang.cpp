// gort::golang::compile: parse, check and compile a Go program with the
// library packages it imports (see golang.hpp).
#include <algorithm>
#include <gort/golang.hpp>
#include <map>

#include "checker.hpp"
#include "library.hpp"
#include "parser.hpp"
#include "unit.hpp"

namespace gort::golang {

namespace {

constexpr std::size_t kMaxErrors = 10;

}  // namespace

std::string Compiled::error_text() const {
  std::string s;
  std::size_t n = 0;
  for (const Error& e : errors) {
    if (n++ == kMaxErrors) {
      s += "./" + filename + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) +
           ": too many errors\n";
      break;
    }
    if (e.line > 0) {
      s += "./" + filename + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) + ": ";
    }
    s += e.message + "\n";
  }
  return s;
}

Unit::Unit() : types(std::make_unique<Types>()) {}
Unit::~Unit() = default;

Package* Unit::import(const std::string& path, std::vector<Diag>& errs) {
  auto it = packages.find(path);
  if (it != packages.end()) return it->second;
  std::string_view src = library_source(path);
  if (src.empty()) return nullptr;
  std::vector<Diag> lib_errs;
  files.push_back(std::make_unique<File>(parse_file(src, path + ".go", arena, lib_errs)));
  File* f = files.back().get();
  packages[path] = nullptr;  // an import cycle finds nothing
  Checker c(*types, info, lib_errs,
            [this, &errs](const std::string& p) { return import(p, errs); });
  Package* p = c.check(path, {f}, true);
  for (Diag& d : lib_errs) {
    // A library package that does not check is gort's bug: say so plainly.
    errs.push_back({{},
                    "gort: library package " + path + ":" + std::to_string(d.pos.line) + ":" +
                        std::to_string(d.pos.col) + ": " + d.message});
  }
  packages[path] = p;
  return p;
}

Compiled compile(std::string_view source, std::string_view filename) {
  Compiled out;
  out.filename = filename;
  auto unit = std::make_unique<Unit>();
  std::vector<Diag> errs;
  unit->files.push_back(std::make_unique<File>(parse_file(source, filename, unit->arena, errs)));
  File* f = unit->files.back().get();
  bool syntax_errors = !errs.empty();
  if (!syntax_errors) {
    Unit* u = unit.get();
    Checker c(*unit->types, unit->info, errs,
              [u, &errs](const std::string& p) { return u->import(p, errs); });
    unit->main = c.check("main", {f}, false);
    // The runtime's error types exist in every program (runtime panics).
    u->import("runtime", errs);
  }
  std::stable_sort(errs.begin(), errs.end(),
                   [](const Diag& a, const Diag& b) { return a.pos < b.pos; });
  for (const Diag& d : errs) {
    out.errors.push_back({d.pos.line, d.pos.col, d.message});
    if (out.errors.size() > kMaxErrors) break;
  }
  if (!out.errors.empty()) return out;
  out.program = build_program(std::move(unit), out.errors);
  return out;
}

}  // namespace gort::golang
