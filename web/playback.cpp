// Playback of a recorded trace (see playback.hpp for the invariants).
#include "playback.hpp"

#include <algorithm>
#include <cmath>

namespace gort::web {

void Playback::reset(int procs) {
  procs_ = procs;
  events_.clear();
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
  events_.insert(events_.end(), events, events + n);
}

void Playback::set_speed(double speed) {
  if (!(speed > 0) || !std::isfinite(speed)) return;
  speed_ = speed;
  if (clock_ == INT64_MAX) clock_ = model_.now();  // leaving "as fast as possible"
}

void Playback::apply_next() {
  model_.apply(events_[cursor_++], texts_);
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
  while (cursor_ < events_.size() && events_[cursor_].ts <= clock_) {
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
  if (cursor_ >= events_.size()) return false;
  apply_next();
  clock_ = std::max(clock_, model_.now());
  return true;
}

void Playback::seek(std::size_t index) {
  index = std::min(index, events_.size());
  if (index < cursor_) {
    const Snapshot* from = nullptr;
    for (const Snapshot& x : snapshots_) {
      if (x.at <= index) from = &x;
    }
    if (from) {
      model_ = *from->model;
      cursor_ = from->at;
    } else {
      model_.reset(procs_);
      cursor_ = 0;
    }
  }
  while (cursor_ < index) apply_next();
  clock_ = model_.now();
  slow_budget_ = 0;
}

}  // namespace gort::web
