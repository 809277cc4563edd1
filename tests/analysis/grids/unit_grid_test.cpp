// Unit grids on fixtures drawn here, in EPSG:4547 metres near Daye: every grid inside its zone,
// together exactly the zone, no two overlapping, slivers merged by the longest border, major
// roads never inside a grid, codes numbered north to south and west to east.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "analysis/grids/grid_code.h"
#include "analysis/grids/grid_table.h"
#include "analysis/grids/unit_grid.h"
#include "core/error.h"
#include "datagen/random.h"
#include "datagen/shapes.h"
#include "datagen/tiling.h"

using namespace urbangis;

namespace {

constexpr double E0 = 593000, N0 = 3331000;  // lattice lines (multiples of 100 m) pass here

struct Frame {
  ProjContext proj;
  CrsSpec working{"EPSG:4547", ChineseOffset::none, "EPSG:4547"};
  MeasureFrame frame{proj, working};
};

GeomPtr wkt(const GeosContext& geos, const std::string& text) { return geos.fromWkt(text); }

// A rectangle in metres from (E0, N0).
GeomPtr box(const GeosContext& geos, double x0, double y0, double x1, double y1) {
  return geos.own(GEOSGeom_createRectangle_r(geos.handle(), E0 + x0, N0 + y0, E0 + x1, N0 + y1), "box");
}

GeomPtr line(const GeosContext& geos, std::vector<datagen::XY> points) {
  for (auto& p : points) p = {E0 + p.x, N0 + p.y};
  return datagen::makeLine(geos, points);
}

double planarArea(const GeosContext& geos, const GEOSGeometry* geometry) {
  double area = 0;
  GEOSArea_r(geos.handle(), geometry, &area);
  return area;
}

// The grids of one zone tile it: their union is the zone (to within the millimetre the grids'
// coordinates are rounded to, along its edge), their areas add up to its area within 0.01 %, no
// two overlap, each is valid.
void checkTiles(const GeosContext& geos, const GEOSGeometry* zone, double zoneAreaM2, const ZoneGrids& grids) {
  GEOSContextHandle_t h = geos.handle();
  REQUIRE(!grids.grids.empty());
  std::vector<GeomPtr> copies;
  double total = 0;
  for (const auto& grid : grids.grids) {
    CHECK(GEOSisValid_r(h, grid.geometry.get()) == 1);
    CHECK(GEOSGeomTypeId_r(h, grid.geometry.get()) == GEOS_MULTIPOLYGON);
    copies.push_back(geos.own(GEOSGeom_clone_r(h, grid.geometry.get())));
    total += grid.areaM2;
  }
  GeomPtr all = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(copies));
  GeomPtr together = geos.own(GEOSUnaryUnion_r(h, all.get()), "union");
  GeomPtr difference = geos.own(GEOSSymDifference_r(h, together.get(), zone), "symmetric difference");
  double perimeter = 0;
  GEOSLength_r(h, zone, &perimeter);
  INFO("symmetric difference " << planarArea(geos, difference.get()) << " m², perimeter " << perimeter << " m");
  CHECK(planarArea(geos, difference.get()) <= perimeter * kUnitGridPrecision);
  INFO("grids " << total << " m², zone " << zoneAreaM2);
  CHECK(std::fabs(total - zoneAreaM2) <= 1e-4 * zoneAreaM2);  // 0.01 %
  for (size_t i = 0; i < grids.grids.size(); ++i)
    for (size_t j = i + 1; j < grids.grids.size(); ++j) {
      const GEOSGeometry* a = grids.grids[i].geometry.get();
      const GEOSGeometry* b = grids.grids[j].geometry.get();
      if (GEOSIntersects_r(h, a, b) != 1) continue;
      GeomPtr overlap = geos.own(GEOSIntersection_r(h, a, b), "overlap");
      INFO("grids " << i << " and " << j);
      CHECK(planarArea(geos, overlap.get()) <= 1e-4);
    }
}

