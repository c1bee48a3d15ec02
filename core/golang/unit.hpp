// A compilation unit: everything parsing and checking a program produced
// (syntax trees, types, the checker's Info), which the compiler turns into a
// Program. The Program keeps the Unit's types: the running program's %v,
// %T, type assertions and maps read them.
#pragma once

#include <gort/golang.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ast.hpp"
#include "checker.hpp"
#include "types.hpp"

namespace gort::golang {

struct Unit {
  Unit();
  ~Unit();
  // The library package at `path`, parsed and checked on first use.
  Package* import(const std::string& path, std::vector<Diag>& errs);

  Arena arena;
  std::vector<std::unique_ptr<File>> files;
  std::unique_ptr<Types> types;
  Info info;
  std::map<std::string, Package*> packages;
  Package* main = nullptr;
  std::vector<Diag> diags_sink;  // the compiler's own Checker (method sets) reports nothing
};

// Compiles a checked unit to bytecode (compiler.cpp). Errors it finds (a
// function too large for the VM's slot numbering, ...) go to `errors`.
std::shared_ptr<const Program> build_program(std::unique_ptr<Unit> unit,
                                             std::vector<Error>& errors);

}  // namespace gort::golang
