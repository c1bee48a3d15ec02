// Rates over a sliding window of frames (see stats.hpp).
#include "stats.hpp"

namespace gort::web {

void StatsMeter::add(double dt, std::uint64_t events, std::uint64_t chan_ops) {
  samples_.push_back({dt, events, chan_ops});
  if (samples_.size() > 1) span_ += dt;
  // Keep just over a window; the oldest sample is the baseline of the rates.
  while (samples_.size() > 2 && span_ - samples_[1].dt >= kWindowSeconds) {
    span_ -= samples_[1].dt;
    samples_.pop_front();
  }
}

namespace {
template <class Samples, class Get>
double rate(const Samples& s, double span, Get get) {
  if (s.size() < 2 || span <= 0) return 0;
  return static_cast<double>(get(s.back()) - get(s.front())) / span;
}
}  // namespace

double StatsMeter::events_per_s() const {
  return rate(samples_, span_, [](const Sample& x) { return x.events; });
}

double StatsMeter::chan_ops_per_s() const {
  return rate(samples_, span_, [](const Sample& x) { return x.chan_ops; });
}

}  // namespace gort::web
