#pragma once
// The writers that put a result table (core/output_table.h) into CSV, GeoJSON (RFC 7946),
// GeoPackage, GPX or a shapefile. Writes are atomic: a temporary file in the target's folder,
// renamed over the target when complete, removed on any failure (a shapefile's several files: a
// temporary folder, see io/outputs/shapefile_output.h); a target that is one of the run's inputs is
// refused.

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/output_table.h"
#include "core/progress.h"

namespace urbangis {

enum class TableFormat { csv, geojson, gpkg, gpx, shp, xlsx };

// The format named by the file's extension (.csv, .geojson/.json, .gpkg, .gpx, .shp, .xlsx); throws
// InputError naming the supported ones otherwise.
TableFormat tableFormatFor(const std::filesystem::path& file);

// What writeTable did beyond writing the table as given (only shapefiles change anything).
struct TableWriteReport {
  std::vector<std::filesystem::path> files;  // the files written (a shapefile's whole set)
  // Shapefile: each column whose DBF field name differs from its name, as {column, field}.
  std::vector<std::pair<std::string, std::string>> renamedColumns;
  int64_t truncatedCells = 0;  // text cells cut: a shapefile's 254 bytes, an XLSX cell's 32,767 characters
  TableFormat format = TableFormat::csv;
};

// One line per thing the user should know about the written file, e.g. "shapefile field names:
// replaced_fibre_m → replaced_f, …"; none for the formats that write the table as given.
std::vector<std::string> writeNotes(const TableWriteReport& report);

// Writes `table` to `file` atomically. `inputs` are the files the run read: writing onto one of
// them (same file after resolving links; for a shapefile, any file of its set) throws InputError
// and touches nothing. CSV drops the geometry; GeoJSON follows RFC 7946 (CRS84 lon/lat,
// counter-clockwise exterior rings, 7 decimals, no "crs" member); GeoPackage keeps the table's
// CRS; GPX (routes and tracks for GPS units and phones) is WGS84 lon/lat, with columns beyond
// GPX's own as extensions. A shapefile keeps the table's CRS (.prj), is UTF-8 (.cpg), holds one
// geometry type (a table mixing points, lines and polygons throws InputError; points with
// multipoints are all written as multipoints) or none (then only a .dbf is written), and has
// field names of at most 10 bytes (shapefileFieldNames) and text of at most 254 bytes. XLSX is
// one sheet for Excel and WPS (io/outputs/xlsx_output.h); like CSV, it drops the geometry. A CSV
// begins with a UTF-8 byte-order mark when the table asks for one (OutputTable::byteOrderMark).
// `progress`, when given, hears "writing" and can cancel between rows (Cancelled; nothing is
// left behind: the temporary file is removed and the target keeps its old content).
TableWriteReport writeTable(const OutputTable& table, const std::filesystem::path& file,
                            const std::vector<std::filesystem::path>& inputs, const Progress* progress = nullptr);

}  // namespace urbangis
