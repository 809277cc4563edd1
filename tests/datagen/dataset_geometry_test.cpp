// The generated boundaries, roads and points are shaped like a real county: townships tile the
// city, communities sit inside them, roads form one network, incidents cluster.

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "analysis/zones/zones.h"
#include "core/chinese_offsets.h"
#include "datagen/dataset_reading.h"

using namespace urbangis;

namespace {

double planarArea(const GeosContext& geos, const GEOSGeometry* geometry) {
  double area = 0;
  GEOSArea_r(geos.handle(), geometry, &area);
  return area;
}

GeomPtr unionOf(const GeosContext& geos, const std::vector<GeomPtr>& parts) {
  std::vector<GeomPtr> copies;
  for (const auto& part : parts) copies.push_back(geos.own(GEOSGeom_clone_r(geos.handle(), part.get())));
  auto collection = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(copies));
  return geos.own(GEOSUnaryUnion_r(geos.handle(), collection.get()), "union");
}

}  // namespace

TEST_CASE("The 18 townships tile the city: no gaps, no overlaps, the outline's 1,555 km²", "[dataset][geometry]") {
  test::DayeFiles files;
  GeosContext geos;
  const auto districts = test::geometriesOf(files.layer("districts"), geos);
  REQUIRE(districts.size() == 18);
  const auto city = unionOf(geos, districts);
  // One piece without holes: no gaps between townships.
  CHECK(GEOSGeomTypeId_r(geos.handle(), city.get()) == GEOS_POLYGON);
  CHECK(GEOSGetNumInteriorRings_r(geos.handle(), city.get()) == 0);
  // Areas add up to the union's: no overlaps.
  double sum = 0;
  for (const auto& district : districts) {
    CHECK(GEOSisValid_r(geos.handle(), district.get()) == 1);
    sum += planarArea(geos, district.get());
  }
  CHECK(sum == Approx(planarArea(geos, city.get())).epsilon(1e-9));
  for (size_t i = 0; i < districts.size(); ++i)
    for (size_t j = i + 1; j < districts.size(); ++j) {
      auto overlap = geos.own(GEOSIntersection_r(geos.handle(), districts[i].get(), districts[j].get()));
      CHECK(planarArea(geos, overlap.get()) < 1e-12);  // degrees²: well under 0.01 m²
    }
  const auto measure = test::cgcs2000();
  // The real outline measures 1,555 km² (the official figure, 1,566, is not what it encloses).
  CHECK(measure.area(geos.handle(), city.get()) / 1e6 == Approx(1555).epsilon(0.001));
  double minX, minY, maxX, maxY;
  GEOSGeom_getXMin_r(geos.handle(), city.get(), &minX);
  GEOSGeom_getXMax_r(geos.handle(), city.get(), &maxX);
  GEOSGeom_getYMin_r(geos.handle(), city.get(), &minY);
  GEOSGeom_getYMax_r(geos.handle(), city.get(), &maxY);
  CHECK(minX > 114.5);
  CHECK(maxX < 115.2);
  CHECK(minY > 29.83);
  CHECK(maxY < 30.35);
}

