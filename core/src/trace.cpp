// Recording trace events (gort/trace.hpp) into the Ps' rings, and the texts
// of traced values.
#include <algorithm>
#include <gort/print.hpp>
#include <string>

#include "sched.hpp"

namespace gort::detail {

namespace {

void number_and_push(Sched& s, TraceRing& ring, trace::Event& e) {
  if (ring.full()) return;
  if (s.simulated) {  // one thread: no read-modify-write needed
    e.seq = s.trace_seq.load(std::memory_order_relaxed);
    s.trace_seq.store(e.seq + 1, std::memory_order_relaxed);
  } else {
    e.seq = s.trace_seq.fetch_add(1, std::memory_order_relaxed);
  }
  ring.push(e);
}

}  // namespace

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
    number_and_push(*this, p->ring, e);
  } else {
    std::lock_guard lk(ext_mu);
    number_and_push(*this, ext_ring, e);
  }
}

std::size_t Sched::drain(std::vector<trace::Event>& out) {
  std::lock_guard lk(drain_mu);
  for (auto& p : ps) p->ring.drain(held);
  {
    std::lock_guard ek(ext_mu);
    ext_ring.drain(held);
  }
  std::sort(held.begin(), held.end(),
            [](const trace::Event& a, const trace::Event& b) { return a.seq < b.seq; });
  std::size_t n = 0;
  while (n < held.size() && held[n].seq == next_seq) {
    next_seq++;
    n++;
  }
  out.insert(out.end(), held.begin(), held.begin() + static_cast<std::ptrdiff_t>(n));
  held.erase(held.begin(), held.begin() + static_cast<std::ptrdiff_t>(n));
  return n;
}

std::uint64_t Sched::lost_events() {
  std::uint64_t n = ext_ring.lost();
  for (auto& p : ps) n += p->ring.lost();
  return n;
}

std::uint32_t trace_text(std::string_view text, bool quoted) {
  Sched* s = g_sched;
  if (!s) return 0;
  if (!quoted) return s->strings.intern_value(text);
  std::string q;
  format_quoted(q, text);
  return s->strings.intern_value(q);
}

}  // namespace gort::detail
