// A layered drawing of a directed graph (Sugiyama's method): nodes go into
// layers left to right so that edges point right, edges longer than one
// layer pass through dummy slots in the layers between, the order within
// each layer is chosen to reduce crossings, and vertical positions to keep
// edges straight. Pure arithmetic on indices: web/layout.cpp gives it the
// goroutines and channels and turns its answer into boxes and polylines.
//
// Invariants of the result:
//   - Every edge goes from a lower layer to a higher one along its path;
//     `reversed` edges point the other way in the graph. A reversed edge
//     closing a longer cycle is a `loop`: its path starts and ends with a
//     slot in its end nodes' own layers, right next to them (the turns of a
//     route around the outside).
//   - Slots of a layer are in order, top to bottom, their y strictly
//     increasing with at least the gap their heights ask for.
//   - The same input gives the same output.
#pragma once

#include <cstdint>
#include <vector>

namespace gort::web::layered {

struct Edge {
  int from, to;  // node indices
};

struct Input {
  // Per node: its height (its width does not matter here), and the node it
  // is placed after when it has no edges (a goroutine's parent), or -1.
  std::vector<float> height;
  std::vector<int> after;
  std::vector<Edge> edges;  // in the order they appeared; no duplicates
  int root = 0;             // where the search for cycles starts (main), -1 = none
};

struct Slot {
  int node = -1;  // a node, or -1 for a dummy on `edge`'s path
  int edge = -1;
  float y = 0;  // centre
};

struct Path {
  bool reversed = false;  // the edge runs against the path (right to left)
  bool loop = false;      // reversed, routed around: turns at both ends
  // (layer, index in that layer's slots) from the left end to the right end.
  std::vector<std::pair<int, int>> at;
};

struct Output {
  std::vector<int> layer;  // per node
  std::vector<int> index;  // per node: its place in layers[layer]
  std::vector<std::vector<Slot>> layers;
  std::vector<Path> paths;  // per input edge
  int crossings = 0;        // between adjacent layers, after ordering
};

// Vertical gaps between slots: two nodes, a node and a dummy, two dummies.
inline constexpr float kNodeGap = 14, kDummyGap = 12, kDummyDummyGap = 10;

Output draw(const Input& in);

}  // namespace gort::web::layered
