#include "render/catalog_layers.h"

#include <ogrsf_frmts.h>

#include <algorithm>

#include "analysis/zones/zones.h"
#include "core/error.h"
#include "io/sources/vector_source.h"

namespace urbangis {

CrsSpec mapCrsFor(const Catalog& catalog) {
  for (const LayerSpec& spec : catalog.layers)
    if (spec.isVector()) {
      bool chosen = false;
      return workingCrsFor(catalog, spec, chosen);
    }
  if (catalog.crs) return *catalog.crs;
  throw InputError(catalog.file.string() + ": a map needs a vector layer or a catalog crs");
}

MapExtent zoneExtent(const Catalog& catalog, const std::string& zoneId, const std::string& zonesLayer,
                     const CrsSpec& working) {
  std::vector<const LayerSpec*> searched;
  for (const LayerSpec& spec : catalog.layers)
    if (spec.role == LayerRole::zones && (zonesLayer.empty() || spec.id == zonesLayer)) searched.push_back(&spec);
  if (!zonesLayer.empty() && searched.empty()) (void)catalog.layer(zonesLayer);  // names the ids it has
  ProjContext proj;
  for (const LayerSpec* spec : searched) {
    VectorSource source = openCatalogLayer(*spec);
    OGRFeatureDefn& definition = *source.layer->GetLayerDefn();
    const int idIndex = spec->idField.empty() ? -1 : definition.GetFieldIndex(spec->idField.c_str());
    for (auto& feature : *source.layer) {
      const std::string id = idIndex >= 0 ? feature->GetFieldAsString(idIndex) : std::to_string(feature->GetFID());
      const OGRGeometry* geometry = feature->GetGeometryRef();
      if (id != zoneId || !geometry) continue;
      OGREnvelope envelope;
      geometry->getEnvelope(&envelope);
      const Transform toWorking(proj, Crs(proj, layerCrsSpec(*spec, *source.layer)), Crs(proj, working));
      double xs[4] = {envelope.MinX, envelope.MaxX, envelope.MinX, envelope.MaxX};
      double ys[4] = {envelope.MinY, envelope.MinY, envelope.MaxY, envelope.MaxY};
      toWorking.apply(xs, ys, 4);
      return MapExtent{*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4), *std::max_element(xs, xs + 4),
                       *std::max_element(ys, ys + 4)}
          .grownBy(0.05);
    }
  }
  std::string names;
  for (const LayerSpec* spec : searched) names += (names.empty() ? "" : ", ") + spec->id;
  throw InputError("--extent " + zoneId + ": no zone with that id in " +
                   (names.empty() ? "the catalog (it has no zones layer)" : names));
}

MapExtent lonLatExtent(double west, double south, double east, double north, const CrsSpec& working) {
  if (!(west < east) || !(south < north))
    throw InputError("--bbox: expected WEST,SOUTH,EAST,NORTH with west < east and south < north");
  ProjContext proj;
  const Transform toWorking(proj, Crs(proj, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"}), Crs(proj, working));
  double xs[4] = {west, east, west, east}, ys[4] = {south, south, north, north};
  toWorking.apply(xs, ys, 4);
  return {*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4), *std::max_element(xs, xs + 4),
          *std::max_element(ys, ys + 4)};
}

}  // namespace urbangis
