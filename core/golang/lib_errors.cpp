// errors' native: the assignment errors.As makes once it found a match
// (Go's errors.As uses reflection for it).
#include "natives.hpp"
#include "vm_ops.hpp"

namespace gort::golang {

namespace {

// assign(err error, target any) bool
void assign(Thread& th, Value* f) {
  Value err = f[1], target = f[2];
  const Type* pt = ops::dyn_type(target);
  if (!pt || pt->underlying()->kind != TK::Pointer || !ops::unbox_raw(target).p) {
    th.panic_plain("errors: target must be a non-nil pointer");
    return;
  }
  const Type* want = pt->underlying()->elem;
  Value* dst = static_cast<Value*>(ops::unbox_raw(target).p);
  const Type* dt = ops::dyn_type(err);
  f[0].i = 0;
  if (!dt) return;
  if (is_interface(want)) {
    if (!ops::implements(*th.prog, dt, want)) return;
    *dst = err;
    f[0].i = 1;
    return;
  }
  if (dt != want) return;
  Value v = ops::unbox_raw(err);
  if (want->repr == Repr::Boxed) {
    ops::assign_obj(th, Value::of_ptr(dst), v, want);
  } else {
    *dst = v;
  }
  f[0].i = 1;
}

const NativeDef kErrors[] = {
    {"errors.assign", assign},
};

}  // namespace

std::span<const NativeDef> errors_natives() {
  return kErrors;
}

}  // namespace gort::golang
