#pragma once
// A layer as the generator builds it: field definitions and rows, geometry in projected metres.

#include <ogr_core.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/geos_context.h"

namespace urbangis::datagen {

enum class FieldKind { text, integer, real, date, dateTime };

struct Field {
  std::string name;
  FieldKind kind;
};

// Dates and times are ISO text ("2023-05-12", "2023-05-12 19:30:00").
using Value = std::variant<std::monostate, std::string, int64_t, double>;

struct Row {
  GeomPtr geometry;  // projected metres (see Table::lonLat); null for a table without geometry
  std::vector<Value> values;
};

struct Table {
  std::string name;   // layer / file name
  std::string title;  // Chinese title, stored as the layer's identifier
  OGRwkbGeometryType geometryType = wkbNone;
  std::vector<Field> fields;
  std::vector<Row> rows;
  bool lonLat = false;  // geometries already in CGCS2000 lon/lat rather than projected metres

  size_t field(const std::string& fieldName) const;
};

}  // namespace urbangis::datagen
