// The timer heap (see timer.hpp): a binary min-heap on `when`, each timer
// knowing its index so that stop() removes it in O(log n).
#include "timer.hpp"

#include <gort/time.hpp>

#include "chan_impl.hpp"

namespace gort::detail {

void Timers::swap_at(std::size_t i, std::size_t j) {
  std::swap(heap_[i], heap_[j]);
  heap_[i]->index = static_cast<int>(i);
  heap_[j]->index = static_cast<int>(j);
}

void Timers::up(std::size_t i) {
  while (i > 0) {
    std::size_t parent = (i - 1) / 2;
    if (heap_[parent]->when <= heap_[i]->when) break;
    swap_at(i, parent);
    i = parent;
  }
}

void Timers::down(std::size_t i) {
  for (;;) {
    std::size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < heap_.size() && heap_[l]->when < heap_[m]->when) m = l;
    if (r < heap_.size() && heap_[r]->when < heap_[m]->when) m = r;
    if (m == i) return;
    swap_at(i, m);
    i = m;
  }
}

void Timers::update_next() noexcept {
  next_when_.store(heap_.empty() ? kNever : heap_[0]->when, std::memory_order_release);
}

void Timers::add_locked(timer* t) {
  t->index = static_cast<int>(heap_.size());
  heap_.push_back(t);
  up(heap_.size() - 1);
  update_next();
}

bool Timers::remove_locked(timer* t) {
  if (t->index < 0) return false;
  std::size_t i = static_cast<std::size_t>(t->index);
  std::size_t last = heap_.size() - 1;
  if (i != last) {
    swap_at(i, last);
  }
  heap_.pop_back();
  t->index = -1;
  if (i < heap_.size()) {
    down(i);
    up(i);
  }
  update_next();
  return true;
}

void Timers::run_due(P* p, std::int64_t now) {
  std::lock_guard lk(mu);
  Sched* s = p->s;
  while (!heap_.empty() && heap_[0]->when <= now) {
    timer* t = heap_[0];
    remove_locked(t);
    if (t->g) {
      s->emit(p, trace::Kind::TimerFire, nullptr, static_cast<std::uint32_t>(t->g->id), now);
      s->ready(p, t->g);
      continue;
    }
    s->emit(p, trace::Kind::TimerFire, nullptr, 0, now, chan_id(t->c));
    // A send that never blocks, by no goroutine: a tick nobody has received
    // yet is dropped (as is one on a channel its user closed).
    Time v{Duration(now)};
    t->c->lock.lock();
    send_locked(t->c, &v);
    t->c->lock.unlock();
    if (t->period > 0) {
      t->when += t->period * (1 + (now - t->when) / t->period);
      add_locked(t);
    } else if (t->owned) {
      chan_release(t->c);
      delete t;
    }
  }
  update_next();
}

void Timers::clear() {
  std::lock_guard lk(mu);
  for (timer* t : heap_) {
    t->index = -1;
    if (t->owned) {
      chan_release(t->c);
      delete t;
    }
  }
  heap_.clear();
  update_next();
}

}  // namespace gort::detail
