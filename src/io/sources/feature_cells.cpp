#include "io/sources/feature_cells.h"

#include <cstdio>

#include <ogr_feature.h>

namespace urbangis {

ColumnType columnTypeOf(OGRFieldType type) {
  switch (type) {
    case OFTInteger:
    case OFTInteger64:
      return ColumnType::integer;
    case OFTReal:
      return ColumnType::real;
    case OFTDate:
      return ColumnType::date;
    case OFTDateTime:
      return ColumnType::dateTime;
    default:
      return ColumnType::text;  // times of day, lists and binaries as OGR prints them
  }
}

CellValue cellOf(OGRFeature& feature, int index, ColumnType type) {
  if (!feature.IsFieldSetAndNotNull(index)) return {};
  switch (type) {
    case ColumnType::integer:
      return static_cast<int64_t>(feature.GetFieldAsInteger64(index));
    case ColumnType::real:
      return feature.GetFieldAsDouble(index);
    case ColumnType::date:
    case ColumnType::dateTime: {
      int year = 0, month = 0, day = 0, hour = 0, minute = 0, zone = 0;
      float second = 0;
      if (!feature.GetFieldAsDateTime(index, &year, &month, &day, &hour, &minute, &second, &zone)) return {};
      char text[32];
      if (type == ColumnType::date)
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
      else
        std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute,
                      static_cast<int>(second));
      return std::string(text);
    }
    case ColumnType::text:
      return std::string(feature.GetFieldAsString(index));
  }
  return {};
}

}  // namespace urbangis
