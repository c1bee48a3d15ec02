// The asm context backend (x86_64 and aarch64): the C++ half of
// context_asm_<arch>.S, which holds the switch itself.
//
// Invariants:
//   - A suspended context is c.sp alone: it points at the frame the .S file
//     describes (callee-saved registers, FP control, resume address), which
//     lives on that context's own stack.
//   - A new context's frame ends at the 16-byte aligned top of its stack and
//     resumes gort_context_trampoline with entry and arg in callee-saved
//     registers; the trampoline calls gort_context_start with the ABI's
//     alignment and is itself the outermost frame for unwinders.
//   - The switch carries the context switched away from (nullptr from
//     context_exit) and the thread's exception globals to the side that
//     resumes, so it needs no thread-local state of its own, which could be
//     stale after a migration.
//   - Nothing here depends on which thread runs a context: it may migrate.
#include <cstdint>

#include "context.hpp"
#include "context_entry.hpp"
#include "exception_state.hpp"
#include "sanitizer_fiber.hpp"

namespace gort::detail {
// What a switch carries to the side that resumes.
struct Transfer {
  Context* prev;  // the context switched away from; nullptr from context_exit
  EhGlobals* eh;  // the running thread's exception globals
};
}  // namespace gort::detail

extern "C" {
// In context_asm_<arch>.S.
__attribute__((visibility("hidden"))) gort::detail::Transfer gort_context_switch(
    void** save_sp, void* load_sp, gort::detail::Context* prev, gort::detail::EhGlobals* eh);
__attribute__((visibility("hidden"))) void gort_context_trampoline();

// Called by gort_context_trampoline; runs on the new stack.
[[noreturn]] __attribute__((visibility("hidden"))) void gort_context_start(
    gort::detail::Context* prev, gort::detail::EhGlobals* eh, void (*entry)(void*),
    void* arg) noexcept;
}

namespace gort::detail {

void context_thread_exit() {}

namespace {

using Entry = void (*)(void*);

// The initial frame of a new context, laid out exactly as gort_context_switch
// pops it (lowest address first).
#if defined(__x86_64__)
struct Frame {
  std::uint32_t mxcsr;
  std::uint16_t x87cw;
  std::uint16_t unused;
  void* r15;
  void* r14;
  void* r13;  // arg
  Entry r12;  // entry
  void* rbx;
  void* rbp;         // zero: ends frame-pointer chains
  void (*resume)();  // gort_context_trampoline
};
static_assert(sizeof(Frame) == 64);

Frame initial_frame(Entry entry, void* arg) {
  Frame f{};
  // A new context inherits its creator's floating-point control, as a new
  // thread does; the status flags start clear.
  f.mxcsr = __builtin_ia32_stmxcsr() & ~0x3fu;
  asm volatile("fnstcw %0" : "=m"(f.x87cw));
  f.r13 = arg;
  f.r12 = entry;
  f.resume = gort_context_trampoline;
  return f;
}
#elif defined(__aarch64__)
struct Frame {
  Entry x19;  // entry
  void* x20;  // arg
  void* x21_x28[8];
  void* x29;      // zero: ends frame-pointer chains
  void (*x30)();  // gort_context_trampoline
  double d8_d15[8];
  std::uint64_t fpcr;
  std::uint64_t unused;
};
static_assert(sizeof(Frame) == 176);

Frame initial_frame(Entry entry, void* arg) {
  Frame f{};
  f.x19 = entry;
  f.x20 = arg;
  f.x30 = gort_context_trampoline;
  // A new context inherits its creator's floating-point control, as a new
  // thread does.
  asm volatile("mrs %0, fpcr" : "=r"(f.fpcr));
  return f;
}
#else
#error "the asm context backend supports x86_64 and aarch64; build with GORT_CONTEXT=ucontext"
#endif

}  // namespace

void context_make(Context& c, void* stack_lo, std::size_t size, void (*entry)(void*), void* arg) {
  c = Context{};
  c.stack_lo = stack_lo;
  c.stack_size = size;
  san_make(c);
  // The frame ends on a 16-byte boundary, so the trampoline starts with sp
  // there: the alignment its call into gort_context_start relies on.
  auto top = (reinterpret_cast<std::uintptr_t>(stack_lo) + size) & ~std::uintptr_t{15};
  auto* frame = reinterpret_cast<Frame*>(top - sizeof(Frame));
  *frame = initial_frame(entry, arg);
  c.sp = frame;
}

void context_init_current(Context& c) {
  c = Context{};
  eh_init_current(c);
  san_init_current(c);
}

void context_swap(Context& from, Context& to) {
  EhGlobals* eh = eh_of_thread(from, to);
  eh_save(from, eh);
  san_start_switch(from, to, false);
  Transfer t = gort_context_switch(&from.sp, to.sp, &from, eh);
  san_finish_switch(from.asan_fake, t.prev);
  eh_restore(from, t.eh);
}

void context_exit(Context& from, Context& to) {
  EhGlobals* eh = eh_of_thread(from, to);
  san_start_switch(from, to, true);
  // prev is nullptr, so nothing touches `from` once the switch is done and
  // whoever resumes may free it at once. Its registers still go to from.sp:
  // a local slot would live in the ASan fake stack just freed.
  gort_context_switch(&from.sp, to.sp, nullptr, eh);
  __builtin_unreachable();
}

void context_destroy(Context& c) {
  san_destroy(c);
}

}  // namespace gort::detail

void gort_context_start(gort::detail::Context* prev, gort::detail::EhGlobals* eh,
                        void (*entry)(void*), void* arg) noexcept {
  gort::detail::san_finish_switch(nullptr, prev);
  gort::detail::eh_reset(eh);
  gort::detail::run_entry(entry, arg);
}
