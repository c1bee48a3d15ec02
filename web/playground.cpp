// Playground: see playground.hpp.
#include "playground.hpp"

#include <patterns/pattern.hpp>
#include <utility>

namespace gort::web {

Playground::Playground() {
  choose(patterns::all().front().id);
}

bool Playground::choose(const std::string& id) {
  const patterns::Pattern* p = patterns::find(id);
  if (!p) return false;
  next.pattern = p->id;
  // The pattern whose lesson is the comparison opens in compare mode.
  next.compare = p->id == "concurrency_vs_parallelism";
  next.params.clear();
  for (const auto& param : p->params) next.params.emplace_back(param.name, param.value);
  auto kept = texts_.find(p->id);
  take_code(kept != texts_.end() ? kept->second : p->go_source);
  code_revision_++;
  document_revision_++;
  return true;
}

void Playground::take_code(std::string text) {
  if (const patterns::Pattern* p = patterns::find(next.pattern)) {
    for (std::size_t i = 0; i < p->params.size() && i < next.params.size(); i++) {
      const patterns::Param& q = p->params[i];
      std::optional<int> v = patterns::const_value(text, q.name);
      if (v && *v >= q.min && *v <= q.max) next.params[i].second = *v;
    }
  }
  texts_[next.pattern] = text;
  next.code = std::move(text);
}

void Playground::set_code(std::string text) {
  take_code(std::move(text));
}

bool Playground::set_param(const std::string& name, int value) {
  const patterns::Pattern* p = patterns::find(next.pattern);
  if (!p) return false;
  for (std::size_t i = 0; i < p->params.size() && i < next.params.size(); i++) {
    const patterns::Param& q = p->params[i];
    if (q.name != name) continue;
    if (value < q.min || value > q.max) return false;
    next.params[i].second = value;
    std::string text = next.code;
    if (patterns::set_const(text, name, value)) {
      texts_[next.pattern] = text;
      next.code = std::move(text);
      code_revision_++;
    }
    return true;
  }
  return false;
}

void Playground::reset_code() {
  texts_.erase(next.pattern);
  if (!choose(next.pattern)) {  // code of no pattern: back to nothing
    next.code.clear();
    code_revision_++;
    document_revision_++;
  }
}

void Playground::show(const RunOptions& opts) {
  if (!choose(opts.pattern)) {  // code of no pattern
    next.pattern.clear();
    next.params.clear();
  }
  for (auto& [name, value] : next.params)
    for (const auto& [n, v] : opts.params)
      if (n == name) value = v;
  if (!opts.code.empty()) {
    take_code(opts.code);
  } else if (const patterns::Pattern* p = patterns::find(next.pattern)) {
    patterns::Args args;
    args.values = next.params;
    take_code(patterns::source(*p, args));
  }
  code_revision_++;
  document_revision_++;
  next.procs = opts.procs;
  next.seed = opts.seed;
  next.deterministic = opts.deterministic;
  next.speed = opts.speed;
  next.compare = opts.compare;
}

bool Playground::edited(const std::string& id) const {
  auto kept = texts_.find(id);
  if (kept == texts_.end()) return false;
  RunOptions o;
  o.pattern = id;
  o.code = kept->second;
  if (const patterns::Pattern* p = patterns::find(id)) {
    for (const auto& q : p->params) {
      std::optional<int> v = patterns::const_value(o.code, q.name);
      if (v && *v >= q.min && *v <= q.max) o.params.emplace_back(q.name, *v);
    }
  }
  return web::edited(o);
}

int Playground::run(const RunOptions& opts, std::string& error) {
  return begin([&] { return session_.start(opts); }, error);
}

int Playground::restart(std::string& error) {
  if (run_ == 0) return run_next(error);
  return begin([&] { return session_.restart(); }, error);
}

int Playground::begin(const std::function<std::string()>& start, std::string& error) {
  // Session::start replaces the previous program and its playback: what the
  // stopped run showed must be taken before.
  RunEnd before = open_ ? texts() : RunEnd{};
  error = start();
  if (!error.empty()) {
    // A refused start may still have ended the previous program.
    if (open_ && session_.stopped()) end_open(true, std::move(before));
    return 0;
  }
  end_open(true, std::move(before));
  open_ = true;
  notice.clear();
  selected = 0;
  return ++run_;
}

void Playground::stop() {
  session_.stop();
  end_open(true, texts());
}

void Playground::frame(double dt_seconds) {
  session_.frame(dt_seconds);
  if (open_ && session_.finished() && !session_.stopped()) end_open(false, texts());
}

RunEnd Playground::texts() const {
  RunEnd t;
  t.output = session_.output();
  t.out = session_.playback().model().out();
  t.err = session_.compile_errors().empty() ? session_.playback().model().err()
                                            : session_.build_stderr();
  t.errors = session_.compile_errors();
  return t;
}

void Playground::end_open(bool stopped, RunEnd end) {
  if (!open_) return;
  open_ = false;
  end.run = run_;
  end.stopped = stopped;
  if (!stopped) end.exit_code = session_.exit_code();
  if (on_end) on_end(end);
}

}  // namespace gort::web
