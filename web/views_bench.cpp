// See views_bench.hpp. Goroutine 1 is main (running on P0 at the start);
// workers are 2..n+1. Channel 1 "jobs" (cap 4) carries values from workers
// to workers; channel 2 "results" (unbuffered) is where workers wait.
#include "views_bench.hpp"

#include <algorithm>

namespace gort::web {
namespace {

using trace::Kind;
constexpr std::uint32_t kJobs = 1, kResults = 2;
constexpr int kJobsCap = 4;
// String ids of the names the events refer to.
enum : std::uint32_t { kNone, kJobsName, kResultsName, kWorkerName, kMainName };

std::uint8_t reason(WaitReason r) {
  return static_cast<std::uint8_t>(r);
}

}  // namespace

void ViewsBench::emit(Kind k, std::uint32_t g, std::uint32_t obj, std::int64_t value,
                      std::uint16_t p, std::uint8_t flags, std::uint32_t aux) {
  out_.push_back(trace::make_event(seq_++, ts_, k, g, obj, value, aux, p, flags));
}

void ViewsBench::start(std::size_t goroutines, int procs) {
  n_ = goroutines;
  procs_ = std::clamp(procs, 1, 8);
  pb_.reset(procs_);
  pb_.texts().strings = {"", "jobs", "results", "worker", "main"};
  layout_.settle(Model());
  out_.clear();
  state_.assign(n_ + 2, kRunnable);
  running_.assign(static_cast<std::size_t>(procs_), 0);
  ts_ = 0;
  seq_ = op_ = value_ = 0;
  buffered_ = 0;
  next_ = 2;
  emit(Kind::GoName, 1, 0, kMainName, 0);
  emit(Kind::GoStart, 1, 0, 0, 0);
  running_[0] = 1;
  state_[1] = kRunning;
  emit(Kind::ChanMake, 1, kJobs, kJobsCap, 0, 0, kJobsName);
  emit(Kind::ChanMake, 1, kResults, 0, 0, 0, kResultsName);
  for (std::uint32_t g = 2; g < n_ + 2; ++g) {
    emit(Kind::GoCreate, 1, g, 20, 0);
    emit(Kind::GoName, g, 0, kWorkerName, 0);
  }
  pb_.append(out_.data(), out_.size());
  out_.clear();
  pb_.advance(0);
  layout_.update(pb_.model());
}

// What the goroutine running on p does before it leaves the P: send a job,
// take one, or yield; sends block it on results, receives make it sleep.
void ViewsBench::stop_on(int p, std::uint64_t r) {
  const std::uint32_t g = running_[static_cast<std::size_t>(p)];
  if (!g) return;
  const auto pp = static_cast<std::uint16_t>(p);
  const auto int_kind = static_cast<std::uint8_t>(trace::ValueKind::Int);
  if (g != 1 && r % 3 == 0 && buffered_ < kJobsCap) {
    emit(Kind::ChanSend, g, kJobs, static_cast<std::int64_t>(++value_), pp, int_kind);
    ++buffered_;
    emit(Kind::GoBlock, g, kResults, 0, pp, reason(WaitReason::ChanReceive));
    state_[g] = kBlocked;
  } else if (g != 1 && r % 3 == 1 && buffered_ > 0) {
    emit(Kind::ChanRecv, g, kJobs, static_cast<std::int64_t>(value_ - buffered_ + 1), pp, int_kind,
         1);
    --buffered_;
    emit(Kind::GoSleep, g, 0, ts_ + 1'000'000, pp);
    emit(Kind::GoBlock, g, 0, 0, pp, reason(WaitReason::Sleep));
    state_[g] = kSleeping;
  } else {
    emit(Kind::GoYield, g, 0, 0, pp);
    state_[g] = kRunnable;
  }
  running_[static_cast<std::size_t>(p)] = 0;
}

void ViewsBench::frame(double dt) {
  if (n_ == 0) return;
  const auto span = static_cast<std::int64_t>(dt * 1e9);
  const std::size_t ops = std::min<std::size_t>(kOpsPerFrame, n_);
  for (std::size_t i = 0; i < ops; ++i, ++op_) {
    ts_ += std::max<std::int64_t>(span / static_cast<std::int64_t>(ops), 1);
    const int p = static_cast<int>(op_ % static_cast<std::uint64_t>(procs_));
    stop_on(p, op_ / static_cast<std::uint64_t>(procs_) + static_cast<std::uint64_t>(p));
    const std::uint32_t g = next_;
    next_ = next_ + 1 < n_ + 2 ? next_ + 1 : 2;
    if (state_[g] == kRunning) continue;  // on another P right now
    if (state_[g] != kRunnable) emit(Kind::GoUnblock, 1, g, 0, static_cast<std::uint16_t>(p));
    emit(Kind::GoStart, g, 0, 0, static_cast<std::uint16_t>(p));
    state_[g] = kRunning;
    running_[static_cast<std::size_t>(p)] = g;
  }
  pb_.append(out_.data(), out_.size());
  out_.clear();
  pb_.advance(dt);
  pb_.seek_end();  // a slow frame must not fall behind: the bench measures, it does not pace
  layout_.update(pb_.model());
}

}  // namespace gort::web
