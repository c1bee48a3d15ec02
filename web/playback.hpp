// Playback of a recorded trace: every event of the run so far (appended as
// the runtime produces them) and a cursor. Pause, step and scrub act here,
// never on the running program (DESIGN.md: execution and display are
// decoupled).
//
// Invariants:
//   - model() is exactly the fold of events()[0, cursor()) (Model::apply in
//     order), whatever sequence of advance/step/seek led there.
//   - The play clock (clock()) is in trace time (ns on the run's clock):
//     advance(dt) moves it by dt * speed and applies every event with
//     ts <= clock. Below speed 1 (slow motion) at most kSlowEventsPerSecond
//     * speed events are applied per second of wall time, so bursts that
//     happen at one virtual instant unfold at a pace a person can follow;
//     while that cap holds events back the clock waits for them.
//   - seek(i) refolds from the nearest snapshot at or before i, so scrubbing
//     stays fast on long traces. Snapshots are taken every kSnapshotEvery
//     events as they are first applied; past kMaxSnapshots every other one
//     is dropped and the interval doubles, so their memory stays bounded.
#pragma once

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

  // snapshot_every: the first interval between snapshots (tests use small ones).
  explicit Playback(std::size_t snapshot_every = kSnapshotEvery)
      : first_every_(snapshot_every ? snapshot_every : kSnapshotEvery),
        snapshot_every_(first_every_) {}

  // Forgets every event and snapshot: an empty model for `procs` Ps, cursor
  // 0, clock 0, not paused; speed is kept.
  void reset(int procs);
  // Records events the runtime produced (in trace order); applies nothing.
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
  // Puts the cursor at `index` (clamped to size()): the model becomes the
  // fold of the first `index` events. The clock moves to the ts of the last
  // applied event. Does not change paused().
  void seek(std::size_t index);
  // Applies every recorded event.
  void seek_end() { seek(size()); }

  std::size_t cursor() const { return cursor_; }
  std::size_t size() const { return events_.size(); }
  bool at_end() const { return cursor_ == events_.size(); }
  std::int64_t clock() const { return clock_; }
  const Model& model() const { return model_; }
  const std::vector<trace::Event>& events() const { return events_; }

 private:
  void apply_next();

  std::vector<trace::Event> events_;
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
};

}  // namespace gort::web
