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
// Town seats given closer than this to the county's edge (or outside it: the hints are rough)
// are moved to the nearest point this far inside.
constexpr double kSeatInset = 1500;

// Where each unit's seat is. Streets: offsets in metres from the old town; towns: approximate
// CGCS2000 lon/lat of the real town centres, so the map reads like Daye.
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
    for (const auto& [order, amplitude, phase] : harmonics) factor += amplitude * std::sin(order * theta + phase);
    ring.push_back(centre + XY{scale * rx * factor * std::cos(theta), scale * ry * factor * std::sin(theta)});
  }
  return ring;
}

// Seeds spread over `region` near `around`: candidates closer than `spacing` to an earlier one
// are refused, so communities come out of similar size.
std::vector<XY> spreadSeeds(const GeosContext& geos, const GEOSGeometry* region, size_t count, double spacing,
                            Random& random) {
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

// `p` if it lies inside `shrunk` (the outline shrunk by the inset), else the nearest point that
// does.
XY insideBy(const GeosContext& geos, const GEOSGeometry* shrunk, XY p) {
  GeomPtr point = makePoint(geos, p);
  if (GEOSContains_r(geos.handle(), shrunk, point.get()) == 1) return p;
  GeomPtr boundary = geos.own(GEOSBoundary_r(geos.handle(), shrunk), "boundary");
  GEOSCoordSequence* nearest = GEOSNearestPoints_r(geos.handle(), boundary.get(), point.get());
  if (!nearest) throw std::runtime_error("datagen: no nearest point inside the outline");
  XY moved;
  GEOSCoordSeq_getXY_r(geos.handle(), nearest, 0, &moved.x, &moved.y);
  GEOSCoordSeq_destroy_r(geos.handle(), nearest);
  return moved;
}

double planarArea(const GeosContext& geos, const GEOSGeometry* geometry) {
  double area = 0;
  GEOSArea_r(geos.handle(), geometry, &area);
  return area;
}

// One township's village-level units: the core ones (communities, and 汪仁居委会, the town's
// residents' committee) tile the built-up part round the seat, the others the rest.
struct TownshipUnits {
  size_t township;
  std::vector<const Neighbourhood*> core, outer;
  GeomPtr coreRegion, outerRegion;
};

TownshipUnits unitsOf(const GeosContext& geos, const CityLayout& city, size_t index, const Places& places,
                      Random& random) {
  GEOSContextHandle_t h = geos.handle();
  const TownshipArea& township = city.townships[index];
  TownshipUnits units{index, {}, {}, nullptr, nullptr};
  for (const auto* list : {&places.communities, &places.villages})
    for (const Neighbourhood& unit : *list)
      if (unit.townshipCode == township.place.code)
        (unit.kind == "社区" || unit.kind == "居委会" ? units.core : units.outer).push_back(&unit);
  const auto clone = [&] { return geos.own(GEOSGeom_clone_r(h, township.polygon.get()), "clone"); };
  if (units.outer.empty()) {
    units.coreRegion = clone();
  } else if (units.core.empty()) {
    units.outerRegion = clone();
  } else {
    // Urban streets grow towards the old town; towns round their seat.
    const XY core =
        township.place.type == "街道" ? township.seat + (city.centre - township.seat) * 0.35 : township.seat;
    const double radius = 900.0 * std::sqrt(static_cast<double>(units.core.size())) + 600.0;
    GeomPtr disc = makePolygon(geos, lobedRing(core, radius, radius, 1.0, {{3, 0.1, random.uniform(0, 6)}}, 72));
    units.coreRegion = geos.own(GEOSIntersection_r(h, disc.get(), township.polygon.get()), "clip");
    units.outerRegion = geos.own(GEOSDifference_r(h, township.polygon.get(), disc.get()), "rest");
  }
  return units;
}

// A tiling zone of `members` units over `region`, seeded evenly.
TilingZone zoneOf(const GeosContext& geos, const GEOSGeometry* region, size_t members, double wiggle, int group,
                  Random& random) {
  const double spacing = 0.6 * std::sqrt(planarArea(geos, region) / static_cast<double>(members));
  return {region, spreadSeeds(geos, region, members, spacing, random), wiggle, group};
}

}  // namespace

