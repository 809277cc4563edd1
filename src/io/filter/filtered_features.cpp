#include "io/filter/filtered_features.h"

#include "io/postgis/pg_feature_reader.h"
#include "io/postgis/pg_filter_pushdown.h"
#include "io/postgis/pg_layer_table.h"
#include "io/postgis/pg_source.h"
#include "io/postgis/postgis_connection.h"

namespace urbangis {

FilteredFeatures::FilteredFeatures(const LayerSpec& spec, OGRLayer& layer, const std::optional<FilterExpression>& where)
    : layer_(layer) {
  if (!where) {
    layer_.ResetReading();
    return;
  }
  filter_.emplace(*where, *layer.GetLayerDefn(), spec);  // unknown fields refused before any read
  if (!isPgSource(spec.resolvedSource)) {
    layer_.ResetReading();
    return;
  }
  PgConnection db(spec.resolvedSource);
  const std::string table = pgTableOf(spec);
  std::string whyNot = PgFeatureReader::unsupported(layer);
  PgPushdown plan;
  if (whyNot.empty()) {
    plan = planPgPushdown(db, table, *where);
    whyNot = plan.whyNot;
  }
  if (!plan.where) {
    note_ = "--where ran here, not in PostGIS: " + whyNot;
    layer_.ResetReading();
    return;
  }
  reader_ = std::make_unique<PgFeatureReader>(std::move(db), table, layer, *plan.where, plan.parameters,
                                              "reading " + spec.id + " --where " + where->text());
  note_ = "selected in PostGIS";
}

FilteredFeatures::~FilteredFeatures() = default;

OGRFeatureUniquePtr FilteredFeatures::next() {
  while (true) {
    OGRFeatureUniquePtr feature = reader_ ? reader_->next() : OGRFeatureUniquePtr(layer_.GetNextFeature());
    if (!feature) return nullptr;
    ++read_;
    if (!filter_ || filter_->matches(*feature)) return feature;
  }
}

}  // namespace urbangis
