// One run of a Go program (see session.hpp for the invariants).
#include "session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <gort/run.hpp>
#include <mutex>
#include <random>
#include <thread>

#include "prerun.hpp"

namespace gort::web {

// What the program wrote, in order. Config::out/err are called from
// whichever thread runs the goroutine that prints, before the Print event
// is recorded: so once an event is drained, its text is here.
struct Session::Sink {
  std::mutex mu;
  std::string text;
};

bool edited(const RunOptions& opts) {
  if (opts.code.empty()) return false;
  const patterns::Pattern* p = patterns::find(opts.pattern);
  if (!p) return true;
  patterns::Args args;
  for (const auto& q : p->params) args.values.emplace_back(q.name, q.value);
  for (auto& [name, value] : args.values)
    for (const auto& [n, v] : opts.params)
      if (n == name) value = v;
  return opts.code != patterns::source(*p, args);
}

int Session::default_procs() {
  if (!Config::kThreads) return kMaxDefaultProcs;
  const int cpus = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(cpus, 1, kMaxDefaultProcs);
}

Session::Session() : sink_(std::make_shared<Sink>()) {}

Session::~Session() {
  end_program();
  ending_.reset();  // joins its threads
}

void Session::end_program() {
  if (!prog_) return;
  stop_running();
  prog_->wait();  // simulated: unwinds at once; threaded: joins the workers
  pump();
  done_ = true;
  if (!stopped_) exit_code_ = prog_->exit_code();
  lost_ = prog_->lost_events();
  prog_.reset();
}

void Session::stop_running() {
  if (prog_ && !prog_->done()) {
    prog_->stop();
    stopped_ = true;
  }
}

void Session::retire_program() {
  if (!prog_) return;
  if (prog_->simulated()) {
    end_program();  // unwinds on this thread, at once: no thread to wait for
    return;
  }
  stop_running();
  if (prog_->reap()) {
    end_program();
    return;
  }
  done_ = true;
  lost_ = prog_->lost_events();
  ending_ = std::move(prog_);
}

void Session::prepare(int procs) {
  prerun_.reset();     // a newer start: the pre-run under way unwinds (at most kPrerunEvents)
  playback_.resume();  // a new run plays (a pause asked for from now on holds: reset_playback)
  prep_ = Prep::Asked;
  procs_ = procs;
  done_ = false;
  stopped_ = false;
  exit_code_.reset();
}

void Session::step_prep() {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  while (prep_ != Prep::None && clock::now() - t0 < kSliceBudget) {
    switch (prep_) {
      case Prep::None:
        break;
      case Prep::Asked:
        prep_ = Prep::Free;
        return;  // the next frame
      case Prep::Free:
        if (ending_ && !ending_->reap()) return;  // a later frame
        ending_.reset();                          // its pool threads go back for the next program
        prep_ = Prep::Compile;
        break;
      case Prep::Compile:
        compile();
        break;
      case Prep::Prerun:
        if (!prerun_->step(kSliceBudget - (clock::now() - t0))) return;
        layout_.settle(prerun_->model());
        prerun_.reset();
        settled_ = std::move(prep_key_);
        prep_ = Prep::Start;
        break;
      case Prep::Start:
        prep_ = Prep::None;
        launch();
        break;
    }
  }
}

std::string Session::check(const RunOptions& opts, const patterns::Pattern*& pat,
                           patterns::Args& args) const {
  pat = nullptr;
  if (!opts.pattern.empty() || opts.code.empty()) {
    pat = patterns::find(opts.pattern);
    if (!pat) {
      std::string known;
      for (const auto& p : patterns::all()) known += (known.empty() ? "" : ", ") + p.id;
      return "unknown pattern \"" + opts.pattern + "\" (patterns: " + known + ")";
    }
  } else if (!opts.params.empty()) {
    return "parameters belong to a pattern, and this code has none";
  }
  const int procs = opts.procs == 0 ? default_procs() : opts.procs;
  if (procs < 1 || procs > kMaxProcs) {
    return "procs = " + std::to_string(opts.procs) + " is out of range 1.." +
           std::to_string(kMaxProcs);
  }
  if (!Config::speed_ok(opts.speed)) {
    return "speed = " + std::to_string(opts.speed) + " is out of range " + Config::speed_range();
  }
  if (pat) {
    std::vector<std::pair<std::string, std::string>> kv;
    for (const auto& [name, v] : opts.params) kv.emplace_back(name, std::to_string(v));
    if (std::string err = patterns::make_args(*pat, kv, args); !err.empty()) return err;
  }
  return {};
}

void Session::halt_for(const RunOptions& opts) {
  const patterns::Pattern* pat;
  patterns::Args args;
  if (check(opts, pat, args).empty() && prog_ && !prog_->simulated()) stop_running();
}

std::string Session::start(const RunOptions& opts) {
  const patterns::Pattern* pat;
  patterns::Args args;
  if (std::string err = check(opts, pat, args); !err.empty()) return err;
  const int procs = opts.procs == 0 ? default_procs() : opts.procs;
  retire_program();
  opts_ = opts;
  started_ = true;
  pattern_ = pat;
  source_ = opts.code.empty() ? patterns::source(*pat, args) : opts.code;
  compared_.reset();
  compare_stage_ = opts.compare ? 1 : 0;
  compare_procs_ = procs > 1 ? procs : std::max(default_procs(), 2);
  prepare(opts.compare ? 1 : procs);
  return {};
}

void Session::compile() {
  if (source_ != compiled_source_) {
    compiled_ = golang::compile(source_, "prog.go");
    compiled_source_ = source_;
  }
  if (!compiled_.ok()) {  // as `go build`: nothing runs, exit status 2
    begin_run();
    layout_.settle(Model{});
    settled_.clear();
    reset_playback();
    done_ = true;
    exit_code_ = 2;
    prep_ = Prep::None;
    return;
  }
  Config& cfg = prep_cfg_;
  cfg = Config{};
  cfg.gomaxprocs = procs_;
  // A seed drawn here, not by the runtime, so that a link can name it.
  seed_ = opts_.seed;
  while (seed_ == 0) seed_ = (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
  cfg.seed = seed_;
  cfg.speed = opts_.speed;
  if (opts_.compare) {
    // Compared runs keep the real clock (on virtual time CPU work takes no
    // time); deterministic asks for simulated Ps.
    cfg.sched = opts_.deterministic ? SchedMode::Simulated : SchedMode::Threads;
  } else {
    cfg.set_deterministic(opts_.deterministic);
  }
  cfg.trace = true;
  // Room for the events of a frame or more of a busy program on each P.
  cfg.trace_capacity = std::size_t{1} << 17;
  std::shared_ptr<Sink> sink = sink_;
  cfg.out = cfg.err = [sink](std::string_view s) {
    std::lock_guard lk(sink->mu);
    sink->text.append(s);
  };
  // The pre-run gives the same map for the same program and options: an
  // unchanged one (Restart) keeps it.
  prep_key_ = source_ + "|" + std::to_string(procs_) + "|" + std::to_string(opts_.seed);
  if (prep_key_ != settled_) {
    prerun_ = std::make_unique<Prerun>(cfg, body());
    prep_ = Prep::Prerun;
  } else {
    layout_.restart();
    prep_ = Prep::Start;
  }
}

std::function<void()> Session::body() const {
  // The compiled Go text: the same program the reader sees (and edited).
  return [program = compiled_.program, limits = opts_.limits] { program->main(limits); };
}

void Session::reset_playback() {
  const bool paused = playback_.paused();  // since prepare(): a page that starts paused
  playback_.reset(procs_);
  if (paused) playback_.pause();
}

void Session::begin_run() {
  {
    std::lock_guard lk(sink_->mu);
    sink_->text.clear();
  }
  playback_.set_speed(opts_.speed);
  meter_.clear();
  fold_ms_ = 0;
  lost_ = 0;
}

void Session::launch() {
  begin_run();
  prog_ = std::make_unique<Program>(prep_cfg_, body());
  if (!prog_->valid()) {  // start() checked what Config checks; a new rule must not pass silently
    prog_.reset();
    started_ = false;
    done_ = true;
    return;
  }
  procs_ = prog_->procs();
  reset_playback();
  prog_->start();  // threaded: the workers start; simulated: frame() runs slices
}

void Session::stop() {
  if (prep_ != Prep::None) {  // stopped before it could start
    prep_ = Prep::None;
    prerun_.reset();
    stopped_ = true;
    done_ = true;
  }
  end_program();
}

std::string Session::restart() {
  if (!started_) return "no program has run yet";
  RunOptions opts = opts_;
  return start(opts);  // a comparison starts over from one chef
}

void Session::set_speed(double speed) {
  if (!Config::speed_ok(speed)) return;
  opts_.speed = speed;
  playback_.set_speed(speed);
}

void Session::pump() {
  if (!prog_) return;
  bool ended = prog_->done();  // before draining: then every event is drained
  drained_.clear();
  prog_->drain(drained_);
  if (!drained_.empty()) {
    Texts& t = playback_.texts();
    {
      std::lock_guard lk(sink_->mu);
      t.output.append(sink_->text, t.output.size(), std::string::npos);
    }
    for (const trace::Event& e : drained_) {
      const std::uint32_t id = string_id(e);
      if (id == 0) continue;
      if (id >= t.strings.size()) t.strings.resize(id + 1);
      if (t.strings[id].empty()) t.strings[id] = prog_->string(id);
    }
    playback_.append(drained_.data(), drained_.size());
  }
  if (ended && !done_) {
    done_ = true;
    if (!stopped_) exit_code_ = prog_->exit_code();
  }
}

void Session::frame(double dt_seconds) {
  if (prep_ != Prep::None) {
    step_prep();
  } else if (ending_ && ending_->reap()) {
    ending_.reset();  // its pool threads go back for the next program
  }
  if (prog_ && !done_ && prog_->simulated()) prog_->run_for(kSliceBudget);
  auto t0 = std::chrono::steady_clock::now();
  pump();
  playback_.advance(dt_seconds);
  if (compare_stage_ == 1 && program_done() && !stopped_ && playback_.at_end()) {
    // One chef is done: keep its picture, then the same program with many.
    const Model& m = playback_.model();
    compared_ = compare_run(m, playback_.first_ts(), m.now(), simulated());
    compared_output_ = m.console();
    compare_stage_ = 2;
    retire_program();
    prepare(compare_procs_);
  }
  layout_.update(playback_.model());
  fold_ms_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  meter_.add(dt_seconds, playback_.size(), playback_.model().counters().chan_ops);
}

bool Session::running() const {
  return prep_ != Prep::None || (prog_ && !done_);
}

bool Session::program_done() const {
  return started_ && done_;
}

std::optional<int> Session::exit_code() const {
  return exit_code_;
}

bool Session::finished() const {
  return compare_stage_ != 1 && program_done() && playback_.at_end();
}

CompareRun Session::compare_current() const {
  const Model& m = playback_.model();
  const std::int64_t now = m.exited() ? m.now() : std::max(playback_.clock(), m.now());
  return compare_run(m, playback_.first_ts(), now, simulated());
}

bool Session::threaded() const {
  if (prog_) return !prog_->simulated();
  return Config::kThreads && !opts_.deterministic;
}

bool Session::build_failed() const {
  return started_ && compiled_source_ == source_ && !compiled_.ok();
}

const std::vector<golang::Error>& Session::compile_errors() const {
  static const std::vector<golang::Error> none;
  return compiled_source_ == source_ ? compiled_.errors : none;
}

std::string Session::build_stderr() const {
  if (!build_failed()) return {};
  return "# command-line-arguments\n" + compiled_.error_text();
}

std::string Session::output() const {
  if (build_failed()) return compiled_.error_text() + "\nGo build failed.\n";
  const Model& m = playback_.model();
  std::string out;
  if (compare_stage_ == 2 && compared_) {
    out = "--- GOMAXPROCS=1 ---\n" + compared_output_ +
          "\n--- GOMAXPROCS=" + std::to_string(compare_procs_) + " ---\n";
  }
  out += m.console();
  if (m.exited()) {
    if (m.exit_code() == 0) {
      out += "\nProgram exited.\n";
    } else if (m.exit_code() == -1) {
      out += "\nProgram stopped.\n";
    } else {
      out += "\nProgram exited: status " + std::to_string(m.exit_code()) + ".\n";
    }
  }
  return out;
}

Stats Session::stats() const {
  const Model& m = playback_.model();
  Stats s;
  s.goroutines_alive = m.counters().alive;
  s.goroutines_total = m.counters().total;
  s.channels = m.counters().channels;
  s.chan_ops_per_s = meter_.chan_ops_per_s();
  s.events_per_s = meter_.events_per_s();
  s.events = playback_.size();
  s.played = playback_.cursor();
  s.lost = prog_ ? prog_->lost_events() : lost_;
  s.fold_ms = fold_ms_;
  return s;
}

}  // namespace gort::web
