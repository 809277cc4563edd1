#include "datagen/layout.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <stdexcept>

#include "datagen/tiling.h"

namespace urbangis::datagen {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kCityAreaM2 = 1566e6;

// Where each unit's seat is. Streets: offsets in metres from the old town; towns: approximate
// lon/lat of the real town centres, so the map reads like Daye.
struct SeatHint {
  const char* code;
  double a, b;  // streets: dx, dy metres; others: lon, lat
};
constexpr SeatHint kSeats[] = {
    {"420281001", -700, 200},     {"420281002", 1300, 1100},    {"420281003", 3800, -3200},
    {"420281004", -3300, 3600},   {"420281070", -4300, -2700},  {"420281100", 114.61, 30.04},
    {"420281101", 114.73, 30.25}, {"420281102", 114.74, 30.07}, {"420281103", 114.83, 30.16},
    {"420281104", 114.85, 30.27}, {"420281105", 114.95, 29.90}, {"420281107", 114.84, 29.96},
    {"420281108", 115.07, 29.97}, {"420281109", 115.09, 30.07}, {"420281170", 115.06, 30.17},
    {"420281200", 114.65, 29.94}, {"420281401", 114.96, 30.21}, {"420281402", 114.62, 30.17},
};

// A smooth, lobed closed curve around `centre`: radius r(θ) = scale · base(θ) · (1 + harmonics).
std::vector<XY> lobedRing(XY centre, double rx, double ry, double scale,
                          const std::vector<std::array<double, 3>>& harmonics, int steps = 360) {
  std::vector<XY> ring;
  for (int i = 0; i < steps; ++i) {
    const double theta = 2 * kPi * i / steps;
    double factor = 1;
    for (const auto& [order, amplitude, phase] : harmonics)
      factor += amplitude * std::sin(order * theta + phase);
    ring.push_back(centre + XY{scale * rx * factor * std::cos(theta),
                               scale * ry * factor * std::sin(theta)});
  }
  return ring;
}

// Seeds spread over `region` near `around`: candidates closer than `spacing` to an earlier one
// are refused, so communities come out of similar size.
std::vector<XY> spreadSeeds(const GeosContext& geos, const GEOSGeometry* region, size_t count,
                            double spacing, Random& random) {
  std::vector<XY> seeds;
  for (int attempt = 0; seeds.size() < count; ++attempt) {
    const XY candidate = randomPointIn(geos, region, random);
    const double needed = attempt < 20000 ? spacing : spacing * 20000 / attempt;
    bool farEnough = true;
    for (const XY& seed : seeds) farEnough = farEnough && distance(seed, candidate) >= needed;
    if (farEnough) seeds.push_back(candidate);
  }
  return seeds;
}

}  // namespace