TEST_CASE("The city's outline is Daye's real one (the seed's GCJ-02 outline, converted)", "[dataset][geometry]") {
  test::DayeFiles files;
  GeosContext geos;
  GEOSContextHandle_t h = geos.handle();
  const auto city = unionOf(geos, test::geometriesOf(files.layer("districts"), geos));
  // The committed copy of the seed, read here with OGR and converted point by point with the
  // GCJ-02 inverse.
  auto outlines =
      openDataset((test::dataDir() / "boundary" / "huangshi_counties_gcj02_echarts.geojson").string(), GDAL_OF_VECTOR);
  GeomPtr converted;
  for (auto& feature : *outlines->GetLayer(0)) {
    if (std::string(feature->GetFieldAsString("name")) != "大冶市") continue;
    const OGRLinearRing& ring = *feature->GetGeometryRef()->toPolygon()->getExteriorRing();
    OGRLineString line;
    for (int i = 0; i < ring.getNumPoints(); ++i) {
      const auto wgs84 = offsets::gcj02ToWgs84({ring.getX(i), ring.getY(i)});
      line.addPoint(wgs84.lon, wgs84.lat);
    }
    converted = toGeos(geos, line);
  }
  REQUIRE(converted);
  // Every vertex of the city's edge lies on the converted seed outline, to the 1 cm snapping of
  // the noding (2e-7° is about 2 cm) ...
  const auto farthestVertex = [&](const GEOSGeometry* from, const GEOSGeometry* to) {
    const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, from));
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(h, sequence, &size);
    double farthest = 0;
    for (unsigned i = 0; i < size; ++i) {
      double x, y, d = 0;
      GEOSCoordSeq_getXY_r(h, sequence, i, &x, &y);
      GeomPtr point = geos.own(GEOSGeom_createPointFromXY_r(h, x, y));
      GEOSDistance_r(h, point.get(), to, &d);
      farthest = std::max(farthest, d);
    }
    return farthest;
  };
  CHECK(farthestVertex(city.get(), converted.get()) < 2e-7);
  // ... and the seed's edge runs along the city's, but for the source's self-touching loops,
  // which the generator repairs away: within two quantization steps (2/1024°).
  GeomPtr cityBoundary = geos.own(GEOSBoundary_r(h, city.get()));
  double hausdorff = 0;
  REQUIRE(GEOSHausdorffDistance_r(h, cityBoundary.get(), converted.get(), &hausdorff) == 1);
  CHECK(hausdorff <= 2.0 / 1024 + 1e-9);
  // Unconverted, the outline would lie off by the GCJ-02 offset: about 500 m here.
  auto raw =
      openDataset((test::dataDir() / "boundary" / "huangshi_counties_gcj02_echarts.geojson").string(), GDAL_OF_VECTOR);
  for (auto& feature : *raw->GetLayer(0))
    if (std::string(feature->GetFieldAsString("name")) == "大冶市") {
      const OGRLinearRing& ring = *feature->GetGeometryRef()->toPolygon()->getExteriorRing();
      GeomPtr unconverted = toGeos(geos, OGRLineString(ring));
      CHECK(farthestVertex(city.get(), unconverted.get()) > 3e-3);
    }
}

TEST_CASE("The 5 streets are small and central, the towns large", "[dataset][geometry]") {
  // Towns (镇, 乡): the two management areas (a farm, a sluice's grounds) may be as small as a
  // street.
  test::DayeFiles files;
  GeosContext geos;
  const auto measure = test::cgcs2000();
  double largestStreet = 0, smallestTown = 1e18;
  for (auto& district : files.layer("districts")) {
    const OGRGeometry* geometry = district->GetGeometryRef();
    std::vector<unsigned char> wkb(static_cast<size_t>(geometry->WkbSize()));
    geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    const auto polygon = geos.fromWkb(wkb.data(), wkb.size());
    const double km2 = measure.area(geos.handle(), polygon.get()) / 1e6;
    OGRPoint centre;
    geometry->Centroid(&centre);
    if (std::string(district->GetFieldAsString("type")) == "街道") {
      largestStreet = std::max(largestStreet, km2);
      CHECK(measure.distance(centre.getX(), centre.getY(), 114.97, 30.10) < 8000);
    } else if (std::string(district->GetFieldAsString("type")) != "管理区") {
      smallestTown = std::min(smallestTown, km2);
    }
  }
  CHECK(largestStreet < smallestTown);
}

TEST_CASE("Communities lie inside their township and do not overlap", "[dataset][geometry]") {
  test::DayeFiles files;
  GeosContext geos;
  std::map<std::string, GeomPtr> townships;
  {
    auto geometries = test::geometriesOf(files.layer("districts"), geos);
    size_t i = 0;
    for (auto& row : files.layer("districts")) townships[row->GetFieldAsString("code")] = std::move(geometries[i++]);
  }
  const auto communities = test::geometriesOf(files.layer("communities"), geos);
  size_t i = 0;
  for (auto& row : files.layer("communities")) {
    const GEOSGeometry* community = communities[i++].get();
    const GEOSGeometry* township = townships.at(row->GetFieldAsString("township_code")).get();
    auto inside = geos.own(GEOSIntersection_r(geos.handle(), community, township));
    INFO(row->GetFieldAsString("name"));
    CHECK(GEOSisValid_r(geos.handle(), community) == 1);
    CHECK(planarArea(geos, inside.get()) == Approx(planarArea(geos, community)).epsilon(1e-9));
  }
  double sum = 0;
  for (const auto& community : communities) sum += planarArea(geos, community.get());
  CHECK(sum == Approx(planarArea(geos, unionOf(geos, communities).get())).epsilon(1e-9));
}

