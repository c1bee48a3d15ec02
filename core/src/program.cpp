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

namespace {

std::mutex g_start_mu;  // guards g_sched across programs

std::string check(const Config& c) {
  if (c.gomaxprocs < 0 || c.gomaxprocs > Config::kMaxProcs) {
    return "invalid Config: gomaxprocs = " + std::to_string(c.gomaxprocs) + " (must be 0..." +
           std::to_string(Config::kMaxProcs) + "; 0 = all cores)";
  }
  if (!(c.speed >= Config::kMinSpeed && c.speed <= Config::kMaxSpeed)) {
    return "invalid Config: speed = " + std::to_string(c.speed) + " (must be 0.01...1000000)";
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

const GoFn kMainFn = {
    [](void* closure) { (*static_cast<Sched**>(closure))->main_fn(); },
    [](void*) noexcept {},
};

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

Sched::Sched(const Config& c, std::function<void()> main) : cfg(c), main_fn(std::move(main)) {
  simulated = cfg.simulated || cfg.deterministic || !Config::kThreads;
  virtual_time = cfg.virtual_time || cfg.deterministic;
  tracing = cfg.trace;
  speed = cfg.speed;
  nprocs = cfg.gomaxprocs > 0 ? cfg.gomaxprocs
                              : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  pinned = !kContextCanMigrate && !simulated;
  if (kMaxThreads > 0 && !simulated && nprocs > kMaxThreads) {
    // Never wait for a thread that was not pre-spawned (Emscripten's pool).
    std::string msg = "gort: gomaxprocs " +
                      (cfg.gomaxprocs > 0 ? std::to_string(cfg.gomaxprocs)
                                          : "0 (" + std::to_string(nprocs) + " cores)") +
                      " capped to " + std::to_string(kMaxThreads) + ": this build has a pool of " +
                      std::to_string(kMaxThreads) + " threads\n";
    if (cfg.err) {
      cfg.err(msg);
    } else {
      std::fputs(msg.c_str(), stderr);
    }
    nprocs = kMaxThreads;
  }
  stack_size = cfg.stack_size ? (cfg.stack_size + 15) / 16 * 16 : Config::kDefaultStackSize;
  seed = cfg.seed ? cfg.seed : std::random_device{}() * 0x9e3779b97f4a7c15ULL + 1;
  sim_rng.seed(seed);
  for (int i = 0; i < nprocs; i++) {
    auto p = std::make_unique<P>();
    p->id = i;
    p->s = this;
    p->rng.seed(seed + static_cast<std::uint64_t>(i) * 0x2545f4914f6cdd1dULL);
    if (tracing) p->ring.init(cfg.trace_capacity);
    if (tracing && i == 0) ext_ring.init(cfg.trace_capacity);
    p->watch.resize(static_cast<std::size_t>(nprocs));
    p->idle = i > 0;  // P0 runs main; the others start idle, threads not yet made
    ps.push_back(std::move(p));
  }
  nidle.store(nprocs - 1);
  start_time = std::chrono::steady_clock::now();
}

Sched::~Sched() {
  // A threaded program that ended without wait(): P0's thread has finished
  // tearing down (or is about to return), the others were joined by it
  // (pinned Ps: by whoever started the program, here at the latest).
  join_threads();
}

void Sched::join_threads() {
  for (auto& p : ps) {
    if (p->thread.joinable()) p->thread.join();
  }
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
  return s_ && s_->simulated;
}
int Program::procs() const {
  return s_ ? s_->nprocs : 0;
}

// Installs the program as the running one and creates goroutine 1.
void Program::install() {
  if (started_) return;
  {
    std::lock_guard lk(g_start_mu);
    if (g_sched) throw std::logic_error("gort: another program is already running");
    g_sched = s_.get();
  }
  started_ = true;
  void* closure;
  // main gets at least the default stack: a small stack_size is for the
  // many goroutines a program starts, not for main's own work.
  G* g = s_->newg(sizeof(Sched*), alignof(Sched*), &closure,
                  std::max(s_->stack_size, Config::kDefaultStackSize));
  *static_cast<Sched**>(closure) = s_.get();
  g->fn = &kMainFn;
  s_->start_g(nullptr, g);
}

// The program is over: another may start, and done() turns true (in that
// order, so that whoever sees done() can start the next one).
void Program::uninstall() {
  {
    std::lock_guard lk(g_start_mu);
    if (g_sched == s_.get()) g_sched = nullptr;
  }
  s_->finished.store(true, std::memory_order_release);
}

void Program::start() {
  if (!valid() || started_) return;
  install();
  if (!s_->simulated) {
    P* p0 = s_->ps[0].get();
    if constexpr (!kContextCanMigrate) s_->start_workers();
    p0->thread = std::thread([this, p0] {
      drive_threaded(p0);
      context_thread_exit();
    });
  }
}

// P0's worker: runs until the program ends, joins the other workers, tears down.
void Program::drive_threaded(P* p0) {
  Sched& s = *s_;
  {
    std::lock_guard lk(s.mu);
    p0->attached = true;
  }
  set_curp(p0);
  context_init_current(p0->g0);
  s.worker(p0);
  if constexpr (!kContextCanMigrate) {
    s.teardown_pinned(p0);
  } else {
    for (auto& p : s.ps) {
      if (p.get() != p0 && p->thread.joinable()) p->thread.join();
    }
    s.teardown();
  }
  context_destroy(p0->g0);
  uninstall();
}

bool Program::run_for(std::chrono::nanoseconds budget) {
  if (!valid()) return true;
  start();
  if (done()) {
    if constexpr (!kContextCanMigrate) s_->join_threads();  // see Sched::teardown_pinned
    return true;
  }
  if (s_->simulated) {
    P* p0 = s_->ps[0].get();
    for (auto& p : s_->ps) context_init_current(p->g0);
    bool ended = s_->run_sim(budget, false);
    for (auto& p : s_->ps) context_destroy(p->g0);
    (void)p0;
    if (ended) uninstall();
    return ended;
  }
  auto deadline = std::chrono::steady_clock::now() + budget;
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  if constexpr (!kContextCanMigrate) {
    if (done()) s_->join_threads();  // see Sched::teardown_pinned
  }
  return done();
}

int Program::wait() {
  if (!valid()) return 1;
  if (!started_ && !s_->simulated) {
    // The calling thread is P0's worker: no extra thread for the common case.
    install();
    if constexpr (!kContextCanMigrate) s_->start_workers();
    drive_threaded(s_->ps[0].get());
    set_curp(nullptr);
    if constexpr (!kContextCanMigrate) s_->join_threads();  // see Sched::teardown_pinned
    return exit_code();
  }
  start();
  if (s_->simulated) {
    if (!done()) {
      for (auto& p : s_->ps) context_init_current(p->g0);
      while (!s_->run_sim(std::chrono::seconds(1), true)) {
      }
      for (auto& p : s_->ps) context_destroy(p->g0);
      uninstall();
    }
  } else if (s_->ps[0]->thread.joinable()) {
    s_->ps[0]->thread.join();
  }
  if constexpr (!kContextCanMigrate) s_->join_threads();  // see Sched::teardown_pinned
  return exit_code();
}

void Program::stop() {
  if (s_ && started_) s_->end(-1);
}

bool Program::done() const {
  return s_ && s_->finished.load(std::memory_order_acquire);
}

int Program::exit_code() const {
  if (!s_) return 1;
  std::lock_guard lk(s_->mu);
  return s_->exit_code;
}

std::size_t Program::drain(std::vector<trace::Event>& out) {
  return s_ ? s_->drain(out) : 0;
}

std::uint64_t Program::lost_events() const {
  return s_ ? s_->lost_events() : 0;
}

std::string Program::output() const {
  if (!s_) return {};
  std::lock_guard lk(s_->out_mu);
  return s_->output;
}

std::string Program::string(std::uint32_t id) const {
  if (!s_) return {};
  return s_->strings.text(id);
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
