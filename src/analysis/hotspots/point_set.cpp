#include "analysis/hotspots/point_set.h"

#include <ogr_geometry.h>

#include <cmath>

#include "core/error.h"
#include "io/sources/arrow_batches.h"
#include "io/sources/layer_times.h"
#include "io/sources/vector_source.h"

namespace urbangis {

PointSet loadPoints(const LayerSpec& spec, const CrsSpec& working, const std::string& weightField,
                    const TimeWindow& window) {
  if (window.active() && spec.timeField.empty())
    throw InputError(spec.where() + ": has no time_field in the catalog, so it cannot be limited to a time window");
  VectorSource source = openCatalogLayer(spec);
  if (!weightField.empty() && source.layer->GetLayerDefn()->GetFieldIndex(weightField.c_str()) < 0)
    throw InputError(spec.where() + ": no weight field \"" + weightField + "\"");
  ProjContext proj;
  const Crs from(proj, layerCrsSpec(spec, *source.layer)), to(proj, working);
  const Transform transform(proj, from, to);
  const bool needsTransform = !sameCrs(from, to);

  PointSet points;
  std::vector<std::string> fields;
  if (!weightField.empty()) fields.push_back(weightField);
  if (window.active() && spec.timeField != weightField) fields.push_back(spec.timeField);
  const TimeRules timeRules = window.active() ? timeRulesFor(spec, *source.layer) : declaredTimeRules(spec);
  TimeIssues timeIssues;
  const TimesByFid offsetTimes =
      window.active() ? offsetTimesByFid(*source.layer, spec.timeField, timeRules) : TimesByFid{};
  // Feature ids come along with the times: they find converted offsets and name bad values.
  ArrowBatchReader reader(*source.layer, fields, spec.where(), window.active());
  if (reader.geometryColumn() < 0) throw InputError(spec.where() + ": the layer has no geometry");
  const int weightColumn = weightField.empty() ? -1 : reader.fieldColumn(weightField);
  const int timeColumn = window.active() ? reader.fieldColumn(spec.timeField) : -1;
  OGRPoint scratch;
  int64_t row = 0;
  while (auto batch = reader.next()) {
    const ArrowColumn geometry(*batch, reader.geometryColumn());
    std::optional<ArrowColumn> weights;
    if (weightColumn >= 0) weights.emplace(*batch, weightColumn);
    std::optional<ArrowColumn> times;
    if (timeColumn >= 0) times.emplace(*batch, timeColumn);
    std::optional<ArrowColumn> fids;
    if (reader.fidColumn() >= 0) fids.emplace(*batch, reader.fidColumn());
    const size_t first = points.x.size();
    for (int64_t i = 0; i < batch->size(); ++i, ++row) {
      double x = 0, y = 0;
      if (!geometry.point(i, scratch, x, y)) {
        ++points.withoutPoint;
        continue;
      }
      if (times) {
        const ReadTime when = arrowTime(*times, fids ? &*fids : nullptr, i, timeRules, offsetTimes);
        if (when.problem != TimeProblem::none)
          timeIssues.note(when.problem, fids ? "feature " + fids->text(i) : "row " + std::to_string(row + 1),
                          times->text(i));
        if (!window.holds(when.seconds)) {
          ++points.outsideWindow;
          continue;
        }
      }
      double w = 1.0;
      if (weights) {
        w = weights->isNull(i) ? 0.0 : weights->number(i);
        if (!std::isfinite(w))
          throw InputError(spec.where() + ": feature " + std::to_string(row + 1) + " has a weight \"" + weightField +
                           "\" that is not a finite number (NaN or infinite); "
                           "fix the value or leave the field empty (read as 0)");
      }
      points.x.push_back(x);
      points.y.push_back(y);
      points.weight.push_back(w);
    }
    if (needsTransform &&
        transform.applyLenient(points.x.data() + first, points.y.data() + first, points.x.size() - first) > 0) {
      // Points outside the CRS's area of use cannot be placed: drop them, counted.
      size_t kept = first;
      for (size_t k = first; k < points.x.size(); ++k) {
        if (!std::isfinite(points.x[k])) {
          ++points.withoutPoint;
          continue;
        }
        points.x[kept] = points.x[k];
        points.y[kept] = points.y[k];
        points.weight[kept++] = points.weight[k];
      }
      points.x.resize(kept);
      points.y.resize(kept);
      points.weight.resize(kept);
    }
  }
  if (points.withoutPoint > 0)
    points.warnings.push_back(spec.id + ": skipped " + std::to_string(points.withoutPoint) +
                              " features without a usable point");
  if (timeIssues.count() > 0) points.warnings.push_back(timeIssues.warning(spec, spec.timeField));
  return points;
}

}  // namespace urbangis
