#include "analysis/zone_locator.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace urbangis {
namespace {

constexpr double kEpsilon = 1e-7;  // in cell units: marks both cells when an edge hugs a border

// Calls `segment(ax, ay, bx, by)` for every edge of every ring of a (multi)polygon.
template <typename Visit>
void forEachEdge(GEOSContextHandle_t h, const GEOSGeometry* geometry, Visit&& segment) {
  const int type = GEOSGeomTypeId_r(h, geometry);
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    for (int i = 0; i < GEOSGetNumGeometries_r(h, geometry); ++i)
      forEachEdge(h, GEOSGetGeometryN_r(h, geometry, i), segment);
    return;
  }
  if (type != GEOS_POLYGON) return;
  const auto ring = [&](const GEOSGeometry* linearRing) {
    const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(h, linearRing);
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(h, sequence, &size);
    double px = 0, py = 0;
    for (unsigned k = 0; k < size; ++k) {
      double x = 0, y = 0;
      GEOSCoordSeq_getXY_r(h, sequence, k, &x, &y);
      if (k > 0) segment(px, py, x, y);
      px = x;
      py = y;
    }
  };
  ring(GEOSGetExteriorRing_r(h, geometry));
  for (int i = 0; i < GEOSGetNumInteriorRings_r(h, geometry); ++i)
    ring(GEOSGetInteriorRingN_r(h, geometry, i));
}

bool envelopeHolds(const std::array<double, 4>& envelope, double x, double y) {
  return x >= envelope[0] && x <= envelope[2] && y >= envelope[1] && y <= envelope[3];
}

}  // namespace

const GEOSPreparedGeometry* LocatorScratch::prepared(size_t zone, const GEOSGeometry* geometry) {
  if (!prepared_[zone]) prepared_[zone] = geos_.prepare(geometry);
  return prepared_[zone].get();
}

ZoneLocator::ZoneLocator(std::vector<const GEOSGeometry*> zones, std::vector<size_t> rank)
    : zones_(std::move(zones)), rank_(std::move(rank)) {
  GeosContext geos;
  double minX = std::numeric_limits<double>::max(), minY = minX, maxX = -minX, maxY = -minX;
  for (const GEOSGeometry* zone : zones_) {
    std::array<double, 4> envelope{};
    GEOSGeom_getXMin_r(geos.handle(), zone, &envelope[0]);
    GEOSGeom_getYMin_r(geos.handle(), zone, &envelope[1]);
    GEOSGeom_getXMax_r(geos.handle(), zone, &envelope[2]);
    GEOSGeom_getYMax_r(geos.handle(), zone, &envelope[3]);
    envelopes_.push_back(envelope);
    minX = std::min(minX, envelope[0]);
    minY = std::min(minY, envelope[1]);
    maxX = std::max(maxX, envelope[2]);
    maxY = std::max(maxY, envelope[3]);
  }
  // About a thousand cells per zone keeps boundary cells to a few per cent of the area.
  const double width = std::max(maxX - minX, 1e-9), height = std::max(maxY - minY, 1e-9);
  const double wanted = std::clamp(1024.0 * static_cast<double>(zones_.size()), 262144.0, 16e6);
  cellSize_ = std::sqrt(width * height / wanted);
  columns_ = static_cast<int64_t>(std::ceil(width / cellSize_)) + 2;
  rows_ = static_cast<int64_t>(std::ceil(height / cellSize_)) + 2;
  originX_ = minX - cellSize_;
  originY_ = minY - cellSize_;
  markBoundaries();
  classifyInteriorRegions();
}

int64_t ZoneLocator::cellOf(double x, double y) const {
  const double u = std::floor((x - originX_) / cellSize_), v = std::floor((y - originY_) / cellSize_);
  if (!(u >= 0 && v >= 0 && u < static_cast<double>(columns_) && v < static_cast<double>(rows_)))
    return -1;
  return static_cast<int64_t>(v) * columns_ + static_cast<int64_t>(u);
}