CityLayout buildLayout(const GeosContext& geos, const Places& places, const Projection& projection, GeomPtr outline,
                       Random& random) {
  GEOSContextHandle_t h = geos.handle();
  CityLayout city;
  city.centre = projection.project(114.97, 30.10);
  city.outline = std::move(outline);

  GeomPtr shrunk = geos.own(GEOSBuffer_r(h, city.outline.get(), -kSeatInset, 8), "buffer");
  std::map<std::string, XY> seats;
  for (const SeatHint& hint : kSeats)
    seats[hint.code] = std::string(hint.code).compare(6, 1, "0") == 0
                           ? city.centre + XY{hint.a, hint.b}
                           : insideBy(geos, shrunk.get(), projection.project(hint.a, hint.b));

  // The urban area: a lobed disc round the old town, split among the 5 streets; the rest of the
  // county among the towns. One noding for both, so they meet vertex for vertex.
  GeomPtr urbanDisc = makePolygon(geos, lobedRing(city.centre, 6200, 6200, 1.0, {{2, 0.12, 0.4}, {3, 0.08, 1.9}}));
  city.urbanArea = geos.own(GEOSIntersection_r(h, urbanDisc.get(), city.outline.get()), "clip");
  GeomPtr rural = geos.own(GEOSDifference_r(h, city.outline.get(), city.urbanArea.get()), "rest");
  TilingZone streets{city.urbanArea.get(), {}, 350};
  TilingZone towns{rural.get(), {}, 2500};
  std::vector<const Township*> streetPlaces, townPlaces;
  for (const Township& township : places.townships) {
    auto seat = seats.find(township.code);
    if (seat == seats.end()) throw std::runtime_error("datagen: no seat for " + township.code);
    TilingZone& zone = township.type == "街道" ? streets : towns;
    GeomPtr point = makePoint(geos, seat->second);
    if (GEOSContains_r(h, zone.region, point.get()) != 1)
      throw std::runtime_error("datagen: the seat of " + township.name + " lies outside its zone");
    zone.seeds.push_back(seat->second);
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

  // The village-level units: per township a core zone (communities round the seat; all of
  // 东岳路 and 东风路, which have nothing else) and an outer one (villages), all noded in one
  // pass, so every unit shares its edges vertex for vertex with its neighbours.
  std::vector<TownshipUnits> groups;
  for (size_t t = 0; t < city.townships.size(); ++t) groups.push_back(unitsOf(geos, city, t, places, random));
  std::vector<TilingZone> zones;
  std::vector<std::pair<size_t, const std::vector<const Neighbourhood*>*>> zoneMembers;
  for (size_t g = 0; g < groups.size(); ++g) {
    const TownshipUnits& units = groups[g];
    const int group = static_cast<int>(g);
    if (!units.core.empty()) {
      zones.push_back(zoneOf(geos, units.coreRegion.get(), units.core.size(), 120, group, random));
      zoneMembers.emplace_back(g, &units.core);
    }
    if (!units.outer.empty()) {
      zones.push_back(zoneOf(geos, units.outerRegion.get(), units.outer.size(), 250, group, random));
      zoneMembers.emplace_back(g, &units.outer);
    }
  }
  auto unitTiles = tileZones(geos, zones, random);
  std::vector<std::vector<GeomPtr>> townshipParts(city.townships.size());
  for (size_t z = 0; z < zones.size(); ++z) {
    const auto& [t, members] = zoneMembers[z];
    for (size_t i = 0; i < members->size(); ++i) {
      const Neighbourhood& place = *(*members)[i];
      townshipParts[t].push_back(geos.own(GEOSGeom_clone_r(h, unitTiles[z][i].get()), "clone"));
      (place.kind == "社区" ? city.communities : city.villages)
          .push_back({place, city.townships[t].place.name, zones[z].seeds[i], std::move(unitTiles[z][i])});
    }
  }
  // Each township is the union of its units, so it carries every vertex that its units and its
  // neighbours' units put on its edges.
  for (size_t t = 0; t < city.townships.size(); ++t) {
    city.townships[t].polygon = coverageUnion(geos, std::move(townshipParts[t]));
  }
  const auto byCode = [](const auto& a, const auto& b) { return a.place.code < b.place.code; };
  std::sort(city.communities.begin(), city.communities.end(), byCode);
  std::sort(city.villages.begin(), city.villages.end(), byCode);

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
