#pragma once
// `--where` on an OGR layer: the fields it names checked against the layer up front, and each
// feature tested by our own evaluator (never by OGR's attribute filter, which pastes text into
// SQL for database sources).

#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/output_table.h"
#include "io/filter/filter_expression.h"

class OGRFeature;
class OGRFeatureDefn;

namespace urbangis {

// Throws InputError naming the layer and listing its fields when `expression` reads a field that
// is not among `fields`.
void requireFields(const FilterExpression& expression, const std::vector<std::string>& fields, const LayerSpec& spec);

// A cell as the filter language sees it: text, a number, or null.
FilterValue filterValueOf(const CellValue& cell);

class FeatureFilter {
 public:
  // Throws InputError naming the layer and its fields when the expression reads a field the
  // layer does not have.
  FeatureFilter(const FilterExpression& expression, OGRFeatureDefn& definition, const LayerSpec& spec);
  bool matches(OGRFeature& feature) const;

 private:
  const FilterExpression& expression_;
  OGRFeatureDefn& definition_;
};

}  // namespace urbangis
