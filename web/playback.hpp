// Playback of a recorded trace: the events of the run so far (appended as
// the runtime produces them), the oldest folded into a snapshot past a
// limit, and a cursor. Pause, step and scrub act here,
// never on the running program (DESIGN.md: execution and display are
// decoupled).
//
// Invariants:
//   - Indexes are the run's: event i is the i-th the run recorded. The
//     playback keeps events [first(), size()); base() is the fold of the
//     events before first(). model() is exactly base() then events
//     [first(), cursor()) applied in order (Model::apply), which is the fold
//     of the run's first cursor() events, whatever sequence of
//     advance/step/seek led there.
//   - At most max_events events are kept: past that, append() folds the
//     older ones into base() until max_events / 2 remain. Folded events
//     that had not been played are applied first (the cursor jumps to
//     first()), so the memory stays bounded even while playback is paused.
//   - trace_hash() is a hash of every event appended since reset(), folded
//     or not, in order: two runs with equal hashes recorded the same events.
//   - The play clock (clock()) is in trace time (ns on the run's clock):
//     advance(dt) moves it by dt * speed and applies every event with
//     ts <= clock. Below speed 1 (slow motion) at most kSlowEventsPerSecond
//     * speed events are applied per second of wall time, so bursts that
//     happen at one virtual instant unfold at a pace a person can follow;
//     while that cap holds events back the clock waits for them.
//   - seek(i) refolds from the nearest snapshot (or base()) at or before i,
//     so scrubbing stays fast on long traces. Snapshots are taken every kSnapshotEvery
//     events as they are first applied; past kMaxSnapshots every other one
//     is dropped and the interval doubles, so their memory stays bounded.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <gort/trace.hpp>
#include <memory>
#include <vector>

#include "model.hpp"

namespace gort::web {

class Playback {
 public:
  static constexpr double kSlowEventsPerSecond = 300;
  static constexpr std::size_t kSnapshotEvery = 1 << 16;
  static constexpr std::size_t kMaxSnapshots = 16;
  // Events kept (48 bytes each): as many as the snapshots cover at their
  // first interval.
  static constexpr std::size_t kMaxEvents = kSnapshotEvery * kMaxSnapshots;

  // snapshot_every: the first interval between snapshots; max_events: the
  // events kept (tests use small ones).
  explicit Playback(std::size_t snapshot_every = kSnapshotEvery,
                    std::size_t max_events = kMaxEvents)
      : first_every_(snapshot_every ? snapshot_every : kSnapshotEvery),
        snapshot_every_(first_every_),
        max_events_(std::max<std::size_t>(max_events, 2)) {}

  // Forgets every event and snapshot: an empty model for `procs` Ps, cursor
  // 0, clock 0, not paused; speed is kept.
  void reset(int procs);
  // Records events the runtime produced (in trace order); applies nothing,
  // unless the limit makes it fold unplayed events (see above).
  void append(const trace::Event* events, std::size_t n);
  // The texts the events refer to (strings, output): the feeder keeps them
  // current before the events that need them are applied.
  Texts& texts() { return texts_; }
  const Texts& texts() const { return texts_; }

  // Moves the play clock by dt_seconds * speed (nothing while paused) and
  // applies the events that are due. Returns how many it applied.
  std::size_t advance(double dt_seconds);
  void pause() { paused_ = true; }
  void resume() { paused_ = false; }
  bool paused() const { return paused_; }
  // speed: 1 = real time; > 1 faster; < 1 slow motion (see above). Must be > 0.
  void set_speed(double speed);
  double speed() const { return speed_; }
  // Applies exactly one event (if any is left) and pauses. Returns whether
  // it applied one. The clock moves to that event's ts.
  bool step();
  // Puts the cursor at `index` (clamped to [first(), size()]): the model
  // becomes the fold of the first `index` events. The clock moves to the ts of the last
  // applied event. Does not change paused().
  void seek(std::size_t index);
  // Applies every recorded event.
  void seek_end() { seek(size()); }

  std::size_t cursor() const { return cursor_; }
  // Events the run recorded, folded or kept.
  std::size_t size() const { return first_ + events_.size(); }
  // Events folded into base(): the earliest event seek() can reach.
  std::size_t first() const { return first_; }
  bool at_end() const { return cursor_ == size(); }
  std::int64_t clock() const { return clock_; }
  // ts of the run's first event (folded or not), 0 before any.
  std::int64_t first_ts() const { return first_ts_; }
  std::uint64_t trace_hash() const { return hash_; }
  const Model& model() const { return model_; }
  const Model& base() const { return base_; }
  // The kept events: the run's [first(), size()).
  const std::vector<trace::Event>& events() const { return events_; }

 private:
  void apply_next();
  const trace::Event& at(std::size_t index) const { return events_[index - first_]; }
  void fold();

  std::vector<trace::Event> events_;
  std::size_t first_ = 0;
  Model base_;
  std::int64_t first_ts_ = 0;
  std::uint64_t hash_ = 0;
  Texts texts_;
  Model model_;
  std::size_t cursor_ = 0;
  std::int64_t clock_ = 0;
  double speed_ = 1;
  double slow_budget_ = 0;  // events slow motion may still apply
  bool paused_ = false;
  int procs_ = 1;
  struct Snapshot {
    std::size_t at;  // the model after this many events
    std::unique_ptr<Model> model;
  };
  std::vector<Snapshot> snapshots_;  // by `at`, each a multiple of snapshot_every_
  std::size_t first_every_;
  std::size_t snapshot_every_;
  std::size_t max_events_;
};

}  // namespace gort::web