// Numbering order: rows north to south, west to east within a row; and each grid holds a real
// part of the lattice cell it is numbered by.
void checkOrder(const GeosContext& geos, const ZoneGrids& grids, double cell) {
  for (size_t i = 1; i < grids.grids.size(); ++i) {
    const auto& a = grids.grids[i - 1];
    const auto& b = grids.grids[i];
    CHECK((a.row > b.row || (a.row == b.row && a.col <= b.col)));
  }
  for (const auto& grid : grids.grids) {
    GeomPtr square = geos.own(GEOSGeom_createRectangle_r(geos.handle(), grid.col * cell, grid.row * cell,
                                                         (grid.col + 1) * cell, (grid.row + 1) * cell));
    GeomPtr part = geos.own(GEOSIntersection_r(geos.handle(), square.get(), grid.geometry.get()), "part");
    CHECK(planarArea(geos, part.get()) > 0);
  }
}

// Length of `road` inside the grid's interior: the grid shrunk by 1 cm (its own border may run
// along the road to within the millimetre the grids are rounded to).
double lengthInside(const GeosContext& geos, const GEOSGeometry* grid, const GEOSGeometry* road) {
  GEOSContextHandle_t h = geos.handle();
  if (GEOSIntersects_r(h, grid, road) != 1) return 0;
  GeomPtr inner = geos.own(GEOSBuffer_r(h, grid, -0.01, 8), "erode");
  GeomPtr inside = geos.own(GEOSIntersection_r(h, road, inner.get()), "road inside");
  double length = 0;
  GEOSLength_r(h, inside.get(), &length);
  return length;
}

struct VoronoiCity {
  GeosContext geos;
  std::vector<GeomPtr> zones;
  explicit VoronoiCity(int count, uint64_t seed) {
    using namespace datagen;
    Random random(seed);
    GeomPtr region = makePolygon(geos, rectangle({E0 + 1500, N0 + 1500}, 3000, 3000, 0.2));
    std::vector<XY> seeds;
    while (seeds.size() < static_cast<size_t>(count)) {
      const XY p{random.uniform(E0 - 500, E0 + 3500), random.uniform(N0 - 500, N0 + 3500)};
      GeomPtr probe = makePoint(geos, p);
      if (GEOSContains_r(geos.handle(), region.get(), probe.get()) == 1) seeds.push_back(p);
    }
    zones = std::move(tileZones(geos, {{region.get(), seeds, 60.0}}, random)[0]);
  }
};

}  // namespace

TEST_CASE("Unit grids tile each zone exactly: union is the zone, areas add up, no overlaps", "[analysis][grid]") {
  const Frame f;
  const VoronoiCity city(10, 11);
  for (const double cell : {100.0, 137.5}) {
    UnitGridOptions options;
    options.cell = cell;
    options.minAreaM2 = defaultMinArea(cell);
    for (size_t z = 0; z < city.zones.size(); ++z) {
      INFO("cell " << cell << ", zone " << z);
      const double area = f.frame.area(city.geos, city.zones[z].get());
      const ZoneGrids grids = buildUnitGrids(city.geos, f.frame, city.zones[z].get(), area, {}, options);
      CHECK_FALSE(grids.wholeZone);
      CHECK(grids.grids.size() > area / (cell * cell) * 0.5);
      checkTiles(city.geos, city.zones[z].get(), area, grids);
      checkOrder(city.geos, grids, cell);
      // Slivers are gone: every grid reaches the minimum area (a zone of one piece has no
      // isolated ones).
      for (const auto& grid : grids.grids) {
        CHECK_FALSE(grid.isolatedSliver);
        CHECK(grid.areaM2 >= options.minAreaM2);
      }
    }
  }
}

