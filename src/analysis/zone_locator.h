#pragma once
// Finds the zone(s) holding a point, fast: a grid over the zones' extent whose cells are
// classified once. A cell no zone boundary touches lies wholly inside one zone (or none) and
// answers at once; only points in boundary cells are tested exactly with GEOS prepared
// geometries. The rule: a point counts in every zone whose interior holds it (one, unless zones
// overlap); a point on boundaries only counts in the lowest-ranked zone it touches.

#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

#include "core/geos_context.h"

namespace urbangis {

// Per-thread state for exact tests: GEOS prepared geometries are not safe to share between
// threads, so each worker builds its own, lazily.
class LocatorScratch {
 public:
  explicit LocatorScratch(size_t zoneCount) : prepared_(zoneCount) {}
  const GeosContext& geos() const { return geos_; }
  const GEOSPreparedGeometry* prepared(size_t zone, const GEOSGeometry* geometry);

 private:
  GeosContext geos_;
  std::vector<PreparedPtr> prepared_;
};

class ZoneLocator {
 public:
  // `zones` in the same CRS as the points; `rank[i]` orders zone i for boundary ties.
  ZoneLocator(std::vector<const GEOSGeometry*> zones, std::vector<size_t> rank);

  // Appends to `out` the zones holding (x, y); appends nothing when none does.
  void locate(double x, double y, LocatorScratch& scratch, std::vector<uint32_t>& out) const;
  // True once a point or cell was found inside two zones at once (zones overlap).
  bool overlapSeen() const { return overlapSeen_; }
  size_t zoneCount() const { return zones_.size(); }
  // For reports and tests: the share of grid cells that need exact tests.
  double boundaryCellShare() const;

 private:
  void markBoundaries();
  void classifyInteriorRegions();
  void locateExactly(double x, double y, const std::vector<uint32_t>& candidates,
                     LocatorScratch& scratch, std::vector<uint32_t>& out) const;
  int64_t cellOf(double x, double y) const;

  std::vector<const GEOSGeometry*> zones_;
  std::vector<size_t> rank_;
  std::vector<std::array<double, 4>> envelopes_;
  double originX_ = 0, originY_ = 0, cellSize_ = 1;
  int64_t columns_ = 1, rows_ = 1;
  // Per cell: >= 0 an index into zoneSets_ (interior cell: those zones hold it, possibly none);
  // < 0: a boundary cell, -(index into candidates_) - 1.
  std::vector<int32_t> cells_;
  std::vector<std::vector<uint32_t>> zoneSets_;
  std::vector<std::vector<uint32_t>> candidates_;
  mutable std::atomic<bool> overlapSeen_{false};
};

}  // namespace urbangis
