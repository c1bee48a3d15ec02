// Where the graph view draws goroutines and channels, in a unit space the
// view scales to its canvas: a goroutine node has radius kNodeRadius (0.5)
// on a grid of pitch kCell (1.5); a channel buffer cell is kSlot (1) wide.
// Goroutines fill x >= 0, channels sit in columns at x < 0; everything lies
// within [min_x(), max_x()] x [0, max_y()].
//
// Invariants:
//   - Stable: an item keeps its position from frame to frame; new items take
//     free places and never move existing ones. Goroutine places fill a
//     square that grows outward (place k never moves as k grows); channels
//     fill columns of kPipeRows pipes, top-down, new columns to the left.
//   - A Done goroutine keeps its place (drawn as done) until a new goroutine
//     needs one and none is free; freed places are reused lowest first.
//   - Above kClusterAbove live goroutines the layout clusters: live
//     goroutines with the same name, state, wait reason and channel share one
//     node (count = how many), Done ones are not drawn; below kClusterBelow
//     it goes back to one node each. The switch is the only time nodes move.
//   - update() costs O(live goroutines + places + channels) and allocates
//     nothing in a steady state: 10,000 goroutines take well under a ms.
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
  static constexpr float kCell = 1.5f;         // grid pitch of goroutine nodes
  static constexpr float kSlot = 1.0f;         // a channel buffer cell
  static constexpr int kMaxSlots = 16;         // cells drawn at most (a bigger cap is scaled)
  static constexpr float kPipeRow = 2.0f;      // vertical pitch of channel pipes
  static constexpr float kPipeColumn = 20.0f;  // horizontal pitch of channel columns
  static constexpr int kPipeRows = 32;         // pipes per column
  static constexpr std::size_t kClusterAbove = 2048, kClusterBelow = 1536;

  // A goroutine, or a cluster of them (count > 1).
  struct Node {
    std::uint32_t g;      // the goroutine (a cluster: one of its members)
    std::uint32_t count;  // goroutines it stands for (1: just g)
    GState state;
    WaitReason reason;
    std::uint32_t chan;  // the channel they wait on, 0 = none
    int p;               // P while Running, else -1 (a cluster of running ones: -1)
    float x, y, r;       // centre and radius
  };
  // A channel drawn as a pipe of `slots` cells, left to right, in its column
  // (right-aligned, so that its right end faces the goroutines): values
  // enter at the right end (x + w) and leave at the left end (x); waiting
  // senders queue at the right end, receivers at the left.
  struct Pipe {
    std::uint32_t chan;
    float x, y, w, h;  // top-left corner and size
    int slots;         // cells drawn: min(cap, kMaxSlots); 1 for an unbuffered channel
  };

  // Brings positions up to date with the model (once per frame). A model
  // that went backwards (seek, a new run) restarts the layout.
  void update(const Model& m);
  void clear();

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Pipe>& pipes() const { return pipes_; }
  // The node drawn for goroutine id (its own or its cluster's), nullptr if none.
  const Node* node_of(std::uint32_t g) const;
  const Pipe* pipe_of(std::uint32_t chan) const;
  bool clustered() const { return clustered_; }
  float min_x() const { return min_x_; }
  float max_x() const { return max_x_; }
  float max_y() const { return max_y_; }

  // Centre of grid place k: (column + 0.5, row + 0.5) * kCell of the growing square.
  static void place(std::size_t k, float& x, float& y);

 private:
  std::size_t take_place(std::uint32_t g);
  void layout_singles(const Model& m);
  void layout_clusters(const Model& m);
  void layout_pipes(const Model& m);

  std::vector<Node> nodes_;
  std::vector<Pipe> pipes_;
  std::vector<std::uint32_t> node_of_g_;   // goroutine id -> node index + 1 (this frame)
  std::vector<std::uint32_t> pipe_of_c_;   // channel id -> pipe index + 1
  std::vector<std::uint32_t> place_of_g_;  // goroutine id -> place + 1
  std::vector<std::uint32_t> owner_;       // place -> goroutine id (0 = never used)
  std::vector<std::size_t> free_;          // places whose goroutine is Done: a min-heap
  std::vector<std::uint32_t> live_;        // goroutine ids placed and not yet seen Done
  std::unordered_map<std::uint64_t, std::uint32_t> cluster_place_;  // cluster key -> place
  std::unordered_map<std::uint64_t, std::uint32_t> cluster_node_;   // this frame: key -> node
  std::size_t seen_ = 0;      // goroutines of the model already given a place
  std::uint64_t events_ = 0;  // model events at the last update
  bool clustered_ = false;
  float min_x_ = 0, max_x_ = 0, max_y_ = 0;
};

}  // namespace gort::web
