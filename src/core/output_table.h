#pragma once
// A result table as analyses produce it (one row per zone, cell, route …): named, typed columns,
// rows of cells and an optional geometry per row. io/outputs/table_writer.h writes it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace urbangis {

// date and dateTime cells are text in ISO 8601 form, "2023-05-28" and "2023-05-28 19:57:00"
// (local time, as the source holds it): written as text to CSV and GeoJSON, as dates where the
// format has them (GeoPackage, XLSX, a shapefile's date fields).
enum class ColumnType { text, integer, real, date, dateTime };

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
  // What the table is, for people: an XLSX sheet's name ("按社区统计"); `name` when empty.
  std::string title = {};
  // CSV: begin with a UTF-8 byte-order mark, so that Excel and WPS read the text as UTF-8 (set
  // with headings for people, io/outputs/column_headings.h; machine-read CSVs go without).
  bool byteOrderMark = false;
  // GeoJSON only: false writes the table's CRS (with a "crs" member) instead of RFC 7946's
  // lon/lat (`export --keep-crs`): clearly not RFC 7946.
  bool rfc7946 = true;
};

// The index of the column named `name`, if the table has one.
inline std::optional<size_t> columnIndex(const OutputTable& table, const std::string& name) {
  for (size_t c = 0; c < table.columns.size(); ++c)
    if (table.columns[c].name == name) return c;
  return std::nullopt;
}

// A cell as a number: integers and reals; nothing for text and empty cells.
inline std::optional<double> numberIn(const CellValue& cell) {
  if (const auto* real = std::get_if<double>(&cell)) return *real;
  if (const auto* integer = std::get_if<int64_t>(&cell)) return static_cast<double>(*integer);
  return std::nullopt;
}

// The numbers of one column keyed by each row's id (its first cell, text): what a choropleth
// colours zones by. Rows without an id or a number are left out.
inline std::map<std::string, double> numbersById(const OutputTable& table, size_t column) {
  std::map<std::string, double> values;
  for (const auto& row : table.rows) {
    const auto* id = std::get_if<std::string>(&row[0]);
    const std::optional<double> value = numberIn(row[column]);
    if (id && value) values[*id] = *value;
  }
  return values;
}

}  // namespace urbangis
