#include "io/feature_filter.h"

#include <ogrsf_frmts.h>

#include "core/error.h"
#include "io/feature_cells.h"

namespace urbangis {

FeatureFilter::FeatureFilter(const FilterExpression& expression, OGRFeatureDefn& definition, const LayerSpec& spec)
    : expression_(expression), definition_(definition) {
  for (const auto& field : expression.fields())
    if (definition.GetFieldIndex(field.c_str()) < 0) {
      std::string names;
      for (int i = 0; i < definition.GetFieldCount(); ++i)
        names += (i ? ", " : "") + std::string(definition.GetFieldDefn(i)->GetNameRef());
      throw InputError("--where \"" + expression.text() + "\": " + spec.where() + " has no field \"" + field +
                       "\"; its fields are: " + names);
    }
}

bool FeatureFilter::matches(OGRFeature& feature) const {
  return expression_.matches([&](const std::string& field) -> FilterValue {
    const int index = definition_.GetFieldIndex(field.c_str());
    const CellValue cell = cellOf(feature, index, columnTypeOf(definition_.GetFieldDefn(index)->GetType()));
    if (const auto* text = std::get_if<std::string>(&cell)) return *text;
    if (const auto* integer = std::get_if<int64_t>(&cell)) return static_cast<double>(*integer);
    if (const auto* real = std::get_if<double>(&cell)) return *real;
    return {};
  });
}

}  // namespace urbangis
