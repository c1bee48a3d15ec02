// Playback of a recorded trace (web/playback.cpp): step applies exactly one
// event, seek(i) equals folding the first i events (also across snapshots,
// backwards and forwards), the play clock follows dt * speed, slow motion
// caps the event rate, pause holds everything.
#include <doctest/doctest.h>

#include "web_test_util.hpp"

using namespace web_test;

namespace {

// Two goroutines handing values back and forth over channel 1, n times,
// each hit 1 ms after the previous one.
std::vector<Event> ping_pong_trace(int n) {
  TraceBuilder b;
  using gort::WaitReason;
  b.add(Kind::GoStart, 1, 0, 0, 0, 0);
  b.add(Kind::ChanMake, 1, 1, 0);
  b.add(Kind::GoCreate, 1, 2);
  b.add(Kind::GoStart, 2, 0, 0, 0, 1);
  b.add(Kind::GoBlock, 2, 1, 0, 0, 1, TraceBuilder::reason(WaitReason::ChanReceive));
  std::uint32_t from = 1, to = 2;
  for (int i = 0; i < n; i++) {
    b.ts += 1'000'000;
    auto pf = static_cast<std::uint16_t>(from - 1);
    b.add(Kind::ChanSend, from, 1, i, 0, pf, TraceBuilder::int_kind());
    b.add(Kind::ChanRecv, to, 1, i, 1, pf, TraceBuilder::int_kind());
    b.add(Kind::GoUnblock, from, to, 0, 0, pf);
    b.add(Kind::GoBlock, from, 1, 0, 0, pf, TraceBuilder::reason(WaitReason::ChanReceive));
    b.add(Kind::GoStart, to, 0, 0, 0, static_cast<std::uint16_t>(to - 1));
    std::swap(from, to);
  }
  return b.ev;
}

// Snapshots every kEvery events, so that short traces cross many.
constexpr std::size_t kEvery = 256;

Playback loaded(const std::vector<Event>& ev) {
  Playback pb(kEvery);
  pb.reset(2);
  pb.append(ev.data(), ev.size());
  return pb;
}

}  // namespace

TEST_CASE("web playback: step applies exactly one event and pauses") {
  auto ev = ping_pong_trace(10);
  Playback pb = loaded(ev);
  CHECK_FALSE(pb.paused());
  for (std::size_t i = 0; i < ev.size(); i++) {
    REQUIRE(pb.step());
    CHECK(pb.paused());
    CHECK(pb.cursor() == i + 1);
    CHECK(pb.model().counters().events == i + 1);
    CHECK(pb.model().now() == ev[i].ts);
  }
  CHECK(pb.at_end());
  CHECK_FALSE(pb.step());
  CHECK(pb.cursor() == ev.size());
  CHECK(pb.advance(1.0) == 0);  // paused
}

TEST_CASE("web playback: seek(i) equals the fold of the first i events, across snapshots") {
  // More events than two snapshot intervals, so seeks restore snapshots.
  auto ev = ping_pong_trace(static_cast<int>(kEvery * 2 / 5 + 100));
  REQUIRE(ev.size() > 2 * kEvery);
  Playback pb = loaded(ev);
  pb.seek_end();
  CHECK(dump(pb.model()) == dump(fold(pb, ev.size())));
  std::size_t k = kEvery;
  for (std::size_t i :
       {k + 7, std::size_t{3}, 2 * k + 1, 2 * k, k - 1, ev.size() - 1, std::size_t{0}, k + 123}) {
    INFO("seek ", i);
    pb.seek(i);
    CHECK(pb.cursor() == i);
    CHECK(dump(pb.model()) == dump(fold(pb, i)));
  }
}

TEST_CASE("web playback: seek on a real pattern's trace, then replay, gives the same model") {
  Session s;
  run_program(s, det("worker_pool", 3));
  Playback& pb = s.playback();
  std::size_t n = pb.size();
  REQUIRE(n > 50);
  for (std::size_t i : {n / 2, n / 3, n, std::size_t{1}, n - 1}) {
    INFO("seek ", i);
    pb.seek(i);
    CHECK(dump(pb.model()) == dump(fold(pb, i)));
  }
}

TEST_CASE("web playback: the play clock moves by dt * speed") {
  auto ev = ping_pong_trace(100);  // hits at 1, 2, ... 100 ms
  Playback pb = loaded(ev);
  pb.set_speed(2);
  pb.advance(0.010);  // 20 ms of trace time
  CHECK(pb.clock() == 20'000'000);
  CHECK(pb.model().now() == 20'000'000);
  CHECK(pb.model().channel(1)->sends == 20);
  pb.pause();
  pb.advance(1.0);
  CHECK(pb.model().channel(1)->sends == 20);
  pb.resume();
  pb.set_speed(5);
  pb.advance(0.01);  // +50 ms
  CHECK(pb.model().channel(1)->sends == 70);
  pb.set_speed(1e6);
  pb.advance(0.016);
  CHECK(pb.at_end());
}

