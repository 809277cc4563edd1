#pragma once
// Ellipsoidal lengths and travel costs of a built road graph, and the earth-centred node
// positions A* bounds its search with.

#include "analysis/routing/road_graph.h"
#include "analysis/zones/zones.h"

namespace urbangis {

// Measures every edge on the ellipsoid of the working CRS (geodesics between consecutive
// vertices) and sets the costs: metres, or seconds when edges carry speeds.
void measureGraph(RoadGraph& graph, const ProjContext& proj, const MeasureFrame& frame);

// Ellipsoidal length in metres of a polyline given in the working CRS.
double polylineLength(const std::vector<Point2>& points, const ProjContext& proj, const MeasureFrame& frame);

}  // namespace urbangis
