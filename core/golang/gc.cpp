// The collector: a stop-the-world mark-sweep over the run's heap
// (DESIGN.md §9.4), run by a goroutine at a preemption point once enough
// was allocated since the last collection (Heap::want_collect).
//
// Invariants:
//   - It runs with the world stopped (world.hpp): every other goroutine of
//     the run is parked, yielding or waiting to enter, and none of them
//     holds a Go value anywhere but the roots below.
//   - Roots: the globals; each goroutine's slot segments (whole: slots
//     above the top frame may be a native's arguments), frames' closures,
//     defers, panics, select cases and the closure of a goroutine that is
//     one native call; the buffers of the run's channels. A parked sender's
//     value is still in its slots, a parked receiver's slot is among them.
//   - So a channel receive must name a slot as its destination, never a
//     C++ local: a sender hands its value over into the waiting receiver's
//     destination and goes on, and the receiver may wait to run again
//     across a collection, holding the value only there (vm::recv).
//   - The scan is conservative: any word that points into an allocated
//     heap object keeps it (headers find interior pointers, heap.hpp), so
//     no slot map is needed and an integer that looks like a pointer only
//     keeps garbage alive. Objects are scanned by kind: a string has no
//     pointers, a map's entries are traced through its table, an array or
//     box of a numeric type is skipped, every other word is a candidate.
#include <vector>

#include "types.hpp"
#include "vm.hpp"
#include "vm_ops.hpp"

namespace gort::golang {

namespace {

class Marker {
 public:
  explicit Marker(Heap& heap) : heap_(heap) {}

  void word(Value v) {
    ObjHeader* h = heap_.find(v.p);
    if (!h || (h->flags & kMarked)) return;
    h->flags |= kMarked;
    stack_.push_back(h);
  }
  void words(const Value* p, std::size_t n) {
    for (std::size_t i = 0; i < n; i++) word(p[i]);
  }
  void drain() {
    while (!stack_.empty()) {
      ObjHeader* h = stack_.back();
      stack_.pop_back();
      scan(h);
    }
  }

 private:
  void scan(ObjHeader* h) {
    switch (h->kind) {
      case HeapKind::Str:
        return;
      case HeapKind::Map:
        ops::map_trace(
            h, [](Value v, void* m) { static_cast<Marker*>(m)->word(v); }, this);
        return;
      case HeapKind::Slots:
        if (h->type && (is_integer(h->type) || is_float(h->type) || is_boolean(h->type))) return;
        [[fallthrough]];
      default:
        words(payload(h), h->size / sizeof(Value));
    }
  }

  Heap& heap_;
  std::vector<ObjHeader*> stack_;
};

void mark_thread(Marker& m, const Thread& t) {
  for (const Segment* s = t.seg; s; s = s->prev)
    m.words(s->lo, static_cast<std::size_t>(s->hi - s->lo));
  for (const Frame& f : t.frames) m.word(Value::of_ptr(f.clos));
  for (const DeferRec& d : t.defers) {
    m.word(Value::of_ptr(d.fn));
    m.word(Value::of_ptr(d.args));
  }
  for (const PanicRec* p = t.panic; p; p = p->link) m.word(p->val);
  m.words(t.scratch.data(), t.scratch.size());
  m.word(Value::of_ptr(t.native_start));
}

}  // namespace

void collect(Thread& th) {
  Run& run = *th.run;
  if (th.exiting || !run.world.stop()) return;
  Marker m(run.heap);
  m.words(run.globals.data(), run.globals.size());
  {
    std::lock_guard lk(run.threads_mu);  // a goroutine that ended may be deleting its Thread
    for (const Thread* t = run.threads; t; t = t->next) mark_thread(m, *t);
  }
  {
    std::lock_guard lk(run.chans_mu);
    for (rt::hchan* c : run.chans) {
      gort::detail::chan_each(
          c, [](void* v, void* mk) { static_cast<Marker*>(mk)->word(*static_cast<Value*>(v)); },
          &m);
    }
  }
  m.drain();
  run.heap.sweep();
  run.world.start();
}

}  // namespace gort::golang
