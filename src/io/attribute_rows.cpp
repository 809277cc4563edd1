#include "io/attribute_rows.h"

#include <ogrsf_frmts.h>

#include <algorithm>

#include "core/error.h"
#include "io/feature_cells.h"
#include "io/vector_source.h"

namespace urbangis {

AttributeRows readAttributeRows(const LayerSpec& spec, const Progress& progress) {
  VectorSource source = openCatalogLayer(spec);
  OGRFeatureDefn& definition = *source.layer->GetLayerDefn();
  AttributeRows table;
  for (int i = 0; i < definition.GetFieldCount(); ++i)
    table.columns.push_back({definition.GetFieldDefn(i)->GetNameRef(), columnTypeOf(definition.GetFieldDefn(i)->GetType())});
  source.layer->ResetReading();
  for (auto& feature : *source.layer) {
    std::vector<CellValue> row;
    row.reserve(table.columns.size());
    for (int i = 0; i < definition.GetFieldCount(); ++i) row.push_back(cellOf(*feature, i, table.columns[static_cast<size_t>(i)].type));
    table.fids.push_back(feature->GetFID());
    table.rows.push_back(std::move(row));
    if (table.rows.size() % 16384 == 0) progress.checkCancelled();
  }
  return table;
}

std::vector<size_t> AttributeRows::matching(const FilterExpression& where, const LayerSpec& spec) const {
  for (const std::string& field : where.fields()) {
    const auto found = std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.name == field; });
    if (found == columns.end()) {
      std::string names;
      for (const Column& column : columns) names += (names.empty() ? "" : ", ") + column.name;
      throw InputError("\"" + where.text() + "\": " + spec.where() + " has no field \"" + field + "\"; its fields are: " + names);
    }
  }
  std::vector<size_t> kept;
  for (size_t r = 0; r < rows.size(); ++r) {
    const bool match = where.matches([&](const std::string& field) -> FilterValue {
      const auto column = static_cast<size_t>(
          std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.name == field; }) - columns.begin());
      const CellValue& cell = rows[r][column];
      if (const auto* text = std::get_if<std::string>(&cell)) return *text;
      if (const auto* integer = std::get_if<int64_t>(&cell)) return static_cast<double>(*integer);
      if (const auto* real = std::get_if<double>(&cell)) return *real;
      return {};
    });
    if (match) kept.push_back(r);
  }
  return kept;
}

}  // namespace urbangis
