// gort::Program and gort::run: checking a Config, building a Sched, driving
// it (worker threads or the simulated loop) and taking it down.
//
// Invariants: at most one program is started at a time (g_sched); the thread
// that finishes a program (P0's worker, or the simulated driver) tears it
// down after every other worker has been joined, so teardown runs alone.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <gort/run.hpp>
#include <mutex>
#include <random>
#include <thread>

#include "sched.hpp"

namespace gort {

using namespace detail;

std::string Config::speed_range() {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.10g..%.10g", kMinSpeed, kMaxSpeed);
  return buf;
}

namespace {

std::string check(const Config& c) {
  if (c.gomaxprocs < 0 || c.gomaxprocs > Config::kMaxProcs) {
    return "invalid Config: gomaxprocs = " + std::to_string(c.gomaxprocs) + " (must be 0..." +
           std::to_string(Config::kMaxProcs) + "; 0 = all cores)";
  }
  if (!Config::speed_ok(c.speed)) {
    return "invalid Config: speed = " + std::to_string(c.speed) + " (must be " +
           Config::speed_range() + ")";
  }
  if (c.stack_size != 0 &&
      (c.stack_size < Config::kMinStackSize || c.stack_size > Config::kMaxStackSize)) {
    return "invalid Config: stack_size = " + std::to_string(c.stack_size) +
           " bytes (must be 0 or " + std::to_string(Config::kMinStackSize) + "..." +
           std::to_string(Config::kMaxStackSize) + ")";
  }
  if (c.stack_size != 0 && c.stack_size < Config::kSmallStackSize && !std::getenv("LD_BIND_NOW")) {
    // The dynamic linker resolves a function on its first call on the
    // caller's stack, saving the whole vector state (2-3 KB): on a tiny
    // goroutine stack that first call overflows it.
    return "invalid Config: stack_size = " + std::to_string(c.stack_size) +
           " bytes needs LD_BIND_NOW=1 in the environment (stacks under " +
           std::to_string(Config::kSmallStackSize) + " bytes cannot hold lazy symbol binding)";
  }
  if (c.trace && (c.trace_capacity < 16 || c.trace_capacity > (std::size_t{1} << 26))) {
    return "invalid Config: trace_capacity = " + std::to_string(c.trace_capacity) +
           " (must be 16...67108864)";
  }
  return {};
}

}  // namespace

}  // namespace gort

namespace gort::detail {

// Threads a program may use at most (0 = no limit): Emscripten's pool of
// pre-spawned pthreads (wasm/emscripten.cmake), since a thread created
// beyond it starts only when the main thread returns to its event loop.
#ifdef GORT_THREAD_POOL_SIZE
constexpr int kMaxThreads = GORT_THREAD_POOL_SIZE;
#else
constexpr int kMaxThreads = 0;
#endif

namespace {

std::mutex g_start_mu;  // guards g_sched across programs

const GoFn kMainFn = {
    [](void* closure) { (**static_cast<std::function<void()>**>(closure))(); },
    [](void*) noexcept {},
};

}  // namespace

Sched::Sched(const Config& c, std::function<void()> main) : cfg_(c), main_fn_(std::move(main)) {
  simulated_ = cfg_.sched == SchedMode::Simulated || !Config::kThreads;
  virtual_time_ = cfg_.clock == ClockMode::Virtual;
  tracing_ = cfg_.trace;
  speed_ = cfg_.speed;
  nprocs_ = cfg_.gomaxprocs > 0
                ? cfg_.gomaxprocs
                : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  pinned_ = !kContextCanMigrate && !simulated_;
  if (kMaxThreads > 0 && !simulated_ && nprocs_ > kMaxThreads) {
    // Never wait for a thread that was not pre-spawned (Emscripten's pool).
    std::string msg = "gort: gomaxprocs " +
                      (cfg_.gomaxprocs > 0 ? std::to_string(cfg_.gomaxprocs)
                                           : "0 (" + std::to_string(nprocs_) + " cores)") +
                      " capped to " + std::to_string(kMaxThreads) + ": this build has a pool of " +
                      std::to_string(kMaxThreads) + " threads\n";
    if (cfg_.err) {
      cfg_.err(msg);
    } else {
      std::fputs(msg.c_str(), stderr);
    }
    nprocs_ = kMaxThreads;
  }
  stack_size_ = cfg_.stack_size ? (cfg_.stack_size + 15) / 16 * 16 : Config::kDefaultStackSize;
  seed_ = cfg_.seed ? cfg_.seed : std::random_device{}() * 0x9e3779b97f4a7c15ULL + 1;
  sim_rng_.seed(seed_);
  if (tracing_) ext_ring_.init(cfg_.trace_capacity);
  for (int i = 0; i < nprocs_; i++) {
    auto p = std::make_unique<P>();
    p->id = i;
    p->s = this;
    p->rng.seed(seed_ + static_cast<std::uint64_t>(i) * 0x2545f4914f6cdd1dULL);
    if (tracing_) p->ring.init(cfg_.trace_capacity);
    p->watch.resize(static_cast<std::size_t>(nprocs_));
    p->idle = i > 0;  // P0 runs main; the others start idle, threads not yet made
    ps_.push_back(std::move(p));
  }
  nidle_.store(nprocs_ - 1);
  start_time_ = std::chrono::steady_clock::now();
}

Sched::~Sched() {
  join_threads();
}

void Sched::join_threads(P* except) {
  for (auto& p : ps_) {
    if (p.get() != except && p->thread.joinable()) p->thread.join();
  }
}

bool Sched::try_join_threads() {
  bool all = true;
  for (auto& p : ps_) {
    if (p->thread.joinable() && !p->thread.try_join()) all = false;
  }
  return all;
}

// Installs this program as the running one and creates goroutine 1.
void Sched::install() {
  {
    std::lock_guard lk(g_start_mu);
    if (g_sched) throw std::logic_error("gort: another program is already running");
    g_sched = this;
  }
  void* closure;
  G* g;
  // main gets at least the default stack: a small stack_size is for the
  // many goroutines a program starts, not for main's own work.
  if (newg(sizeof(std::function<void()>*), alignof(std::function<void()>*), &closure,
           std::max(stack_size_, Config::kDefaultStackSize), &g) != Status::Ok) {
    return;  // ended with Go's report: the Ps find the program ending
  }
  *static_cast<std::function<void()>**>(closure) = &main_fn_;
  g->fn = &kMainFn;
  start_g(nullptr, g);
}

// The program is over: another may start, and finished() turns true (in that
// order, so that whoever sees finished() can start the next one).
void Sched::uninstall() {
  {
    std::lock_guard lk(g_start_mu);
    if (g_sched == this) g_sched = nullptr;
  }
  finished_.store(true, std::memory_order_release);
}

void Sched::start(bool p0_on_caller) {
  install();
  if (simulated_) return;
  p0_on_caller_ = p0_on_caller;
  start_pinned_threads();
  if (p0_on_caller) return;
  P* p0 = ps_[0].get();
  p0->thread.start([this] {
    run_p0();
    context_thread_exit();
  });
}

void Sched::run_p0() {
  P* p0 = ps_[0].get();
  {
    std::lock_guard lk(mu_);
    p0->attached = true;
  }
  set_curp(p0);
  context_init_current(p0->g0);
  worker(p0);
  finish_on_p0(p0);
  context_destroy(p0->g0);
  set_curp(nullptr);
  uninstall();
}

bool Sched::run_simulated(std::chrono::nanoseconds budget, bool may_sleep) {
  for (auto& p : ps_) context_init_current(p->g0);
  bool ended = run_sim(budget, may_sleep);
  for (auto& p : ps_) context_destroy(p->g0);
  if (ended) uninstall();
  return ended;
}

int Sched::exit_code() const {
  std::lock_guard lk(mu_);
  return exit_code_;
}

std::string Sched::output() const {
  std::lock_guard lk(out_mu_);
  return output_;
}

}  // namespace gort::detail

