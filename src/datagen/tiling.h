#pragma once
// Splits a region into one polygon per seed that tile it exactly: no gaps, no overlaps, every
// shared edge made of identical vertices. Voronoi edges, given gentle deterministic wiggles so
// boundaries look drawn rather than ruled, are noded together with the region's boundary and
// polygonized; each face goes to the seed it holds, or to the neighbour it shares most edge with.

#include <vector>

#include "core/geos_context.h"
#include "datagen/random.h"
#include "datagen/shapes.h"

namespace urbangis::datagen {

struct TilingZone {
  const GEOSGeometry* region;  // zones' regions must not overlap
  std::vector<XY> seeds;       // inside the region
  double wiggle;               // largest sideways displacement of a boundary, in metres
};

// One tile per seed, per zone. All zones are noded together, so tiles of neighbouring zones
// share their common boundary vertex for vertex too.
std::vector<std::vector<GeomPtr>> tileZones(const GeosContext& geos,
                                            const std::vector<TilingZone>& zones, Random& random);

}  // namespace urbangis::datagen
