#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "core/chinese_offsets.h"
#include "core/geodesic.h"
#include "test_support.h"

using namespace urbangis;
using offsets::LonLat;

namespace {

struct Operation {
  std::function<LonLat(LonLat)> forward, inverse;
};

const std::map<std::string, Operation>& operations() {
  static const std::map<std::string, Operation> all = {
      {"wgs84_to_gcj02", {offsets::wgs84ToGcj02, [](LonLat p) { return offsets::gcj02ToWgs84(p); }}},
      {"gcj02_to_wgs84", {[](LonLat p) { return offsets::gcj02ToWgs84(p); }, offsets::wgs84ToGcj02}},
      {"gcj02_to_bd09", {offsets::gcj02ToBd09, [](LonLat p) { return offsets::bd09ToGcj02(p); }}},
      {"bd09_to_gcj02", {[](LonLat p) { return offsets::bd09ToGcj02(p); }, offsets::gcj02ToBd09}},
      {"wgs84_to_bd09", {offsets::wgs84ToBd09, [](LonLat p) { return offsets::bd09ToWgs84(p); }}},
      {"bd09_to_wgs84", {[](LonLat p) { return offsets::bd09ToWgs84(p); }, offsets::wgs84ToBd09}},
  };
  return all;
}

double metres(LonLat a, LonLat b) {
  static const GeodesicMeasure measure(Ellipsoid{6378137.0, 1 / 298.257223563});
  return measure.distance(a.lon, a.lat, b.lon, b.lat);
}

}  // namespace

TEST_CASE("Chinese offsets match the .gie-style reference table", "[core][offsets]") {
  std::ifstream file(test::sourceDir() / "tests" / "cases" / "offsets" / "chinese_offsets.gie");
  REQUIRE(file);
  const Operation* operation = nullptr;
  double tolerance = 0;
  LonLat accepted{};
  int lineNumber = 0, cases = 0;
  for (std::string line; std::getline(file, line);) {
    ++lineNumber;
    std::istringstream words(line);
    std::string keyword;
    if (!(words >> keyword) || keyword[0] == '#') continue;
    INFO("chinese_offsets.gie line " << lineNumber << ": " << line);
    if (keyword == "operation") {
      std::string name;
      words >> name;
      REQUIRE(operations().count(name) == 1);
      operation = &operations().at(name);
    } else if (keyword == "tolerance") {
      words >> tolerance;
    } else if (keyword == "accept") {
      words >> accepted.lon >> accepted.lat;
    } else if (keyword == "expect") {
      REQUIRE(operation);
      std::string first;
      words >> first;
      const LonLat expected = first == "identity" ? accepted : LonLat{std::stod(first), 0};
      LonLat wanted = expected;
      if (first != "identity") words >> wanted.lat;
      const LonLat got = operation->forward(accepted);
      CHECK(metres(got, wanted) <= tolerance + 1e-9);
      ++cases;
    } else if (keyword == "roundtrip") {
      REQUIRE(operation);
      int times = 0;
      words >> times;
      LonLat p = accepted;
      for (int i = 0; i < times; ++i) p = operation->inverse(operation->forward(p));
      CHECK(metres(p, accepted) <= tolerance);
      ++cases;
    } else {
      FAIL("unknown keyword " << keyword);
    }
  }
  CHECK(cases == 13);  // every case in the file ran
}

TEST_CASE("Round trips across mainland China stay under a millimetre", "[core][offsets]") {
  double worst = 0, worstBaidu = 0, worstOneStep = 0;
  int mostIterations = 0;
  for (double lon = 73.0; lon <= 135.0; lon += 0.5)
    for (double lat = 18.0; lat <= 53.5; lat += 0.5) {
      const LonLat wgs84{lon, lat};
      int iterations = 0;
      const LonLat back = offsets::gcj02ToWgs84(offsets::wgs84ToGcj02(wgs84), &iterations);
      worst = std::max(worst, metres(back, wgs84));
      mostIterations = std::max(mostIterations, iterations);
      worstBaidu = std::max(worstBaidu, metres(offsets::bd09ToWgs84(offsets::wgs84ToBd09(wgs84)), wgs84));
      worstOneStep = std::max(worstOneStep, metres(offsets::gcj02ToWgs84OneStep(offsets::wgs84ToGcj02(wgs84)), wgs84));
    }
  INFO("worst " << worst << " m, BD-09 " << worstBaidu << " m, one-step " << worstOneStep << " m, at most "
                << mostIterations << " iterations");
  CHECK(worst < 0.001);
  CHECK(worstBaidu < 0.001);
  CHECK(mostIterations <= 10);
  // The one-step inverse peers ship is off by far more than a millimetre.
  CHECK(worstOneStep > 0.5);
}

TEST_CASE("The offset is a few hundred metres in China and none outside", "[core][offsets]") {
  const LonLat daye{114.97, 30.10};
  const double shift = metres(offsets::wgs84ToGcj02(daye), daye);
  CHECK(shift > 300);
  CHECK(shift < 800);
  const LonLat tokyo{139.69, 35.69};
  CHECK(metres(offsets::wgs84ToGcj02(tokyo), tokyo) == 0);
  CHECK(offsets::outsideMainland({72.0, 30.0}));
  CHECK_FALSE(offsets::outsideMainland({72.01, 30.0}));
}
