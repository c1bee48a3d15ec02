// Recording trace events (gort/trace.hpp) into the Ps' rings, and the texts
// of traced values.
#include <gort/print.hpp>
#include <string>

#include "sched.hpp"

namespace gort::detail {

void Sched::record(P* p, trace::Kind k, const G* g, std::uint32_t obj, std::int64_t value,
                   std::uint32_t aux, std::uint8_t flags) {
  trace::Event e;
  e.ts = nanotime();
  if (simulated) {
    e.seq = sim_seq++;
  } else {
    e.seq = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                           std::chrono::steady_clock::now() - start_time)
                                           .count());
  }
  e.value = value;
  e.g = g ? static_cast<std::uint32_t>(g->id) : 0;
  e.line = g && g->line > 0 ? static_cast<std::uint32_t>(g->line) : 0;
  e.obj = obj;
  e.aux = aux;
  e.p = static_cast<std::uint16_t>(p->id);
  e.kind = k;
  e.flags = flags;
  p->ring.push(e);
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
