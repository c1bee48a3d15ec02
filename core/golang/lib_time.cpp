// time's natives: the clock, Sleep, After/Tick, Timer and Ticker (on gort's
// timers), and Duration.String / Time.String as Go prints them.
#include <cstdio>
#include <gort/print.hpp>

#include "format.hpp"
#include "natives.hpp"
#include "rt.hpp"
#include "vm_ops.hpp"

namespace gort::golang {

namespace {

// The playground's wall clock at the run's start (2009-11-10 23:00:00 UTC).
constexpr std::int64_t kEpochNs = 1257894000LL * 1000000000LL;

void time_string(Thread& th, Value* f) {
  // Time.String(): "2009-11-10 23:00:00.000000001 +0000 UTC m=+0.000000001"
  std::int64_t ns = f[1].i;
  std::int64_t wall = kEpochNs + ns;
  std::int64_t secs = wall / 1000000000LL, frac = wall % 1000000000LL;
  std::int64_t days = secs / 86400, rem = secs % 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  std::int64_t z = days + 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) y++;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld",
                static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                static_cast<long long>(rem % 60));
  std::string s = buf;
  if (frac) {
    std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(frac));
    std::string fr = buf;
    while (fr.back() == '0') fr.pop_back();
    s += fr;
  }
  s += " +0000 UTC";
  std::snprintf(buf, sizeof buf, " m=+%.9f", static_cast<double>(ns) / 1e9);
  s += buf;
  f[0] = th.str(s);
}

void duration_string(Thread& th, Value* f) {
  std::string s;
  gort::detail::format_duration(s, f[1].i);
  f[0] = th.str(s);
}

void timer_finalize(void* t) {
  rt::timer_free(t, false);
}
void ticker_finalize(void* t) {
  rt::timer_free(t, true);
}

// NewTimer/NewTicker(d) *Timer: the object (C, h) with h the runtime's timer.
void new_timer(Thread& th, Value* f, bool ticker, const char* type_name) {
  std::int64_t d = f[1].i;
  if (ticker && d <= 0) {
    th.panic_plain("non-positive interval for NewTicker");
    return;
  }
  rt::hchan* c = nullptr;
  void* t = rt::timer_new(d, ticker, &c);
  th.heap().on_free(ticker ? ticker_finalize : timer_finalize, t);
  (void)type_name;
  // The result type is *Timer; its object has two slots (C, h).
  ObjHeader* h = th.alloc(2 * sizeof(Value), HeapKind::Slots, nullptr);
  Value* obj = payload(h);
  obj[0].p = c;
  obj[1].p = t;
  f[0].p = obj;
}

const NativeDef kTime[] = {
    {"time.Now", [](Thread&, Value* f) { f[0].i = rt::now(); }},
    {"time.Sleep", [](Thread& th, Value* f) { th.status(rt::sleep(f[0].i)); }},
    {"time.After",
     [](Thread& th, Value* f) {
       rt::hchan* c = rt::after(f[1].i);
       th.heap().on_free([](void* p) { rt::chan_release(static_cast<rt::hchan*>(p)); }, c);
       f[0].p = c;
     }},
    {"time.Tick",
     [](Thread& th, Value* f) {
       rt::hchan* c = rt::tick(f[1].i);
       if (c) th.heap().on_free([](void* p) { rt::chan_release(static_cast<rt::hchan*>(p)); }, c);
       f[0].p = c;
     }},
    {"time.NewTimer", [](Thread& th, Value* f) { new_timer(th, f, false, "Timer"); }},
    {"time.NewTicker", [](Thread& th, Value* f) { new_timer(th, f, true, "Ticker"); }},
    {"time.Timer.Stop",
     [](Thread& th, Value* f) {
       if (!f[1].p) {
         th.panic_runtime("invalid memory address or nil pointer dereference");
         return;
       }
       f[0].i = rt::timer_stop(static_cast<Value*>(f[1].p)[1].p, false);
     }},
    {"time.Timer.Reset",
     [](Thread& th, Value* f) {
       if (!f[1].p) {
         th.panic_runtime("invalid memory address or nil pointer dereference");
         return;
       }
       f[0].i = rt::timer_reset(static_cast<Value*>(f[1].p)[1].p, false, f[2].i);
     }},
    {"time.Ticker.Stop",
     [](Thread& th, Value* f) {
       if (!f[0].p) {
         th.panic_runtime("invalid memory address or nil pointer dereference");
         return;
       }
       rt::timer_stop(static_cast<Value*>(f[0].p)[1].p, true);
     }},
    {"time.Ticker.Reset",
     [](Thread& th, Value* f) {
       if (f[1].i <= 0) {
         th.panic_plain("non-positive interval for Ticker.Reset");
         return;
       }
       rt::timer_reset(static_cast<Value*>(f[0].p)[1].p, true, f[1].i);
     }},
    {"time.Duration.String", duration_string},
    {"time.Time.String", time_string},
};

}  // namespace

std::span<const NativeDef> time_natives() {
  return kTime;
}

}  // namespace gort::golang
