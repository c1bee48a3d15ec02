// A goroutine's life: creation (go_alloc/go_start), its entry function,
// exit, and what a goroutine may ask about itself.
//
// Layout of a goroutine's stack block (low to high addresses):
//   [canary | ... frames grow down ... | closure | G]
// so a spawn touches one block and allocates nothing else when the closure
// is small; a closure larger than a quarter of the stack goes to the heap.
// Invariants: a G is on Sched::allg from newg until freeg; ngoroutines
// counts them; goroutine 1 is main and its return ends the program.
#include <cstdint>
#include <exception>
#include <gort/go.hpp>
#include <gort/run.hpp>
#include <new>
#include <stdexcept>
#include <string>

#include "sched.hpp"

namespace gort::detail {

namespace {

bool closure_on_heap(const G* g) {
  auto c = reinterpret_cast<std::uintptr_t>(g->closure);
  auto lo = reinterpret_cast<std::uintptr_t>(g->stack_lo);
  return c < lo || c >= lo + g->stack_size;
}

// The message of an exception that escaped a goroutine's function.
std::string panic_message(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const Panic& p) {
    return p.message;
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "unknown C++ exception";
  }
}

// g's function has ended, returning or by `escaped`: a panic, or Unwind
// once the program is ending. A panic ends the program with Go's report.
void end_fn(Sched* s, G* g, const std::exception_ptr& escaped) {
  g->fn->destroy(g->closure);
  if (escaped && s->begin_report()) {
    s->write(true, "panic: " + panic_message(escaped) + "\n\n");
    s->report_traceback(g, "running");
    s->end(2);
  }
}

// Runs g's function. Nothing with a destructor is in scope around the
// call, and no try block: an exception escaping the function starts g's
// context over in g_entry (context.hpp), and run_g again, which then only
// ends it. Separate from g_entry so that every local is destroyed before
// g_entry leaves through context_exit, which never returns.
void run_g(Sched* s, G* g) {
  if (std::exception_ptr escaped = context_take_escaped()) {
    end_fn(s, g, escaped);
    return;
  }
  s->after_switch(curp());  // finish the switch that started us
  if (!must_unwind(g)) g->fn->invoke(g->closure);
  end_fn(s, g, nullptr);
}

void g_entry(void* arg) {
  G* g = static_cast<G*>(arg);
  Sched* s = g_sched;
  run_g(s, g);
  P* p = curp();
  if (g->id == 1) s->main_returned();
  g->status = GStatus::Dead;
  s->emit(p, trace::Kind::GoEnd, g, 0, 0);
  p->after = P::After::Exit;
  p->prev = g;
  context_exit(g->ctx, [&]() -> Context& {
    G* next = s->direct_next(p);
    return next ? next->ctx : p->g0;
  }());
}

}  // namespace

Status Sched::newg(std::size_t closure_size, std::size_t closure_align, void** closure,
                   std::size_t size, G** out) {
  std::size_t n = ngoroutines_.fetch_add(1, std::memory_order_relaxed) + 1;
  if (cfg_.max_goroutines && n > cfg_.max_goroutines) {
    ngoroutines_.fetch_sub(1, std::memory_order_relaxed);
    fatal_report(std::string(status_text(Status::GoroutineLimit)) + ": max_goroutines is " +
                 std::to_string(cfg_.max_goroutines));
    return Status::GoroutineLimit;
  }
  P* p = curp();
  // P caches hold blocks of the program's stack size only.
  char* lo = stack_get(size == stack_size_ ? p : nullptr, size);
  if (!lo) {
    // Go's words when the heap cannot grow. The pool gives its free blocks
    // back once the program is over (teardown_rest), for the next program.
    ngoroutines_.fetch_sub(1, std::memory_order_relaxed);
    out_of_memory_ = true;
    fatal_report(status_text(Status::OutOfMemory));
    return Status::OutOfMemory;
  }
  auto top = reinterpret_cast<std::uintptr_t>(lo) + size;
  auto gaddr = (top - sizeof(G)) & ~(std::uintptr_t{alignof(G)} - 1);
  G* g = new (reinterpret_cast<void*>(gaddr)) G();
  auto caddr = (gaddr - closure_size) & ~(std::uintptr_t{closure_align} - 1);
  if (closure_size > size / 4) {
    g->closure = ::operator new (closure_size, std::align_val_t{closure_align});
    caddr = gaddr;
  } else {
    g->closure = reinterpret_cast<void*>(caddr);
  }
  g->stack_lo = lo;
  g->stack_size = size;
  if (size < kLargeStack) *reinterpret_cast<std::uint64_t*>(lo) = kStackCanary;
  char* usable_lo = lo + 16;
  auto usable_hi = caddr & ~std::uintptr_t{15};
  context_make(g->ctx, usable_lo, usable_hi - reinterpret_cast<std::uintptr_t>(usable_lo), g_entry,
               g);
  g->id = next_goid_.fetch_add(1, std::memory_order_relaxed);
  G* parent = p ? p->curg : nullptr;
  g->parent_id = parent ? parent->id : 0;
  g->creator_id = parent ? parent->name_id : 0;  // kept past the parent's end, as Go does
  g->creator_line = parent ? parent->line : 0;
  {
    std::lock_guard lk(allg_mu_);
    g->allnext = allg_;
    if (allg_) allg_->allprev = g;
    allg_ = g;
  }
  *closure = g->closure;
  *out = g;
  return Status::Ok;
}

