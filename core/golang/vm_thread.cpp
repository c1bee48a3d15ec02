// Threads and runs: frames and stack segments, calls, goroutines, defer,
// panic and recover (Go's runtime/panic.go semantics), channel operations
// through rt.hpp, the panic report, and Program::main.
#include <cstdlib>
#include <cstring>
#include <gort/detail/runtime.hpp>
#include <gort/go.hpp>

#include "format.hpp"
#include "rt.hpp"
#include "types.hpp"
#include "vm.hpp"
#include "vm_ops.hpp"

namespace gort::golang {

namespace {

constexpr std::size_t kFirstSegment = 256;  // slots of a goroutine's first segment
constexpr std::size_t kSegment = 8192;      // slots of later segments (at least)
constexpr std::size_t kMaxTraceback = 100;  // frames a traceback shows

Segment* new_segment(std::size_t slots) {
  auto* s = static_cast<Segment*>(std::calloc(1, sizeof(Segment) + slots * sizeof(Value)));
  if (!s) throw std::bad_alloc();
  s->lo = reinterpret_cast<Value*>(s + 1);
  s->hi = s->lo + slots;
  return s;
}

}  // namespace

// ---------------------------------------------------------------- Run

Run::Run(const Program::Impl* p, const Limits& l)
    : prog(p),
      limits(l),
      start(std::chrono::steady_clock::now()),
      heap(l.max_memory),
      globals(p->nglobals),
      tracing(rt::tracing()) {
  heap.set_finalizer(HeapKind::Map, ops::map_finalize);
  rng = rt::seed() * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
}

Run::~Run() {
  while (threads) delete threads;  // goroutine 1's, and any never started
}

void Run::add(Thread* t) {
  std::lock_guard lk(threads_mu);
  nthreads.fetch_add(1, std::memory_order_relaxed);
  t->next = threads;
  if (threads) threads->prev = t;
  threads = t;
}

void Run::remove(Thread* t) {
  std::lock_guard lk(threads_mu);
  nthreads.fetch_sub(1, std::memory_order_relaxed);
  if (t->prev) {
    t->prev->next = t->next;
  } else {
    threads = t->next;
  }
  if (t->next) t->next->prev = t->prev;
}

std::uint64_t Run::next_random() {
  // splitmix64 over an atomic counter (goroutines on several threads).
  std::uint64_t z =
      rng.fetch_add(0x9E3779B97F4A7C15ull, std::memory_order_relaxed) + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// ---------------------------------------------------------------- Thread

Thread::Thread(Run* r, std::size_t first)
    : run(r), prog(r->prog), max_stack(r->limits.max_stack ? r->limits.max_stack : SIZE_MAX) {
  seg = new_segment(first);
  seg_bytes = first * sizeof(Value);
  std::uint64_t max = run->limits.max_steps;
  budget = quantum = max && max < kQuantum ? static_cast<std::int32_t>(max) : kQuantum;
  run->add(this);
}

Thread::~Thread() {
  run->remove(this);
  while (seg) {
    Segment* p = seg->prev;
    std::free(seg);
    seg = p;
  }
  std::free(spare);
  while (panic) {
    PanicRec* l = panic->link;
    delete panic;
    panic = l;
  }
}

Heap& Thread::heap() {
  return run->heap;
}

std::string& Thread::buffer() {
  if (buf_depth == bufs.size()) bufs.emplace_back();
  std::string& b = bufs[buf_depth++];
  b.clear();
  return b;
}

ObjHeader* Thread::alloc(std::size_t payload, HeapKind k, const Type* t) {
  ObjHeader* h = run->heap.alloc(payload, k, t);
  if (run->heap.want_collect() && budget > 0) [[unlikely]] {
    quantum -= budget;  // the next backward jump or call preempts, and collects
    budget = 0;
  }
  if (run->heap.over_limit()) [[unlikely]]
    fatal("runtime: out of memory");
  return h;
}

Value Thread::str(std::string_view s) {
  if (s.empty()) return {};
  ObjHeader* h = alloc(s.size(), HeapKind::Str, nullptr);
  std::memcpy(h + 1, s.data(), s.size());
  return Value::of_ptr(h);
}

Value Thread::box(Value v, const Type* t) {
  return t->repr == Repr::Boxed ? ops::box_obj(*this, v, t) : ops::box(*this, v, t);
}

Value* Thread::top() const {
  if (frames.empty()) return seg->lo;
  const Frame& f = frames.back();
  return f.base + f.fn->nslots;
}

Value* Thread::reserve(Value* at, std::size_t n) {
  if (at >= seg->lo && at + n <= seg->hi) return at;
  std::size_t size = n > kSegment ? n : kSegment;
  Segment* s;
  if (spare && static_cast<std::size_t>(spare->hi - spare->lo) >= size) {
    s = spare;
    spare = nullptr;
  } else {
    s = new_segment(size);
  }
  s->prev = seg;
  seg = s;
  seg_bytes += static_cast<std::size_t>(s->hi - s->lo) * sizeof(Value);
  return s->lo;
}

Value* Thread::frame_at(Value* at, std::size_t n, std::size_t copy, Value** copy_back) {
  *copy_back = nullptr;
  if (at + n <= seg->hi) return at;
  Value* lo = reserve(nullptr, n);
  std::memcpy(lo, at, copy * sizeof(Value));
  *copy_back = at;
  return lo;
}

void Thread::pop_segment() {
  Segment* s = seg;
  seg = s->prev;
  seg_bytes -= static_cast<std::size_t>(s->hi - s->lo) * sizeof(Value);
  std::free(spare);
  spare = s;
}

void Thread::pop_frame() {
  Frame& f = frames.back();
  if (f.copy_back) std::memcpy(f.copy_back, f.base, sizeof(Value) * f.fn->nres);
  Segment* keep = f.seg;
  frames.pop_back();
  while (seg != keep) pop_segment();
}

int Thread::current_line() const {
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    if (it->fn->library) continue;
    std::size_t i = static_cast<std::size_t>(it->pc - it->fn->code.data());
    if (i > 0) i--;
    return i < it->fn->lines.size() ? it->fn->lines[i] : 0;
  }
  return 0;
}

std::string Thread::traceback() const {
  std::string s;
  std::size_t n = 0;
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    if (n++ == kMaxTraceback) {  // as Go 1.19 does
      s += "...additional frames elided...\n";
      break;
    }
    const FuncCode* f = it->fn;
    std::size_t i = static_cast<std::size_t>(it->pc - f->code.data());
    if (i > 0) i--;
    int line = i < f->lines.size() ? f->lines[i] : 0;
    s += f->name + (it + 1 == frames.rend() ? "()" : "(...)") + "\n";
    std::string file = prog->filename;
    if (f->library) {  // "math/rand.(*Rand).Intn": rand.go
      std::string_view pkg =
          std::string_view(f->name).substr(0, f->name.find('.', f->name.rfind('/') + 1));
      file = std::string(pkg.substr(pkg.rfind('/') + 1)) + ".go";
    }
    s += "\t" + file + ":" + std::to_string(line) + "\n";
  }
  return s;
}

