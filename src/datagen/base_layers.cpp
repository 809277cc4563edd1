#include <algorithm>

#include "datagen/layers.h"

namespace urbangis::datagen {

namespace {
GeomPtr clone(const GeosContext& geos, const GEOSGeometry* geometry) {
  return geos.own(GEOSGeom_clone_r(geos.handle(), geometry), "clone");
}
}  // namespace

Table makeDistricts(const GeneratorContext& context) {
  Table table{"districts",
              "乡镇街道",
              wkbMultiPolygon,
              {{"code", FieldKind::text}, {"name", FieldKind::text}, {"type", FieldKind::text}},
              {}};
  for (const auto& township : context.city.townships)
    table.rows.push_back(
        {clone(context.geos, township.polygon.get()), {township.place.code, township.place.name, township.place.type}});
  return table;
}

namespace {

// A village-level layer: code, name and township of each unit; communities (all 社区) add their
// cable programme flag, villages and neighbourhoods the kind of unit (村, 居委会, 生产队, …).
enum class Extra { cableFlag, kind };

Table neighbourhoodTable(const GeneratorContext& context, const char* name, const char* title,
                         const std::vector<const NeighbourhoodArea*>& units, Extra extra) {
  Table table{name,
              title,
              wkbMultiPolygon,
              {{"code", FieldKind::text},
               {"name", FieldKind::text},
               {"township_code", FieldKind::text},
               {"township", FieldKind::text},
               extra == Extra::kind ? Field{"kind", FieldKind::text} : Field{"cable_2023", FieldKind::integer}},
              {}};
  // Stored as drawn: units and townships come from one noding, so they share every vertex in
  // projected metres, and so in lon/lat too.
  for (const auto* unit : units)
    table.rows.push_back(
        {clone(context.geos, unit->polygon.get()),
         {unit->place.code, unit->place.name, unit->place.townshipCode, unit->townshipName,
          extra == Extra::kind ? Value{unit->place.kind} : Value{int64_t{unit->cableProgramme ? 1 : 0}}}});
  return table;
}

std::vector<const NeighbourhoodArea*> byCode(std::vector<const std::vector<NeighbourhoodArea>*> lists) {
  std::vector<const NeighbourhoodArea*> units;
  for (const auto* list : lists)
    for (const auto& unit : *list) units.push_back(&unit);
  std::sort(units.begin(), units.end(), [](const auto* a, const auto* b) { return a->place.code < b->place.code; });
  return units;
}

}  // namespace

Table makeCommunities(const GeneratorContext& context) {
  return neighbourhoodTable(context, "communities", "社区", byCode({&context.city.communities}), Extra::cableFlag);
}

Table makeVillages(const GeneratorContext& context) {
  return neighbourhoodTable(context, "villages", "村", byCode({&context.city.villages}), Extra::kind);
}

Table makeNeighbourhoods(const GeneratorContext& context) {
  return neighbourhoodTable(context, "neighbourhoods", "村居",
                            byCode({&context.city.communities, &context.city.villages}), Extra::kind);
}

Table makeRoads(const GeneratorContext& context) {
  Table table{"roads",
              "道路",
              wkbLineString,
              {{"name", FieldKind::text},
               {"class", FieldKind::text},
               {"oneway", FieldKind::integer},
               {"community", FieldKind::text}},
              {}};
  for (const auto& road : context.network.roads)
    table.rows.push_back({makeLine(context.geos, road.line),
                          {road.name, road.roadClass, int64_t{road.oneway ? 1 : 0},
                           road.community.empty() ? Value{} : Value{road.community}}});
  return table;
}

}  // namespace urbangis::datagen
