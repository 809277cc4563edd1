#pragma once
// A result table as analyses produce it (one row per zone, cell, route …), and the writers that
// put it into CSV, GeoJSON (RFC 7946) or GeoPackage. Writes are atomic: a temporary file in the
// target's folder, renamed over the target when complete, removed on any failure; a target
// that is one of the run's inputs is refused.

#include <cstdint>
#include <filesystem>
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

enum class TableFormat { csv, geojson, gpkg, gpx };

// The format named by the file's extension (.csv, .geojson/.json, .gpkg, .gpx); throws InputError
// naming the supported ones otherwise.
TableFormat tableFormatFor(const std::filesystem::path& file);

// Writes `table` to `file` atomically. `inputs` are the files the run read: writing onto one of
// them (same file after resolving links) throws InputError and touches nothing. CSV drops the
// geometry; GeoJSON follows RFC 7946 (CRS84 lon/lat, counter-clockwise exterior rings, 7
// decimals, no "crs" member); GeoPackage keeps the table's CRS; GPX (routes and tracks for GPS
// units and phones) is WGS84 lon/lat, with columns beyond GPX's own as extensions.
void writeTable(const OutputTable& table, const std::filesystem::path& file,
                const std::vector<std::filesystem::path>& inputs);

}  // namespace urbangis
