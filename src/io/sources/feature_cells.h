#pragma once
// An OGR feature's attribute values as table cells: what convert and export copy row by row.

#include <ogr_core.h>

#include "core/output_table.h"

class OGRFeature;

namespace urbangis {

// Integer and real fields keep their type; everything else (text, dates, times) becomes text.
ColumnType columnTypeOf(OGRFieldType type);
// The value of field `index`, or an empty cell when it is null or unset.
CellValue cellOf(OGRFeature& feature, int index, ColumnType type);

}  // namespace urbangis