bool Thread::call(const Closure* f, const Value* args, int nargs, Value* results, int nres) {
  const FuncCode* fn = f->fn;
  Segment* before = seg;
  std::size_t n = fn->native ? static_cast<std::size_t>(fn->nres + fn->nparams) : fn->nslots;
  Value* at = reserve(top(), n);
  for (int i = 0; i < fn->nres; i++) at[i].i = 0;
  std::memcpy(at + fn->nres, args, sizeof(Value) * static_cast<std::size_t>(nargs));
  if (fn->native) {
    raised = false;
    fn->native(*this, at);
    bool ok = !raised;
    if (ok) std::memcpy(results, at, sizeof(Value) * static_cast<std::size_t>(nres));
    while (seg != before) pop_segment();
    return ok;
  }
  frames.push_back({fn, const_cast<Closure*>(f), at, fn->code.data(),
                    static_cast<std::uint32_t>(defers.size()), kBoundary, nullptr, before});
  std::size_t stop = frames.size() - 1;
  if (!exec(*this, stop)) {
    // A panic unwound to here (or the program is ending): it goes on in the
    // caller once the native returns.
    while (frames.size() > stop) pop_frame();
    raised = true;
    return false;
  }
  std::memcpy(results, at, sizeof(Value) * static_cast<std::size_t>(nres));
  raised = false;
  return true;
}

bool Thread::call_method0(Value iface, std::string_view name, Value* result) {
  const Type* dt = ops::dyn_type(iface);
  if (!dt) return false;
  auto it = prog->method_ids.find(std::string(name));
  if (it == prog->method_ids.end()) return false;
  const MethodImpl* m = ops::find_method(*prog, dt, it->second);
  if (!m || !m->sig->params.empty() || m->sig->results.size() != 1) return false;
  Value recv = ops::unbox_raw(iface);
  if (dt->repr == Repr::Boxed) recv = ops::copy_obj(*this, recv, dt);
  return call(m->fn->static_closure, &recv, 1, result, 1);
}

