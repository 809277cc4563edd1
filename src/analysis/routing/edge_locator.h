#pragma once
// Finds the point of the road network nearest to a place, on an edge rather than at a node: a
// depot halfway along a 2 km road starts there, not at the road's far end.

#include <optional>
#include <vector>

#include "analysis/routing/road_graph.h"

namespace urbangis {

struct EdgePosition {
  uint32_t edge = 0;
  uint32_t segment = 0;  // segment of the edge's geometry the point lies on
  double t = 0;          // parameter on that segment
  Point2 point;          // the point on the edge
  double distance = 0;   // from the query place, in working-CRS units
  double fraction = 0;   // how far along the edge from its `from` node (0..1, by length)
};

class EdgeLocator {
 public:
  explicit EdgeLocator(const RoadGraph& graph);
  // The nearest point on any edge; nullopt only for a graph without edges.
  std::optional<EdgePosition> nearest(Point2 place) const;

 private:
  struct Entry {
    uint32_t edge, segment;
  };
  void consider(Point2 place, uint32_t cellX, uint32_t cellY, std::optional<EdgePosition>& best) const;

  const RoadGraph& graph_;
  double originX_ = 0, originY_ = 0, cell_ = 1;
  uint32_t columns_ = 1, rows_ = 1;
  std::vector<uint32_t> offsets_;  // per cell, into entries_
  std::vector<Entry> entries_;
  std::vector<double> planarLength_;  // per edge
};

}  // namespace urbangis