void ZoneLocator::markBoundaries() {
  cells_.assign(static_cast<size_t>(columns_ * rows_), 0);
  std::vector<uint8_t> boundary(cells_.size(), 0);
  GeosContext geos;
  const auto clampColumn = [&](double c) { return std::clamp<int64_t>(static_cast<int64_t>(c), 0, columns_ - 1); };
  const auto clampRow = [&](double r) { return std::clamp<int64_t>(static_cast<int64_t>(r), 0, rows_ - 1); };
  // Marks every cell whose closed square the segment touches, sweeping column by column.
  const auto mark = [&](double ax, double ay, double bx, double by) {
    double u0 = (ax - originX_) / cellSize_, v0 = (ay - originY_) / cellSize_;
    double u1 = (bx - originX_) / cellSize_, v1 = (by - originY_) / cellSize_;
    if (u0 > u1) {
      std::swap(u0, u1);
      std::swap(v0, v1);
    }
    const int64_t c0 = clampColumn(std::floor(u0 - kEpsilon)), c1 = clampColumn(std::floor(u1 + kEpsilon));
    const double du = u1 - u0;
    for (int64_t c = c0; c <= c1; ++c) {
      double ya = std::min(v0, v1), yb = std::max(v0, v1);
      if (du > 1e-12) {
        const double xa = std::clamp(static_cast<double>(c), u0, u1);
        const double xb = std::clamp(static_cast<double>(c + 1), u0, u1);
        const double va = v0 + (v1 - v0) * (xa - u0) / du, vb = v0 + (v1 - v0) * (xb - u0) / du;
        ya = std::min(va, vb);
        yb = std::max(va, vb);
      }
      const int64_t r0 = clampRow(std::floor(ya - kEpsilon)), r1 = clampRow(std::floor(yb + kEpsilon));
      for (int64_t r = r0; r <= r1; ++r) boundary[static_cast<size_t>(r * columns_ + c)] = 1;
    }
  };
  for (const GEOSGeometry* zone : zones_) forEachEdge(geos.handle(), zone, mark);

  // Candidates of a boundary cell: every zone whose envelope reaches it (a zone may hold part
  // of the cell without any of its edges crossing it).
  std::vector<int64_t> boundaryIndex(cells_.size(), -1);
  for (size_t cell = 0; cell < boundary.size(); ++cell)
    if (boundary[cell]) {
      boundaryIndex[cell] = static_cast<int64_t>(candidates_.size());
      candidates_.emplace_back();
      cells_[cell] = -static_cast<int32_t>(candidates_.size());
    }
  for (size_t z = 0; z < zones_.size(); ++z) {
    const auto& e = envelopes_[z];
    const int64_t c0 = clampColumn(std::floor((e[0] - originX_) / cellSize_ - kEpsilon));
    const int64_t c1 = clampColumn(std::floor((e[2] - originX_) / cellSize_ + kEpsilon));
    const int64_t r0 = clampRow(std::floor((e[1] - originY_) / cellSize_ - kEpsilon));
    const int64_t r1 = clampRow(std::floor((e[3] - originY_) / cellSize_ + kEpsilon));
    for (int64_t r = r0; r <= r1; ++r)
      for (int64_t c = c0; c <= c1; ++c)
        if (const int64_t index = boundaryIndex[static_cast<size_t>(r * columns_ + c)]; index >= 0)
          candidates_[static_cast<size_t>(index)].push_back(static_cast<uint32_t>(z));
  }
}

void ZoneLocator::classifyInteriorRegions() {
  // Connected runs of interior cells cannot cross a zone boundary: one exact test per region.
  LocatorScratch scratch(zones_.size());
  std::vector<uint8_t> seen(cells_.size(), 0);
  std::deque<int64_t> queue;
  std::vector<uint32_t> holders, all(zones_.size());
  for (uint32_t z = 0; z < all.size(); ++z) all[z] = z;
  for (int64_t start = 0; start < static_cast<int64_t>(cells_.size()); ++start) {
    if (cells_[static_cast<size_t>(start)] < 0 || seen[static_cast<size_t>(start)]) continue;
    const double x = originX_ + (static_cast<double>(start % columns_) + 0.5) * cellSize_;
    const double y = originY_ + (static_cast<double>(start / columns_) + 0.5) * cellSize_;
    holders.clear();
    locateExactly(x, y, all, scratch, holders);
    const auto setIndex = static_cast<int32_t>(zoneSets_.size());
    zoneSets_.push_back(holders);
    queue.push_back(start);
    seen[static_cast<size_t>(start)] = 1;
    while (!queue.empty()) {
      const int64_t cell = queue.front();
      queue.pop_front();
      cells_[static_cast<size_t>(cell)] = setIndex;
      const int64_t column = cell % columns_;
      const int64_t neighbours[4] = {column > 0 ? cell - 1 : -1, column + 1 < columns_ ? cell + 1 : -1,
                                     cell - columns_, cell + columns_};
      for (int64_t next : neighbours)
        if (next >= 0 && next < static_cast<int64_t>(cells_.size()) &&
            cells_[static_cast<size_t>(next)] >= 0 && !seen[static_cast<size_t>(next)]) {
          seen[static_cast<size_t>(next)] = 1;
          queue.push_back(next);
        }
    }
  }
}

void ZoneLocator::locateExactly(double x, double y, const std::vector<uint32_t>& candidates,
                                LocatorScratch& scratch, std::vector<uint32_t>& out) const {
  GEOSContextHandle_t h = scratch.geos().handle();
  GeomPtr point = scratch.geos().own(GEOSGeom_createPointFromXY_r(h, x, y), "point");
  const size_t before = out.size();
  for (uint32_t z : candidates)
    if (envelopeHolds(envelopes_[z], x, y) &&
        GEOSPreparedContainsProperly_r(h, scratch.prepared(z, zones_[z]), point.get()) == 1)
      out.push_back(z);
  if (out.size() - before > 1) overlapSeen_ = true;
  if (out.size() > before) return;
  // On boundaries only: the lowest-ranked zone touched.
  int64_t best = -1;
  for (uint32_t z : candidates)
    if (envelopeHolds(envelopes_[z], x, y) && (best < 0 || rank_[z] < rank_[static_cast<size_t>(best)]) &&
        GEOSPreparedIntersects_r(h, scratch.prepared(z, zones_[z]), point.get()) == 1)
      best = z;
  if (best >= 0) out.push_back(static_cast<uint32_t>(best));
}

void ZoneLocator::locate(double x, double y, LocatorScratch& scratch, std::vector<uint32_t>& out) const {
  const int64_t cell = cellOf(x, y);
  if (cell < 0) return;
  const int32_t code = cells_[static_cast<size_t>(cell)];
  if (code >= 0) {
    const auto& holders = zoneSets_[static_cast<size_t>(code)];
    if (holders.size() > 1) overlapSeen_ = true;
    out.insert(out.end(), holders.begin(), holders.end());
    return;
  }
  locateExactly(x, y, candidates_[static_cast<size_t>(-code - 1)], scratch, out);
}

double ZoneLocator::boundaryCellShare() const {
  return static_cast<double>(candidates_.size()) / static_cast<double>(cells_.size());
}

}  // namespace urbangis