CityLayout buildLayout(const GeosContext& geos, const Places& places, const Projection& projection,
                       Random& random) {
  GEOSContextHandle_t h = geos.handle();
  CityLayout city;
  city.centre = projection.project(114.97, 30.10);

  std::map<std::string, XY> seats;
  for (const SeatHint& hint : kSeats)
    seats[hint.code] = std::string(hint.code).compare(6, 1, "0") == 0
                           ? city.centre + XY{hint.a, hint.b}
                           : projection.project(hint.a, hint.b);

  // The outline: a lobed ring over the county's extent, widened to take in every seat, scaled
  // (by bisection, the area being monotone in the scale) to 1,566 km² ellipsoidal.
  const XY middle = projection.project(114.855, 30.09);
  const std::vector<std::array<double, 3>> lobes = {
      {2, 0.08, 1.3}, {3, 0.12, 0.7}, {5, 0.07, 2.1}, {7, 0.04, 4.0}, {11, 0.025, 0.3}, {17, 0.012, 5.1}};
  std::vector<GeomPtr> seatDiscs;
  for (const auto& [code, seat] : seats)
    seatDiscs.push_back(geos.own(GEOSBuffer_r(h, makePoint(geos, seat).get(), 2500, 8), "buffer"));
  GeomPtr discCollection = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(seatDiscs));
  GeomPtr discs = geos.own(GEOSUnaryUnion_r(h, discCollection.get()), "union");
  const auto outlineAt = [&](double scale) {
    GeomPtr lobed = makePolygon(geos, lobedRing(middle, 31300, 26600, scale, lobes));
    GeomPtr merged = geos.own(GEOSUnion_r(h, lobed.get(), discs.get()), "union");
    // Close the necks between lobes and discs, as a real boundary would.
    GeomPtr grown = geos.own(GEOSBuffer_r(h, merged.get(), 1500, 8), "buffer");
    GeomPtr shrunk = geos.own(GEOSBuffer_r(h, grown.get(), -1500, 8), "buffer");
    return geos.own(GEOSTopologyPreserveSimplify_r(h, shrunk.get(), 50), "simplify");
  };
  double low = 0.3, high = 1.2;
  for (int i = 0; i < 40; ++i) {
    const double mid = (low + high) / 2;
    (projection.area(geos, outlineAt(mid).get()) < kCityAreaM2 ? low : high) = mid;
  }
  city.outline = outlineAt((low + high) / 2);

  // The urban area: a lobed disc round the old town, split among the 5 streets; the rest of the
  // county among the towns. One noding for both, so they meet vertex for vertex.
  GeomPtr urbanDisc =
      makePolygon(geos, lobedRing(city.centre, 6200, 6200, 1.0, {{2, 0.12, 0.4}, {3, 0.08, 1.9}}));
  city.urbanArea = geos.own(GEOSIntersection_r(h, urbanDisc.get(), city.outline.get()), "clip");
  GeomPtr rural = geos.own(GEOSDifference_r(h, city.outline.get(), city.urbanArea.get()), "rest");
  TilingZone streets{city.urbanArea.get(), {}, 350};
  TilingZone towns{rural.get(), {}, 2500};
  std::vector<const Township*> streetPlaces, townPlaces;
  for (const Township& township : places.townships) {
    auto seat = seats.find(township.code);
    if (seat == seats.end()) throw std::runtime_error("datagen: no seat for " + township.code);
    (township.type == "街道" ? streets : towns).seeds.push_back(seat->second);
    (township.type == "街道" ? streetPlaces : townPlaces).push_back(&township);
  }
  auto tiles = tileZones(geos, {streets, towns}, random);
  const auto addTownships = [&](const std::vector<const Township*>& list, TilingZone& zone,
                                std::vector<GeomPtr>& polygons) {
    for (size_t i = 0; i < list.size(); ++i)
      city.townships.push_back({*list[i], zone.seeds[i], std::move(polygons[i])});
  };
  addTownships(streetPlaces, streets, tiles[0]);
  addTownships(townPlaces, towns, tiles[1]);
  std::sort(city.townships.begin(), city.townships.end(),
            [](const auto& a, const auto& b) { return a.place.code < b.place.code; });

  // Communities: the all-urban streets (东岳路, 东风路) are tiled by theirs; elsewhere the
  // communities tile the built-up part round the seat (the rest is villages).
  std::vector<TilingZone> zones;
  std::vector<GeomPtr> regions;
  std::vector<std::vector<const Community*>> members;
  for (const TownshipArea& township : city.townships) {
    std::vector<const Community*> own;
    for (const Community& community : places.communities)
      if (community.townshipCode == township.place.code) own.push_back(&community);
    if (own.empty()) continue;
    const bool allUrban = township.place.code == "420281001" || township.place.code == "420281002";
    GeomPtr region;
    if (allUrban) {
      region = geos.own(GEOSGeom_clone_r(h, township.polygon.get()), "clone");
    } else {
      // Urban streets grow towards the old town; towns round their seat.
      const XY core = township.place.type == "街道"
                          ? township.seat + (city.centre - township.seat) * 0.35
                          : township.seat;
      const double radius = 900.0 * std::sqrt(static_cast<double>(own.size())) + 600.0;
      GeomPtr disc = makePolygon(
          geos, lobedRing(core, radius, radius, 1.0, {{3, 0.1, random.uniform(0, 6)}}, 72));
      region = geos.own(GEOSIntersection_r(h, disc.get(), township.polygon.get()), "clip");
    }
    double regionArea = 0;
    GEOSArea_r(h, region.get(), &regionArea);
    const double spacing = 0.6 * std::sqrt(regionArea / static_cast<double>(own.size()));
    std::vector<XY> seeds = spreadSeeds(geos, region.get(), own.size(), spacing, random);
    zones.push_back({region.get(), std::move(seeds), 120});
    regions.push_back(std::move(region));
    members.push_back(std::move(own));
  }
  auto communityTiles = tileZones(geos, zones, random);
  for (size_t z = 0; z < zones.size(); ++z) {
    const TownshipArea* parent = nullptr;
    for (const auto& township : city.townships)
      if (township.place.code == members[z].front()->townshipCode) parent = &township;
    for (size_t i = 0; i < members[z].size(); ++i)
      city.communities.push_back({*members[z][i], parent->place.name, zones[z].seeds[i],
                                  std::move(communityTiles[z][i])});
  }
  std::sort(city.communities.begin(), city.communities.end(),
            [](const auto& a, const auto& b) { return a.place.code < b.place.code; });

  // The cable programme's 40 communities: the 40 nearest the old town.
  std::vector<CommunityArea*> byDistance;
  for (auto& community : city.communities) byDistance.push_back(&community);
  std::sort(byDistance.begin(), byDistance.end(), [&](const auto* a, const auto* b) {
    return distance(a->centre, city.centre) < distance(b->centre, city.centre);
  });
  for (size_t i = 0; i < 40 && i < byDistance.size(); ++i) byDistance[i]->cableProgramme = true;
  return city;
}

}  // namespace urbangis::datagen