TEST_CASE("A cell fully inside the zone is one square grid; the lattice is anchored at the CRS origin",
          "[analysis][grid]") {
  const Frame f;
  const GeosContext geos;
  GeomPtr zone = box(geos, 0, 0, 300, 200);
  UnitGridOptions options;
  const ZoneGrids grids = buildUnitGrids(geos, f.frame, zone.get(), f.frame.area(geos, zone.get()), {}, options);
  REQUIRE(grids.grids.size() == 6);
  checkTiles(geos, zone.get(), f.frame.area(geos, zone.get()), grids);
  // Row (N0 + 100 … N0 + 200) first, west to east, then the row below.
  const int64_t top = static_cast<int64_t>(N0 / 100) + 1, west = static_cast<int64_t>(E0 / 100);
  const std::pair<int64_t, int64_t> cells[] = {{top, west},     {top, west + 1},     {top, west + 2},
                                               {top - 1, west}, {top - 1, west + 1}, {top - 1, west + 2}};
  for (size_t i = 0; i < 6; ++i) {
    CHECK(grids.grids[i].row == cells[i].first);
    CHECK(grids.grids[i].col == cells[i].second);
    CHECK(planarArea(geos, grids.grids[i].geometry.get()) == Approx(10000).epsilon(1e-12));
  }
  CHECK(geos.toWkt(grids.grids[0].geometry.get(), 3) ==
        "MULTIPOLYGON (((593000 3331100, 593100 3331100, 593100 3331200, 593000 3331200, 593000 3331100)))");
}

TEST_CASE("A sliver merges into the neighbour it shares the longest border with", "[analysis][grid]") {
  const Frame f;
  const GeosContext geos;
  UnitGridOptions options;  // 100 m cells, slivers under 2,500 m²
  // Three full rows of three cells, a fourth column only in the top row, and a 600 m² bump in
  // the middle row's fourth cell: 30 m of border with the cell to its west, 20 m with the one
  // above.
  GeomPtr base =
      geos.own(GEOSUnion_r(geos.handle(), box(geos, 0, 0, 300, 300).get(), box(geos, 300, 200, 400, 300).get()));
  for (const bool west : {true, false}) {
    // 30 m of border with the west cell and 20 m with the one above; or 10 m and 50 m.
    GeomPtr bump = west ? box(geos, 300, 170, 320, 200) : box(geos, 300, 190, 350, 200);
    GeomPtr neighbour = west ? box(geos, 200, 100, 300, 200) : box(geos, 300, 200, 400, 300);
    GeomPtr zone = geos.own(GEOSUnion_r(geos.handle(), base.get(), bump.get()));
    const double area = f.frame.area(geos, zone.get());
    const ZoneGrids grids = buildUnitGrids(geos, f.frame, zone.get(), area, {}, options);
    checkTiles(geos, zone.get(), area, grids);
    CHECK(grids.grids.size() == 10);
    CHECK(grids.mergedSlivers == 1);
    // The grid holding the bump is the one of its west neighbour or the one above.
    GeomPtr inBump = geos.own(GEOSPointOnSurface_r(geos.handle(), bump.get()));
    const UnitGrid* holder = nullptr;
    for (const auto& grid : grids.grids)
      if (GEOSIntersects_r(geos.handle(), grid.geometry.get(), inBump.get()) == 1) holder = &grid;
    REQUIRE(holder != nullptr);
    const int64_t row = static_cast<int64_t>(N0 / 100), col = static_cast<int64_t>(E0 / 100);
    CHECK(holder->row == (west ? row + 1 : row + 2));
    CHECK(holder->col == (west ? col + 2 : col + 3));
    CHECK(holder->areaM2 == Approx(f.frame.area(geos, neighbour.get()) + f.frame.area(geos, bump.get())).epsilon(1e-7));
  }
}

TEST_CASE("A zone smaller than one cell is kept as one grid", "[analysis][grid]") {
  const Frame f;
  const GeosContext geos;
  GeomPtr zone = wkt(geos, "POLYGON ((593020 3331020, 593090 3331030, 593070 3331110, 593020 3331020))");
  const double area = f.frame.area(geos, zone.get());
  const ZoneGrids grids = buildUnitGrids(geos, f.frame, zone.get(), area, {}, UnitGridOptions{});
  CHECK(grids.wholeZone);
  REQUIRE(grids.grids.size() == 1);
  checkTiles(geos, zone.get(), area, grids);
}

