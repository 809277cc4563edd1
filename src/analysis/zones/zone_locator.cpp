#include "analysis/zones/zone_locator.h"
#include "core/geometry_access.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/geometry_visit.h"

namespace urbangis {
namespace {

constexpr double kEpsilon = 1e-7;          // in cell units: marks both cells when an edge hugs a border
constexpr double kCentreTolerance = 1e-7;  // metres (or degrees): a centre this near an edge is doubtful
// Shewchuk's error bound for the orientation determinant with inexact differences.
constexpr double kOrientBound = 3.3306690738754716e-16;

// The sign of the turn a→b→c: +1 left, -1 right, 0 when too close to call in doubles.
int orientation(double ax, double ay, double bx, double by, double cx, double cy) {
  const double left = (bx - ax) * (cy - ay), right = (by - ay) * (cx - ax);
  const double determinant = left - right;
  const double bound = kOrientBound * (std::fabs(left) + std::fabs(right));
  if (determinant > bound) return 1;
  if (determinant < -bound) return -1;
  return 0;
}

struct Segment {
  double ax, ay, bx, by;
};

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
  build();
}

int64_t ZoneLocator::cellOf(double x, double y) const {
  const double u = std::floor((x - originX_) * inverseCellSize_);
  const double v = std::floor((y - originY_) * inverseCellSize_);
  if (!(u >= 0 && v >= 0 && u < static_cast<double>(columns_) && v < static_cast<double>(rows_))) return -1;
  return static_cast<int64_t>(v) * columns_ + static_cast<int64_t>(u);
}

std::array<double, 2> ZoneLocator::centreOf(int64_t cell) const {
  return {originX_ + (static_cast<double>(cell % columns_) + 0.5) * cellSize_,
          originY_ + (static_cast<double>(cell / columns_) + 0.5) * cellSize_};
}

void ZoneLocator::build() {
  GeosContext geos;
  GEOSContextHandle_t h = geos.handle();
  double minX = std::numeric_limits<double>::max(), minY = minX, maxX = -minX, maxY = -minX;
  for (const GEOSGeometry* zone : zones_) {
    const Box box = envelopeOf(geos, zone);
    const std::array<double, 4> envelope{box.minX, box.minY, box.maxX, box.maxY};
    envelopes_.push_back(envelope);
    minX = std::min(minX, envelope[0]);
    minY = std::min(minY, envelope[1]);
    maxX = std::max(maxX, envelope[2]);
    maxY = std::max(maxY, envelope[3]);
  }
  if (!zones_.empty()) extent_ = Box{minX, minY, maxX, maxY};
  const double width = std::max(maxX - minX, 1e-9), height = std::max(maxY - minY, 1e-9);
  // About 128 cells per zone: uncrossed cells answer most points, and the grid (2 bytes a
  // point of 1M over 2,000 zones) stays small enough to build in tens of milliseconds.
  const double wanted = std::clamp(128.0 * static_cast<double>(zones_.size()), 65536.0, 16e6);
  cellSize_ = std::sqrt(width * height / wanted);
  columns_ = static_cast<int64_t>(std::ceil(width / cellSize_)) + 2;
  rows_ = static_cast<int64_t>(std::ceil(height / cellSize_)) + 2;
  originX_ = minX - cellSize_;
  originY_ = minY - cellSize_;
  inverseCellSize_ = 1.0 / cellSize_;
  const auto cellCount = static_cast<size_t>(columns_ * rows_);
  const auto clampColumn = [&](double c) { return std::clamp<int64_t>(static_cast<int64_t>(c), 0, columns_ - 1); };
  const auto clampRow = [&](double r) { return std::clamp<int64_t>(static_cast<int64_t>(r), 0, rows_ - 1); };

  // 1. Which edges cross which cells: every cell whose closed square an edge touches, found by
  //    sweeping the edge column by column.
  struct Crossing {
    int64_t cell;
    uint32_t zone;
    uint32_t segment;
  };
  std::vector<Crossing> crossings;
  std::vector<Segment> allSegments;
  // 2. Each zone's state at every cell centre of its envelope, by scanline on the rows'
  //    centre lines (half-open rule at vertices); centres too near an edge are doubtful.
  std::vector<int32_t> centreZone(cellCount, -1);
  std::vector<std::pair<int64_t, uint32_t>> moreCentreZones;  // overlapping zones
  std::vector<uint8_t> doubtful(cellCount, 0);

  for (uint32_t z = 0; z < zones_.size(); ++z) {
    const auto& e = envelopes_[z];
    const int64_t r0 = clampRow(std::floor((e[1] - originY_) / cellSize_ - 0.5));
    const int64_t r1 = clampRow(std::ceil((e[3] - originY_) / cellSize_ - 0.5));
    std::vector<std::vector<double>> rowCrossings(static_cast<size_t>(r1 - r0 + 1));
    const auto rowCentre = [&](int64_t r) { return originY_ + (static_cast<double>(r) + 0.5) * cellSize_; };
    forEachRingSegment(h, zones_[z], [&](double ax, double ay, double bx, double by) {
      const auto segment = static_cast<uint32_t>(allSegments.size());
      allSegments.push_back({ax, ay, bx, by});
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
        for (int64_t r = clampRow(std::floor(ya - kEpsilon)); r <= clampRow(std::floor(yb + kEpsilon)); ++r)
          crossings.push_back({r * columns_ + c, z, segment});
      }
      // Scanline crossings of this edge with the rows' centre lines.
      const double low = std::min(ay, by), high = std::max(ay, by);
      const int64_t first = std::max<int64_t>(r0, clampRow(std::floor((low - originY_) / cellSize_ - 0.5)));
      const int64_t last = std::min<int64_t>(r1, clampRow(std::ceil((high - originY_) / cellSize_ - 0.5)));
      for (int64_t r = first; r <= last; ++r) {
        const double y = rowCentre(r);
        if (ay == y && by == y) {  // a horizontal edge on the centre line: its centres are doubtful
          const int64_t from = clampColumn(std::floor((std::min(ax, bx) - originX_) / cellSize_));
          const int64_t to = clampColumn(std::floor((std::max(ax, bx) - originX_) / cellSize_));
          for (int64_t c = from; c <= to; ++c) doubtful[static_cast<size_t>(r * columns_ + c)] = 1;
          continue;
        }
        if ((ay > y) == (by > y)) continue;
        rowCrossings[static_cast<size_t>(r - r0)].push_back(ax + (y - ay) * (bx - ax) / (by - ay));
      }
    });
    const int64_t c0 = clampColumn(std::floor((e[0] - originX_) / cellSize_));
    const int64_t c1 = clampColumn(std::floor((e[2] - originX_) / cellSize_));
    for (int64_t r = r0; r <= r1; ++r) {
      auto& xs = rowCrossings[static_cast<size_t>(r - r0)];
      if (xs.empty()) continue;
      std::sort(xs.begin(), xs.end());
      size_t passed = 0;  // crossings left of the centre: odd means inside
      for (int64_t c = c0; c <= c1; ++c) {
        const double x = originX_ + (static_cast<double>(c) + 0.5) * cellSize_;
        while (passed < xs.size() && xs[passed] < x) ++passed;
        const auto cell = static_cast<size_t>(r * columns_ + c);
        const bool nearEdge = (passed < xs.size() && xs[passed] - x < kCentreTolerance) ||
                              (passed > 0 && x - xs[passed - 1] < kCentreTolerance);
        if (nearEdge) doubtful[cell] = 1;
        if (passed % 2 == 1) {
          if (centreZone[cell] < 0)
            centreZone[cell] = static_cast<int32_t>(z);
          else
            moreCentreZones.emplace_back(static_cast<int64_t>(cell), z);
        }
      }
    }
  }