TEST_CASE("The cable programme's communities are the central ones", "[dataset][geometry]") {
  test::DayeFiles files;
  const auto measure = test::cgcs2000();
  double programme = 0, others = 0;
  int programmeCount = 0, otherCount = 0;
  for (auto& row : files.layer("communities")) {
    OGRPoint centre;
    row->GetGeometryRef()->Centroid(&centre);
    const double metres = measure.distance(centre.getX(), centre.getY(), 114.97, 30.10);
    if (row->GetFieldAsInteger("cable_2023")) {
      programme = std::max(programme, metres);
      ++programmeCount;
    } else {
      others += metres;
      ++otherCount;
    }
  }
  CHECK(programmeCount == 40);
  CHECK(programme < 8000);
  CHECK(others / otherCount > programme);
}

TEST_CASE("The roads form one connected network reaching every township", "[dataset][geometry]") {
  test::DayeFiles files;
  GeosContext geos;
  GEOSContextHandle_t h = geos.handle();
  const auto roads = test::geometriesOf(files.layer("roads"), geos);
  // Node all roads together, then join the ends of the noded pieces with union-find.
  const auto noded = unionOf(geos, roads);
  std::map<std::pair<double, double>, size_t> nodes;
  std::vector<size_t> parent;
  const auto node = [&](double x, double y) {
    auto [it, added] = nodes.try_emplace({x, y}, parent.size());
    if (added) parent.push_back(parent.size());
    return it->second;
  };
  const std::function<size_t(size_t)> root = [&](size_t n) { return parent[n] == n ? n : parent[n] = root(parent[n]); };
  for (int i = 0; i < GEOSGetNumGeometries_r(h, noded.get()); ++i) {
    const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(h, GEOSGetGeometryN_r(h, noded.get(), i));
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(h, sequence, &size);
    double x0, y0, x1, y1;
    GEOSCoordSeq_getXY_r(h, sequence, 0, &x0, &y0);
    GEOSCoordSeq_getXY_r(h, sequence, size - 1, &x1, &y1);
    parent[root(node(x0, y0))] = root(node(x1, y1));
  }
  std::set<size_t> components;
  for (size_t n = 0; n < parent.size(); ++n) components.insert(root(n));
  CHECK(components.size() == 1);

  const auto townships = test::geometriesOf(files.layer("districts"), geos);
  for (const auto& township : townships) CHECK(GEOSIntersects_r(h, township.get(), noded.get()) == 1);
  // The 25 named urban roads of the cable programme.
  std::set<std::string> urban;
  for (auto& road : files.layer("roads")) {
    const std::string roadClass = road->GetFieldAsString("class");
    if (roadClass == "主干道" || roadClass == "次干道") urban.insert(road->GetFieldAsString("name"));
  }
  CHECK(urban.size() == 25);
  // Every road stays inside the county.
  const auto city = unionOf(geos, townships);
  for (const auto& road : roads) CHECK(GEOSCovers_r(h, city.get(), road.get()) == 1);
}

TEST_CASE("Incidents cluster and stay inside the city", "[dataset][geometry]") {
  test::DayeFiles files;
  GeosContext geos;
  const auto city = unionOf(geos, test::geometriesOf(files.layer("districts"), geos));
  const auto prepared = geos.prepare(city.get());
  for (const char* name : {"street_order", "billboards", "gas_hazards", "muck_sources"}) {
    INFO(name);
    std::vector<std::pair<double, double>> points;
    for (auto& feature : files.layer(name)) {
      const auto* point = feature->GetGeometryRef()->toPoint();
      points.emplace_back(point->getX(), point->getY());
      auto probe = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), point->getX(), point->getY()));
      CHECK(GEOSPreparedContains_r(geos.handle(), prepared.get(), probe.get()) == 1);
    }
    // Clark–Evans ratio: mean nearest-neighbour distance over its expectation under
    // complete spatial randomness in the city's 1,555 km²; clustered data score well below 1.
    double sum = 0;
    for (size_t i = 0; i < points.size(); ++i) {
      double nearest = 1e18;
      for (size_t j = 0; j < points.size(); ++j)
        if (i != j) {
          const double dx = (points[i].first - points[j].first) * 96000,
                       dy = (points[i].second - points[j].second) * 111000;
          nearest = std::min(nearest, dx * dx + dy * dy);
        }
      sum += std::sqrt(nearest);
    }
    const double expected = 0.5 / std::sqrt(static_cast<double>(points.size()) / 1555e6);
    CHECK(sum / static_cast<double>(points.size()) / expected < 0.65);
  }
}