TEST_CASE("Split by roads: no grid holds a stretch of major road, also where a road ends inside the zone",
          "[analysis][grid]") {
  const Frame f;
  const GeosContext geos;
  // A 1 km square, a straight road across it off the lattice, a bent one, and one that ends
  // in the middle of the zone.
  GeomPtr zone = box(geos, 0, 0, 1000, 1000);
  std::vector<GeomPtr> roads;
  roads.push_back(line(geos, {{-50, 333}, {1050, 420}}));
  roads.push_back(line(geos, {{420, -50}, {470, 500}, {650, 1050}}));
  roads.push_back(line(geos, {{1050, 720}, {800, 760}, {610, 700}}));  // ends at (610, 700)
  std::vector<const GEOSGeometry*> barriers;
  for (const auto& road : roads) barriers.push_back(road.get());
  const double area = f.frame.area(geos, zone.get());
  for (const double minArea : {0.0, defaultMinArea(100)}) {
    INFO("min area " << minArea);
    UnitGridOptions options;
    options.minAreaM2 = minArea;
    const ZoneGrids grids = buildUnitGrids(geos, f.frame, zone.get(), area, barriers, options);
    checkTiles(geos, zone.get(), area, grids);
    CHECK(grids.pieces == 5);  // the dead end's cut continues to the bent road
    CHECK(grids.extendedRoadEnds == 1);
    CHECK(grids.joinedScraps == 0);
    for (const auto& grid : grids.grids)
      for (const auto& road : roads) CHECK(lengthInside(geos, grid.geometry.get(), road.get()) == 0);
    // Without the roads some grids would hold them: the check can fail.
    const ZoneGrids plain = buildUnitGrids(geos, f.frame, zone.get(), area, {}, options);
    double inside = 0;
    for (const auto& grid : plain.grids)
      for (const auto& road : roads) inside += lengthInside(geos, grid.geometry.get(), road.get());
    CHECK(inside > 1000);
  }
}

TEST_CASE("Split by roads on wiggly zones: the grids still tile each zone and avoid every road", "[analysis][grid]") {
  const Frame f;
  const VoronoiCity city(6, 5);
  std::vector<GeomPtr> roads;
  roads.push_back(line(city.geos, {{-600, 900}, {1500, 1300}, {3600, 1100}}));
  roads.push_back(line(city.geos, {{1800, -600}, {1700, 1500}, {2100, 3600}}));
  roads.push_back(line(city.geos, {{400, 2500}, {1300, 2200}}));  // both ends inside
  std::vector<const GEOSGeometry*> barriers;
  for (const auto& road : roads) barriers.push_back(road.get());
  UnitGridOptions options;
  options.minAreaM2 = 0;  // every piece kept, however small: the roads bound every grid
  size_t pieces = 0;
  for (size_t z = 0; z < city.zones.size(); ++z) {
    INFO("zone " << z);
    const double area = f.frame.area(city.geos, city.zones[z].get());
    const ZoneGrids grids = buildUnitGrids(city.geos, f.frame, city.zones[z].get(), area, barriers, options);
    pieces += grids.pieces;
    checkTiles(city.geos, city.zones[z].get(), area, grids);
    for (const auto& grid : grids.grids)
      for (const auto& road : roads) CHECK(lengthInside(city.geos, grid.geometry.get(), road.get()) == 0);
  }
  CHECK(pieces > city.zones.size());
}

