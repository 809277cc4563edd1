#include "datagen/roads.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace urbangis::datagen {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kGridAngle = 0.26;  // the old town's street grid is turned about 15°

struct UrbanRoad {
  const char* name;
  bool arterial;
  bool oneway;
};
// Running east–west (12), then north–south (13).
constexpr UrbanRoad kEastWest[] = {{"城北大道", true, false}, {"青龙路", false, false},  {"人民路", false, false},
                                   {"新冶大道", true, false}, {"新街", false, true},     {"东岳路", true, false},
                                   {"建设路", false, false},  {"大冶大道", true, false}, {"桂花路", false, false},
                                   {"振华路", false, false},  {"湛月路", true, false},   {"府前路", false, false}};
constexpr UrbanRoad kNorthSouth[] = {{"尹家湖路", false, false}, {"罗桥路", true, false},   {"银山路", false, false},
                                     {"纺织路", false, false},   {"华夏路", true, false},   {"中心路", false, true},
                                     {"东风路", true, false},    {"和平路", false, false},  {"金湖大道", true, false},
                                     {"铜都路", false, false},   {"雨润大道", true, false}, {"沿湖路", false, false},
                                     {"熊家洲路", false, false}};

// A gently curving street across the old town, `offset` metres from the centre line of its
// family, reaching `reach` metres from the centre.
std::vector<XY> urbanStreet(XY centre, double angle, double offset, double reach, Random& random) {
  const double half = std::sqrt(std::max(reach * reach - offset * offset, 1e6));
  const double phase1 = random.uniform(0, 2 * kPi), phase2 = random.uniform(0, 2 * kPi);
  std::vector<XY> line;
  for (double t = -half; t < half + 1; t += 150) {
    const double tt = std::min(t, half);
    const double bend = 60 * std::sin(tt / 1300 + phase1) + 20 * std::sin(tt / 470 + phase2);
    line.push_back(centre + rotated({tt, offset + bend}, angle));
  }
  return line;
}

// A country road from `from` to `to`, meandering sideways by up to 6 % of its length (times
// `meander`).
std::vector<XY> countryRoad(XY from, XY to, Random& random, double meander = 1) {
  const double length = distance(from, to);
  const XY normal{-(to.y - from.y) / length, (to.x - from.x) / length};
  const double a1 = random.uniform(-0.06, 0.06) * length * meander, a2 = random.uniform(-0.02, 0.02) * length * meander;
  const int steps = std::max(2, static_cast<int>(length / 300));
  std::vector<XY> line;
  for (int k = 0; k <= steps; ++k) {
    const double t = static_cast<double>(k) / steps;
    const double side = a1 * std::sin(kPi * t) + a2 * std::sin(3 * kPi * t);
    line.push_back(k == steps ? to : from + (to - from) * t + normal * side);
  }
  return line;
}

// Whether `line` stays inside `area` (a prepared polygon).
bool staysInside(const GeosContext& geos, const GEOSPreparedGeometry* area, const std::vector<XY>& line) {
  GeomPtr geometry = makeLine(geos, line);
  return GEOSPreparedCovers_r(geos.handle(), area, geometry.get()) == 1;
}

// Country roads stay this far inside the county's edge.
constexpr double kRoadInset = 150;

// Inserts the point of `line` nearest to `p` as a vertex and returns it, so another road can
// end exactly on this one.
XY insertNearestVertex(std::vector<XY>& line, XY p, double* distanceOut) {
  double best = std::numeric_limits<double>::max();
  size_t segment = 0;
  XY nearest = line.front();
  for (size_t i = 1; i < line.size(); ++i) {
    const XY a = line[i - 1], d = line[i] - a;
    const double lengthSquared = d.x * d.x + d.y * d.y;
    const double t =
        lengthSquared > 0 ? std::clamp(((p.x - a.x) * d.x + (p.y - a.y) * d.y) / lengthSquared, 0.0, 1.0) : 0.0;
    const XY candidate = a + d * t;
    if (distance(candidate, p) < best) {
      best = distance(candidate, p);
      segment = i;
      nearest = candidate;
    }
  }
  if (distanceOut) *distanceOut = best;
  const bool isVertex = (nearest.x == line[segment - 1].x && nearest.y == line[segment - 1].y) ||
                        (nearest.x == line[segment].x && nearest.y == line[segment].y);
  if (!isVertex) line.insert(line.begin() + static_cast<std::ptrdiff_t>(segment), nearest);
  return nearest;
}

}  // namespace

