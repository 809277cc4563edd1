#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include <algorithm>

#include "analysis/zones/zone_locator.h"
#include "datagen/random.h"
#include "datagen/shapes.h"
#include "datagen/tiling.h"

using namespace urbangis;
using namespace urbangis::datagen;

namespace {

// The rule by brute force over every zone: interior holders, else the lowest-ranked zone whose
// boundary holds the point.
std::vector<uint32_t> bruteForce(const GeosContext& geos, const std::vector<const GEOSGeometry*>& zones, double x,
                                 double y) {
  GeomPtr point = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), x, y));
  std::vector<uint32_t> holders;
  for (uint32_t z = 0; z < zones.size(); ++z)  // the zone's interior meets the point
    if (GEOSRelatePattern_r(geos.handle(), zones[z], point.get(), "T********") == 1) holders.push_back(z);
  if (!holders.empty()) return holders;
  for (uint32_t z = 0; z < zones.size(); ++z)
    if (GEOSIntersects_r(geos.handle(), zones[z], point.get()) == 1) return {z};  // rank = index
  return {};
}

struct VoronoiZones {
  GeosContext geos;
  std::vector<GeomPtr> tiles;
  std::vector<const GEOSGeometry*> raw;
  std::vector<size_t> rank;
  VoronoiZones(int count, uint64_t seed) {
    Random random(seed);
    GeomPtr region = makePolygon(geos, rectangle({5000, 5000}, 10000, 10000, 0.3));
    std::vector<XY> seeds;
    while (seeds.size() < static_cast<size_t>(count)) {
      const XY p{random.uniform(-2000, 12000), random.uniform(-2000, 12000)};
      GeomPtr probe = makePoint(geos, p);
      // Seeds at least 600 m apart: the generator's 300 m wiggles could swallow a closer one's cell.
      const bool apart =
          std::all_of(seeds.begin(), seeds.end(), [&](const XY& q) { return std::hypot(q.x - p.x, q.y - p.y) >= 600; });
      if (apart && GEOSContains_r(geos.handle(), region.get(), probe.get()) == 1) seeds.push_back(p);
    }
    tiles = std::move(tileZones(geos, {{region.get(), seeds, 300.0}}, random)[0]);
    for (size_t i = 0; i < tiles.size(); ++i) {
      raw.push_back(tiles[i].get());
      rank.push_back(i);
    }
  }
};

}  // namespace

TEST_CASE("The zone locator agrees with brute force on random points", "[analysis][locator]") {
  const VoronoiZones zones(60, 3);
  const ZoneLocator locator(zones.raw, zones.rank);
  LocatorScratch scratch(zones.raw.size());
  Random random(5);
  std::vector<uint32_t> found;
  for (int i = 0; i < 20000; ++i) {
    const double x = random.uniform(-3000, 13000), y = random.uniform(-3000, 13000);
    found.clear();
    locator.locate(x, y, scratch, found);
    INFO("point " << x << " " << y);
    REQUIRE(found == bruteForce(zones.geos, zones.raw, x, y));
  }
  CHECK_FALSE(locator.overlapSeen());
}

TEST_CASE("Points on zone edges and vertices follow the lowest-rank rule", "[analysis][locator]") {
  const VoronoiZones zones(40, 9);
  const ZoneLocator locator(zones.raw, zones.rank);
  LocatorScratch scratch(zones.raw.size());
  GEOSContextHandle_t h = zones.geos.handle();
  std::vector<uint32_t> found;
  size_t checked = 0;
  for (const GEOSGeometry* zone : zones.raw) {
    GeomPtr boundary = zones.geos.own(GEOSBoundary_r(h, zone));
    for (int part = 0; part < GEOSGetNumGeometries_r(h, boundary.get()); ++part) {
      const auto ring = coordinates(zones.geos, GEOSGetGeometryN_r(h, boundary.get(), part));
      for (size_t i = 0; i + 1 < ring.size(); i += 3) {
        // The vertex itself and the midpoint of the edge after it (on the edge up to rounding).
        for (const XY p : {ring[i], (ring[i] + ring[i + 1]) * 0.5}) {
          found.clear();
          locator.locate(p.x, p.y, scratch, found);
          INFO("point " << p.x << " " << p.y);
          REQUIRE(found == bruteForce(zones.geos, zones.raw, p.x, p.y));
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 500);
}

TEST_CASE("Overlapping zones: a point in both counts in each and is flagged", "[analysis][locator]") {
  GeosContext geos;
  GeomPtr a = geos.fromWkt("POLYGON((0 0,100 0,100 100,0 100,0 0))");
  GeomPtr b = geos.fromWkt("POLYGON((50 0,150 0,150 100,50 100,50 0))");
  const ZoneLocator locator({a.get(), b.get()}, {0, 1});
  LocatorScratch scratch(2);
  std::vector<uint32_t> found;
  locator.locate(75, 50, scratch, found);
  CHECK(found == std::vector<uint32_t>{0, 1});
  CHECK(locator.overlapSeen());
  found.clear();
  locator.locate(25, 50, scratch, found);
  CHECK(found == std::vector<uint32_t>{0});
  found.clear();
  locator.locate(200, 50, scratch, found);
  CHECK(found.empty());
}

TEST_CASE("Ties on a shared edge go to the lower rank whatever the zone order", "[analysis][locator]") {
  GeosContext geos;
  GeomPtr west = geos.fromWkt("POLYGON((0 0,100 0,100 100,0 100,0 0))");
  GeomPtr east = geos.fromWkt("POLYGON((100 0,200 0,200 100,100 100,100 0))");
  LocatorScratch scratch(2);
  std::vector<uint32_t> found;
  const ZoneLocator eastFirst({west.get(), east.get()}, {1, 0});
  eastFirst.locate(100, 50, scratch, found);
  CHECK(found == std::vector<uint32_t>{1});
  found.clear();
  const ZoneLocator westFirst({west.get(), east.get()}, {0, 1});
  LocatorScratch other(2);
  westFirst.locate(100, 50, other, found);
  CHECK(found == std::vector<uint32_t>{0});
}