TEST_CASE("Grid codes: 15 digits, numbered from 001 in each community, north to south, west to east",
          "[analysis][grid]") {
  const GeosContext geos;
  const Frame f;
  GeomPtr a = box(geos, 0, 0, 300, 200), b = box(geos, 300, 0, 500, 100);
  const std::vector<GridZone> zones{
      {"420281001002", "甲社区", "zones, feature 1", a.get(), f.frame.area(geos, a.get())},
      {"420281003004", "乙社区", "zones, feature 2", b.get(), f.frame.area(geos, b.get())}};
  std::vector<std::string> messages;
  const OutputTable table =
      unitGridTable("420281", f.working, zones, {}, UnitGridOptions{}, 2, SilentProgress(), messages);
  REQUIRE(table.rows.size() == 8);
  const char* codes[] = {"420281001002001", "420281001002002", "420281001002003", "420281001002004",
                         "420281001002005", "420281001002006", "420281003004001", "420281003004002"};
  for (size_t i = 0; i < 8; ++i) {
    CHECK(std::get<std::string>(table.rows[i][0]) == codes[i]);
    CHECK(isGridCode(std::get<std::string>(table.rows[i][0])));
  }
  CHECK(std::get<std::string>(table.rows[0][1]) == "420281001002");
  CHECK(std::get<std::string>(table.rows[7][2]) == "乙社区");
  // 001 is the north-west cell: its centroid is 50 m east and 150 m north of the corner.
  const double lon = std::get<double>(table.rows[0][4]), lat = std::get<double>(table.rows[0][5]);
  CHECK(std::get<double>(table.rows[1][4]) > lon);  // 002 east of 001
  CHECK(std::get<double>(table.rows[3][5]) < lat);  // 004 south of 001
  CHECK(lon == Approx(114.9653).margin(0.0005));    // (593050, 3331150) in EPSG:4547
  CHECK(lat == Approx(30.0960).margin(0.0005));
  REQUIRE(table.wkb.size() == 8);
  CHECK(table.crsDefinition == "EPSG:4547");
}

TEST_CASE(
    "Grid codes: a bad or missing community code, a repeated one, and more than 999 grids are errors naming the zone",
    "[analysis][grid]") {
  const GeosContext geos;
  const Frame f;
  GeomPtr a = box(geos, 0, 0, 300, 200);
  const double area = f.frame.area(geos, a.get());
  std::vector<std::string> messages;
  const auto run = [&](std::vector<GridZone> zones, UnitGridOptions options = {}) {
    return unitGridTable("420281", f.working, zones, {}, options, 1, SilentProgress(), messages);
  };
  CHECK_THROWS_MATCHES(run({{"", "甲", "zones.geojson, feature 7", a.get(), area}}), InputError,
                       Catch::Message("zones.geojson, feature 7: has no community code; a unit grid code needs the "
                                      "zone's 12-digit NBS code"));
  CHECK_THROWS_WITH(
      run({{"42028100100", "甲", "zones.geojson, feature 7", a.get(), area}}),
      Catch::Contains("zones.geojson, feature 7: community code \"42028100100\" is not a 12-digit NBS code"));
  CHECK_THROWS_WITH(run({{"42028100100X", "甲", "f", a.get(), area}}), Catch::Contains("is not a 12-digit NBS code"));
  CHECK_THROWS_WITH(run({{"420282001001", "甲", "f", a.get(), area}}), Catch::Contains("is not in county 420281"));
  CHECK_THROWS_WITH(
      run({{"420281001001", "甲", "feature 1", a.get(), area}, {"420281001001", "乙", "feature 2", a.get(), area}}),
      Catch::Contains("feature 2: community code 420281001001 is also the code of feature 1"));
  UnitGridOptions small;
  small.cell = 5;  // 60 × 40 = 2,400 grids
  small.minAreaM2 = defaultMinArea(small.cell);
  CHECK_THROWS_WITH(
      run({{"420281001001", "甲社区", "zones.geojson, feature 3 (甲社区)", a.get(), area}}, small),
      Catch::Contains("zones.geojson, feature 3 (甲社区), community 420281001001: 2400 unit grids of 5 m, "
                      "more than the 999"));
  small.cell = 10;  // 30 × 20 = 600 grids: fine
  CHECK(run({{"420281001001", "甲社区", "f", a.get(), area}}, small).rows.size() == 600);
}

TEST_CASE("Grid code parts", "[analysis][grid]") {
  CHECK(gridCodePrefix("420281001002", "420281", "z") == "420281001002");
  CHECK(gridCode("420281001002", 1, "c") == "420281001002001");
  CHECK(gridCode("420281001002", 999, "c") == "420281001002999");
  CHECK_THROWS_WITH(gridCode("420281001002", 1000, "community X"), Catch::Contains("community X: more than 999"));
  CHECK_THROWS_WITH(gridCodePrefix("420281001002", "42028", "z"), Catch::Contains("admin_code \"42028\""));
  CHECK(isGridCode("420281001002001"));
  CHECK_FALSE(isGridCode("42028100100200"));
  CHECK_FALSE(isGridCode("42028100100200a"));
}
