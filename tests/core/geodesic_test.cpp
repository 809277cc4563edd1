#include <catch2/catch.hpp>

#include <cmath>

#include "core/crs.h"
#include "core/geodesic.h"
#include "core/geometry_transform.h"
#include "core/geos_context.h"

using namespace urbangis;

namespace {
constexpr Ellipsoid kWgs84{6378137.0, 1 / 298.257223563};
constexpr Ellipsoid kGrs80{6378137.0, 1 / 298.257222101};
}  // namespace

TEST_CASE("Geodesic area of GeographicLib's Antarctica example", "[core][geodesic]") {
  // The polygon of the example in PROJ's geodesic.h; GeographicLib documents its area.
  GeosContext geos;
  auto polygon = geos.fromWkt(
      "POLYGON((-74 -72.9,-102 -71.9,-102 -74.9,-131 -74.3,-163 -77.5,163 -77.4,172 -71.7,"
      "140 -65.9,113 -65.7,88 -66.6,59 -66.9,25 -69.8,-4 -70.0,-14 -71.0,-33 -77.3,-46 -77.9,"
      "-61 -74.7,-74 -72.9))");
  GeodesicMeasure measure(kWgs84);
  CHECK(measure.area(geos.handle(), polygon.get()) == Approx(13376856682207.0).epsilon(1e-12));
}

TEST_CASE("Geodesic area agrees with an equal-area projection near Daye", "[core][geodesic]") {
  // A 2 km × 1.5 km block with a hole, measured by Karney's algorithm and, independently, as a
  // planar area in a Lambert azimuthal equal-area projection centred on it.
  GeosContext geos;
  auto block = geos.fromWkt(
      "POLYGON((114.96 30.09,114.98 30.09,114.98 30.105,114.96 30.105,114.96 30.09),"
      "(114.965 30.095,114.967 30.095,114.967 30.097,114.965 30.097,114.965 30.095))");
  GeodesicMeasure measure(kGrs80);
  const double geodesic = measure.area(geos.handle(), block.get());

  ProjContext context;
  const Crs lonLat(context, CrsSpec{"EPSG:4490", ChineseOffset::none, "CGCS2000"});
  const Crs laea(
      context, CrsSpec{"+proj=laea +lat_0=30.0975 +lon_0=114.97 +ellps=GRS80 +type=crs", ChineseOffset::none, "LAEA"});
  auto projected = transformGeometry(geos, block.get(), Transform(context, lonLat, laea));
  double planar = 0;
  GEOSArea_r(geos.handle(), projected.get(), &planar);
  CHECK(geodesic == Approx(planar).epsilon(1e-7));
  CHECK(geodesic > 2.9e6);
}

TEST_CASE("Geodesic length agrees with an azimuthal equidistant projection", "[core][geodesic]") {
  // In an azimuthal equidistant projection centred on the start, the distance to any point is
  // its planar distance from the origin: an independent check of the geodesic length.
  GeosContext geos;
  auto line = geos.fromWkt("LINESTRING(114.97 30.10,115.10 30.20)");
  GeodesicMeasure measure(kGrs80);
  ProjContext context;
  const Crs lonLat(context, CrsSpec{"EPSG:4490", ChineseOffset::none, "CGCS2000"});
  const Crs aeqd(context,
                 CrsSpec{"+proj=aeqd +lat_0=30.10 +lon_0=114.97 +ellps=GRS80 +type=crs", ChineseOffset::none, "AEQD"});
  double x = 115.10, y = 30.20;
  Transform(context, lonLat, aeqd).apply(x, y);
  CHECK(measure.length(geos.handle(), line.get()) == Approx(std::hypot(x, y)).margin(0.001));
  CHECK(measure.distance(114.97, 30.10, 115.10, 30.20) == Approx(std::hypot(x, y)).margin(0.001));
}

TEST_CASE("Points have no area and polygons no length", "[core][geodesic]") {
  GeosContext geos;
  GeodesicMeasure measure(kGrs80);
  auto point = geos.fromWkt("POINT(114.97 30.1)");
  auto polygon = geos.fromWkt("POLYGON((114.96 30.09,114.98 30.09,114.98 30.1,114.96 30.09))");
  CHECK(measure.area(geos.handle(), point.get()) == 0.0);
  CHECK(measure.length(geos.handle(), polygon.get()) == 0.0);
  auto multi = geos.fromWkt("MULTILINESTRING((114.97 30.1,114.98 30.1),(114.97 30.1,114.98 30.1))");
  CHECK(measure.length(geos.handle(), multi.get()) == Approx(2 * measure.distance(114.97, 30.1, 114.98, 30.1)));
}
