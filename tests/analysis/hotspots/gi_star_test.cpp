#include <catch2/catch.hpp>

#include <cmath>

#include "analysis/hotspots/gi_star.h"
#include "analysis/hotspots/hex_grid.h"
#include "core/error.h"

using namespace urbangis;

TEST_CASE("Hexagon cells: centres, ids and areas", "[analysis][hex]") {
  const HexGrid grid(100);
  GeosContext geos;
  for (const HexCell cell : {HexCell{0, 0}, HexCell{3, -2}, HexCell{-7, 11}}) {
    double x = 0, y = 0;
    grid.centre(cell, x, y);
    CHECK(grid.cellOf(x, y) == cell);
    CHECK(grid.cellOf(x + 99, y) == cell);    // just inside the eastern vertex
    CHECK(grid.cellOf(x, y + 86.5) == cell);  // just inside the flat top (√3/2 · 100 = 86.6)
    CHECK_FALSE(grid.cellOf(x, y + 87) == cell);
    double area = 0;
    GEOSArea_r(geos.handle(), grid.polygon(geos, cell).get(), &area);
    CHECK(area == Approx(3 * std::sqrt(3.0) / 2 * 100 * 100));
  }
  CHECK(HexGrid::id({-7, 11}) == "H-7_11");
  // Neighbouring centres are √3 · side apart.
  double x0, y0, x1, y1;
  grid.centre({0, 0}, x0, y0);
  grid.centre({1, 0}, x1, y1);
  CHECK(std::hypot(x1 - x0, y1 - y0) == Approx(std::sqrt(3.0) * 100));
  const auto cells = grid.covering(0, 0, 1000, 1000);
  CHECK(cells.size() > 30);
  CHECK(std::find(cells.begin(), cells.end(), grid.cellOf(500, 500)) != cells.end());
}

TEST_CASE("Gi* on a line of five by the textbook formula", "[analysis][gistar]") {
  // Locations 0..4 m apart by 1 m, band 1 m: neighbours are the feature and its neighbours.
  const std::vector<double> x = {0, 1, 2, 3, 4}, y(5, 0.0), v = {1, 2, 10, 3, 1};
  const GiStarResult result = getisOrdGiStar(x, y, v, {1.0, std::nullopt, false});
  // Worked by hand: n = 5, mean 3.4, S = √(115/5 − 3.4²) = √11.44.
  const double s = std::sqrt(115.0 / 5 - 3.4 * 3.4);
  const auto z = [&](double sum, double w) { return (sum - 3.4 * w) / (s * std::sqrt((5 * w - w * w) / 4)); };
  CHECK(result.z[0] == Approx(z(1 + 2, 2)));
  CHECK(result.z[2] == Approx(z(2 + 10 + 3, 3)));
  CHECK(result.z[4] == Approx(z(3 + 1, 2)));
  CHECK(result.p[2] == Approx(std::erfc(std::fabs(result.z[2]) / std::sqrt(2.0))));
  CHECK(result.meanNeighbours == Approx((2 + 3 + 3 + 3 + 2) / 5.0));
}

TEST_CASE("Gi* bins follow the confidence levels and FDR is stricter", "[analysis][gistar]") {
  // A 20 × 20 lattice with one bright block: hot spots there, nothing elsewhere.
  std::vector<double> x, y, v;
  for (int i = 0; i < 20; ++i)
    for (int j = 0; j < 20; ++j) {
      x.push_back(i);
      y.push_back(j);
      v.push_back(i >= 8 && i < 12 && j >= 8 && j < 12 ? 20 : (i * 7 + j * 3) % 5);
    }
  const GiStarResult plain = getisOrdGiStar(x, y, v, {1.5, std::nullopt, false});
  const GiStarResult fdr = getisOrdGiStar(x, y, v, {1.5, std::nullopt, true});
  const size_t centre = 10 * 20 + 10;
  CHECK(plain.bin[centre] == 3);
  CHECK(fdr.bin[centre] == 3);
  int significant = 0, significantFdr = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const double z = std::fabs(plain.z[i]);
    const int expected = z >= 2.5758293 ? 3 : z >= 1.9599640 ? 2 : z >= 1.6448536 ? 1 : 0;
    CHECK(std::abs(plain.bin[i]) == expected);
    significant += plain.bin[i] != 0;
    significantFdr += fdr.bin[i] != 0;
    CHECK(std::abs(fdr.bin[i]) <= std::abs(plain.bin[i]));
  }
  CHECK(significantFdr < significant);
}

TEST_CASE("Benjamini-Hochberg threshold", "[analysis][gistar]") {
  // p sorted: 0.001 0.008 0.039 0.041 0.042 0.06 …; at α 0.05 with n = 10: k·0.005.
  const std::vector<double> p = {0.042, 0.001, 0.06, 0.008, 0.039, 0.041, 0.3, 0.5, 0.7, 0.9};
  CHECK(falseDiscoveryThreshold(p, 0.05) == 0.008);
  CHECK(falseDiscoveryThreshold(p, 0.001) == -1);
}

TEST_CASE("Gi* refuses what it cannot compute", "[analysis][gistar]") {
  const std::vector<double> x = {0, 1, 2}, y = {0, 0, 0};
  CHECK_THROWS_WITH(getisOrdGiStar({0, 1}, {0, 0}, {1, 2}, {}), Catch::Contains("at least 3"));
  CHECK_THROWS_WITH(getisOrdGiStar(x, y, {5, 5, 5}, {}), Catch::Contains("same value"));
  CHECK_THROWS_WITH(getisOrdGiStar(x, y, {1, 2, 3}, {-1.0, std::nullopt, false}), Catch::Contains("--distance"));
  CHECK_THROWS_WITH(getisOrdGiStar(x, y, {1, 2, 3}, {std::nullopt, 3, false}), Catch::Contains("--knn"));
  CHECK_THROWS_WITH(getisOrdGiStar({1, 1, 1}, {2, 2, 2}, {1, 2, 3}, {}), Catch::Contains("one place"));
}
