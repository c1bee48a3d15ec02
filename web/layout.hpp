// Where the graph view draws goroutines and channels: the program's
// dataflow, left to right. Nodes are goroutines and channels (boxes sized
// by their text at kFont px); an edge is a goroutine's sends into a channel
// or its receives out of one. Units are CSS pixels at zoom 1.
//
// The map is settled before the run (settle(): the graph of a bounded,
// deterministic pre-run of the same program, drawn by web/layered.hpp),
// so the real run is drawn on places that do not move. Goroutines and
// channels are matched between the two runs by their lineage, not their
// ids: the k-th goroutine (channel) made by a goroutine's j-th child...
// so a threaded run whose ids differ still finds its places. What the map
// does not know (past the pre-run's bound, or a run that went elsewhere)
// is placed in a grid below it, in order of appearance.
//
// A gap between layers is as narrow as the values that fly across it allow:
// a chip leaving a column must clear the boxes in it before its edge bends.
//
// Long drawings wrap: layers are cut into bands stacked top to bottom, every
// other band turned half round (flowing right to left), so a chain snakes
// down the canvas and the edges from one band to the next make a U turn at
// its end without crossing. arrange() picks the fewest bands that let the
// drawing fit the canvas with readable text (kMinScale).
//
// Invariants:
//   - Stable: update() never moves an item that is placed; only settle(),
//     arrange() with another canvas size, and clustering move items.
//   - Boxes of items never overlap, and leave room around them for the
//     values flying along the routes (kChipH high).
//   - Routes of the settled map cross each other only where the layered
//     drawing has crossings (layered::Output::crossings), and never pass
//     through a box other than their ends'.
//   - Above kClusterAbove live goroutines the layout clusters: live
//     goroutines with the same name, state, wait reason and channel share
//     one node in the grid; below kClusterBelow it goes back to one each.
//   - update() costs O(new items), O(live goroutines) while clustered, and
//     allocates nothing in a steady state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model.hpp"

namespace gort::web {

// Measures text as the view will draw it at Layout::kFont px.
using TextWidth = std::function<float(std::string_view)>;

class Layout {
 public:
  static constexpr float kFont = 13;        // px of the graph's text at zoom 1
  static constexpr float kNodeH = 22;       // a goroutine's box
  static constexpr float kChanH = 44;       // a channel's box: name row over slot row
  static constexpr float kNameRow = 19;     // a channel's name row, from its top
  static constexpr float kSlotH = 20;       // a channel's slot row
  static constexpr float kChipH = 16;       // a value's chip
  static constexpr float kPad = 8;          // text inside a box, from its sides
  static constexpr float kQueueRoom = 10;   // a channel's queue marks at each end of its slot row
  static constexpr int kMaxSlots = 8;       // slots drawn at most (a bigger cap shows 8)
  static constexpr float kMaxChipW = 54;    // a value's chip is at most this wide (text elided)
  static constexpr float kColumnPad = 3;    // beside the widest box of a layer
  static constexpr float kTurnPad = 8;      // ... of a layer where a loop turns into a box
  static constexpr float kSlant = 10;       // the part of a gap where edges change height
  static constexpr float kTrack = 7;        // between the tracks of the edges of a U turn
  static constexpr float kBandGap = 24;     // between bands
  static constexpr float kMaxScale = 1.3f;  // the zoom a fitted drawing gets at most
  static constexpr float kMinScale = 11 / kFont;     // ... at least: text of 11 px
  static constexpr float kCellW = 140, kCellH = 60;  // the grid of unsettled items
  static constexpr std::size_t kClusterAbove = 2048, kClusterBelow = 1536;

  struct Pt {
    float x, y;
  };
  struct Box {
    float x, y, w, h;  // top-left corner and size
  };
  struct Item {
    enum class Kind : std::uint8_t { Goroutine, Channel };
    Kind kind;
    std::uint32_t id;     // goroutine or channel; a cluster: one of its goroutines
    std::uint32_t count;  // goroutines a node stands for (> 1: a cluster)
    Box box;
    float dir;     // +1: values flow through it left to right, -1: right to left
    float slot_w;  // a channel's slot width
    bool settled;  // placed from the map
  };

  Layout();
  void set_text_width(TextWidth w) { width_ = std::move(w); }
  const TextWidth& text_width() const { return width_; }
  // Settles the map from a pre-run folded into `pre` (empty: no map), and
  // forgets the run.
  void settle(const Model& pre);
  // Forgets the run (a new run of the same program, a seek back), keeps the map.
  void restart();
  // Brings the items up to date with the model (once per frame). A model
  // that went backwards restarts.
  void update(const Model& m);
  // The canvas the drawing should fit, in px: picks the bands (and brings
  // the items up to date with m). Cheap when the size did not change.
  void arrange(const Model& m, float width, float height);

