#pragma once
// A result table as analyses produce it (one row per zone, cell, route …): named, typed columns,
// rows of cells and an optional geometry per row. io/table_writer.h writes it.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace urbangis {

enum class ColumnType { text, integer, real };

struct Column {
  std::string name;  // written exactly as given (may contain ':' and Chinese characters)
  ColumnType type;
};

// An empty value (monostate) is written as null / an empty CSV cell.
using CellValue = std::variant<std::monostate, std::string, int64_t, double>;

struct OutputTable {
  std::string name;  // layer name inside GeoPackage / GeoJSON, e.g. "stats"
  std::vector<Column> columns;
  std::vector<std::vector<CellValue>> rows;  // each row has columns.size() cells
  // Optional geometry per row as ISO WKB in `crsDefinition` (anything PROJ/OGR reads, e.g.
  // "EPSG:4547" or a WKT); an empty vector entry means no geometry for that row. When `wkb` is
  // empty the table has no geometry column.
  std::vector<std::vector<unsigned char>> wkb;
  std::string crsDefinition;
  // GeoJSON only: false writes the table's CRS (with a "crs" member) instead of RFC 7946's
  // lon/lat (`export --keep-crs`): clearly not RFC 7946.
  bool rfc7946 = true;
};

}  // namespace urbangis
