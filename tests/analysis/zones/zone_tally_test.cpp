// What stats and Gi* by zones say of features that fall in no zone or in several
// (analysis/zones/zone_tally.h): a plain line for zones that cover part of the map, the CRS warning
// only when the strays lie far away all together, overlaps counted once per point.

#include <catch2/catch.hpp>

#include "analysis/zones/zone_tally.h"

using namespace urbangis;

namespace {

const Box kZones{0, 0, 1000, 1000};

ZoneTally tallyOf(const std::vector<std::pair<double, double>>& points, const std::vector<size_t>& holding) {
  ZoneTally tally;
  for (size_t i = 0; i < points.size(); ++i) tally.add(holding[i], Box::of(points[i].first, points[i].second), kZones);
  return tally;
}

bool anyContains(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& line : lines)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("every point in exactly one zone: nothing to say", "[zone_tally]") {
  const ZoneTally tally = tallyOf({{10, 10}, {500, 500}}, {1, 1});
  CHECK(zoneTallyMessages("pts", "zones", tally, kZones, "points").empty());
}

TEST_CASE("points round zones that cover part of the map: one plain line", "[zone_tally]") {
  // Most points outside the zones, but round them (a county around its town centres).
  const ZoneTally tally = tallyOf({{500, 500}, {-300, 500}, {1400, 200}, {500, 1800}, {-900, -900}}, {1, 0, 0, 0, 0});
  CHECK(tally.placed == 5);
  CHECK(tally.inNoZone == 4);
  CHECK(tally.outsideExtent == 4);
  const auto lines = zoneTallyMessages("pts", "zones", tally, kZones, "points");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] ==
        "pts: 4 of 5 points (80 %) are in no zone of zones (the zones do not cover the whole map); "
        "they are in the (none) row");
}

TEST_CASE("most points far from the zones, all together: the CRS warning", "[zone_tally]") {
  // Lon/lat read as metres: a tight cloud thousands of km away.
  std::vector<std::pair<double, double>> points{{500, 500}};
  std::vector<size_t> holding{1};
  for (int i = 0; i < 9; ++i) {
    points.emplace_back(-3e6 + i, 30 + i);
    holding.push_back(0);
  }
  const ZoneTally tally = tallyOf(points, holding);
  const auto lines = zoneTallyMessages("pts", "zones", tally, kZones, "points");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("WARNING: pts: 9 of 10 points (90 %) lie far outside the extent of zones", 0) == 0);
  CHECK(lines[0].find("CRS") != std::string::npos);
}

TEST_CASE("far strays that are few, or spread up to the zones, are not a CRS problem", "[zone_tally]") {
  SECTION("a few far points (coordinates typed as 0, 0)") {
    const ZoneTally tally = tallyOf({{500, 500}, {600, 600}, {700, 700}, {-5e6, -5e6}}, {1, 1, 1, 0});
    const auto lines = zoneTallyMessages("pts", "zones", tally, kZones, "points");
    CHECK_FALSE(anyContains(lines, "WARNING"));
    CHECK(anyContains(lines, "1 of 4 points (25 %) are in no zone"));
  }
  SECTION("most outside, some far, some just beside the zones") {
    const ZoneTally tally = tallyOf({{500, 500}, {-5e6, -5e6}, {-5e6, -5e6 + 1}, {1200, 500}}, {1, 0, 0, 0});
    const auto lines = zoneTallyMessages("pts", "zones", tally, kZones, "points");
    CHECK_FALSE(anyContains(lines, "WARNING"));
    CHECK(anyContains(lines, "3 of 4 points (75 %) are in no zone"));
  }
}

TEST_CASE("points in overlapping zones are counted in each and said once each", "[zone_tally]") {
  ZoneTally first = tallyOf({{10, 10}, {20, 20}}, {2, 3});
  const ZoneTally second = tallyOf({{30, 30}, {2000, 30}}, {1, 0});
  first.add(second);  // two workers' tallies merged
  CHECK(first.placed == 4);
  CHECK(first.inSeveral == 2);
  CHECK(first.inNoZone == 1);
  const auto lines = zoneTallyMessages("pts", "zones", first, kZones, "points", "Gi* leaves them out");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("; Gi* leaves them out") != std::string::npos);
  CHECK(lines[1] == "pts: 2 of 4 points lie in two or more overlapping zones of zones and are counted in each of them");
}