std::string shortName(const std::string& township) {
  for (const char* suffix : {"街道", "管理区", "管理处", "镇", "乡"}) {
    const std::string s = suffix;
    if (township.size() > s.size() && township.compare(township.size() - s.size(), s.size(), s) == 0)
      return township.substr(0, township.size() - s.size());
  }
  return township;
}

RoadNetwork buildRoads(const GeosContext& geos, const CityLayout& city, Random& random) {
  RoadNetwork network;
  for (size_t i = 0; i < std::size(kEastWest); ++i) {
    const UrbanRoad& road = kEastWest[i];
    const double offset = -3850.0 + 700.0 * static_cast<double>(i);
    network.roads.push_back({road.name, road.arterial ? "主干道" : "次干道", road.oneway,
                             urbanStreet(city.centre, kGridAngle, -offset, road.arterial ? 5600 : 4700, random), ""});
  }
  for (size_t j = 0; j < std::size(kNorthSouth); ++j) {
    const UrbanRoad& road = kNorthSouth[j];
    const double offset = -3900.0 + 650.0 * static_cast<double>(j);
    network.roads.push_back(
        {road.name, road.arterial ? "主干道" : "次干道", road.oneway,
         urbanStreet(city.centre, kGridAngle + kPi / 2, -offset, road.arterial ? 5600 : 4700, random), ""});
  }
  network.namedUrbanCount = network.roads.size();

  // County roads, inside the county: town by town, the seat nearest to the network reached so
  // far (the ends of the urban roads, the seats already linked) is linked to it by a road that
  // does not leave the county; neighbouring seats (in angle round the old town) are linked too
  // where such a road can be drawn.
  GeomPtr inset = geos.own(GEOSBuffer_r(geos.handle(), city.outline.get(), -kRoadInset, 8), "buffer");
  GeomPtr deepInset = geos.own(GEOSBuffer_r(geos.handle(), city.outline.get(), -2 * kRoadInset, 8), "buffer");
  const PreparedPtr county = geos.prepare(inset.get()), deepCounty = geos.prepare(deepInset.get());
  std::vector<XY> reached;
  for (const Road& road : network.roads) {
    reached.push_back(road.line.front());
    reached.push_back(road.line.back());
  }
  std::vector<const TownshipArea*> towns;
  for (const auto& township : city.townships)
    if (township.place.type != "街道") towns.push_back(&township);
  std::vector<const TownshipArea*> unlinked = towns;
  while (!unlinked.empty()) {
    size_t bestTown = 0;
    XY bestStart{};
    double best = std::numeric_limits<double>::max();
    for (size_t t = 0; t < unlinked.size(); ++t)
      for (const XY& start : reached) {
        const double length = distance(start, unlinked[t]->seat);
        if (length < best && staysInside(geos, deepCounty.get(), {start, unlinked[t]->seat})) {
          best = length;
          bestTown = t;
          bestStart = start;
        }
      }
    if (best == std::numeric_limits<double>::max())
      throw std::runtime_error("datagen: no road inside the county reaches " + unlinked.front()->place.name);
    const TownshipArea* town = unlinked[bestTown];
    std::vector<XY> line = countryRoad(bestStart, town->seat, random);
    if (!staysInside(geos, county.get(), line)) line = countryRoad(bestStart, town->seat, random, 0);
    network.roads.push_back({shortName(town->place.name) + "公路", "乡道", false, line, ""});
    reached.push_back(town->seat);
    unlinked.erase(unlinked.begin() + static_cast<std::ptrdiff_t>(bestTown));
  }
  std::sort(towns.begin(), towns.end(), [&](const auto* a, const auto* b) {
    return std::atan2(a->seat.y - city.centre.y, a->seat.x - city.centre.x) <
           std::atan2(b->seat.y - city.centre.y, b->seat.x - city.centre.x);
  });
  for (size_t i = 0; i < towns.size(); ++i) {
    const TownshipArea* a = towns[i];
    const TownshipArea* b = towns[(i + 1) % towns.size()];
    if (distance(a->seat, b->seat) > 26000) continue;
    const std::string name = shortName(a->place.name).substr(0, 3) + shortName(b->place.name).substr(0, 3) + "线";
    std::vector<XY> line = countryRoad(a->seat, b->seat, random);
    if (!staysInside(geos, county.get(), line)) line = countryRoad(a->seat, b->seat, random, 0);
    if (staysInside(geos, county.get(), line)) network.roads.push_back({name, "乡道", false, line, ""});
  }

  // Lanes through the cable programme's communities, each ending on a vertex of the nearest
  // named urban road.
  for (const CommunityArea& community : city.communities) {
    if (!community.cableProgramme) continue;
    const XY inside = pointOnSurface(geos, community.polygon.get());
    size_t nearestRoad = 0;
    double best = std::numeric_limits<double>::max();
    for (size_t r = 0; r < network.namedUrbanCount; ++r) {
      std::vector<XY> probe = network.roads[r].line;
      double d = 0;
      insertNearestVertex(probe, inside, &d);
      if (d < best) {
        best = d;
        nearestRoad = r;
      }
    }
    const XY junction = insertNearestVertex(network.roads[nearestRoad].line, inside, nullptr);
    const XY along = rotated({random.uniform(150, 320), 0},
                             kGridAngle + (random.uniform() < 0.5 ? 0 : kPi / 2) + (random.uniform() < 0.5 ? 0 : kPi));
    std::vector<XY> lane{junction};
    if (distance(junction, inside) > 40) lane.push_back(inside);
    lane.push_back(lane.back() + along);
    std::string name = community.place.name;
    if (auto at = name.find("社区"); at != std::string::npos) name.erase(at);
    network.roads.push_back({name + "巷", "支路", false, lane, community.place.name});
  }

  // Where people gather: markets and schools along the old town's roads, one of each by every
  // town seat, and the Hengda night market on 新冶大道 east of the centre.
  for (int i = 0; i < 9; ++i) {
    const Road& road = network.roads[random.index(network.namedUrbanCount)];
    double direction = 0;
    const double along = lineLength(road.line) * random.uniform(0.25, 0.75);
    const XY at = pointAlong(road.line, along, &direction) + rotated({0, 25}, direction);
    network.places.push_back({"农贸市场", road.name + "农贸市场", at});
  }
  for (int i = 0; i < 11; ++i) {
    const Road& road = network.roads[random.index(network.namedUrbanCount)];
    double direction = 0;
    const double along = lineLength(road.line) * random.uniform(0.2, 0.8);
    const XY at = pointAlong(road.line, along, &direction) + rotated({0, -40}, direction);
    network.places.push_back({"学校", road.name + "学校", at});
  }
  for (const TownshipArea* town : towns) {
    const std::string name = shortName(town->place.name);
    network.places.push_back({"农贸市场", name + "农贸市场", town->seat + XY{180, 90}});
    network.places.push_back({"学校", name + "中心小学", town->seat + XY{-220, 160}});
  }
  const Road& xinye = network.roads[3];  // 新冶大道
  double direction = 0;
  network.nightMarket = pointAlong(xinye.line, lineLength(xinye.line) * 0.58, &direction) + rotated({0, 45}, direction);
  network.nightMarketAngle = direction;
  network.places.push_back({"夜市", "恒达夜市", network.nightMarket});
  return network;
}

}  // namespace urbangis::datagen
