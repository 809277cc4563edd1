// Point layers: street-order cases, billboard removals, muck sources, gas hazards and the
// fume and noise complaints (a CSV with lon/lat, as the hotline exports it).

#include <cmath>
#include <cstdio>

#include "datagen/layers.h"

namespace urbangis::datagen {
namespace {

std::string serial(const char* prefix, size_t index, int64_t scale) {
  char text[32];
  std::snprintf(text, sizeof text, "%s2023-%0*zu", prefix, scale > 1 ? 7 : 4, index + 1);
  return text;
}

}  // namespace

Table makeStreetOrderCases(const GeneratorContext& context, Random& random) {
  Sampler sample(context, random);
  Table table{"street_order",
              "市容秩序案件",
              wkbPoint,
              {{"case_no", FieldKind::text},
               {"type", FieldKind::text},
               {"date", FieldKind::date},
               {"fine", FieldKind::integer},
               {"status", FieldKind::text},
               {"road", FieldKind::text}},
              {}};
  const auto types =
      shuffledLabels({"出店经营", "占道经营", "乱停乱靠"}, scaled({372, 298, 170}, context.scale), random);
  // About half the cases end in a fine; the amounts (multiples of 5 yuan) total the report's.
  std::vector<double> fineWeights;
  for (size_t i = 0; i < types.size(); ++i)
    fineWeights.push_back(random.uniform() < 0.55 ? std::exp(0.7 * random.normal()) : 0.0);
  const auto fines = allocateExactly(148435 * context.scale, fineWeights, 5);
  for (size_t i = 0; i < types.size(); ++i) {
    std::string road;
    XY at;
    const double u = random.uniform();
    if (types[i] == "出店经营")
      at = u < 0.8 ? sample.frontage(9, &road) : sample.nearPlace("农贸市场", 100, true);
    else if (types[i] == "占道经营")
      at = u < 0.45   ? sample.nearPlace("农贸市场", 120, false)
           : u < 0.6  ? sample.nearPlace("学校", 60, false)
           : u < 0.85 ? sample.frontage(5, &road)
                      : sample.nearTownSeat(300);
    else
      at = u < 0.6   ? sample.frontage(6, &road)
           : u < 0.8 ? sample.nearPlace("学校", 70, true)
                     : sample.nearTownSeat(350);
    table.rows.push_back({makePoint(context.geos, at),
                          {serial("SZ", i, context.scale), types[i], sample.date(kSummerPeak), fines[i],
                           std::string("已整改"), road.empty() ? Value{} : Value{road}}});
  }
  return table;
}

Table makeBillboardRemovals(const GeneratorContext& context, Random& random) {
  Sampler sample(context, random);
  Table table{"billboards",
              "户外广告拆除",
              wkbPoint,
              {{"case_no", FieldKind::text},
               {"type", FieldKind::text},
               {"date", FieldKind::date},
               {"status", FieldKind::text},
               {"road", FieldKind::text}},
              {}};
  const auto types =
      shuffledLabels({"墙体", "高空", "路铭牌", "灯箱", "雨棚"}, scaled({18, 12, 6, 730, 8}, context.scale), random);
  for (size_t i = 0; i < types.size(); ++i) {
    std::string road;
    const double side = types[i] == "路铭牌" ? 4 : types[i] == "高空" ? 18 : 8;
    const XY at =
        types[i] == "灯箱" && random.uniform() < 0.1 ? sample.nearTownSeat(250) : sample.frontage(side, &road);
    table.rows.push_back({makePoint(context.geos, at),
                          {serial("GG", i, context.scale), types[i], sample.date(kEvenly), std::string("已拆除"),
                           road.empty() ? Value{} : Value{road}}});
  }
  return table;
}

Table makeMuckSources(const GeneratorContext& context, Random& random) {
  Sampler sample(context, random);
  Table table{
      "muck_sources",
      "渣土污染源",
      wkbPoint,
      {{"site_no", FieldKind::text}, {"kind", FieldKind::text}, {"date", FieldKind::date}, {"status", FieldKind::text}},
      {}};
  const auto kinds =
      shuffledLabels({"建筑工地", "运输抛撒", "消纳场", "搅拌站"}, scaled({40, 20, 6, 6}, context.scale), random);
  for (size_t i = 0; i < kinds.size(); ++i) {
    const XY at = random.uniform() < 0.75 ? sample.inFringe(random.uniform(60, 300)) : sample.nearTownSeat(1200);
    table.rows.push_back({makePoint(context.geos, at),
                          {serial("ZT", i, context.scale), kinds[i], sample.date(kEvenly), std::string("已查处")}});
  }
  return table;
}

Table makeGasHazards(const GeneratorContext& context, Random& random) {
  Sampler sample(context, random);
  Table table{"gas_hazards",
              "燃气隐患",
              wkbPoint,
              {{"case_no", FieldKind::text},
               {"type", FieldKind::text},
               {"found", FieldKind::date},
               {"fixed", FieldKind::date},
               {"status", FieldKind::text}},
              {}};
  const auto types = shuffledLabels({"管网隐患", "瓶装液化气", "餐饮场所", "户内设施"},
                                    scaled({260, 410, 330, 139}, context.scale), random);
  for (size_t i = 0; i < types.size(); ++i) {
    XY at;
    if (types[i] == "管网隐患" || types[i] == "户内设施")
      at = sample.inCommunity(5);  // pipelines and meters in the old communities
    else if (types[i] == "餐饮场所")
      at = random.uniform() < 0.6 ? sample.frontage(12) : sample.nearPlace("农贸市场", 150, false);
    else
      at = random.uniform() < 0.5 ? sample.inCommunity(3) : sample.nearTownSeat(500);
    const std::string found = sample.date(kWinterPeak);
    table.rows.push_back({makePoint(context.geos, at),
                          {serial("RQ", i, context.scale), types[i], found,
                           Sampler::addDays(found, 1 + static_cast<int>(random.index(25))), std::string("已整改")}});
  }
  return table;
}

Table makeComplaints(const GeneratorContext& context, Random& random) {
  Sampler sample(context, random);
  Table table{"complaints",
              "油烟噪音投诉",
              wkbNone,
              {{"case_no", FieldKind::text},
               {"type", FieldKind::text},
               {"lon", FieldKind::real},
               {"lat", FieldKind::real},
               {"opened", FieldKind::dateTime},
               {"closed", FieldKind::dateTime},
               {"handled", FieldKind::text},
               {"answered", FieldKind::text},
               {"satisfied", FieldKind::text},
               {"status", FieldKind::text}},
              {}};
  const auto types = shuffledLabels({"油烟", "噪音"}, scaled({121, 63}, context.scale), random);
  for (size_t i = 0; i < types.size(); ++i) {
    const double u = random.uniform();
    XY at;
    if (types[i] == "油烟")
      at = u < 0.25  ? sample.nearPlace("夜市", 80, true)
           : u < 0.7 ? sample.frontage(10)
                     : sample.nearPlace("农贸市场", 150, false);
    else
      at = u < 0.2   ? sample.nearPlace("夜市", 90, true)
           : u < 0.5 ? sample.frontage(12)
           : u < 0.8 ? sample.inCommunity(4)
                     : sample.nearPlace("学校", 120, false);
    const XY lonLat = context.projection.unproject(at);
    // Hotline records: opened mostly in the evening, closed within three days.
    const std::string day = sample.date(kSummerPeak);
    const int openedMinute =
        static_cast<int>(60 * (17 + 6 * random.uniform() * random.uniform() + (random.uniform() < 0.3 ? -8 : 0)));
    const int closedMinute = openedMinute + 120 + static_cast<int>(random.index(70 * 60));
    const auto stamp = [&](int minute) {
      char text[32];
      const std::string date = Sampler::addDays(day, minute / (24 * 60));
      std::snprintf(text, sizeof text, "%s %02d:%02d:00", date.c_str(), (minute / 60) % 24, minute % 60);
      return std::string(text);
    };
    table.rows.push_back({nullptr,
                          {serial("YY", i, context.scale), types[i], std::round(lonLat.x * 1e6) / 1e6,
                           std::round(lonLat.y * 1e6) / 1e6, stamp(openedMinute), stamp(closedMinute),
                           std::string("是"), std::string("是"), std::string("是"), std::string("已办结")}});
  }
  return table;
}

}  // namespace urbangis::datagen
