#pragma once
// Which road edges a corridor (an overhead-cable stretch, a patrol beat …) lies along: an edge
// belongs to a corridor when at least half of it lies within the corridor layer's buffer_m of
// the corridor line, or when half the corridor lies along it (a short corridor on a long edge).

#include <optional>
#include <string>
#include <vector>

#include "analysis/routing/road_graph.h"
#include "analysis/zones/zones.h"
#include "io/filter/filter_expression.h"

namespace urbangis {

struct Corridor {
  std::string id, name;
  GeomPtr geometry;  // working CRS
};

struct LoadedCorridors {
  std::vector<Corridor> corridors;
  size_t skipped = 0;      // features without a line geometry, left out
  std::string filterNote;  // where `where` ran on a PostGIS layer (FilteredFeatures::note)
};

// The features of a lines layer (filtered by `where`) in the working CRS.
LoadedCorridors loadCorridors(const LayerSpec& spec, const std::optional<FilterExpression>& where,
                              const GeosContext& geos, const ProjContext& proj, const MeasureFrame& frame);

struct CorridorMatch {
  std::vector<std::vector<uint32_t>> edges;  // per corridor, the edges it lies along
  std::vector<double> nearestRoadM;          // per corridor, distance to the nearest edge
};

CorridorMatch matchCorridors(const RoadGraph& graph, const std::vector<Corridor>& corridors, double bufferM,
                             const GeosContext& geos);

}  // namespace urbangis
