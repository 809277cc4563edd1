#pragma once
// A layer's attribute table as typed cells, with each row's feature id: what the viewer's
// attribute table shows, sorts and filters.

#include <cstdint>
#include <vector>

#include "core/catalog.h"
#include "core/output_table.h"
#include "core/progress.h"
#include "io/filter/filter_expression.h"

namespace urbangis {

struct AttributeRows {
  std::vector<Column> columns;
  std::vector<int64_t> fids;
  std::vector<std::vector<CellValue>> rows;

  // Rows (indexes) matching `where`; InputError naming the layer when a field is unknown.
  std::vector<size_t> matching(const FilterExpression& where, const LayerSpec& spec) const;
};

AttributeRows readAttributeRows(const LayerSpec& spec, const Progress& progress);

}  // namespace urbangis
