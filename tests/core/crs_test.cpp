#include <catch2/catch.hpp>

#include <cmath>

#include "core/crs.h"
#include "core/error.h"

using namespace urbangis;

TEST_CASE("CRS names are parsed case-insensitively", "[core][crs]") {
  CHECK(parseCrsName("EPSG:4547")->definition == "EPSG:4547");
  CHECK(parseCrsName("epsg:4490")->definition == "EPSG:4490");
  CHECK(parseCrsName("WGS84")->definition == "EPSG:4326");
  CHECK(parseCrsName("wgs 84")->definition == "EPSG:4326");
  CHECK(parseCrsName("CGCS2000")->definition == "EPSG:4490");
  CHECK(parseCrsName("GCJ-02")->offset == ChineseOffset::gcj02);
  CHECK(parseCrsName("gcj02")->offset == ChineseOffset::gcj02);
  CHECK(parseCrsName("BD-09")->offset == ChineseOffset::bd09);
  CHECK(parseCrsName("bd09")->offset == ChineseOffset::bd09);
}

TEST_CASE("Malformed CRS names are refused", "[core][crs]") {
  CHECK_FALSE(parseCrsName("EPSG:"));
  CHECK_FALSE(parseCrsName("EPSG:45x7"));
  CHECK_FALSE(parseCrsName("EPSG:-1"));
  CHECK_FALSE(parseCrsName("Beijing54"));
  CHECK_FALSE(parseCrsName(""));
}

TEST_CASE("An EPSG code PROJ does not know is an input error", "[core][crs]") {
  ProjContext context;
  CHECK_THROWS_AS(Crs(context, *parseCrsName("EPSG:999999")), InputError);
}

TEST_CASE("UTM zone is chosen from lon/lat", "[core][crs]") {
  CHECK(utmZoneFor(114.97, 30.10) == "EPSG:32650");
  CHECK(utmZoneFor(-73.9, 40.7) == "EPSG:32618");
  CHECK(utmZoneFor(151.2, -33.9) == "EPSG:32756");
  CHECK(utmZoneFor(180.0, 0.0) == "EPSG:32660");
}

TEST_CASE("Transforms use lon/lat and easting/northing order", "[core][crs]") {
  // Reference values from ../shared/TOOLCHAIN.md (checked with PROJ's cs2cs).
  ProjContext context;
  const Crs lonLat(context, *parseCrsName("CGCS2000"));
  const Crs gaussKruger(context, *parseCrsName("EPSG:4547"));
  const Crs utm(context, *parseCrsName("EPSG:32650"));
  const Crs wgs84(context, *parseCrsName("WGS84"));
  double x = 114.97, y = 30.10;
  Transform(context, lonLat, gaussKruger).apply(x, y);
  CHECK(x == Approx(593499.951).margin(0.001));
  CHECK(y == Approx(3331595.677).margin(0.001));
  x = 114.97, y = 30.10;
  Transform(context, wgs84, utm).apply(x, y);
  CHECK(x == Approx(304387.304).margin(0.001));
  CHECK(y == Approx(3331604.590).margin(0.001));
  CHECK(gaussKruger.epsg() == 4547);
  CHECK_FALSE(gaussKruger.isGeographic());
  CHECK(lonLat.isGeographic());
  CHECK(lonLat.ellipsoid().flattening == Approx(1 / 298.257222101).epsilon(1e-12));
}

TEST_CASE("GCJ-02 layers transform through WGS84 with the exact offsets", "[core][crs]") {
  ProjContext context;
  const Crs gcj(context, *parseCrsName("GCJ-02"));
  const Crs wgs84(context, *parseCrsName("WGS84"));
  const Crs gaussKruger(context, *parseCrsName("EPSG:4547"));
  CHECK(gcj.describe().find("GCJ-02") != std::string::npos);
  CHECK_FALSE(sameCrs(gcj, wgs84));
  // A GCJ-02 point lands about 500 m from where the same numbers read as WGS84 would.
  double x1 = 114.97, y1 = 30.10, x2 = 114.97, y2 = 30.10;
  Transform(context, gcj, gaussKruger).apply(x1, y1);
  Transform(context, wgs84, gaussKruger).apply(x2, y2);
  const double shift = std::hypot(x1 - x2, y1 - y2);
  CHECK(shift > 300);
  CHECK(shift < 800);
  // And back.
  Transform(context, gaussKruger, gcj).apply(x1, y1);
  CHECK(x1 == Approx(114.97).margin(1e-8));
  CHECK(y1 == Approx(30.10).margin(1e-8));
}