  // 3. Assemble: plain cells hold one zone or none; crossed cells keep, per zone, the centre
  //    state and the zone's edges in the cell.
  std::sort(crossings.begin(), crossings.end(), [](const Crossing& a, const Crossing& b) {
    return a.cell != b.cell ? a.cell < b.cell : a.zone != b.zone ? a.zone < b.zone : a.segment < b.segment;
  });
  crossings.erase(std::unique(crossings.begin(), crossings.end(),
                              [](const Crossing& a, const Crossing& b) {
                                return a.cell == b.cell && a.zone == b.zone && a.segment == b.segment;
                              }),
                  crossings.end());
  std::sort(moreCentreZones.begin(), moreCentreZones.end());
  const auto centreHolders = [&](int64_t cell) {
    std::vector<uint32_t> holders;
    if (centreZone[static_cast<size_t>(cell)] >= 0)
      holders.push_back(static_cast<uint32_t>(centreZone[static_cast<size_t>(cell)]));
    auto it = std::lower_bound(moreCentreZones.begin(), moreCentreZones.end(), std::make_pair(cell, uint32_t{0}));
    for (; it != moreCentreZones.end() && it->first == cell; ++it) holders.push_back(it->second);
    return holders;
  };

  cells_.assign(cellCount, kNoZone);
  for (size_t cell = 0; cell < cellCount; ++cell) cells_[cell] = centreZone[cell];
  const auto blockCode = [&] { return kSpecial - static_cast<int32_t>(arena_.size()); };
  // Uncrossed cells inside several (overlapping) zones.
  for (size_t i = 0; i < moreCentreZones.size(); ++i) {
    const int64_t cell = moreCentreZones[i].first;
    if (i > 0 && moreCentreZones[i - 1].first == cell) continue;
    const std::vector<uint32_t> holders = centreHolders(cell);
    cells_[static_cast<size_t>(cell)] = blockCode();
    arena_.push_back(kHolders);
    arena_.push_back(static_cast<double>(holders.size()));
    for (uint32_t zone : holders) arena_.push_back(zone);
  }
  // Crossed cells: per zone, the centre's state and the zone's edges in the cell.
  for (size_t i = 0; i < crossings.size();) {
    const int64_t cell = crossings[i].cell;
    std::vector<uint32_t> holders = centreHolders(cell);
    cells_[static_cast<size_t>(cell)] = blockCode();
    arena_.push_back(doubtful[static_cast<size_t>(cell)] ? kDoubtful : kCrossed);
    const size_t countAt = arena_.size();
    arena_.push_back(0);
    while (i < crossings.size() && crossings[i].cell == cell) {
      const uint32_t zone = crossings[i].zone;
      arena_.push_back(zone);
      arena_.push_back(std::find(holders.begin(), holders.end(), zone) != holders.end() ? 1 : 0);
      const size_t segmentsAt = arena_.size();
      arena_.push_back(0);
      for (; i < crossings.size() && crossings[i].cell == cell && crossings[i].zone == zone; ++i) {
        const Segment& edge = allSegments[crossings[i].segment];
        arena_.insert(arena_.end(), {edge.ax, edge.ay, edge.bx, edge.by});
        arena_[segmentsAt] += 1;
      }
      holders.erase(std::remove(holders.begin(), holders.end(), zone), holders.end());
      arena_[countAt] += 1;
    }
    // Zones holding the whole cell without an edge in it.
    for (uint32_t zone : holders) {
      arena_.insert(arena_.end(), {static_cast<double>(zone), 1.0, 0.0});
      arena_[countAt] += 1;
    }
    ++crossedCells_;
  }
  if (arena_.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max() - 2))
    throw std::runtime_error("zone index too large: simplify the zones or use fewer");
}

