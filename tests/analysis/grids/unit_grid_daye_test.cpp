// Daye's shipped unit grids (data/daye.gpkg, layer grids): what `urbangis grid` makes of the
// communities, tiling each one exactly, coded and ordered, not straddling a main road; and
// `stats --by grids` adds up to `stats --by communities`.

#include <catch2/catch.hpp>

#include <ogrsf_frmts.h>

#include <cmath>
#include <map>
#include <set>

#include "analysis/grids/grid_code.h"
#include "analysis/grids/grid_table.h"
#include "analysis/stats/stats.h"
#include "analysis/zones/zones.h"
#include "core/geometry_transform.h"
#include "io/catalog/catalog_loader.h"
#include "io/sources/vector_source.h"
#include "test_support.h"

using namespace urbangis;

namespace {

const Catalog& daye() {
  static const Catalog catalog = loadCatalog(test::dayeCatalog());
  return catalog;
}

const CrsSpec kWorking{"EPSG:4547", ChineseOffset::none, "EPSG:4547"};

struct ShippedGrid {
  std::string parent;
  double areaM2 = 0, lon = 0, lat = 0;
};

std::map<std::string, ShippedGrid> shippedGrids() {
  VectorSource source = openCatalogLayer(daye().layer("grids"));
  std::map<std::string, ShippedGrid> grids;
  for (auto& feature : *source.layer)
    grids[feature->GetFieldAsString("grid_code")] = {
        feature->GetFieldAsString("parent_id"), feature->GetFieldAsDouble("area_m2"), feature->GetFieldAsDouble("lon"),
        feature->GetFieldAsDouble("lat")};
  return grids;
}

double planarArea(const GeosContext& geos, const GEOSGeometry* geometry) {
  double area = 0;
  GEOSArea_r(geos.handle(), geometry, &area);
  return area;
}

// The main and secondary roads, read here with OGR, in the working CRS.
std::vector<GeomPtr> majorRoads(const GeosContext& geos) {
  const LayerSpec& roads = daye().layer("roads");
  VectorSource source = openCatalogLayer(roads);
  ProjContext proj;
  const Transform toWorking(proj, Crs(proj, layerCrsSpec(roads, *source.layer)), Crs(proj, kWorking));
  std::vector<GeomPtr> lines;
  for (auto& feature : *source.layer) {
    const std::string roadClass = feature->GetFieldAsString("class");
    if (roadClass != "主干道" && roadClass != "次干道") continue;
    GeomPtr lonLat = toGeos(geos, *feature->GetGeometryRef());
    lines.push_back(transformGeometry(geos, lonLat.get(), toWorking));
  }
  return lines;
}

// Length of the roads inside a grid's interior (the grid shrunk by 1 cm).
double roadInside(const GeosContext& geos, const GEOSGeometry* grid, const std::vector<GeomPtr>& roads) {
  GEOSContextHandle_t h = geos.handle();
  double total = 0;
  GeomPtr inner;
  for (const auto& road : roads) {
    if (GEOSIntersects_r(h, grid, road.get()) != 1) continue;
    if (!inner) inner = geos.own(GEOSBuffer_r(h, grid, -0.01, 8), "erode");
    GeomPtr inside = geos.own(GEOSIntersection_r(h, road.get(), inner.get()), "inside");
    double length = 0;
    GEOSLength_r(h, inside.get(), &length);
    total += length;
  }
  return total;
}

}  // namespace

TEST_CASE("Daye's shipped grids are what urbangis grid makes of the communities, 115 m cells split by the roads",
          "[analysis][grid][dataset]") {
  GridRequest request;
  request.zonesLayer = "communities";
  request.cell = 115;
  request.splitBy = "roads";
  const GridOutcome made = runUnitGrids(daye(), request, SilentProgress());
  const auto shipped = shippedGrids();
  REQUIRE(made.table.rows.size() == shipped.size());
  CHECK(shipped.size() > 15000);
  for (const auto& row : made.table.rows) {
    const auto& code = std::get<std::string>(row[0]);
    INFO(code);
    const auto found = shipped.find(code);
    REQUIRE(found != shipped.end());
    CHECK(found->second.parent == std::get<std::string>(row[1]));
    CHECK(found->second.areaM2 == Approx(std::get<double>(row[3])).epsilon(1e-12));
    CHECK(found->second.lon == Approx(std::get<double>(row[4])).epsilon(1e-12));
    CHECK(found->second.lat == Approx(std::get<double>(row[5])).epsilon(1e-12));
  }
}

