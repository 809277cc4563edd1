#pragma once
// A flat-top hexagonal lattice in the working CRS, anchored at its origin so a cell keeps its
// id from run to run: `side` is the side length (= circumradius) in metres; cells are
// addressed by axial coordinates (q, r).

#include <cstdint>
#include <string>
#include <vector>

#include "core/geos_context.h"

namespace urbangis {

struct HexCell {
  int64_t q = 0, r = 0;
  bool operator==(const HexCell&) const = default;
  bool operator<(const HexCell& other) const { return q != other.q ? q < other.q : r < other.r; }
};

class HexGrid {
 public:
  explicit HexGrid(double side);
  double side() const { return side_; }
  HexCell cellOf(double x, double y) const;
  void centre(HexCell cell, double& x, double& y) const;
  GeomPtr polygon(const GeosContext& geos, HexCell cell) const;
  // "H<q>_<r>": stable across runs and datasets in one working CRS.
  static std::string id(HexCell cell);
  // Every cell whose centre lies within the box grown by one side: the grid covering it.
  std::vector<HexCell> covering(double minX, double minY, double maxX, double maxY) const;

 private:
  double side_;
};

}  // namespace urbangis
