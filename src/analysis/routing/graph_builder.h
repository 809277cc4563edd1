#pragma once
// Turns road lines as digitised into a routable graph: every line is cut where it crosses or
// touches another (or itself), ends that stop short of a road or of another end by at most the
// snapping tolerance are joined to it, and near-coincident cuts merge into one node. Lengths and
// costs are left to measureGraph, which knows the ellipsoid.

#include <vector>

#include "analysis/routing/road_graph.h"
#include "core/progress.h"

namespace urbangis {

struct RoadLine {
  std::vector<Point2> points;  // working CRS
  uint32_t road = 0;           // index into the roads given with it
  int direction = 0;           // 0 both ways; 1 only as digitised; -1 only against it
  double speedMps = 0;         // 0 when the layer has no speed
};

struct GraphBuildOptions {
  double snapTolerance = 1.0;  // in working-CRS units (metres for a projected CRS)
};

// `roads[line.road]` names each line's feature in the report. Lines with fewer than two
// distinct points are dropped and listed in report.degenerate.
RoadGraph buildRoadGraph(std::vector<RoadLine> lines, std::vector<RoadInfo> roads, const GraphBuildOptions& options,
                         const Progress& progress);

}  // namespace urbangis