TEST_CASE("Daye's grids tile every community: union equal, areas add up, no overlaps, codes in order",
          "[analysis][grid][dataset]") {
  GeosContext geos;
  ProjContext proj;
  const MeasureFrame frame(proj, kWorking);
  const ZoneSet communities = loadZones(daye().layer("communities"), geos, proj, frame);
  const ZoneSet grids = loadZones(daye().layer("grids"), geos, proj, frame);
  const auto shipped = shippedGrids();
  REQUIRE(communities.zones.size() == 71);

  std::map<std::string, std::vector<const Zone*>> byCommunity;  // in code order
  std::set<std::string> codes;
  for (const Zone& grid : grids.zones) {
    CHECK(isGridCode(grid.id));
    CHECK(codes.insert(grid.id).second);  // unique
    CHECK(shipped.at(grid.id).parent == grid.id.substr(0, 12));
    byCommunity[grid.id.substr(0, 12)].push_back(&grid);
  }
  CHECK(byCommunity.size() == 71);
  GEOSContextHandle_t h = geos.handle();
  for (const Zone& community : communities.zones) {
    INFO(community.id << " " << community.name);
    auto& members = byCommunity[community.id];
    std::sort(members.begin(), members.end(), [](const Zone* a, const Zone* b) { return a->id < b->id; });
    REQUIRE(!members.empty());
    CHECK(members.size() <= 999);
    std::vector<GeomPtr> copies;
    double ellipsoidal = 0, planar = 0;
    for (size_t i = 0; i < members.size(); ++i) {
      char sequence[4];
      std::snprintf(sequence, sizeof sequence, "%03zu", i + 1);
      CHECK(members[i]->id == community.id + sequence);  // 001, 002, … without a gap
      ellipsoidal += members[i]->areaM2;
      planar += planarArea(geos, members[i]->geometry.get());
      copies.push_back(geos.own(GEOSGeom_clone_r(h, members[i]->geometry.get())));
    }
    // Areas add up to the community's within 0.01 %.
    CHECK(std::fabs(ellipsoidal - community.areaM2) <= 1e-4 * community.areaM2);
    // Union equals the community; what the grids cover twice would make their areas exceed it.
    GeomPtr all = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(copies));
    GeomPtr together = geos.own(GEOSUnaryUnion_r(h, all.get()), "union");
    GeomPtr difference = geos.own(GEOSSymDifference_r(h, together.get(), community.geometry.get()), "difference");
    // To within the millimetre grids are rounded to, along the community's edge.
    double perimeter = 0;
    GEOSLength_r(h, community.geometry.get(), &perimeter);
    CHECK(planarArea(geos, difference.get()) <= perimeter * kUnitGridPrecision);
    CHECK(planar - planarArea(geos, together.get()) <= 1e-6 * planarArea(geos, community.geometry.get()));

    // Order: whole 115 m squares go north to south, west to east within a row.
    double lastX = -1e300, lastY = 1e300;
    for (const Zone* grid : members) {
      if (std::fabs(planarArea(geos, grid->geometry.get()) - 115.0 * 115.0) > 0.01) continue;
      GeomPtr centroid = geos.own(GEOSGetCentroid_r(h, grid->geometry.get()));
      double x = 0, y = 0;
      GEOSGeomGetX_r(h, centroid.get(), &x);
      GEOSGeomGetY_r(h, centroid.get(), &y);
      INFO(grid->id);
      if (std::fabs(y - lastY) < 0.01)
        CHECK(x > lastX);
      else
        CHECK(y < lastY);
      lastX = x;
      lastY = y;
    }
  }
}

