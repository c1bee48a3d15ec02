// Native load runs (issue 16): not CI tests, a minute-long run does not
// belong there. Two workloads at GOMAXPROCS 2, each checking that no value
// was lost and that memory settled:
//   churn:  1,000,000 goroutines created and finished, in batches of
//           10,000 that each wait for the batch before;
//   select: 10,000 goroutines hammering 100 buffered channels with selects
//           (a send to one channel or a receive from another, drawn anew
//           each time) for --seconds; then they stop, the channels are
//           drained, and what was received must equal what was sent, in
//           count and in sum.
// A thread outside the runtime samples the resident set every second; the
// select run passes when its last sample is within 5% of the one after the
// first 10 s. --quick: 100,000 goroutines churned, 5 s of selects, the level
// taken after 1 s.
// Prints one line per figure, "name value unit", then "load: ok" or
// "load: FAILED ..." (exit 1).
//   build/release/bench/load_bench [--quick] [--seconds N]
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <gort/gort.hpp>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Resident set in MiB (/proc/self/statm's second field, in pages).
double rss_mib() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  long size = 0, resident = 0;
  if (std::fscanf(f, "%ld %ld", &size, &resident) != 2) resident = 0;
  std::fclose(f);
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

// Samples rss_mib() once a second from its own thread until destroyed.
class RssSampler {
 public:
  RssSampler()
      : start_(Clock::now()), thread_([this] {
          std::unique_lock lk(mu_);
          while (!cv_.wait_for(lk, std::chrono::seconds(1), [this] { return stop_; })) {
            samples_.push_back({seconds_since(start_), rss_mib()});
          }
        }) {}
  ~RssSampler() {
    {
      std::lock_guard lk(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  // The first sample at or after `t` seconds (0 when there is none).
  double at(double t) {
    std::lock_guard lk(mu_);
    for (auto& [when, mib] : samples_)
      if (when >= t) return mib;
    return 0;
  }
  double last() {
    std::lock_guard lk(mu_);
    return samples_.empty() ? 0 : samples_.back().second;
  }
  double peak() {
    std::lock_guard lk(mu_);
    double m = 0;
    for (auto& s : samples_) m = std::max(m, s.second);
    return m;
  }

 private:
  Clock::time_point start_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::vector<std::pair<double, double>> samples_;
  std::thread thread_;
};

std::vector<std::string> failures;

void expect(bool ok, const std::string& what) {
  if (!ok) failures.push_back(what);
}

void churn(long total) {
  constexpr long kBatch = 10'000;
  std::atomic<long> ran{0};
  auto start = Clock::now();
  gort::Config cfg;
  cfg.gomaxprocs = 2;
  int code = gort::run(cfg, [&] {
    gort::WaitGroup wg;
    for (long done = 0; done < total; done += kBatch) {
      wg.add(static_cast<int>(kBatch));
      for (long i = 0; i < kBatch; i++) {
        gort::go([&] {
          ran.fetch_add(1, std::memory_order_relaxed);
          wg.done();
        });
      }
      wg.wait();
    }
  });
  double s = seconds_since(start);
  std::printf("churn_goroutines %ld count\n", ran.load());
  std::printf("churn_time %.2f s\n", s);
  std::printf("churn_per_goroutine %.0f ns\n", s * 1e9 / static_cast<double>(total));
  std::printf("churn_rss_after %.1f MiB\n", rss_mib());
  expect(code == 0, "churn: exit code " + std::to_string(code));
  expect(ran.load() == total, "churn: " + std::to_string(ran.load()) + " of " +
                                  std::to_string(total) + " goroutines ran");
}

void select_load(int seconds, double settle_s) {
  constexpr int kGoroutines = 10'000;
  constexpr int kChans = 100;
  std::atomic<std::uint64_t> sent{0}, sent_sum{0}, recvd{0}, recvd_sum{0};
  RssSampler rss;
  auto start = Clock::now();
  gort::Config cfg;
  cfg.gomaxprocs = 2;
  int code = gort::run(cfg, [&] {
    std::vector<gort::Chan<std::uint64_t>> chans;
    for (int i = 0; i < kChans; i++) chans.push_back(gort::make_chan<std::uint64_t>(16));
    auto stop = gort::make_chan<int>();
    gort::WaitGroup wg;
    wg.add(kGoroutines);
    for (int g = 0; g < kGoroutines; g++) {
      gort::go([&, g, stop] {
        std::minstd_rand rng(static_cast<unsigned>(g) + 1);
        std::uint64_t n_sent = 0, s_sent = 0, n_recv = 0, s_recv = 0;
        std::uint64_t next = static_cast<std::uint64_t>(g) << 32;
        for (bool running = true; running;) {
          auto& out = chans[rng() % kChans];
          auto& in = chans[rng() % kChans];
          gort::select(gort::case_send(out, next,
                                       [&] {
                                         n_sent++;
                                         s_sent += next++;
                                       }),
                       gort::case_recv(in,
                                       [&](std::uint64_t v, bool) {
                                         n_recv++;
                                         s_recv += v;
                                       }),
                       gort::case_recv(stop, [&](int, bool) { running = false; }));
        }
        sent += n_sent;
        sent_sum += s_sent;
        recvd += n_recv;
        recvd_sum += s_recv;
        wg.done();
      });
    }
    gort::sleep(std::chrono::seconds(seconds));
    stop.close();
    wg.wait();
    for (auto& c : chans) {
      for (std::size_t n = c.len(); n > 0; n--) {
        std::uint64_t v = c.recv();
        recvd++;
        recvd_sum += v;
      }
    }
  });
  double s = seconds_since(start);
  double settled = rss.at(settle_s), end = rss.last();
  std::printf("select_time %.1f s\n", s);
  std::printf("select_ops %.0f per s\n", static_cast<double>(sent.load() + recvd.load()) / s);
  std::printf("select_sent %llu values\n", static_cast<unsigned long long>(sent.load()));
  std::printf("select_rss_at_%gs %.1f MiB\n", settle_s, settled);
  std::printf("select_rss_end %.1f MiB\n", end);
  std::printf("select_rss_peak %.1f MiB\n", rss.peak());
  expect(code == 0, "select: exit code " + std::to_string(code));
  expect(sent.load() == recvd.load() && sent_sum.load() == recvd_sum.load(),
         "select: sent " + std::to_string(sent.load()) + " values, received " +
             std::to_string(recvd.load()) + " (sums " + std::to_string(sent_sum.load()) + ", " +
             std::to_string(recvd_sum.load()) + ")");
  expect(settled > 0 && end <= settled * 1.05 && end >= settled * 0.95,
         "select: resident set " + std::to_string(end) + " MiB at the end, " +
             std::to_string(settled) + " MiB after " + std::to_string(settle_s) + " s");
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int seconds = 60;
  for (int i = 1; i < argc; i++) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      quick = true;
      seconds = 5;
    } else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
      seconds = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: load_bench [--quick] [--seconds N]\n");
      return 2;
    }
  }
  churn(quick ? 100'000 : 1'000'000);
  select_load(seconds, quick ? 1.0 : 10.0);
  if (failures.empty()) {
    std::printf("load: ok\n");
    return 0;
  }
  for (auto& f : failures) std::printf("load: FAILED %s\n", f.c_str());
  return 1;
}
