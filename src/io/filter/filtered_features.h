#pragma once
// The features of a catalog layer that a `--where` selects (all of them without one), read once.
// On a PostGIS layer the filter runs inside PostgreSQL when it can select exactly what our
// evaluator selects (io/postgis/pg_filter_pushdown.h): one query of ours, literals bound as parameters,
// only matching rows cross the network (io/postgis/pg_feature_reader.h). Otherwise OGR reads the layer
// unfiltered — never given the filter, which its PostgreSQL driver would paste into SQL — and our
// evaluator tests each feature. The evaluator also checks what PostgreSQL returns, as a guard.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <ogrsf_frmts.h>

#include "core/catalog.h"
#include "io/filter/feature_filter.h"
#include "io/filter/filter_expression.h"

namespace urbangis {

class PgFeatureReader;

class FilteredFeatures {
 public:
  // `layer`: the catalog layer as openCatalogLayer opened it. Throws InputError naming the layer
  // and its fields when `where` reads a field the layer does not have.
  FilteredFeatures(const LayerSpec& spec, OGRLayer& layer, const std::optional<FilterExpression>& where);
  ~FilteredFeatures();
  FilteredFeatures(const FilteredFeatures&) = delete;
  FilteredFeatures& operator=(const FilteredFeatures&) = delete;

  // The next matching feature in the layer's order (the primary key's, when PostgreSQL filters),
  // or nullptr after the last.
  OGRFeatureUniquePtr next();

  // Features read from the source so far: the whole layer, or only the matches when pushed down.
  int64_t read() const { return read_; }
  bool pushedDown() const { return reader_ != nullptr; }
  // For the user, on a PostGIS layer with a filter: "selected in PostGIS", or where it ran and
  // why not in PostGIS. "" for other sources or without a filter.
  const std::string& note() const { return note_; }

 private:
  OGRLayer& layer_;
  std::optional<FeatureFilter> filter_;
  std::unique_ptr<PgFeatureReader> reader_;
  int64_t read_ = 0;
  std::string note_;
};

}  // namespace urbangis
