// The city-component inventory (城市部件普查): manhole covers, street lamps, litter bins,
// hydrants and bus shelters, each with its condition at the 2023 survey. Not in the bureau's
// report (an inventory is not a year's cases); counts are plausible for a county town.

#include <cstdio>

#include "datagen/layers.h"

namespace urbangis::datagen {

Table makeAssets(const GeneratorContext& context, Random& random) {
  Sampler sample(context, random);
  Table table{"assets",
              "城市部件",
              wkbPoint,
              {{"asset_no", FieldKind::text},
               {"class", FieldKind::text},
               {"condition", FieldKind::text},
               {"road", FieldKind::text},
               {"surveyed", FieldKind::date}},
              {}};
  const auto classes = shuffledLabels({"井盖", "路灯", "果皮箱", "消防栓", "公交站亭"},
                                      scaled({2400, 1800, 900, 320, 120}, context.scale), random);
  for (size_t i = 0; i < classes.size(); ++i) {
    const std::string& kind = classes[i];
    std::string road;
    XY at;
    // Covers lie in the carriageway and pavement, lamps and shelters at the kerb, bins on the
    // pavement and at markets and schools, hydrants at the kerb and inside communities.
    if (kind == "井盖")
      at = random.uniform() < 0.85 ? sample.frontage(3, &road) : sample.inCommunity(2);
    else if (kind == "路灯")
      at = sample.frontage(9, &road);
    else if (kind == "果皮箱")
      at = random.uniform() < 0.8 ? sample.frontage(6, &road) : sample.nearPlace("农贸市场", 80, false);
    else if (kind == "消防栓")
      at = random.uniform() < 0.6 ? sample.frontage(8, &road) : sample.inCommunity(3);
    else
      at = sample.frontage(7, &road);
    // Condition at the survey: covers go missing, lamps and bins get damaged.
    const double u = random.uniform();
    const double damaged = kind == "果皮箱" ? 0.12 : kind == "路灯" ? 0.07 : 0.05;
    const double missing = kind == "井盖" ? 0.015 : kind == "果皮箱" ? 0.02 : 0.0;
    const char* condition = u < missing ? "丢失" : u < missing + damaged ? "破损" : "完好";
    char number[32];
    std::snprintf(number, sizeof number, "BJ%07zu", i + 1);
    table.rows.push_back({makePoint(context.geos, at),
                          {std::string(number), kind, std::string(condition), road.empty() ? Value{} : Value{road},
                           sample.date(kEvenly)}});
  }
  return table;
}

}  // namespace urbangis::datagen
