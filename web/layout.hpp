// Where the graph view draws goroutines and channels, in a unit space the
// view scales to its canvas: a goroutine node has radius kNodeRadius (0.5,
// so nodes sit on a grid of kCell = 1.5 units), a channel slot is a
// kSlot-unit square. Everything lies in [0, width()] x [0, height()].
//
// Invariants:
//   - Stable: an item keeps its position from frame to frame; new items take
//     free places and never move existing ones. Goroutines fill a square
//     that grows outward (slot k never moves as k grows), to the left of
//     the channel column; channels stack top-down in creation order.
//   - A Done goroutine keeps its place (drawn as done) until a new goroutine
//     needs a place and none is free; places are reused lowest first.
//   - Above kClusterAbove live goroutines the layout clusters: goroutines
//     with the same name, state, wait reason and channel share one node
//     (count > 1); below kClusterBelow it goes back to one node each. The
//     switch is the only time nodes move.
//   - update() costs O(goroutines + channels), no allocation in steady state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "model.hpp"

namespace gort::web {

class Layout {
 public:
  static constexpr float kNodeRadius = 0.5f;
  static constexpr float kCell = 1.5f;  // grid pitch of goroutine nodes
  static constexpr float kSlot = 1.0f;  // a channel buffer cell
  static constexpr std::size_t kClusterAbove = 512, kClusterBelow = 256;

  // A goroutine, or a cluster of them (count > 1).
  struct Node {
    std::uint32_t g;      // the goroutine (a cluster: its first member)
    std::uint32_t count;  // goroutines it stands for
    GState state;
    WaitReason reason;
    std::uint32_t chan;  // the channel they wait on, 0 = none
    int p;               // P while Running, else -1 (a cluster: -1 unless count == 1)
    float x, y, r;       // centre and radius
  };
  // A channel: a pipe of max(cap, 1) slots, left to right; values enter at
  // the right end (x + w) and leave at the left (x). Waiting senders queue
  // to its right, receivers to its left.
  struct Pipe {
    std::uint32_t chan;
    float x, y, w, h;  // top-left corner and size
    int slots;         // cells drawn (cap; 1 for an unbuffered channel)
  };

  // Brings positions up to date with the model (call once per frame). A
  // model that went backwards (seek) restarts the layout.
  void update(const Model& m);
  void clear();

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Pipe>& pipes() const { return pipes_; }
  // The node drawn for goroutine id (its own or its cluster's), nullptr if none.
  const Node* node_of(std::uint32_t g) const;
  const Pipe* pipe_of(std::uint32_t chan) const;
  bool clustered() const { return clustered_; }
  float width() const { return width_; }
  float height() const { return height_; }

 private:
  // Grid place k as (column, row) of the growing square.
  static void place(std::size_t k, float& x, float& y);
  std::size_t take_place();

  std::vector<Node> nodes_;
  std::vector<Pipe> pipes_;
  std::vector<std::uint32_t> node_of_g_;   // goroutine id -> node index + 1
  std::vector<std::uint32_t> pipe_of_c_;   // channel id -> pipe index + 1
  std::vector<std::uint32_t> place_of_g_;  // goroutine id -> place + 1
  std::vector<std::uint32_t> owner_;       // place -> goroutine id (0 = free)
  std::vector<std::size_t> free_;          // places whose goroutine is Done, min-heap
  std::unordered_map<std::uint64_t, std::uint32_t> cluster_place_;  // cluster key -> place
  std::size_t seen_ = 0;      // goroutines of the model already placed
  std::uint64_t events_ = 0;  // model events at the last update
  float chan_x_ = 0;          // left edge of the channel column
  bool clustered_ = false;
  float width_ = 0, height_ = 0;
};

}  // namespace gort::web