void ZoneLocator::locateExactly(double x, double y, const double* block, LocatorScratch& scratch,
                                std::vector<uint32_t>& out) const {
  // The candidates: the zones of the cell's block (every zone that can hold part of the cell).
  std::vector<uint32_t> candidates;
  const auto entries = static_cast<size_t>(block[1]);
  for (size_t e = 0, at = 2; e < entries; ++e) {
    candidates.push_back(static_cast<uint32_t>(block[at]));
    at += 3 + 4 * static_cast<size_t>(block[at + 2]);
  }
  GEOSContextHandle_t h = scratch.geos().handle();
  GeomPtr point = scratch.geos().own(GEOSGeom_createPointFromXY_r(h, x, y), "point");
  const size_t before = out.size();
  for (uint32_t z : candidates)
    if (envelopeHolds(envelopes_[z], x, y) &&
        relates(scratch.geos(), scratch.prepared(z, zones_[z]), Relation::containsProperly, point.get()))
      out.push_back(z);
  if (out.size() - before > 1) overlapSeen_ = true;
  if (out.size() > before) return;
  // On boundaries only: the lowest-ranked zone touched.
  int64_t best = -1;
  for (uint32_t z : candidates)
    if (envelopeHolds(envelopes_[z], x, y) && (best < 0 || rank_[z] < rank_[static_cast<size_t>(best)]) &&
        relates(scratch.geos(), scratch.prepared(z, zones_[z]), Relation::intersects, point.get()))
      best = z;
  if (best >= 0) out.push_back(static_cast<uint32_t>(best));
}

void ZoneLocator::locate(double x, double y, LocatorScratch& scratch, std::vector<uint32_t>& out) const {
  const int64_t cell = cellOf(x, y);
  if (cell < 0) return;
  const int32_t code = cells_[static_cast<size_t>(cell)];
  if (code >= 0) {
    out.push_back(static_cast<uint32_t>(code));
    return;
  }
  if (code == kNoZone) return;
  const double* block = arena_.data() + (kSpecial - code);
  const auto count = static_cast<size_t>(block[1]);
  if (block[0] == kHolders) {
    overlapSeen_ = true;
    for (size_t k = 0; k < count; ++k) out.push_back(static_cast<uint32_t>(block[2 + k]));
    return;
  }
  if (block[0] == kDoubtful) return locateExactly(x, y, block, scratch, out);
  const auto [cx, cy] = centreOf(cell);
  const size_t before = out.size();
  const double* entry = block + 2;
  for (size_t e = 0; e < count; ++e) {
    const auto zone = static_cast<uint32_t>(entry[0]);
    bool inside = entry[1] != 0;
    const auto segments = static_cast<size_t>(entry[2]);
    const double* edge = entry + 3;
    for (size_t s = 0; s < segments; ++s, edge += 4) {
      const int side = orientation(edge[0], edge[1], edge[2], edge[3], x, y);
      const int centreSide = orientation(edge[0], edge[1], edge[2], edge[3], cx, cy);
      if (side == 0 || centreSide == 0) {  // on an edge's line: let GEOS decide
        out.resize(before);
        return locateExactly(x, y, block, scratch, out);
      }
      if (side == centreSide) continue;
      const int a = orientation(x, y, cx, cy, edge[0], edge[1]);
      const int b = orientation(x, y, cx, cy, edge[2], edge[3]);
      if (a == 0 || b == 0) {
        out.resize(before);
        return locateExactly(x, y, block, scratch, out);
      }
      if (a != b) inside = !inside;
    }
    if (inside) out.push_back(zone);
    entry = edge;
  }
  if (out.size() - before > 1) overlapSeen_ = true;
}

double ZoneLocator::boundaryCellShare() const {
  return static_cast<double>(crossedCells_) / static_cast<double>(cells_.size());
}

}  // namespace urbangis