Value Thread::recover_callback() {
  PanicRec* p = panic;
  Value v = p->val;
  panic = p->link;
  delete p;
  raised = false;
  return v;
}

// ---------------------------------------------------------------- panics

namespace {

PanicRec* new_panic(Thread& th, Value v) {
  auto* p = new PanicRec();
  p->val = v;
  p->link = th.panic;
  p->traceback = "goroutine " + std::to_string(gort::goid()) + " [running]:\n" + th.traceback();
  th.panic = p;
  th.raised = true;
  return p;
}

}  // namespace

void Thread::panic_runtime(std::string_view msg) {
  new_panic(*this, box(str(msg), prog->runtime_error));
}

void Thread::panic_plain(std::string_view msg) {
  // The sync package's panics are strings, the runtime's plainErrors.
  if (msg.substr(0, 5) == "sync:") {
    new_panic(*this, box(str(msg), prog->unit->types->basic(TK::String)));
    return;
  }
  new_panic(*this, box(str(msg), prog->plain_error));
}

void Thread::panic_value(Value iface) {
  new_panic(*this, iface);
}

bool Thread::status(gort::detail::Status s) {
  using gort::detail::Status;
  if (s == Status::Ok || s == Status::Closed) return true;
  if (gort::detail::is_panic(s)) {
    panic_plain(gort::detail::status_text(s));
  } else {
    // Unwind, or a fatal error the runtime has reported: the program is ending.
    exiting = true;
    raised = true;
  }
  return false;
}

void Thread::end(int code, std::string_view stderr_text) {
  status(rt::exit(code, stderr_text));
}

