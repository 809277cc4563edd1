#pragma once
// Splits a region into one polygon per seed that tile it exactly: no gaps, no overlaps, every
// shared edge made of identical vertices. Voronoi edges, given gentle deterministic wiggles so
// boundaries look drawn rather than ruled, are noded together with the region's boundary and
// polygonized; each face goes to the seed it holds, or to the neighbour it shares most edge with.
// The faces partition the zones' regions, so the tiles of all zones together are one exact
// coverage: even where two regions' boundaries, computed apart, differ by a rounding error.

#include <vector>

#include "core/geos_context.h"
#include "datagen/random.h"
#include "datagen/shapes.h"

namespace urbangis::datagen {

struct TilingZone {
  const GEOSGeometry* region;  // zones' regions must not overlap
  std::vector<XY> seeds;       // inside the region
  double wiggle;               // largest sideways displacement of a boundary, in metres
  // Zones of one group (e.g. a township's communities and villages) may take each other's
  // seedless faces when a face has no neighbour of its own zone.
  int group = 0;
};

// The union of polygons that share their common edges vertex for vertex (GEOS's coverage
// union: no new vertex), made valid where the parts meet only at a point (a ring touching
// itself), which keeps every vertex.
GeomPtr coverageUnion(const GeosContext& geos, std::vector<GeomPtr> parts);

// One tile per seed, per zone. All zones are noded together, so tiles of neighbouring zones
// share their common boundary vertex for vertex too.
std::vector<std::vector<GeomPtr>> tileZones(const GeosContext& geos, const std::vector<TilingZone>& zones,
                                            Random& random);

}  // namespace urbangis::datagen
