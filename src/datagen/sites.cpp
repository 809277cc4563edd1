// Polygon layers: demolition sites (city-run in the urban fringe, town-guided in the towns) and
// yellow-line vending zones (shop frontage, stall zones and the Hengda night market's stalls).

#include <cmath>
#include <cstdio>
#include <map>

#include "datagen/layers.h"

namespace urbangis::datagen {
namespace {

// Remembers placed footprints (as discs) on a coarse grid so new sites do not overlap them.
class Footprints {
 public:
  bool fits(XY centre, double radius) const {
    const auto [cx, cy] = cell(centre);
    for (int64_t dx = -1; dx <= 1; ++dx)
      for (int64_t dy = -1; dy <= 1; ++dy) {
        auto it = cells_.find({cx + dx, cy + dy});
        if (it == cells_.end()) continue;
        for (const auto& [other, otherRadius] : it->second)
          if (distance(centre, other) < radius + otherRadius) return false;
      }
    return true;
  }
  void add(XY centre, double radius) { cells_[cell(centre)].push_back({centre, radius}); }

 private:
  static constexpr double kCell = 200;  // larger than any site's diameter
  static std::pair<int64_t, int64_t> cell(XY p) {
    return {static_cast<int64_t>(std::floor(p.x / kCell)), static_cast<int64_t>(std::floor(p.y / kCell))};
  }
  std::map<std::pair<int64_t, int64_t>, std::vector<std::pair<XY, double>>> cells_;
};

std::string serial(const char* prefix, size_t index) {
  char text[32];
  std::snprintf(text, sizeof text, "%s2023-%05zu", prefix, index + 1);
  return text;
}

// A rectangle of `areaM2` ellipsoidal square metres: drawn in projected metres, then scaled
// by the ratio of wanted to measured area (the GK scale factor is about 1.0001 here).
GeomPtr siteOfArea(const GeneratorContext& context, XY centre, double areaM2, double aspect, double angle) {
  double width = std::sqrt(areaM2 * aspect), depth = std::sqrt(areaM2 / aspect);
  GeomPtr polygon = makePolygon(context.geos, rectangle(centre, width, depth, angle));
  const double k = std::sqrt(areaM2 / context.projection.area(context.geos, polygon.get()));
  return makePolygon(context.geos, rectangle(centre, width * k, depth * k, angle));
}

const char* const kSurnames[] = {"张", "王", "李", "刘", "陈", "杨", "黄", "周",
                                 "吴", "徐", "柯", "石", "胡", "余", "曹", "冯"};
const char* const kTrades[] = {"水果店", "便利店", "餐馆", "五金店", "烧烤",   "小吃",
                               "面馆",   "服装店", "药店", "早餐店", "粮油店", "蔬菜店"};

}  // namespace

Table makeDemolitions(const GeneratorContext& context, Random& random) {
  Sampler sample(context, random);
  Table table{"demolitions",
              "违建拆除",
              wkbPolygon,
              {{"site_no", FieldKind::text},
               {"kind", FieldKind::text},
               {"area_m2", FieldKind::integer},
               {"date", FieldKind::date},
               {"origin", FieldKind::text},
               {"stop_notice", FieldKind::integer},
               {"referral", FieldKind::integer},
               {"status", FieldKind::text}},
              {}};
  const int64_t s = context.scale;
  const size_t cityRun = static_cast<size_t>(188 * s), townGuided = static_cast<size_t>(21 * s);
  std::vector<double> weights;
  for (size_t i = 0; i < cityRun; ++i) weights.push_back(std::exp(0.8 * random.normal()));
  const auto cityAreas = allocateExactly(46574 * s, weights);
  weights.clear();
  for (size_t i = 0; i < townGuided; ++i) weights.push_back(std::exp(0.4 * random.normal()));
  const auto townAreas = allocateExactly(20000 * s, weights);
  // Where the city-run cases came from: the report's 32 public reports and 12 instructions.
  std::vector<int64_t> originCounts = {12 * s, 8 * s, 12 * s, 12 * s};
  originCounts.push_back(static_cast<int64_t>(cityRun) - 44 * s);
  const auto origins = shuffledLabels({"群众举报", "阳光信访", "市民热线", "批示件", "巡查发现"}, originCounts, random);
  const auto notices = shuffledLabels({"1", "0"}, {25 * s, static_cast<int64_t>(cityRun) - 25 * s}, random);
  const auto referrals = shuffledLabels({"1", "0"}, {23 * s, static_cast<int64_t>(cityRun) - 23 * s}, random);

  Footprints placed;
  for (size_t i = 0; i < cityRun + townGuided; ++i) {
    const bool town = i >= cityRun;
    const double area = static_cast<double>(town ? townAreas[i - cityRun] : cityAreas[i]);
    const double aspect = random.uniform(1.0, 2.5);
    const double radius = 0.5 * std::sqrt(area * (aspect + 1 / aspect)) + 5;
    XY centre;
    do {
      centre = town ? sample.nearTownSeat(900) : sample.inFringe(random.uniform(40, 220));
    } while (!placed.fits(centre, radius));
    placed.add(centre, radius);
    const double angle = random.uniform(0, 3.14159);
    Row row{siteOfArea(context, centre, area, aspect, angle),
            {serial("CW", i), std::string(town ? "乡镇指导" : "城区拆除"), static_cast<int64_t>(area),
             sample.date(kEvenly), town ? Value{std::string("乡镇上报")} : Value{origins[i]},
             int64_t{town ? 0 : notices[i] == "1"}, int64_t{town ? 0 : referrals[i] == "1"}, std::string("已拆除")}};
    table.rows.push_back(std::move(row));
  }
  return table;
}

Table makeYellowLineZones(const GeneratorContext& context, Random& random) {
  Sampler sample(context, random);
  Table table{"yellow_line",
              "文明黄线",
              wkbPolygon,
              {{"zone_no", FieldKind::text},
               {"kind", FieldKind::text},
               {"name", FieldKind::text},
               {"road", FieldKind::text},
               {"date", FieldKind::date},
               {"status", FieldKind::text}},
              {}};
  const int64_t s = context.scale;
  const auto add = [&](GeomPtr polygon, const char* kind, const std::string& name, const std::string& road) {
    const size_t index = table.rows.size();
    table.rows.push_back({std::move(polygon),
                          {serial("HX", index), std::string(kind), name, road.empty() ? Value{} : Value{road},
                           sample.date(kSummerPeak), std::string("已施划")}});
  };

  // Shop-front trade inside a painted line on the pavement in front of the shop.
  for (int64_t i = 0; i < 374 * s; ++i) {
    std::string road;
    double heading = 0;
    const XY at = sample.frontage(9, &road, &heading);
    const std::string name =
        std::string(kSurnames[random.index(std::size(kSurnames))]) + "记" + kTrades[random.index(std::size(kTrades))];
    add(makePolygon(context.geos, rectangle(at, random.uniform(4, 12), random.uniform(1.5, 3), heading)), "店外经营",
        name, road);
  }

  // Temporary stalls: rows of 2 m × 2 m pitches in a dozen marked zones by markets and schools.
  const size_t zones = static_cast<size_t>(12 * s);
  std::vector<double> zoneWeights;
  for (size_t z = 0; z < zones; ++z) zoneWeights.push_back(random.uniform(0.5, 1.5));
  const auto stallsPerZone = allocateExactly(285 * s, zoneWeights);
  for (size_t z = 0; z < zones; ++z) {
    const XY origin = sample.nearPlace(z % 3 == 2 ? "学校" : "农贸市场", 60, false);
    const double heading = 0.26 + (random.uniform() < 0.5 ? 0 : 1.5708);
    for (int64_t k = 0; k < stallsPerZone[z]; ++k) {
      const XY at = origin + rotated({2.4 * static_cast<double>(k % 20), 3.0 * static_cast<double>(k / 20)}, heading);
      char name[64];
      std::snprintf(name, sizeof name, "临时摊点%02zu-%02lld", z + 1, static_cast<long long>(k + 1));
      add(makePolygon(context.geos, rectangle(at, 2, 2, heading)), "临时摊点", name, "");
    }
  }

  // The Hengda night market: 190 allocated stalls in rows of 19, back to back across aisles.
  const XY market = context.network.nightMarket;
  const double heading = context.network.nightMarketAngle;
  for (int64_t k = 0; k < 190 * s; ++k) {
    const int64_t row = k / 19, column = k % 19;
    const XY at = market + rotated({2.8 * static_cast<double>(column) - 25.2,
                                    2.5 * static_cast<double>(row) + 3.5 * static_cast<double>(row / 2)},
                                   heading);
    char name[32];
    std::snprintf(name, sizeof name, "恒达夜市%03lld", static_cast<long long>(k + 1));
    add(makePolygon(context.geos, rectangle(at, 2.8, 2.5, heading)), "夜市摊位", name, "新冶大道");
  }
  return table;
}

}  // namespace urbangis::datagen
