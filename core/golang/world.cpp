// Stopping the world (see world.hpp).
#include "world.hpp"

#include <chrono>

namespace gort::golang {

void World::enter() {
  for (;;) {
    running_.fetch_add(1);
    if (!stop_.load()) return;
    leave();
    std::unique_lock lk(mu_);
    cv_.wait(lk, [&] { return !stop_.load(); });
  }
}

void World::leave() {
  running_.fetch_sub(1);
  if (stop_.load()) {
    std::lock_guard lk(mu_);
    cv_.notify_all();
  }
}

bool World::stop() {
  bool was = false;
  if (!stop_.compare_exchange_strong(was, true)) {
    leave();  // another goroutine collects: wait for it here
    enter();
    return false;
  }
  std::unique_lock lk(mu_);
  // A goroutine reaches a safe point within a quantum; one that does not
  // in a second is in C++ that neither parks nor returns (a native's long
  // loop): this collection is skipped rather than waiting on it.
  if (cv_.wait_for(lk, std::chrono::seconds(1), [&] { return running_.load() == 1; })) return true;
  lk.unlock();
  start();
  return false;
}

void World::start() {
  stop_.store(false);
  std::lock_guard lk(mu_);
  cv_.notify_all();
}

}  // namespace gort::golang