namespace gort {

Program::Program(const Config& cfg, std::function<void()> main) : error_(check(cfg)) {
  if (!main) error_ = "invalid program: no main function";
  if (valid()) s_ = std::make_unique<Sched>(cfg, std::move(main));
}

Program::~Program() {
  if (!s_ || !started_ || done()) return;
  stop();
  wait();
}

bool Program::simulated() const {
  return s_ && s_->simulated();
}
int Program::procs() const {
  return s_ ? s_->nprocs() : 0;
}

void Program::start() {
  if (!valid() || started_) return;
  s_->start(false);
  started_ = true;
}

bool Program::run_for(std::chrono::nanoseconds budget) {
  if (!valid()) return true;
  start();
  if (!done()) {
    if (s_->simulated()) {
      s_->run_simulated(budget, false);
    } else {
      auto deadline = std::chrono::steady_clock::now() + budget;
      while (!done() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    }
  }
  if (done()) s_->join_threads();
  return done();
}

int Program::wait() {
  if (!valid()) return 1;
  if (!started_ && !s_->simulated()) {
    // The calling thread drives P0: no extra thread for the common case.
    s_->start(true);
    started_ = true;
    s_->run_p0();
  } else {
    start();
    while (!done() && s_->simulated()) s_->run_simulated(std::chrono::seconds(1), true);
  }
  s_->join_threads();
  return exit_code();
}

bool Program::reap() {
  if (!valid() || !started_) return true;
  return done() && s_->try_join_threads();
}

void Program::stop() {
  if (s_ && started_) s_->end(-1);
}

bool Program::done() const {
  return s_ && s_->finished();
}

int Program::exit_code() const {
  return s_ ? s_->exit_code() : 1;
}

std::size_t Program::drain(std::vector<trace::Event>& out) {
  return s_ ? s_->drain(out) : 0;
}

std::uint64_t Program::lost_events() const {
  return s_ ? s_->lost_events() : 0;
}

std::string Program::output() const {
  return s_ ? s_->output() : std::string();
}

std::string Program::string(std::uint32_t id) const {
  return s_ ? s_->string(id) : std::string();
}

int run(const Config& cfg, std::function<void()> main) {
  Program prog(cfg, std::move(main));
  if (!prog.valid()) {
    std::string msg = "gort: " + prog.error() + "\n";
    if (cfg.err) {
      cfg.err(msg);
    } else {
      std::fputs(msg.c_str(), stderr);
    }
    return 1;
  }
  return prog.wait();
}

int run(std::function<void()> main) {
  return run(Config{}, std::move(main));
}

}  // namespace gort
