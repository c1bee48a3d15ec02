// Playback of a recorded trace (see playback.hpp for the invariants).
#include "playback.hpp"

#include <algorithm>
#include <cmath>

namespace gort::web {

namespace {

// FNV-1a, 64 bits, over an event's fields (not its padding).
constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

void mix(std::uint64_t& h, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; i++, v >>= 8) h = (h ^ (v & 0xff)) * kFnvPrime;
}

void mix(std::uint64_t& h, const trace::Event& e) {
  mix(h, e.seq, 8);
  mix(h, static_cast<std::uint64_t>(e.ts), 8);
  mix(h, static_cast<std::uint64_t>(e.value), 8);
  mix(h, e.g, 4);
  mix(h, e.obj, 4);
  mix(h, e.aux, 4);
  mix(h, e.line, 4);
  mix(h, e.p, 2);
  mix(h, static_cast<std::uint64_t>(e.kind), 1);
  mix(h, e.flags, 1);
}

}  // namespace

void Playback::reset(int procs) {
  procs_ = procs;
  events_.clear();
  first_ = 0;
  base_.reset(procs);
  first_ts_ = 0;
  hash_ = kFnvOffset;
  texts_ = Texts{};
  model_.reset(procs);
  cursor_ = 0;
  clock_ = 0;
  slow_budget_ = 0;
  paused_ = false;
  snapshots_.clear();
  snapshot_every_ = first_every_;
}

void Playback::append(const trace::Event* events, std::size_t n) {
  if (n > 0 && size() == 0) first_ts_ = events[0].ts;
  for (std::size_t i = 0; i < n; i++) mix(hash_, events[i]);
  events_.insert(events_.end(), events, events + n);
  if (events_.size() > max_events_) fold();
}

void Playback::fold() {
  const std::size_t to = size() - max_events_ / 2;
  if (cursor_ <= to) {
    // Unplayed events would be lost: play them (without pausing the clock).
    while (cursor_ < to) apply_next();
    clock_ = std::max(clock_, model_.now());
    base_ = model_;
  } else {
    const Snapshot* from = nullptr;
    for (const Snapshot& x : snapshots_) {
      if (x.at <= to) from = &x;
    }
    std::size_t i = first_;
    if (from) {
      base_ = *from->model;
      i = from->at;
    }
    for (; i < to; i++) base_.apply(at(i), texts_);
  }
  events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(to - first_));
  first_ = to;
  std::erase_if(snapshots_, [to](const Snapshot& x) { return x.at < to; });
}

void Playback::set_speed(double speed) {
  if (!(speed > 0) || !std::isfinite(speed)) return;
  speed_ = speed;
  if (clock_ == INT64_MAX) clock_ = model_.now();  // leaving "as fast as possible"
}

void Playback::apply_next() {
  model_.apply(at(cursor_++), texts_);
  if (cursor_ % snapshot_every_ != 0 || (!snapshots_.empty() && snapshots_.back().at >= cursor_)) {
    return;
  }
  snapshots_.push_back({cursor_, std::make_unique<Model>(model_)});
  if (snapshots_.size() > kMaxSnapshots) {
    snapshot_every_ *= 2;
    std::erase_if(snapshots_, [this](const Snapshot& x) { return x.at % snapshot_every_ != 0; });
  }
}

std::size_t Playback::advance(double dt_seconds) {
  if (paused_ || !(dt_seconds > 0)) return 0;
  double step_ns = dt_seconds * speed_ * 1e9;
  // A huge speed jumps to whatever has been recorded.
  clock_ = step_ns >= 9e18 - static_cast<double>(clock_)
               ? INT64_MAX
               : clock_ + static_cast<std::int64_t>(step_ns);
  bool slow = speed_ < 1;
  if (slow) {
    double add = dt_seconds * kSlowEventsPerSecond * speed_;
    slow_budget_ = std::min(slow_budget_ + add, add + 1);  // no saving up while idle
  }
  std::size_t n = 0;
  while (cursor_ < size() && at(cursor_).ts <= clock_) {
    if (slow) {
      if (slow_budget_ < 1) {
        clock_ = model_.now();  // wait for the held-back events
        break;
      }
      slow_budget_ -= 1;
    }
    apply_next();
    n++;
  }
  return n;
}

bool Playback::step() {
  paused_ = true;
  if (cursor_ >= size()) return false;
  apply_next();
  clock_ = std::max(clock_, model_.now());
  return true;
}

void Playback::seek(std::size_t index) {
  index = std::clamp(index, first_, size());
  if (index < cursor_) {
    const Snapshot* from = nullptr;
    for (const Snapshot& x : snapshots_) {
      if (x.at <= index) from = &x;
    }
    if (from) {
      model_ = *from->model;
      cursor_ = from->at;
    } else {
      model_ = base_;
      cursor_ = first_;
    }
  }
  while (cursor_ < index) apply_next();
  clock_ = model_.now();
  slow_budget_ = 0;
}

}  // namespace gort::web
