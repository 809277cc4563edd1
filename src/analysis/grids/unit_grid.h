#pragma once
// Unit grids (单元网格) of one zone: a square lattice in the working CRS, anchored at the CRS's
// origin (cell edges at whole multiples of the cell size, so the lattice is the same from run to
// run and from zone to zone), clipped to the zone and, when barrier lines are given (major
// roads), cut along them first so no grid straddles one. Grids under a minimum area (slivers
// along the zone's edge or a road) are merged into the neighbour that shares the longest border
// with them, within the zone and on the same side of every barrier. Grids are returned in
// numbering order: the lattice's rows from north to south, west to east within a row.
//
// No gaps, no overlaps: every clip runs in GEOS's fixed-precision overlay on a 1 mm grid
// (kUnitGridPrecision), so grids that meet share their border vertex for vertex, and their
// union is the zone (to within that millimetre along its edge).

#include <cstdint>
#include <vector>

#include "analysis/zones/zones.h"
#include "core/geos_context.h"
#include "core/progress.h"

namespace urbangis {

// Coordinates of the grids are rounded to this many working-CRS units (metres).
inline constexpr double kUnitGridPrecision = 0.001;

struct UnitGridOptions {
  double cell = 100;        // side of a lattice cell, metres of the working CRS
  double minAreaM2 = 2500;  // grids smaller than this (ellipsoidal m²) merge into a neighbour
};

struct UnitGrid {
  GeomPtr geometry;             // MultiPolygon in the working CRS
  double areaM2 = 0;            // ellipsoidal
  int64_t row = 0, col = 0;     // the lattice cell it is numbered by (rows count northwards)
  bool isolatedSliver = false;  // under the minimum area, with no neighbour to merge into
};

struct ZoneGrids {
  std::vector<UnitGrid> grids;  // in numbering order
  bool wholeZone = false;       // the zone is smaller than one cell: it is its one grid
  size_t mergedSlivers = 0;     // grids under the minimum area merged into a neighbour
  size_t pieces = 1;            // parts of the zone between barriers
  size_t extendedRoadEnds = 0;  // barrier ends inside the zone, the cut continued straight on
  size_t joinedScraps = 0;      // pieces under the minimum area joined to the piece across the barrier
};

// `zone`: valid (multi)polygon in the working CRS, `zoneAreaM2` its ellipsoidal area.
// `barriers`: lines in the working CRS; those whose envelope misses the zone's are skipped.
// A barrier that ends inside the zone cannot cut it by itself: the cut continues straight on
// from its end to the next barrier or the zone's edge. A barrier cuts only where it leaves at
// least the minimum area on each side: a smaller scrap (a road running close along the zone's
// edge, or meeting another at a sharp angle) joins the piece across the barrier, the one it
// shares the longest border with, and the barrier runs inside that grid for the scrap's length.
// `progress`, when given, can cancel between rows of the lattice (a huge zone in small cells).
ZoneGrids buildUnitGrids(const GeosContext& geos, const MeasureFrame& frame, const GEOSGeometry* zone,
                         double zoneAreaM2, const std::vector<const GEOSGeometry*>& barriers,
                         const UnitGridOptions& options, const Progress* progress = nullptr);

}  // namespace urbangis
