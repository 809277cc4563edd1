#pragma once
// A closed tour from a depot that travels every required edge at least once, with little
// travel in between (the rural postman problem, NP-hard). Frederickson's heuristic: join the
// required edges' connected pieces and the depot by a minimum spanning tree of shortest paths,
// pair the odd-degree nodes by a minimum-cost perfect matching of shortest paths, and walk the
// resulting Eulerian multigraph. Within 3/2 of the optimum when the matching is exact.
//
// Tours are for inspection crews on foot or by bicycle: one-way restrictions do not apply and
// edges cost their ellipsoidal length.

#include <vector>

#include "analysis/routing/road_graph.h"
#include "core/progress.h"

namespace urbangis {

struct TourLeg {
  Arc arc;
  bool service;  // the required traversal of this edge (false: travel between required edges)
};

struct PostmanTour {
  std::vector<TourLeg> legs;  // a closed walk from the depot
  double totalM = 0, requiredM = 0, deadheadM = 0;
  bool exactMatching = true;  // false when the greedy matching was used (many odd nodes)
};

// Throws InputError when a required edge cannot be reached from the depot.
PostmanTour solveRuralPostman(const RoadGraph& graph, const std::vector<uint32_t>& requiredEdges, uint32_t depot,
                              const Progress& progress);

// Undirected shortest distances in metres from `sources` (all at 0) to every node, with the
// edge each node was reached by (UINT32_MAX for sources and unreached nodes).
struct DistanceTree {
  std::vector<double> distance;
  std::vector<uint32_t> via;
};
DistanceTree undirectedDistances(const RoadGraph& graph, const std::vector<uint32_t>& sources);

}  // namespace urbangis