TEST_CASE("Daye's grids do not straddle a main road", "[analysis][grid][dataset]") {
  GeosContext geos;
  const std::vector<GeomPtr> roads = majorRoads(geos);
  REQUIRE(roads.size() == 25);

  SECTION("every piece kept (no minimum area): no grid holds any stretch of main road") {
    GridRequest request;
    request.zonesLayer = "communities";
    request.cell = 200;
    request.minAreaM2 = 0;
    request.splitBy = "roads";
    const GridOutcome made = runUnitGrids(daye(), request, SilentProgress());
    double inside = 0;
    for (const auto& wkb : made.table.wkb) {
      GeomPtr grid = geos.fromWkb(wkb.data(), wkb.size());
      inside += roadInside(geos, grid.get(), roads);
    }
    CHECK(inside == 0);
    // The same lattice without the roads: grids would hold kilometres of them.
    request.splitBy.clear();
    const GridOutcome plain = runUnitGrids(daye(), request, SilentProgress());
    double plainInside = 0;
    for (const auto& wkb : plain.table.wkb) {
      GeomPtr grid = geos.fromWkb(wkb.data(), wkb.size());
      plainInside += roadInside(geos, grid.get(), roads);
    }
    CHECK(plainInside > 10000);
  }

  SECTION("the shipped grids: a main road runs inside a grid only where it cuts off a scrap under --min-area") {
    GeosContext own;
    ProjContext proj;
    const MeasureFrame frame(proj, kWorking);
    const ZoneSet grids = loadZones(daye().layer("grids"), own, proj, frame);
    GEOSContextHandle_t h = geos.handle();
    const double minArea = defaultMinArea(115);
    size_t holding = 0;
    double inside = 0;
    for (const Zone& grid : grids.zones) {
      const double length = roadInside(geos, grid.geometry.get(), roads);
      if (length == 0) continue;
      ++holding;
      inside += length;
      // Cut the grid along the roads (noded on a 1 mm grid: the road meets the grid's border at its
      // rounded vertices): one of its pieces is a scrap.
      std::vector<GeomPtr> lines;
      lines.push_back(geos.own(GEOSBoundary_r(h, grid.geometry.get())));
      for (const auto& road : roads) lines.push_back(geos.own(GEOSIntersection_r(h, road.get(), grid.geometry.get())));
      GeomPtr all = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(lines));
      GeomPtr noded = geos.own(GEOSUnaryUnionPrec_r(h, all.get(), 0.001));
      const GEOSGeometry* input[] = {noded.get()};
      GeomPtr faces = geos.own(GEOSPolygonize_r(h, input, 1));
      double smallest = 1e300;
      for (int i = 0; i < GEOSGetNumGeometries_r(h, faces.get()); ++i)
        smallest = std::min(smallest, frame.area(geos, GEOSGetGeometryN_r(h, faces.get(), i)));
      INFO(grid.id << " holds " << length << " m of main road");
      CHECK(GEOSGetNumGeometries_r(h, faces.get()) >= 2);
      CHECK(smallest < minArea);
    }
    INFO("main road inside " << holding << " grids: " << inside << " m");
    CHECK(holding < 100);
  }
}

TEST_CASE("Daye stats by grids add up to stats by communities", "[analysis][grid][stats][dataset]") {
  const auto statsBy = [](const std::string& zones) {
    StatsRequest request;
    request.zonesLayer = zones;
    return computeStats(daye(), request, SilentProgress()).table;
  };
  const OutputTable byGrid = statsBy("grids"), byCommunity = statsBy("communities");
  REQUIRE(byGrid.columns.size() == byCommunity.columns.size());
  CHECK(byGrid.rows.size() == shippedGrids().size() + 1);  // and (none)
  std::map<std::string, std::vector<double>> summed;
  for (const auto& row : byGrid.rows) {
    const auto& id = std::get<std::string>(row[0]);
    auto& sums = summed[id == "(none)" ? id : id.substr(0, 12)];
    sums.resize(row.size(), 0.0);
    for (size_t c = 0; c < row.size(); ++c) {
      if (const auto* integer = std::get_if<int64_t>(&row[c])) sums[c] += static_cast<double>(*integer);
      if (const auto* real = std::get_if<double>(&row[c])) sums[c] += *real;
    }
  }
  // Additive columns: areas, covered areas and lengths, sums, and counts of points (an area
  // feature meeting several grids counts in each).
  std::set<std::string> additive{"area_km2"};
  for (const LayerSpec& layer : daye().layers)
    for (const auto& column : byCommunity.columns)
      if (column.name.rfind(layer.id + "_", 0) == 0 &&
          ((layer.role == LayerRole::points && column.name.rfind(layer.id + "_count", 0) == 0) ||
           column.name.find("_sum_") != std::string::npos || column.name == layer.id + "_area_m2" ||
           column.name == layer.id + "_length_m"))
        additive.insert(column.name);
  CHECK(additive.size() > 30);
  for (const auto& row : byCommunity.rows) {
    const auto& id = std::get<std::string>(row[0]);
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string& column = byCommunity.columns[c].name;
      if (!additive.count(column)) continue;
      double value = 0;
      if (const auto* integer = std::get_if<int64_t>(&row[c])) value = static_cast<double>(*integer);
      if (const auto* real = std::get_if<double>(&row[c])) value = *real;
      INFO(id << " " << column);
      // Grids follow the community's edge to the millimetre: covered areas and lengths agree
      // to about that.
      CHECK(summed.at(id)[c] == Approx(value).epsilon(1e-5).margin(0.01));
    }
  }
}

TEST_CASE("A 90 m cell is too fine for 团结街社区 (8.0 km²): an error naming it", "[analysis][grid][dataset]") {
  GridRequest request;
  request.zonesLayer = "communities";
  request.cell = 90;
  CHECK_THROWS_AS(runUnitGrids(daye(), request, SilentProgress()), InputError);
  CHECK_THROWS_WITH(runUnitGrids(daye(), request, SilentProgress()),
                    Catch::Contains("feature 53 (团结街社区), community 420281101001: 1018 unit grids of 90 m") &&
                        Catch::Contains("more than the 999"));
}
