#include "io/filter/feature_filter.h"

#include <ogrsf_frmts.h>

#include <algorithm>

#include "core/error.h"
#include "io/sources/feature_cells.h"

namespace urbangis {

void requireFields(const FilterExpression& expression, const std::vector<std::string>& fields, const LayerSpec& spec) {
  for (const std::string& field : expression.fields())
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
      std::string names;
      for (const std::string& name : fields) names += (names.empty() ? "" : ", ") + name;
      throw InputError(quotedFilter(expression.text()) + ": " + spec.where() + " has no field \"" + field +
                       "\"; its fields are: " + names);
    }
}

FilterValue filterValueOf(const CellValue& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* integer = std::get_if<int64_t>(&cell)) return static_cast<double>(*integer);
  if (const auto* real = std::get_if<double>(&cell)) return *real;
  return {};
}

FeatureFilter::FeatureFilter(const FilterExpression& expression, OGRFeatureDefn& definition, const LayerSpec& spec)
    : expression_(expression), definition_(definition) {
  std::vector<std::string> fields;
  for (int i = 0; i < definition.GetFieldCount(); ++i) fields.emplace_back(definition.GetFieldDefn(i)->GetNameRef());
  requireFields(expression, fields, spec);
}

bool FeatureFilter::matches(OGRFeature& feature) const {
  return expression_.matches([&](const std::string& field) -> FilterValue {
    const int index = definition_.GetFieldIndex(field.c_str());
    return filterValueOf(cellOf(feature, index, columnTypeOf(definition_.GetFieldDefn(index)->GetType())));
  });
}

}  // namespace urbangis