namespace vm {

enum class Unwound { Resume, Stop };
enum DeferResult { kPushed, kRan, kPanicked };
enum class Chan { Done, Failed, WouldBlock };
Unwound unwind(Thread& th, std::size_t stop);

bool push_frame(Thread& th, const FuncCode* f, Closure* clos, Value* at, std::uint16_t flags) {
  if (th.stack_bytes() > th.max_stack) [[unlikely]]
    return th.stack_overflow();
  Segment* before = th.seg;
  Value* cb;
  Value* base = th.frame_at(at, f->nslots, static_cast<std::size_t>(f->nres + f->nparams), &cb);
  for (int i = 0; i < f->nres; i++) base[i].i = 0;
  th.frames.push_back({f, clos, base, f->code.data(), static_cast<std::uint32_t>(th.defers.size()),
                       flags, cb, before});
  return true;
}

bool call_native(Thread& th, const FuncCode* f, Value* at) {
  th.raised = false;
  f->native(th, at);
  return !th.raised;
}

const FuncCode* iface_method(Thread& th, const Value* at, std::uint32_t name, int nres) {
  Value iface = at[nres];
  if (!iface.p) {
    th.panic_runtime("invalid memory address or nil pointer dereference");
    return nullptr;
  }
  const Type* dt = ops::dyn_type(iface);
  const MethodImpl* m = ops::find_method(*th.prog, dt, name);
  if (!m) {
    th.panic_runtime("gort: no method " + th.prog->method_names[name] + " for " +
                     type_string(dt, true));
    return nullptr;
  }
  return m->fn;
}

void iface_receiver(Thread& th, Value* at, int nres) {
  const Type* dt = ops::dyn_type(at[nres]);
  Value recv = ops::unbox_raw(at[nres]);
  if (dt->repr == Repr::Boxed) recv = ops::copy_obj(th, recv, dt);
  at[nres] = recv;
}

DeferResult push_defer(Thread& th, std::uint16_t flags) {
  DeferRec d = th.defers.back();
  th.defers.pop_back();
  if (!d.fn) {
    th.panic_runtime("invalid memory address or nil pointer dereference");
    return kPanicked;
  }
  const FuncCode* f = d.fn->fn;
  Segment* before = th.seg;
  std::size_t n = f->native ? d.nslots : f->nslots;
  Value* at = th.reserve(th.top(), n > d.nslots ? n : d.nslots);
  std::memcpy(at, d.args, sizeof(Value) * d.nslots);
  if (f->native) {
    th.raised = false;
    f->native(th, at);
    while (th.seg != before) th.pop_segment();
    return th.raised ? kPanicked : kRan;
  }
  Value* cb;
  Value* base = th.frame_at(at, f->nslots, d.nslots, &cb);
  th.frames.push_back({f, d.fn, base, f->code.data(), static_cast<std::uint32_t>(th.defers.size()),
                       flags, nullptr, before});
  return kPushed;
}

bool go(Thread& th, Closure* c, const Value* args, std::uint32_t nslots) {
  if (!c) {
    // Go: go of a nil func value panics in the new goroutine; here at once.
    th.panic_runtime("invalid memory address or nil pointer dereference");
    return false;
  }
  std::size_t max = th.run->limits.max_goroutines;
  if (max && th.run->nthreads.load(std::memory_order_relaxed) >= max) {
    return th.fatal("gort: program exceeded " + std::to_string(max) + " goroutines");
  }
  auto* t = new Thread(th.run, nslots + 16 > kFirstSegment ? nslots + 16 : kFirstSegment);
  std::memcpy(t->seg->lo, args, sizeof(Value) * nslots);
  const FuncCode* f = c->fn;
  if (!f->native) {
    t->frames.push_back({f, c, t->seg->lo, f->code.data(), 0, 0, nullptr, t->seg});
  } else {
    t->native_start = c;
  }
  static const gort::detail::GoFn kFn = {
      go_main,
      [](void* closure) noexcept { delete *static_cast<Thread**>(closure); },
  };
  gort::detail::G* g;
  void* mem;
  if (!th.status(gort::detail::go_alloc(sizeof(Thread*), alignof(Thread*), &g, &mem))) {
    delete t;
    return false;
  }
  *static_cast<Thread**>(mem) = t;
  if (!th.frames.empty()) gort::detail::set_creator(g, th.frames.back().fn->name);
  gort::detail::go_start(g, &kFn);
  return true;
}

bool go_enter(Thread& th) {
  th.g = gort::detail::current_g();
  gort::detail::watch_parks(th.g, th.run->world.hooks());
  th.run->world.enter();
  rt::set_name(th.frames.empty() ? th.native_start->fn->name : th.frames[0].fn->name);
  if (!th.frames.empty()) return true;
  th.raised = false;
  th.native_start->fn->native(th, th.seg->lo);
  th.count_steps();
  if (th.raised) {
    // A native goroutine that panicked: report it like any other.
    th.frames.clear();
    unwind(th, 0);
  }
  return false;
}

void go_leave(Thread& th) {
  th.run->world.leave();
}

void defer(Thread& th, Closure* c, const Value* args, std::uint32_t nslots) {
  ObjHeader* h = th.alloc(sizeof(Value) * nslots, HeapKind::Slots, nullptr);
  Value* copy = payload(h);
  std::memcpy(copy, args, sizeof(Value) * nslots);
  th.defers.push_back({c, copy, nslots});
}

void recovered(Thread& th) {
  while (th.panic) {
    PanicRec* l = th.panic->link;
    delete th.panic;
    th.panic = l;
  }
  th.raised = false;
}

Value recover(Thread& th, const Frame* fr) {
  if (!th.panic || th.panic->recovered || !(fr->flags & kDeferPanic)) return {};
  th.panic->recovered = true;
  return th.panic->val;
}

void die(Thread& th);

Unwound unwind(Thread& th, std::size_t stop) {
  for (;;) {
    if (th.exiting) return Unwound::Stop;
    if (th.frames.empty()) {
      die(th);
      return Unwound::Stop;
    }
    if (th.frames.size() == stop) return Unwound::Stop;
    Frame& f = th.frames.back();
    if (th.defers.size() > f.defer_base) {
      DeferResult r = push_defer(th, kDeferPanic);
      if (r == kPushed) return Unwound::Resume;
      continue;  // a native ran (or panicked anew): on with the unwinding
    }
    if ((f.flags & kDeferPanic) && th.panic && th.panic->link) {
      // A deferred call that a newer panic leaves: the panic it was run for is aborted.
      th.panic->link->aborted = true;
    }
    th.pop_frame();
  }
}

namespace {

// The panic value as Go's printpanicval prints it.
std::string panic_text(Thread& th, Value v) {
  const Type* t = ops::dyn_type(v);
  if (!t) return "nil";
  Value r;
  if (th.call_method0(v, "Error", &r)) {
    std::string s(str_view(r));
    if (t == th.prog->runtime_error || t == th.prog->plain_error) return s;
    return s;
  }
  if (th.call_method0(v, "String", &r)) return std::string(str_view(r));
  std::string out;
  Value x = ops::unbox_raw(v);
  const Type* u = t->underlying();
  bool basic = u->kind <= TK::String && u->kind != TK::Invalid;
  if (basic && t->kind != TK::Named) {
    if (u->kind == TK::String) return std::string(str_view(x));
    ops::print_builtin(out, x, t);
    return out;
  }
  std::string name = type_string(t, true);
  if (basic) {
    if (u->kind == TK::String) return name + "(\"" + std::string(str_view(x)) + "\")";
    ops::print_builtin(out, x, t);
    return name + "(" + out + ")";
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", v.p);
  return "(" + name + ") " + buf;
}

}  // namespace

void die(Thread& th) {
  // Oldest first: "panic: A [recovered]\n\tpanic: B\n".
  std::vector<PanicRec*> chain;
  for (PanicRec* p = th.panic; p; p = p->link) chain.insert(chain.begin(), p);
  std::string report;
  for (std::size_t i = 0; i < chain.size(); i++) {
    if (i) report += "\t";
    report += "panic: " + panic_text(th, chain[i]->val);
    if (chain[i]->recovered) report += " [recovered]";
    report += "\n";
  }
  const Type* t = th.panic ? ops::dyn_type(th.panic->val) : nullptr;
  if (t == th.prog->runtime_error && std::string(str_view(ops::unbox_raw(th.panic->val))) ==
                                         "invalid memory address or nil pointer dereference") {
    report += "[signal SIGSEGV: segmentation violation]\n";
  }
  report += '\n';
  if (th.panic) report += th.panic->traceback;
  report += "exit status 2\n";
  th.end(2, report);
}

// ---------------------------------------------------------------- channels

void set_line(Thread& th, const Frame* fr, const Instr* pc) {
  int line;
  if (!fr->fn->library) {
    std::size_t i = static_cast<std::size_t>(pc - 1 - fr->fn->code.data());
    line = fr->fn->lines[i];
  } else {
    line = th.current_line();
  }
  if (line > 0) rt::set_line(th.g, line);
}

bool send(Thread& th, Value c, Value v) {
  return th.status(rt::send(static_cast<rt::hchan*>(c.p), &v));
}

namespace {

// Puts v's text for the trace (rt::SentTexts): as fmt.Print prints it,
// formatted on this goroutine, before the channel operation, so its String
// or Error method runs where fmt would run it (it may park). A panic in
// it prints as fmt prints one; a panic while printing that panic leaves no
// text (the trace hook prints v without methods). false: the program is
// ending.
bool put_sent_text(Thread& th, Value v, const Type* elem) {
  Value arg = is_interface(elem) ? v : th.box(v, elem);
  std::string& buf = th.buffer();
  bool ok = fmt_sprint(th, buf, &arg, 1, false);
  if (ok) th.prog->sent_texts.put(elem, v, buf);
  th.release_buffer();
  if (ok) return true;
  if (th.exiting) return false;
  th.recover_callback();
  return true;
}

}  // namespace

bool send_traced(Thread& th, Value c, Value v, const Type* elem) {
  if (!put_sent_text(th, v, elem)) return false;
  rt::Status s = rt::send(static_cast<rt::hchan*>(c.p), &v);
  if (s != rt::Status::Ok) th.prog->sent_texts.drop(elem, v);
  return th.status(s);
}

bool recv(Thread& th, Value c, Value* out, bool* ok, const Type*) {
  out->i = 0;
  rt::Status s = rt::recv(static_cast<rt::hchan*>(c.p), out);
  *ok = s == rt::Status::Ok;
  return th.status(s);
}

// exec_loop<false>'s: out of asyncify's instrumentation, like it, so they
// never park and only call what never parks (wasm/asyncify_remove.txt).
Chan try_send(Thread& th, Value c, Value v) {
  rt::Status s = rt::try_send(static_cast<rt::hchan*>(c.p), &v);
  if (s == rt::Status::WouldBlock) return Chan::WouldBlock;
  return th.status(s) ? Chan::Done : Chan::Failed;
}

Chan try_recv(Thread& th, Value c, Value* out, bool* ok) {
  // Into a local, not *out: when it would wait, *out (perhaps c's own slot)
  // must be left as it was for the receive that waits.
  Value v;
  rt::Status s = rt::try_recv(static_cast<rt::hchan*>(c.p), &v);
  if (s == rt::Status::WouldBlock) return Chan::WouldBlock;
  *out = v;
  *ok = s == rt::Status::Ok;
  return th.status(s) ? Chan::Done : Chan::Failed;
}

bool close(Thread& th, Value c) {
  return th.status(rt::close(static_cast<rt::hchan*>(c.p)));
}

bool make_chan(Thread& th, const gort::detail::ElemOps* ops, std::int64_t size,
               std::string_view name, Value* out) {
  if (size < 0) {
    th.panic_plain("makechan: size out of range");
    return false;
  }
  rt::hchan* h = nullptr;
  if (!th.status(rt::chan_make(ops, static_cast<std::size_t>(size), name, &h))) return false;
  th.heap().on_free([](void* p) { rt::chan_release(static_cast<rt::hchan*>(p)); }, h);
  {
    std::lock_guard lk(th.run->chans_mu);
    th.run->chans.push_back(h);
  }
  out->p = h;
  return true;
}

bool select(Thread& th, const FuncCode* fn, Value* R, int first, int n, bool has_default,
            Value* chosen) {
  static_assert(sizeof(gort::detail::scase) <= 3 * sizeof(Value));
  // data(), not selects[first]: `select {}` has no cases, and a function
  // with no other select has an empty list.
  const SelectCase* sc0 = fn->selects.data() + first;
  if (th.run->tracing) {  // before th.scratch is filled: the methods may select too
    for (int i = 0; i < n; i++) {
      if (sc0[i].text && !put_sent_text(th, R[sc0[i].val], sc0[i].elem)) return false;
    }
  }
  th.scratch.resize(static_cast<std::size_t>(n) * 3 + 1);
  auto* cases = reinterpret_cast<gort::detail::scase*>(th.scratch.data());
  Value* discard = th.scratch.data() + static_cast<std::size_t>(n) * 3;
  for (int i = 0; i < n; i++) {
    const SelectCase& sc = fn->selects[static_cast<std::size_t>(first + i)];
    Value* v = sc.val == 0xFFFF ? discard : &R[sc.val];
    if (!sc.send) v->i = 0;
    cases[i] = {static_cast<rt::hchan*>(R[sc.chan].p), v, sc.send};
  }
  bool ok = false;
  int r = -1;
  rt::Status s = rt::select(cases, n, !has_default, &r, &ok);
  if (th.run->tracing) {
    for (int i = 0; i < n; i++) {
      if (sc0[i].text && (i != r || s != rt::Status::Ok))
        th.prog->sent_texts.drop(sc0[i].elem, R[sc0[i].val]);
    }
  }
  if (s != rt::Status::WouldBlock && !th.status(s)) return false;
  if (r >= 0) {
    const SelectCase& sc = fn->selects[static_cast<std::size_t>(first + r)];
    if (!sc.send && sc.ok != 0xFFFF) R[sc.ok].i = ok;
  }
  chosen->i = r;
  return true;
}

bool preempt(Thread& th, const Frame* fr, const Instr* pc) {
  set_line(th, fr, pc);
  if (!th.next_quantum()) return false;
  if (th.run->heap.want_collect()) collect(th);
  return th.status(rt::preempt());
}

bool print(Thread& th, Value v, const Type* t, int flags) {
  std::string s;
  if (flags & 1) s += ' ';
  if (!(flags & 4)) ops::print_builtin(s, v, t);
  if (flags & 2) s += '\n';
  return th.write(true, s);
}

}  // namespace vm

// ---------------------------------------------------------------- running

void run_program(const Program::Impl& prog, const Limits& limits) {
  Run* run = prog.new_run(limits);
  auto* th = new Thread(run, kFirstSegment);
  th->g = gort::detail::current_g();
  gort::detail::watch_parks(th->g, run->world.hooks());
  run->world.enter();
  rt::set_name("main.main");    // as every goroutine, after its (Go) function
  rt::set_file(prog.filename);  // the runtime's reports name the file as the VM's panics do
  const FuncCode* f = prog.start;
  th->frames.push_back({f, nullptr, th->seg->lo, f->code.data(), 0, 0, nullptr, th->seg});
  exec(*th, 0);
  gort::detail::G* g = th->g;
  delete th;
  // The goroutine may go on after the program (the run outlives this call,
  // not the caller's next parks).
  gort::detail::watch_parks(g, nullptr);
  run->world.leave();
}

void Program::main(const Limits& limits) const {
  run_program(*impl_, limits);
}

Program::Program(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Program::~Program() = default;

}  // namespace gort::golang
