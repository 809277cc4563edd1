#include "datagen/layers.h"

namespace urbangis::datagen {

namespace {
GeomPtr clone(const GeosContext& geos, const GEOSGeometry* geometry) {
  return geos.own(GEOSGeom_clone_r(geos.handle(), geometry), "clone");
}
}  // namespace

Table makeDistricts(const GeneratorContext& context) {
  Table table{"districts", "乡镇街道", wkbMultiPolygon,
              {{"code", FieldKind::text}, {"name", FieldKind::text}, {"type", FieldKind::text}},
              {}};
  for (const auto& township : context.city.townships)
    table.rows.push_back({clone(context.geos, township.polygon.get()),
                          {township.place.code, township.place.name, township.place.type}});
  return table;
}

Table makeCommunities(const GeneratorContext& context) {
  Table table{"communities", "社区",
              wkbMultiPolygon,
              {{"code", FieldKind::text},
               {"name", FieldKind::text},
               {"township_code", FieldKind::text},
               {"township", FieldKind::text},
               {"cable_2023", FieldKind::integer}},
              {}};
  // Clipped to the township in lon/lat, as stored: a vertex that lies on a township edge in
  // projected metres lies a hair off it after projection, which would leave slivers outside.
  table.lonLat = true;
  const auto& geos = context.geos;
  for (const auto& community : context.city.communities) {
    const TownshipArea* township = nullptr;
    for (const auto& candidate : context.city.townships)
      if (candidate.place.code == community.place.townshipCode) township = &candidate;
    GeomPtr inside = geos.own(
        GEOSIntersection_r(geos.handle(),
                           context.projection.toLonLat(geos, community.polygon.get()).get(),
                           context.projection.toLonLat(geos, township->polygon.get()).get()),
        "clip");
    table.rows.push_back({std::move(inside),
                          {community.place.code, community.place.name,
                           community.place.townshipCode, community.townshipName,
                           int64_t{community.cableProgramme ? 1 : 0}}});
  }
  return table;
}

Table makeRoads(const GeneratorContext& context) {
  Table table{"roads", "道路",
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
