#pragma once
// The road graph routes and tours run on: nodes where roads meet or end, edges for the pieces of
// road between them, each with its geometry, ellipsoidal length and the cost of travelling it in
// each direction (infinite where a one-way road forbids it). Plain arrays, so a graph of 100,000
// edges is a few megabytes, builds in well under a second and caches as one file.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace urbangis {

inline constexpr double kNoPassage = std::numeric_limits<double>::infinity();

// What a road feature contributes to every edge cut from it.
struct RoadInfo {
  std::string name;      // empty when the road has none
  std::string category;  // e.g. 主干道
  std::string feature;   // for messages: the feature's id, or "fid N"
};

struct GraphEdge {
  uint32_t from = 0, to = 0;
  uint32_t road = 0;                          // index into RoadGraph::roads
  uint32_t firstVertex = 0, vertexCount = 0;  // geometry, from → to, in RoadGraph::vertices
  double lengthM = 0;                         // ellipsoidal
  double forwardCost = 0, backwardCost = 0;   // kNoPassage where one-way forbids it
  double speedMps = 0;                        // from the speed field; 0 when there is none
};

// An edge travelled in one direction: edge * 2, + 1 when travelled to → from.
using Arc = uint32_t;
inline uint32_t arcEdge(Arc arc) { return arc >> 1; }
inline bool arcReversed(Arc arc) { return (arc & 1U) != 0; }
inline Arc makeArc(uint32_t edge, bool reversed) { return edge << 1 | (reversed ? 1U : 0U); }

struct GraphReport {
  size_t inputLines = 0;  // line parts read from the layer
  size_t nodes = 0, edges = 0;
  size_t components = 0;  // connected parts, ignoring one-way restrictions
  size_t largestComponentEdges = 0;
  size_t danglingEnds = 0;  // nodes where a single edge ends
  size_t oneWayEdges = 0;
  size_t crossingsNoded = 0;            // places where roads cross or touch and were cut
  size_t endpointsSnapped = 0;          // ends moved onto a road or end within the tolerance
  std::vector<std::string> degenerate;  // features dropped: no length, fewer than two points
  std::vector<std::string> notes;       // what reading decided (bad one-way values, missing speeds)
};

struct Point2 {
  double x = 0, y = 0;
};

class RoadGraph {
 public:
  std::string crsDefinition;  // the working CRS of nodes and vertices
  bool costIsTime = false;    // costs in seconds (speed field) rather than metres
  double maxSpeedMps = 0;     // fastest edge, for the A* bound when costs are times
  std::vector<Point2> nodes;
  std::vector<GraphEdge> edges;
  std::vector<Point2> vertices;
  std::vector<RoadInfo> roads;
  // Earth-centred coordinates of each node (metres): the chord between two nodes never exceeds
  // the ellipsoidal length of any road between them, so it bounds A* admissibly.
  std::vector<double> nodeEcef;     // x, y, z per node
  std::vector<uint32_t> component;  // per node, 0-based, largest first
  GraphReport report;

  // Rebuilds adjacency and components after nodes and edges changed.
  void index();

  // Outgoing arcs of a node (those its edges allow leaving it by) and incoming ones.
  std::pair<const Arc*, const Arc*> outgoing(uint32_t node) const {
    return {outArcs_.data() + outOffsets_[node], outArcs_.data() + outOffsets_[node + 1]};
  }
  std::pair<const Arc*, const Arc*> incoming(uint32_t node) const {
    return {inArcs_.data() + inOffsets_[node], inArcs_.data() + inOffsets_[node + 1]};
  }
  uint32_t arcTail(Arc arc) const { return arcReversed(arc) ? edges[arcEdge(arc)].to : edges[arcEdge(arc)].from; }
  uint32_t arcHead(Arc arc) const { return arcReversed(arc) ? edges[arcEdge(arc)].from : edges[arcEdge(arc)].to; }
  double arcCost(Arc arc) const {
    const GraphEdge& edge = edges[arcEdge(arc)];
    return arcReversed(arc) ? edge.backwardCost : edge.forwardCost;
  }
  // Degree of a node counting every edge end, whatever its direction.
  uint32_t degree(uint32_t node) const { return degree_[node]; }
  // The geometry of an arc in travel order.
  std::vector<Point2> arcGeometry(Arc arc) const;
  // The admissible lower bound on the cost from node a to node b.
  double lowerBound(uint32_t a, uint32_t b) const;

 private:
  std::vector<uint32_t> outOffsets_, outArcs_, inOffsets_, inArcs_, degree_;
};

// A one-line summary for the terminal: "roads: 1,234 nodes, 1,690 edges, 1 component, …".
std::string describe(const GraphReport& report, const std::string& layer);

}  // namespace urbangis
