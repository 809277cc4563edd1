#include "io/sources/attribute_rows.h"

#include <ogrsf_frmts.h>

#include <algorithm>

#include "core/error.h"
#include "io/filter/feature_filter.h"
#include "io/sources/feature_cells.h"
#include "io/sources/vector_source.h"

namespace urbangis {

AttributeRows readAttributeRows(const LayerSpec& spec, const Progress& progress) {
  VectorSource source = openCatalogLayer(spec);
  OGRFeatureDefn& definition = *source.layer->GetLayerDefn();
  AttributeRows table;
  for (int i = 0; i < definition.GetFieldCount(); ++i)
    table.columns.push_back(
        {definition.GetFieldDefn(i)->GetNameRef(), columnTypeOf(definition.GetFieldDefn(i)->GetType())});
  source.layer->ResetReading();
  for (auto& feature : *source.layer) {
    std::vector<CellValue> row;
    row.reserve(table.columns.size());
    for (int i = 0; i < definition.GetFieldCount(); ++i)
      row.push_back(cellOf(*feature, i, table.columns[static_cast<size_t>(i)].type));
    table.fids.push_back(feature->GetFID());
    table.rows.push_back(std::move(row));
    if (table.rows.size() % 16384 == 0) progress.checkCancelled();
  }
  return table;
}

std::vector<size_t> AttributeRows::matching(const FilterExpression& where, const LayerSpec& spec) const {
  std::vector<std::string> fields;
  for (const Column& column : columns) fields.push_back(column.name);
  requireFields(where, fields, spec);
  std::vector<size_t> kept;
  for (size_t r = 0; r < rows.size(); ++r) {
    const bool match = where.matches([&](const std::string& field) {
      const auto column = static_cast<size_t>(std::find(fields.begin(), fields.end(), field) - fields.begin());
      return filterValueOf(rows[r][column]);
    });
    if (match) kept.push_back(r);
  }
  return kept;
}

}  // namespace urbangis
