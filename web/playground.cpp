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
  next.params.clear();
  for (const auto& param : p->params) next.params.emplace_back(param.name, param.value);
  return true;
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
  t.err = session_.playback().model().err();
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
