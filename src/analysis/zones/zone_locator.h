#pragma once
// Finds the zone(s) holding a point, fast: a grid over the zones' extent, classified once.
// - A cell no zone edge touches lies wholly inside one zone (or none): answered at once.
// - In a cell some edges cross, the cell's centre is classified exactly (scanline) and a point
//   is inside a zone when the segment from it to the centre crosses that zone's edges in the
//   cell an even number of times (flipping the centre's state otherwise). Orientation tests
//   carry an error bound; any doubtful case (a point on an edge, collinear with one …) goes to
//   GEOS prepared geometries, which decide exactly.
// The rule: a point counts in every zone whose interior holds it (one, unless zones overlap);
// a point on boundaries only counts in the lowest-ranked zone it touches.

#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

#include "core/box.h"
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
  // The box round every zone.
  const Box& extent() const { return extent_; }
  // For reports and benchmarks: the share of grid cells crossed by zone edges.
  double boundaryCellShare() const;

 private:
  // Cells that are not simply inside one zone or none live in one flat array of doubles, so
  // a lookup reads one contiguous block (random points are bound by cache misses):
  //   [kind, n, …] with kind kCrossed: n entries of [zone, centreInside, segments, then
  //   4 doubles a segment]; kDoubtful: the same, but every point goes to GEOS; kHolders: n zones.
  static constexpr double kCrossed = 0, kDoubtful = 1, kHolders = 2;

  void build();
  void locateExactly(double x, double y, const double* block, LocatorScratch& scratch,
                     std::vector<uint32_t>& out) const;
  int64_t cellOf(double x, double y) const;
  std::array<double, 2> centreOf(int64_t cell) const;

  std::vector<const GEOSGeometry*> zones_;
  std::vector<size_t> rank_;
  std::vector<std::array<double, 4>> envelopes_;
  Box extent_;
  double originX_ = 0, originY_ = 0, cellSize_ = 1;
  int64_t columns_ = 1, rows_ = 1;
  // Per cell: >= 0 the one zone holding the whole cell; kNoZone; or <= kSpecial - offset into
  // arena_ of the cell's block.
  static constexpr int32_t kNoZone = -1;
  static constexpr int32_t kSpecial = -2;
  std::vector<int32_t> cells_;
  std::vector<double> arena_;
  double inverseCellSize_ = 1;
  size_t crossedCells_ = 0;
  mutable std::atomic<bool> overlapSeen_{false};
};

}  // namespace urbangis
