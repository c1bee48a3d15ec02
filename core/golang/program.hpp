// A compiled program (Program::Impl): its functions, static objects and the
// tables the VM reads while it runs. Immutable once built, so one Program
// runs any number of times (and its types and code are shared by them).
#pragma once

#include <deque>
#include <gort/golang.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "bytecode.hpp"
#include "rt.hpp"
#include "unit.hpp"

namespace gort::golang {

struct Run;

struct Program::Impl {
  std::unique_ptr<Unit> unit;
  std::deque<std::unique_ptr<FuncCode>> funcs;
  FuncCode* start = nullptr;  // package initialisation, then main.main
  std::uint32_t nglobals = 0;
  std::vector<std::string> global_names;
  // Static objects (string constants, static closures): freed with the Program.
  std::vector<void*> statics;
  // Method names, interned (CallI's bc, MethodImpl::name).
  std::vector<std::string> method_names;
  std::unordered_map<std::string, std::uint32_t> method_ids;
  // The methods of every dynamic type the program can put in an interface.
  std::unordered_map<const Type*, MethodTable> methods;
  // runtime's error types: runtime.Error values the VM panics with.
  const Type* runtime_error = nullptr;  // "runtime error: " + text
  const Type* plain_error = nullptr;    // text as it is (send on closed channel)
  const Type* error_type = nullptr;     // the universe's error
  // Channel element ops that carry their type (MakeChan's constants).
  std::deque<rt::ChanOps> chan_ops;
  mutable rt::SentTexts sent_texts;  // the running Run's
  std::string filename;

  ~Impl();
  // A fresh Run (its heap, its globals) for one execution within limits;
  // the previous one, whose program has ended, is freed.
  Run* new_run(const Limits& limits) const;
  std::uint32_t method_id(const std::string& name);
  Str* static_string(std::string_view s);
  Closure* static_closure(FuncCode* f);
  const MethodTable* method_table(const Type* t) const {
    auto it = methods.find(t);
    return it == methods.end() ? nullptr : &it->second;
  }

 private:
  mutable std::mutex run_mu_;
  mutable std::unique_ptr<Run> run_;  // last: freed before the code it runs
};

}  // namespace gort::golang
