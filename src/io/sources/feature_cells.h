#pragma once
// An OGR feature's attribute values as table cells: what convert and export copy row by row.

#include <ogr_core.h>

#include "core/output_table.h"

class OGRFeature;

namespace urbangis {

// Integer and real fields keep their type, dates and date-times become ISO 8601 text cells of the
// date types (core/output_table.h); everything else (text, times of day, lists) becomes text.
ColumnType columnTypeOf(OGRFieldType type);
// The value of field `index`, or an empty cell when it is null or unset.
CellValue cellOf(OGRFeature& feature, int index, ColumnType type);

}  // namespace urbangis
