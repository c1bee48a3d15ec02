// The VM's adapter to gort's runtime (see rt.hpp): the core's
// Status-returning entry points, and how the trace shows a channel's values.
#include "rt.hpp"

#include <gort/detail/runtime.hpp>
#include <gort/gort.hpp>

#include "format.hpp"
#include "types.hpp"

namespace gort::golang::rt {

using gort::detail::ElemOps;
using gort::detail::TraceValue;
namespace trace = gort::trace;

namespace {

void v_construct(void* p) {
  static_cast<Value*>(p)->i = 0;
}
void v_destroy(void*) {}
void v_move(void* d, void* s) {
  *static_cast<Value*>(d) = *static_cast<Value*>(s);
}

// At most this many bytes of a value's text go in the trace.
constexpr std::size_t kTextMax = 32;

// s cut to kTextMax bytes, at the start of a UTF-8 sequence.
std::string_view cut(std::string_view s) {
  if (s.size() <= kTextMax) return s;
  std::size_t n = kTextMax;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) n--;
  return s.substr(0, n);
}

template <trace::ValueKind K>
TraceValue v_trace(const void* p, const ElemOps*) {
  TraceValue t;
  const Value& v = *static_cast<const Value*>(p);
  t.kind = K;
  if constexpr (K == trace::ValueKind::Str) {
    std::string_view s = str_view(v);
    if (s.size() > sizeof t.bits)
      return {gort::detail::trace_text(cut(s), true), trace::ValueKind::Text};
    std::memcpy(&t.bits, s.data(), s.size());
  } else if constexpr (K != trace::ValueKind::None) {
    t.bits = v.i;
  }
  return t;
}

TraceValue text_trace(const void* p, const ElemOps* ops) {
  const auto* c = reinterpret_cast<const ChanOps*>(ops);
  const Value& v = *static_cast<const Value*>(p);
  std::string s;
  if (!c->texts || !c->texts->take(c->type, v, &s)) fmt_value(s, v, c->type);
  return {gort::detail::trace_text(cut(s)), trace::ValueKind::Text};
}

template <TraceValue (*Trace)(const void*, const ElemOps*)>
constexpr ElemOps kValueOps = {sizeof(Value), alignof(Value), true, v_construct,
                               v_destroy,     v_move,         Trace};
template <trace::ValueKind K>
constexpr const ElemOps& kOps = kValueOps<v_trace<K>>;

const ElemOps* basic_ops(const Type* t) {
  if (is_boolean(t)) return &kOps<trace::ValueKind::Bool>;
  if (is_integer(t))
    return is_unsigned(t) ? &kOps<trace::ValueKind::Uint> : &kOps<trace::ValueKind::Int>;
  if (is_float(t)) return &kOps<trace::ValueKind::Float>;
  if (is_string(t)) return &kOps<trace::ValueKind::Str>;
  const Type* u = t->underlying();
  if (u->kind == TK::Struct && u->fields.empty()) return &kOps<trace::ValueKind::None>;
  return nullptr;
}

}  // namespace

static_assert(std::is_standard_layout_v<ChanOps>, "text_trace finds its ChanOps from its ElemOps");

bool traced_as_time(const Type* t) {
  return t->kind == TK::Named && t->pkg && t->pkg->path == "time" &&
         (t->name == "Duration" || t->name == "Time");
}

const ElemOps* chan_ops(const Type* elem, SentTexts* texts, std::deque<ChanOps>& store) {
  if (traced_as_time(elem)) {
    return elem->name == "Duration" ? &kOps<trace::ValueKind::Duration>
                                    : &kOps<trace::ValueKind::Time>;
  }
  if (!texts) {
    if (const ElemOps* o = basic_ops(elem)) return o;
  }
  for (const ChanOps& c : store) {
    if (c.type == elem) return &c.ops;
  }
  store.push_back({kValueOps<text_trace>, elem, texts});
  return &store.back().ops;
}

void SentTexts::put(const Type* elem, Value v, std::string_view text) {
  std::lock_guard lk(mu_);
  Entry& e = texts_[{elem, v.u}];
  e.text = text;  // the newest: the same value (a pointer) may print anew
  e.events += 2;
}

void SentTexts::drop(const Type* elem, Value v) {
  std::lock_guard lk(mu_);
  auto it = texts_.find({elem, v.u});
  if (it != texts_.end() && (it->second.events -= 2) <= 0) texts_.erase(it);
}

bool SentTexts::take(const Type* elem, Value v, std::string* text) {
  std::lock_guard lk(mu_);
  auto it = texts_.find({elem, v.u});
  if (it == texts_.end()) return false;
  *text = it->second.text;
  if (--it->second.events <= 0) texts_.erase(it);
  return true;
}

void SentTexts::clear() {
  std::lock_guard lk(mu_);
  texts_.clear();
}

Status chan_make(const ElemOps* ops, std::size_t cap, std::string_view name, hchan** out) {
  return gort::detail::chan_make(ops, cap, name, out);
}

void chan_release(hchan* c) {
  gort::detail::chan_release(c);
}

