// Recording trace events (gort/trace.hpp) into the Ps' rings, and the texts
// of traced values.
#include <algorithm>
#include <gort/print.hpp>
#include <string>

#include "sched.hpp"

namespace gort::detail {

void Sched::number_and_push(TraceRing& ring, trace::Event& e) {
  if (ring.full()) return;
  if (simulated_) {  // one thread: no read-modify-write needed
    e.seq = trace_seq_.load(std::memory_order_relaxed);
    trace_seq_.store(e.seq + 1, std::memory_order_relaxed);
  } else {
    e.seq = trace_seq_.fetch_add(1, std::memory_order_relaxed);
  }
  ring.push(e);
}

void Sched::record(P* p, trace::Kind k, const G* g, std::uint32_t obj, std::int64_t value,
                   std::uint32_t aux, std::uint8_t flags) {
  trace::Event e;
  e.ts = nanotime();
  e.value = value;
  e.g = g ? static_cast<std::uint32_t>(g->id) : 0;
  e.line = g && g->line > 0 ? static_cast<std::uint32_t>(g->line) : 0;
  e.obj = obj;
  e.aux = aux;
  e.p = p ? static_cast<std::uint16_t>(p->id) : 0;
  e.kind = k;
  e.flags = flags;
  if (p) {
    number_and_push(p->ring, e);
  } else {
    std::lock_guard lk(ext_mu_);
    number_and_push(ext_ring_, e);
  }
}

std::size_t Sched::drain(std::vector<trace::Event>& out) {
  std::lock_guard lk(drain_mu_);
  for (auto& p : ps_) p->ring.drain(held_);
  {
    std::lock_guard ek(ext_mu_);
    ext_ring_.drain(held_);
  }
  std::sort(held_.begin(), held_.end(),
            [](const trace::Event& a, const trace::Event& b) { return a.seq < b.seq; });
  std::size_t n = 0;
  while (n < held_.size() && held_[n].seq == next_seq_) {
    next_seq_++;
    n++;
  }
  out.insert(out.end(), held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(n));
  held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(n));
  return n;
}

std::uint64_t Sched::lost_events() {
  std::uint64_t n = ext_ring_.lost();
  for (auto& p : ps_) n += p->ring.lost();
  return n;
}

bool tracing() noexcept {
  Sched* s = g_sched;
  return s && s->tracing();
}

std::uint32_t trace_text(std::string_view text, bool quoted) {
  Sched* s = g_sched;
  if (!s) return 0;
  if (!quoted) return s->strings().intern_value(text);
  std::string q;
  format_quoted(q, text);
  return s->strings().intern_value(q);
}

}  // namespace gort::detail
