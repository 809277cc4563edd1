#include "analysis/hotspots/hex_grid.h"

#include <cmath>
#include <numbers>

#include "core/error.h"

namespace urbangis {

namespace {
const double kSqrt3 = std::sqrt(3.0);
}

HexGrid::HexGrid(double side) : side_(side) {
  if (!(side > 0)) throw InputError("the hexagon size must be greater than 0 metres");
}

HexCell HexGrid::cellOf(double x, double y) const {
  // Fractional axial coordinates, rounded in cube space (the rounding that keeps hexagons whole).
  const double q = (2.0 / 3.0 * x) / side_;
  const double r = (-1.0 / 3.0 * x + kSqrt3 / 3.0 * y) / side_;
  const double s = -q - r;
  double rq = std::round(q), rr = std::round(r), rs = std::round(s);
  const double dq = std::fabs(rq - q), dr = std::fabs(rr - r), ds = std::fabs(rs - s);
  if (dq > dr && dq > ds)
    rq = -rr - rs;
  else if (dr > ds)
    rr = -rq - rs;
  return {static_cast<int64_t>(rq), static_cast<int64_t>(rr)};
}

void HexGrid::centre(HexCell cell, double& x, double& y) const {
  x = side_ * 1.5 * static_cast<double>(cell.q);
  y = side_ * kSqrt3 * (static_cast<double>(cell.r) + static_cast<double>(cell.q) / 2.0);
}

GeomPtr HexGrid::polygon(const GeosContext& geos, HexCell cell) const {
  double cx = 0, cy = 0;
  centre(cell, cx, cy);
  GEOSCoordSequence* ring = GEOSCoordSeq_create_r(geos.handle(), 7, 2);
  for (unsigned i = 0; i <= 6; ++i) {
    const double angle = std::numbers::pi / 3.0 * (i % 6);  // counter-clockwise from east
    GEOSCoordSeq_setXY_r(geos.handle(), ring, i, cx + side_ * std::cos(angle), cy + side_ * std::sin(angle));
  }
  GEOSGeometry* shell = GEOSGeom_createLinearRing_r(geos.handle(), ring);
  return geos.own(GEOSGeom_createPolygon_r(geos.handle(), shell, nullptr, 0), "hexagon");
}

std::string HexGrid::id(HexCell cell) { return "H" + std::to_string(cell.q) + "_" + std::to_string(cell.r); }

std::vector<HexCell> HexGrid::covering(double minX, double minY, double maxX, double maxY) const {
  minX -= side_;
  minY -= side_;
  maxX += side_;
  maxY += side_;
  std::vector<HexCell> cells;
  const auto q0 = static_cast<int64_t>(std::floor(minX / (1.5 * side_))) - 1;
  const auto q1 = static_cast<int64_t>(std::ceil(maxX / (1.5 * side_))) + 1;
  for (int64_t q = q0; q <= q1; ++q) {
    const double half = static_cast<double>(q) / 2.0;
    const auto r0 = static_cast<int64_t>(std::floor(minY / (kSqrt3 * side_) - half)) - 1;
    const auto r1 = static_cast<int64_t>(std::ceil(maxY / (kSqrt3 * side_) - half)) + 1;
    for (int64_t r = r0; r <= r1; ++r) {
      double x = 0, y = 0;
      centre({q, r}, x, y);
      if (x >= minX && x <= maxX && y >= minY && y <= maxY) cells.push_back({q, r});
    }
  }
  return cells;
}

}  // namespace urbangis