TEST_CASE("web playback: slow motion applies at most ~300 * speed events a second") {
  TraceBuilder b;
  b.add(Kind::GoStart, 1);
  for (int i = 0; i < 1000; i++) b.add(Kind::GoLine, 1, 0, i);  // all at ts 0: a CPU burst
  Playback pb = loaded(b.ev);
  pb.set_speed(0.5);
  std::size_t applied = 0;
  for (int f = 0; f < 60; f++) applied += pb.advance(1.0 / 60);  // one second
  CHECK(applied >= 140);
  CHECK(applied <= 152);
  CHECK(pb.model().goroutine(1)->line == static_cast<int>(applied) - 2);
  pb.set_speed(1);  // real time: the whole burst at once
  pb.advance(1.0 / 60);
  CHECK(pb.at_end());
}

TEST_CASE("web playback: past kMaxSnapshots snapshots thin out, and seeks stay exact") {
  std::size_t k = kEvery;
  auto ev = ping_pong_trace(static_cast<int>(k * (Playback::kMaxSnapshots + 2) / 5));
  REQUIRE(ev.size() > k * (Playback::kMaxSnapshots + 1));
  Playback pb = loaded(ev);
  pb.seek_end();
  for (std::size_t i : {3 * k + 5, k + 1, 2 * k, ev.size() - 2}) {
    INFO("seek ", i);
    pb.seek(i);
    CHECK(pb.cursor() == i);
    CHECK(dump(pb.model()) == dump(fold(pb, i)));
  }
}

namespace {

// The first n events of `ev` folded from scratch.
Model fold_events(const std::vector<Event>& ev, std::size_t n, const Playback& pb) {
  Model m;
  m.reset(2);
  for (std::size_t i = 0; i < n; i++) m.apply(ev[i], pb.texts());
  return m;
}

}  // namespace

TEST_CASE("web playback: past max_events the oldest fold into the base, seeks stay exact") {
  constexpr std::size_t kMax = 4 * kEvery;
  auto ev = ping_pong_trace(static_cast<int>(kMax * 3 / 5));  // three times kMax events
  Playback pb(kEvery, kMax);
  pb.reset(2);
  std::size_t peak = 0;
  for (std::size_t i = 0; i < ev.size(); i += 100) {  // as frames drain them
    pb.append(ev.data() + i, std::min<std::size_t>(100, ev.size() - i));
    peak = std::max(peak, pb.events().size());
    pb.advance(1.0);  // plays ~1000 events: the cursor keeps up
  }
  CHECK(peak <= kMax);
  CHECK(pb.size() == ev.size());
  REQUIRE(pb.first() > 0);
  CHECK(pb.events().front().seq == ev[pb.first()].seq);
  CHECK(dump(pb.base()) == dump(fold_events(ev, pb.first(), pb)));
  CHECK(pb.first_ts() == ev.front().ts);
  pb.seek_end();
  CHECK(dump(pb.model()) == dump(fold_events(ev, ev.size(), pb)));
  for (std::size_t i : {pb.first() + 1, ev.size() - 1, pb.first() + kEvery + 3, pb.first()}) {
    INFO("seek ", i);
    pb.seek(i);
    CHECK(pb.cursor() == i);
    CHECK(dump(pb.model()) == dump(fold_events(ev, i, pb)));
  }
  pb.seek(0);  // before the oldest kept: as far back as it reaches
  CHECK(pb.cursor() == pb.first());
}

TEST_CASE("web playback: a paused playback past max_events plays what it folds") {
  constexpr std::size_t kMax = 4 * kEvery;
  auto ev = ping_pong_trace(static_cast<int>(kMax * 2 / 5));
  Playback pb(kEvery, kMax);
  pb.reset(2);
  pb.pause();
  for (std::size_t i = 0; i < ev.size(); i += 100)
    pb.append(ev.data() + i, std::min<std::size_t>(100, ev.size() - i));
  CHECK(pb.events().size() <= kMax);
  REQUIRE(pb.first() > 0);
  CHECK(pb.cursor() == pb.first());
  CHECK(pb.paused());
  CHECK(dump(pb.model()) == dump(fold_events(ev, pb.first(), pb)));
  CHECK(pb.step());
  CHECK(dump(pb.model()) == dump(fold_events(ev, pb.first() + 1, pb)));
}

TEST_CASE("web playback: the trace hash covers every event, folded or kept") {
  auto ev = ping_pong_trace(2000);
  Playback whole(kEvery), folded(kEvery, 4 * kEvery);
  whole.reset(2);
  folded.reset(2);
  whole.append(ev.data(), ev.size());
  for (std::size_t i = 0; i < ev.size(); i += 1000)
    folded.append(ev.data() + i, std::min<std::size_t>(1000, ev.size() - i));
  REQUIRE(folded.first() > 0);
  CHECK(whole.trace_hash() == folded.trace_hash());
  auto other = ev;
  other[ev.size() / 2].ts++;  // one event differs
  Playback changed(kEvery);
  changed.reset(2);
  changed.append(other.data(), other.size());
  CHECK(changed.trace_hash() != whole.trace_hash());
  whole.reset(2);
  CHECK(whole.trace_hash() != folded.trace_hash());
}
