#include "io/sources/feature_cells.h"

#include <ogr_feature.h>

namespace urbangis {

ColumnType columnTypeOf(OGRFieldType type) {
  switch (type) {
    case OFTInteger:
    case OFTInteger64:
      return ColumnType::integer;
    case OFTReal:
      return ColumnType::real;
    default:
      return ColumnType::text;  // dates and times as ISO-like text
  }
}

CellValue cellOf(OGRFeature& feature, int index, ColumnType type) {
  if (!feature.IsFieldSetAndNotNull(index)) return {};
  switch (type) {
    case ColumnType::integer:
      return static_cast<int64_t>(feature.GetFieldAsInteger64(index));
    case ColumnType::real:
      return feature.GetFieldAsDouble(index);
    case ColumnType::text:
      return std::string(feature.GetFieldAsString(index));
  }
  return {};
}

}  // namespace urbangis