void Sched::freeg(P* p, G* g) {
  {
    std::lock_guard lk(allg_mu_);
    if (g->allprev) {
      g->allprev->allnext = g->allnext;
    } else {
      allg_ = g->allnext;
    }
    if (g->allnext) g->allnext->allprev = g->allprev;
  }
  ngoroutines_.fetch_sub(1, std::memory_order_relaxed);
  context_destroy(g->ctx);
  if (closure_on_heap(g)) ::operator delete(g->closure);
  char* lo = g->stack_lo;
  std::size_t size = g->stack_size;
  g->~G();
  stack_put(size == stack_size_ ? p : nullptr, lo, size);
}

void Sched::start_g(P* p, G* g) {
  g->status = GStatus::Runnable;
  if (p) {
    emit(p, trace::Kind::GoCreate, p->curg, static_cast<std::uint32_t>(g->id),
         p->curg ? p->curg->line : 0);
    if (pinned()) {
      g->maker = p;
      g->maker_yields = p->yields;
    }
    runqput(p, g, true);
    if (!simulated_ && nidle_.load(std::memory_order_relaxed) > 0 &&
        nspinning_.load(std::memory_order_relaxed) == 0) {
      wakep();
    }
  } else {
    runqput(ps_[0].get(), g, false);  // main, before any P runs
  }
}

Status go_alloc(std::size_t size, std::size_t align, G** g, void** closure) {
  G* gp;
  if (Status s = enter_op(&gp); s != Status::Ok) return s;
  return g_sched->newg(size, align, closure, g_sched->stack_size(), g);
}

void set_creator(G* g, std::string_view function) {
  g->creator_id = g_sched->strings().intern(function);
}

void go_start(G* g, const GoFn* fn) noexcept {
  g->fn = fn;
  g_sched->start_g(curp(), g);
}

void go_abort(G* g) noexcept {
  g_sched->freeg(curp(), g);
}

Status go_exit(int code, std::string_view stderr_text) {
  G* g = getg();
  if (!g) return Status::NoGoroutine;
  Sched* s = g_sched;
  if (s->begin_report()) {
    if (!stderr_text.empty()) s->write(true, stderr_text);
    s->end(code);
  }
  return Status::Unwind;
}

}  // namespace gort::detail

namespace gort {

using namespace detail;

std::uint64_t goid() {
  sched_or_throw();
  return getg()->id;
}

void set_name(std::string_view name) {
  Sched& s = sched_or_throw();
  P* p = curp();
  G* g = p->curg;
  g->name_id = s.strings().intern(name);
  s.emit(p, trace::Kind::GoName, g, 0, g->name_id);
}

void at(int line) {
  Sched& s = sched_or_throw();
  P* p = curp();
  G* g = p->curg;
  g->line = line;
  s.emit(p, trace::Kind::GoLine, g, 0, line);
}

void set_file(std::string_view name) {
  sched_or_throw().set_file(name);
}

void panic(std::string_view message) {
  sched_or_throw();
  throw Panic{std::string(message)};
}

std::size_t num_goroutine() {
  return sched_or_throw().goroutines();
}

int gomaxprocs() {
  return sched_or_throw().nprocs();
}

std::uint64_t run_seed() {
  return sched_or_throw().seed();
}

bool virtual_clock() {
  return sched_or_throw().virtual_time();
}

}  // namespace gort