  const std::vector<Item>& items() const { return items_; }
  // The node drawn for goroutine id (its own or its cluster's), or nullptr.
  const Item* goroutine(std::uint32_t id) const;
  const Item* channel(std::uint32_t id) const;
  // The route values take between goroutine g and channel chan (send: from
  // g into chan, else out of chan to g), from where they start to where
  // they arrive: the settled one, or a straight line between the boxes.
  // False (out empty) if either end is not drawn.
  bool route(std::uint32_t g, std::uint32_t chan, bool send, std::vector<Pt>& out) const;
  // Centre of slot k of channel item c (k = 0: the front, next out; the
  // slots sit at the end values leave by). An unbuffered channel has one
  // slot: where the handoff happens.
  static Pt slot(const Item& c, int k);
  static int slots(int cap) { return cap > 0 ? std::min(cap, kMaxSlots) : 1; }

  bool clustered() const { return clustered_; }
  bool settled() const { return !snodes_.empty(); }
  int bands() const { return bands_; }
  int crossings() const { return crossings_; }  // of the settled map's layered drawing
  // The box holding every item and route ({0, 0, 1, 1} when empty).
  Box bounds() const { return bounds_; }
  // What a goroutine's and a channel's boxes say.
  static std::string goroutine_label(const Goroutine& g);
  std::string channel_label(const Model& m, const Channel& c) const;

 private:
  struct SNode {  // a settled goroutine or channel
    std::uint64_t key;
    bool chan;
    float w, h, slot_w;
    int layer, index;
    Box box;  // from arrange()
    float dir;
  };
  struct SEdge {
    std::uint64_t gkey, ckey;
    bool send;
    float chip;           // the widest value's chip that flies along it
    std::vector<Pt> pts;  // from arrange(): source to target
  };
  struct Sizes {
    float w, h, slot_w;
  };

  void place_goroutine(const Goroutine& g);
  void place_channel(const Channel& c);
  std::size_t take_cell(std::uint64_t owner);
  Box cell_box(std::size_t k, float w, float h) const;
  Sizes goroutine_size(std::string_view label) const;
  Sizes channel_size(const Model& m, const Channel& c, float slot_w) const;
  void build_items(const Model& m);
  void arrange_settled();
  float text_w(std::string_view s) const;

  TextWidth width_;
  // The map.
  std::vector<SNode> snodes_;
  std::vector<SEdge> sedges_;
  std::vector<std::vector<std::pair<int, int>>> spaths_;  // per edge: (layer, index) left to right
  std::vector<bool> sreversed_, sloop_;
  std::vector<std::vector<float>> slot_y_;   // per layer: slot centres (layered y)
  std::vector<std::vector<int>> slot_node_;  // per layer: node index or -1
  std::unordered_map<std::uint64_t, std::uint32_t> snode_of_key_, sedge_of_key_;
  int crossings_ = 0;
  int bands_ = 1;
  float arranged_w_ = 0, arranged_h_ = 0;
  Box content_{0, 0, 0, 0};  // the settled drawing
  int grid_cols_ = 1;

  // The run: lineage keys and places.
  std::vector<std::uint64_t> g_key_, c_key_;     // by id; 0 = not seen
  std::vector<std::int64_t> g_place_, c_place_;  // by id: >= 0 settled node, < 0: -1 - cell
  std::unordered_map<std::uint64_t, std::uint32_t>
      children_;                         // key -> goroutines and channels it made
  std::vector<std::uint64_t> cells_;     // grid cell -> owner key (0 = free)
  std::vector<std::size_t> free_cells_;  // cells of Done goroutines: a min-heap
  std::vector<std::uint32_t> live_;      // goroutines in cells, not yet seen Done
  std::unordered_map<std::uint64_t, std::uint32_t> cluster_cell_;
  std::size_t seen_g_ = 0, seen_c_ = 0;
  std::uint64_t events_ = 0, generation_ = 0;
  bool dirty_ = true;
  bool clustered_ = false;

  std::vector<Item> items_;
  std::vector<std::uint32_t> item_of_g_, item_of_c_;  // id -> index in items_ + 1
  Box bounds_{0, 0, 1, 1};
};

}  // namespace gort::web
