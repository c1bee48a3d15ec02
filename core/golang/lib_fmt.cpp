// fmt's natives: the printing and formatting functions (format.hpp does the
// formatting). Errorf and the Fprint family are Go (lib/fmt.go).
#include "format.hpp"
#include "natives.hpp"
#include "rt.hpp"
#include "vm_ops.hpp"

namespace gort::golang {

namespace {

const Value* args_of(Value slice, std::int64_t* n) {
  auto* s = static_cast<SliceObj*>(slice.p);
  *n = s ? s->len : 0;
  return s ? s->data : nullptr;
}

// Print, Println, Printf: (n int, err error), then the parameters.
void print_common(Thread& th, Value* f, int kind) {
  std::string& buf = th.buffer();
  std::int64_t n;
  bool ok;
  if (kind == 2) {
    const Value* a = args_of(f[3], &n);
    ok = fmt_sprintf(th, buf, str_view(f[2]), a, n);
  } else {
    const Value* a = args_of(f[2], &n);
    ok = fmt_sprint(th, buf, a, n, kind == 1);
  }
  if (ok && th.write(false, buf)) {
    f[0].i = static_cast<std::int64_t>(buf.size());
    f[1].i = 0;
  }
  th.release_buffer();
}

void sprint_common(Thread& th, Value* f, int kind) {
  std::string& buf = th.buffer();
  std::int64_t n;
  bool ok;
  if (kind == 2) {
    const Value* a = args_of(f[2], &n);
    ok = fmt_sprintf(th, buf, str_view(f[1]), a, n);
  } else {
    const Value* a = args_of(f[1], &n);
    ok = fmt_sprint(th, buf, a, n, kind == 1);
  }
  if (ok) f[0] = th.str(buf);
  th.release_buffer();
}

// sprintfw(format string, a ...any) (string, error): Sprintf and the error
// of its %w verb (nil when there is none).
void sprintfw(Thread& th, Value* f) {
  std::string& buf = th.buffer();
  std::int64_t n;
  const Value* a = args_of(f[3], &n);
  Value wrapped;
  if (fmt_sprintf(th, buf, str_view(f[2]), a, n, &wrapped)) {
    f[0] = th.str(buf);
    f[1] = wrapped;
  }
  th.release_buffer();
}

const NativeDef kFmt[] = {
    {"fmt.Println", [](Thread& th, Value* f) { print_common(th, f, 1); }},
    {"fmt.Print", [](Thread& th, Value* f) { print_common(th, f, 0); }},
    {"fmt.Printf", [](Thread& th, Value* f) { print_common(th, f, 2); }},
    {"fmt.Sprintln", [](Thread& th, Value* f) { sprint_common(th, f, 1); }},
    {"fmt.Sprint", [](Thread& th, Value* f) { sprint_common(th, f, 0); }},
    {"fmt.Sprintf", [](Thread& th, Value* f) { sprint_common(th, f, 2); }},
    {"fmt.sprintfw", sprintfw},
};

}  // namespace

std::span<const NativeDef> fmt_natives() {
  return kFmt;
}

}  // namespace gort::golang
