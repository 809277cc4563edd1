#include "analysis/stats/feature_set.h"

#include <ogrsf_frmts.h>

#include <cmath>

#include "core/error.h"
#include "core/geometry_access.h"
#include "core/geometry_transform.h"
#include "io/sources/layer_times.h"
#include "io/sources/vector_source.h"

namespace urbangis {

FeatureSet loadFeatures(const LayerSpec& spec, const GeosContext& geos, const MeasureFrame& frame,
                        const TimeWindow& window, int dimension) {
  VectorSource source = openCatalogLayer(spec);
  ProjContext proj;
  const Crs sourceCrs(proj, layerCrsSpec(spec, *source.layer));
  const Crs working(proj, frame.working().spec());
  const bool needsTransform = !sameCrs(sourceCrs, working);
  std::optional<Transform> toWorking;
  if (needsTransform) toWorking.emplace(proj, sourceCrs, working);

  OGRFeatureDefn& definition = *source.layer->GetLayerDefn();
  const int idIndex = spec.idField.empty() ? -1 : definition.GetFieldIndex(spec.idField.c_str());
  const int timeIndex =
      window.active() && !spec.timeField.empty() ? definition.GetFieldIndex(spec.timeField.c_str()) : -1;
  std::vector<int> sumIndexes;
  for (const auto& field : spec.sumFields) sumIndexes.push_back(definition.GetFieldIndex(field.c_str()));

  FeatureSet set;
  GEOSContextHandle_t h = geos.handle();
  const TimeRules timeRules = timeIndex >= 0 ? timeRulesFor(spec, *source.layer) : declaredTimeRules(spec);
  source.layer->ResetReading();
  for (auto& feature : *source.layer) {
    if (timeIndex >= 0) {
      const ReadTime when = featureTime(*feature, timeIndex, timeRules);
      if (when.problem != TimeProblem::none)
        set.timeIssues.note(when.problem, "feature " + std::to_string(feature->GetFID()),
                            feature->GetFieldAsString(timeIndex));
      if (!window.holds(when.seconds)) {
        ++set.outsideWindow;
        continue;
      }
    }
    const OGRGeometry* geometry = feature->GetGeometryRef();
    GeomPtr converted = geometry && !geometry->IsEmpty() ? toGeos(geos, *geometry) : nullptr;
    if (!converted) {
      ++set.dropped;
      continue;
    }
    if (toWorking) converted = transformGeometry(geos, converted.get(), *toWorking);
    const bool wasValid = GEOSisValid_r(h, converted.get()) == 1;
    GeomPtr valid = repaired(geos, std::move(converted), dimension);
    if (!valid) {
      ++set.dropped;
      continue;
    }
    if (!wasValid)
      set.repaired.push_back(idIndex >= 0 ? feature->GetFieldAsString(idIndex)
                                          : "fid " + std::to_string(feature->GetFID()));
    std::vector<double> sums;
    for (int index : sumIndexes) {
      const double value = feature->IsFieldSetAndNotNull(index) ? feature->GetFieldAsDouble(index) : 0.0;
      sums.push_back(std::isnan(value) ? 0.0 : value);
    }
    primeForSharing(geos, valid.get());
    const Box box = envelopeOf(geos, valid.get());
    set.envelopes.push_back({box.minX, box.minY, box.maxX, box.maxY});
    set.geometries.push_back(std::move(valid));
    set.sums.push_back(std::move(sums));
  }
  return set;
}

}  // namespace urbangis
