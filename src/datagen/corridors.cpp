// Cable-remediation corridors: stretches of the 25 named urban roads and the lanes of the 40
// programme communities, carrying the year's bundled, replaced, removed and dead-cable metres.

#include <cstdio>

#include "datagen/layers.h"

namespace urbangis::datagen {

Table makeCableCorridors(const GeneratorContext& context, Random& random) {
  Sampler sample(context, random);
  Table table{"cable_corridors",
              "空中线缆整治",
              wkbLineString,
              {{"corridor_no", FieldKind::text},
               {"kind", FieldKind::text},
               {"road", FieldKind::text},
               {"community", FieldKind::text},
               {"bundled_m", FieldKind::integer},
               {"replaced_fibre_m", FieldKind::integer},
               {"strand_removed_m", FieldKind::integer},
               {"dead_cable_m", FieldKind::integer},
               {"signs", FieldKind::integer},
               {"date", FieldKind::date},
               {"status", FieldKind::text}},
              {}};
  struct Piece {
    std::vector<XY> line;
    const Road* road;
  };
  std::vector<Piece> pieces;
  for (const Road& road : context.network.roads) {
    const bool urban =
        &road - context.network.roads.data() < static_cast<std::ptrdiff_t>(context.network.namedUrbanCount);
    if (!urban && road.community.empty()) continue;
    // Roads are done in 1–3 stretches with gaps between; lanes whole. More pieces at scale.
    const int64_t count = (road.community.empty() ? 1 + static_cast<int64_t>(random.index(3)) : 1) * context.scale;
    const double length = lineLength(road.line);
    const double covered = road.community.empty() ? random.uniform(0.6, 0.95) : 1.0;
    const double gap = (1 - covered) * length / static_cast<double>(count + 1);
    const double step = covered * length / static_cast<double>(count);
    for (int64_t k = 0; k < count; ++k) {
      const double from = gap * static_cast<double>(k + 1) + step * static_cast<double>(k);
      pieces.push_back({subLine(road.line, from, from + step), &road});
    }
  }
  std::vector<double> byLength, signWeights;
  for (const Piece& piece : pieces) {
    byLength.push_back(lineLength(piece.line) * random.uniform(0.8, 1.2) *
                       (piece.road->community.empty() ? 1.0 : 2.5));  // lanes carry more cable
    signWeights.push_back(random.uniform() < 0.4 ? random.uniform(0.5, 1.5) : 0.0);
  }
  const int64_t s = context.scale;
  const auto bundled = allocateExactly(250000 * s, byLength);
  const auto replaced = allocateExactly(21000 * s, byLength);
  const auto strand = allocateExactly(11000 * s, byLength);
  const auto dead = allocateExactly(20000 * s, byLength);
  const auto signs = allocateExactly(30 * s, signWeights);
  for (size_t i = 0; i < pieces.size(); ++i) {
    const Road& road = *pieces[i].road;
    char number[32];
    std::snprintf(number, sizeof number, "XL2023-%04zu", i + 1);
    table.rows.push_back({makeLine(context.geos, pieces[i].line),
                          {std::string(number), std::string(road.community.empty() ? "道路" : "社区"), road.name,
                           road.community.empty() ? Value{} : Value{road.community}, bundled[i], replaced[i], strand[i],
                           dead[i], signs[i], sample.date(kEvenly), std::string("已完成")}});
  }
  return table;
}

}  // namespace urbangis::datagen