Status send(hchan* c, Value* v) {
  if (c && gort::detail::chan_capacity(c) > 0 && gort::detail::chan_send_buffered(c, v))
    return Status::Ok;
  return gort::detail::chan_send(c, v, true);
}

Status recv(hchan* c, Value* v) {
  if (c && gort::detail::chan_capacity(c) > 0 && gort::detail::chan_recv_buffered(c, v))
    return Status::Ok;
  return gort::detail::chan_recv(c, v, true);
}

Status try_send(hchan* c, Value* v) {
  return gort::detail::chan_try_send(c, v);
}

Status try_recv(hchan* c, Value* v) {
  return gort::detail::chan_try_recv(c, v);
}

Status close(hchan* c) {
  return gort::detail::chan_close(c);
}

std::size_t len(hchan* c) {
  return c ? gort::detail::chan_len(c) : 0;
}
std::size_t cap(hchan* c) {
  return c ? gort::detail::chan_capacity(c) : 0;
}

Status select(gort::detail::scase* cases, int n, bool block, int* chosen, bool* ok) {
  return gort::detail::select_go(cases, n, block, chosen, ok);
}

Status sleep(std::int64_t ns) {
  return gort::detail::go_sleep(ns);
}

std::int64_t now() {
  return gort::now().time_since_epoch().count();
}

hchan* after(std::int64_t ns) {
  gort::Chan<gort::Time> c = gort::after(std::chrono::nanoseconds(ns));
  hchan* h = c.raw();
  gort::detail::chan_retain(h);
  return h;
}

hchan* tick(std::int64_t ns) {
  gort::Chan<gort::Time> c = gort::tick(std::chrono::nanoseconds(ns));
  hchan* h = c.raw();
  if (h) gort::detail::chan_retain(h);
  return h;
}

void* timer_new(std::int64_t ns, bool ticker, hchan** c) {
  if (ticker) {
    auto* t = new gort::Ticker(std::chrono::nanoseconds(ns));
    *c = t->c().raw();
    return t;
  }
  auto* t = new gort::Timer(std::chrono::nanoseconds(ns));
  *c = t->c().raw();
  return t;
}

bool timer_stop(void* t, bool ticker) {
  if (ticker) {
    static_cast<gort::Ticker*>(t)->stop();
    return true;
  }
  return static_cast<gort::Timer*>(t)->stop();
}

bool timer_reset(void* t, bool ticker, std::int64_t ns) {
  if (ticker) {
    static_cast<gort::Ticker*>(t)->reset(std::chrono::nanoseconds(ns));
    return true;
  }
  return static_cast<gort::Timer*>(t)->reset(std::chrono::nanoseconds(ns));
}

void timer_free(void* t, bool ticker) {
  if (ticker) {
    delete static_cast<gort::Ticker*>(t);
  } else {
    delete static_cast<gort::Timer*>(t);
  }
}

static_assert(sizeof(gort::Mutex) <= kMutexWords * sizeof(Value));
static_assert(sizeof(gort::RWMutex) <= kRWMutexWords * sizeof(Value));
static_assert(sizeof(gort::WaitGroup) <= kWaitGroupWords * sizeof(Value));

Status mutex_lock(void* m, bool block) {
  return gort::detail::mutex_lock(*static_cast<gort::Mutex*>(m), block);
}

Status mutex_unlock(void* m) {
  return gort::detail::mutex_unlock(*static_cast<gort::Mutex*>(m));
}

Status rw_lock(void* m, bool shared, bool block) {
  auto* rw = static_cast<gort::RWMutex*>(m);
  return shared ? gort::detail::rwmutex_rlock(*rw, block) : gort::detail::rwmutex_lock(*rw, block);
}

Status rw_unlock(void* m, bool shared) {
  auto* rw = static_cast<gort::RWMutex*>(m);
  return shared ? gort::detail::rwmutex_runlock(*rw) : gort::detail::rwmutex_unlock(*rw);
}

Status wg_add(void* wg, std::int64_t delta) {
  return gort::detail::waitgroup_add(*static_cast<gort::WaitGroup*>(wg), static_cast<int>(delta));
}

Status wg_wait(void* wg) {
  return gort::detail::waitgroup_wait(*static_cast<gort::WaitGroup*>(wg));
}

Status yield() {
  return gort::detail::go_yield();
}
Status preempt() {
  return gort::detail::go_preempt();
}

void set_name(std::string_view name) {
  gort::set_name(name);
}
void set_file(std::string_view name) {
  gort::set_file(name);
}
bool tracing() {
  return gort::detail::tracing();
}
std::size_t num_goroutine() {
  return gort::num_goroutine();
}
int procs() {
  return gort::gomaxprocs();
}
std::uint64_t seed() {
  return gort::run_seed();
}
void write_out(std::string_view s) {
  gort::detail::write_out(s);
}
void write_err(std::string_view s) {
  gort::detail::write_err(s);
}
Status exit(int code, std::string_view text) {
  return gort::detail::go_exit(code, text);
}

}  // namespace gort::golang::rt
