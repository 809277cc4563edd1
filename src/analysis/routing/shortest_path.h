#pragma once
// The cheapest way between two points on the road network, respecting one-way edges: A* over
// the graph's nodes, bounded by the earth-centred chord (never more than any road's ellipsoidal
// length, so the answer is exact), starting and ending part-way along edges.

#include <optional>
#include <vector>

#include "analysis/routing/edge_locator.h"
#include "analysis/routing/road_graph.h"

namespace urbangis {

struct GraphPath {
  double cost = 0;
  // The route leaves `from` along firstArc, follows `arcs` node to node, and reaches `to` along
  // lastArc. When `direct`, it stays on the one edge both lie on (firstArc == lastArc, no arcs).
  Arc firstArc = 0, lastArc = 0;
  std::vector<Arc> arcs;
  bool direct = false;
};

class ShortestPathSearch {
 public:
  explicit ShortestPathSearch(const RoadGraph& graph);
  // nullopt when `to` cannot be reached from `from` (another component, or one-way edges).
  std::optional<GraphPath> between(const EdgePosition& from, const EdgePosition& to);
  // Nodes settled by the last search (for benchmarks and tests of the bound).
  size_t settled() const { return settled_; }

 private:
  bool seen(uint32_t node) const { return stamp_[node] == generation_; }
  void label(uint32_t node, double cost, Arc arc, bool fromStart);

  const RoadGraph& graph_;
  std::vector<double> cost_;
  std::vector<Arc> parent_;
  std::vector<char> fromStart_;  // reached straight from the start point, along parent_
  std::vector<uint32_t> stamp_;
  uint32_t generation_ = 0;
  size_t settled_ = 0;
  struct Queued {
    double key;
    uint32_t node;
    bool operator>(const Queued& other) const { return key > other.key; }
  };
  std::vector<Queued> heap_;
};

}  // namespace urbangis
