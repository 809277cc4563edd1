#include "io/outputs/table_writer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "core/error.h"
#include "io/gdal_support.h"
#include "io/outputs/atomic_output.h"
#include "io/outputs/shapefile_output.h"
#include "io/outputs/xlsx_output.h"

namespace urbangis {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& where, const std::string& what, const GdalErrorCapture& errors) {
  const std::string why = errors.lastError().empty() ? "" : ": " + errors.lastError();
  throw InputError(where + ": " + what + why);
}

const char* driverName(TableFormat format) {
  switch (format) {
    case TableFormat::csv:
      return "CSV";
    case TableFormat::geojson:
      return "GeoJSON";
    case TableFormat::gpkg:
      return "GPKG";
    case TableFormat::gpx:
      return "GPX";
    case TableFormat::shp:
      return "ESRI Shapefile";
    case TableFormat::xlsx:
      break;  // written by libxlsxwriter (io/outputs/xlsx_output.h), not GDAL
  }
  return "";
}

// Layer creation options; CSV gets no GEOMETRY option, so it writes no geometry column.
CPLStringList layerOptions(TableFormat format, bool rfc7946, bool byteOrderMark) {
  CPLStringList options;
  switch (format) {
    case TableFormat::csv:
      options.SetNameValue("LINEFORMAT", "LF");
      options.SetNameValue("CREATE_CSVT", "NO");  // one file, no .csvt beside it
      options.SetNameValue("WRITE_BOM", byteOrderMark ? "YES" : "NO");
      // GDAL 3.6's default IF_AMBIGUOUS quotes integer columns too ("12"); numbers should
      // look like numbers. Cells with separators, quotes or line breaks are still quoted.
      options.SetNameValue("STRING_QUOTING", "IF_NEEDED");
      break;
    case TableFormat::geojson:
      options.SetNameValue("RFC7946", rfc7946 ? "YES" : "NO");
      if (rfc7946) options.SetNameValue("COORDINATE_PRECISION", "7");
      options.SetNameValue("WRITE_BBOX", "YES");
      break;
    case TableFormat::shp:
      options.SetNameValue("ENCODING", "UTF-8");  // and GDAL writes a .cpg saying so
      break;
    case TableFormat::gpkg:
    case TableFormat::gpx:
    case TableFormat::xlsx:  // not written through GDAL
      break;
  }
  return options;
}

// Dates are dates where the format has them; CSV and GeoJSON write them as the ISO text they are
// held in (the drivers would reformat OGR dates as "2023/05/28"), a DBF has dates but no times.
OGRFieldType fieldType(ColumnType type, TableFormat format) {
  const bool hasDates = format == TableFormat::gpkg || format == TableFormat::shp;
  switch (type) {
    case ColumnType::text:
      return OFTString;
    case ColumnType::integer:
      return OFTInteger64;
    case ColumnType::real:
      return OFTReal;
    case ColumnType::date:
      return hasDates ? OFTDate : OFTString;
    case ColumnType::dateTime:
      return format == TableFormat::gpkg ? OFTDateTime : OFTString;
  }
  return OFTString;
}

const char* typeName(ColumnType type) {
  switch (type) {
    case ColumnType::text:
      return "text";
    case ColumnType::integer:
      return "integer";
    case ColumnType::real:
      return "real";
    case ColumnType::date:
      return "date";
    case ColumnType::dateTime:
      return "date-time";
  }
  return "?";
}

std::string rowName(size_t row) { return "output table row " + std::to_string(row + 1); }

// Parsed up front: the GeoPackage layer declares the geometry type the rows share.
std::vector<OGRGeometryUniquePtr> parseGeometries(const OutputTable& table) {
  std::vector<OGRGeometryUniquePtr> geometries;
  if (table.wkb.empty()) return geometries;
  if (table.wkb.size() != table.rows.size())
    throw std::invalid_argument("output table \"" + table.name + "\" has " + std::to_string(table.rows.size()) +
                                " rows but " + std::to_string(table.wkb.size()) + " geometries");
  for (size_t row = 0; row < table.wkb.size(); ++row) {
    const std::vector<unsigned char>& wkb = table.wkb[row];
    OGRGeometry* geometry = nullptr;
    if (!wkb.empty() &&
        OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &geometry, wkb.size(), wkbVariantIso) != OGRERR_NONE)
      throw std::invalid_argument(rowName(row) + ": the geometry is not valid WKB");
    geometries.emplace_back(geometry);
  }
  return geometries;
}

OGRwkbGeometryType layerGeometryType(const std::vector<OGRGeometryUniquePtr>& geometries) {
  if (geometries.empty()) return wkbNone;
  OGRwkbGeometryType common = wkbNone;
  for (const auto& geometry : geometries) {
    if (!geometry) continue;
    const OGRwkbGeometryType type = geometry->getGeometryType();
    if (common == wkbNone) common = type;
    if (type != common) return wkbUnknown;  // mixed: a generic geometry column
  }
  return common == wkbNone ? wkbUnknown : common;
}

const char* familyName(OGRwkbGeometryType flat) {
  switch (flat) {
    case wkbPoint:
      return "points";
    case wkbMultiPoint:
      return "multipoints";
    case wkbLineString:
    case wkbMultiLineString:
      return "lines";
    case wkbPolygon:
    case wkbMultiPolygon:
      return "polygons";
    default:
      return OGRGeometryTypeToName(flat);
  }
}

// A shapefile holds one shape type: points, multipoints, lines (LineString and MultiLineString
// alike) or polygons (Polygon and MultiPolygon alike). Points among multipoints become
// multipoints; any other mix throws. Z is kept when any geometry has it.
OGRwkbGeometryType shapefileGeometryType(std::vector<OGRGeometryUniquePtr>& geometries, const std::string& where) {
  if (geometries.empty()) return wkbNone;
  auto family = [](OGRwkbGeometryType flat) {
    if (flat == wkbMultiLineString) return wkbLineString;
    if (flat == wkbMultiPolygon) return wkbPolygon;
    return flat;
  };
  OGRwkbGeometryType common = wkbUnknown;
  bool points = false, multipoints = false, z = false;
  size_t firstRow = 0;
  for (size_t row = 0; row < geometries.size(); ++row) {
    if (!geometries[row]) continue;
    const OGRwkbGeometryType flat = wkbFlatten(geometries[row]->getGeometryType());
    z = z || geometries[row]->Is3D();
    if (flat == wkbPoint || flat == wkbMultiPoint) {
      (flat == wkbPoint ? points : multipoints) = true;
      if (common == wkbUnknown) firstRow = row;
      if (common == wkbUnknown || common == wkbPoint || common == wkbMultiPoint) {
        common = points && multipoints ? wkbMultiPoint : flat;
        continue;
      }
    } else if (flat != wkbLineString && flat != wkbMultiLineString && flat != wkbPolygon && flat != wkbMultiPolygon) {
      throw InputError(where + ": " + rowName(row) + " is a " + OGRGeometryTypeToName(flat) +
                       ", which a shapefile cannot hold; use .gpkg or .geojson");
    } else if (common == wkbUnknown) {
      common = family(flat);
      firstRow = row;
      continue;
    } else if (common == family(flat)) {
      continue;
    }
    throw InputError(where + ": a shapefile holds one geometry type, but " + rowName(firstRow) + " has " +
                     familyName(common) + " and " + rowName(row) + " " + familyName(flat) +
                     "; use .gpkg or .geojson, or export them separately");
  }
  if (common == wkbMultiPoint)
    for (auto& geometry : geometries)
      if (geometry && wkbFlatten(geometry->getGeometryType()) == wkbPoint)
        geometry.reset(OGRGeometryFactory::forceToMultiPoint(geometry.release()));
  // Only null geometries: GDAL writes a shapefile of null shapes.
  return z && common != wkbUnknown ? wkbSetZ(common) : common;
}

// The table's CRS, in lon/lat (x = easting) order as our WKB is.
OGRSpatialReference tableSrs(const OutputTable& table, const std::string& where) {
  if (table.crsDefinition.empty())
    throw std::invalid_argument("output table \"" + table.name + "\" has geometries but no crsDefinition");
  OGRSpatialReference srs;
  GdalErrorCapture errors;
  // No file or URL look-ups: the definition is CRS text, not a path.
  if (srs.SetFromUserInput(table.crsDefinition.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) !=
      OGRERR_NONE)
    fail(where, "unknown CRS \"" + table.crsDefinition + "\"", errors);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

GDALDatasetUniquePtr createDataset(TableFormat format, const fs::path& path, const std::string& where,
                                   const GdalErrorCapture& errors) {
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName(format));
  if (!driver) fail(where, std::string("GDAL has no ") + driverName(format) + " driver", errors);
  CPLStringList options;
  // GPX keeps its own elements (name, desc …) and puts our other columns in <extensions>.
  if (format == TableFormat::gpx) options.SetNameValue("GPX_USE_EXTENSIONS", "YES");
  GDALDatasetUniquePtr dataset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, options.List()));
  if (!dataset) fail(where, "cannot create the file", errors);
  return dataset;
}

OGRLayer& createLayer(GDALDataset& dataset, const OutputTable& table, TableFormat format,
                      OGRwkbGeometryType geometryType, const std::string& where, const GdalErrorCapture& errors) {
  std::optional<OGRSpatialReference> srs;
  if (geometryType != wkbNone) srs = tableSrs(table, where);
  const std::string name = table.name.empty() ? "table" : table.name;
  CPLStringList options = layerOptions(format, table.rfc7946, table.byteOrderMark);
  OGRLayer* layer = dataset.CreateLayer(name.c_str(), srs ? &*srs : nullptr, geometryType, options.List());
  if (!layer) fail(where, "cannot create layer \"" + name + "\"", errors);
  return *layer;
}

// How each column becomes a field: its name and, for a shapefile's DBF, width and precision.
struct FieldLayout {
  std::string name;
  int width = 0, precision = 0;  // 0: the driver's default
};

constexpr size_t kDbfTextBytes = 254;  // the longest DBF character field

// Digits of the integer part of |value| plus its sign, as printf writes them.
int integerDigits(double value) {
  char text[400];
  const int length = std::snprintf(text, sizeof text, "%.0f", std::trunc(std::fabs(value)));
  return length + (value < 0 ? 1 : 0);
}

std::vector<FieldLayout> fieldLayouts(const OutputTable& table, TableFormat format, const std::string& where) {
  std::vector<FieldLayout> layouts;
  if (format != TableFormat::shp) {
    for (const Column& column : table.columns) layouts.push_back({column.name});
    return layouts;
  }
  std::vector<std::string> names;
  for (const Column& column : table.columns) names.push_back(column.name);
  names = shapefileFieldNames(names);
  for (size_t i = 0; i < table.columns.size(); ++i) {
    // DBF fields have fixed widths: as wide as the widest value, so that nothing is cut (text
    // beyond 254 bytes is, on a character boundary) and no number overflows its field.
    size_t widest = 1;
    for (const auto& row : table.rows) {
      if (i >= row.size()) continue;
      if (const auto* text = std::get_if<std::string>(&row[i]))
        widest = std::max(widest, text->size());
      else if (const auto* integer = std::get_if<int64_t>(&row[i]))
        widest = std::max(widest, std::to_string(*integer).size());
      else if (const auto* real = std::get_if<double>(&row[i]); real && std::isfinite(*real))
        widest = std::max(widest, static_cast<size_t>(integerDigits(*real)));
    }
    FieldLayout layout{names[i]};
    switch (table.columns[i].type) {
      case ColumnType::text:
      case ColumnType::dateTime:  // as text: a DBF has no date-time fields
        layout.width = static_cast<int>(std::min(widest, kDbfTextBytes));
        break;
      case ColumnType::date:
        break;  // the driver's own 8-character D field
      case ColumnType::integer:
        layout.width = std::max(18, static_cast<int>(widest));  // GDAL's default, and Integer64 on reading
        break;
      case ColumnType::real: {
        // GDAL's default 24.15 holds only 8 integer digits: fewer decimals for larger numbers
        // (a double has no more than 17 significant digits anyway).
        const int digits = static_cast<int>(widest) + 1;  // one more: 9.9999… may round up to 10
        layout.precision = std::clamp(23 - digits, 0, 15);
        layout.width = layout.precision > 0 ? digits + 1 + layout.precision : std::max(digits, 24);
        if (layout.width > static_cast<int>(kDbfTextBytes))
          throw InputError(where + ": column \"" + table.columns[i].name +
                           "\" has a number too large for a DBF field; use .gpkg or .geojson");
        break;
      }
    }
    layouts.push_back(layout);
  }
  return layouts;
}

// Returns the layer's field index of each column (GPX puts its own schema first).
std::vector<int> createFields(OGRLayer& layer, const std::vector<Column>& columns,
                              const std::vector<FieldLayout>& layouts, TableFormat format, const std::string& where,
                              const GdalErrorCapture& errors) {
  for (size_t i = 0; i < columns.size(); ++i) {
    OGRFieldDefn field(layouts[i].name.c_str(), fieldType(columns[i].type, format));
    field.SetWidth(layouts[i].width);
    field.SetPrecision(layouts[i].precision);
    // Shapefile: not approximately, so the driver fails rather than launder our names.
    if (layer.CreateField(&field, format == TableFormat::shp ? FALSE : TRUE) != OGRERR_NONE)
      fail(where, "cannot create column \"" + columns[i].name + "\"", errors);
  }
  // Drivers may launder names; ours are promised to be written exactly as given (GPX has its
  // own schema: columns beyond it become ogr:NAME extensions).
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  std::vector<int> fields(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    if (format == TableFormat::gpx) {  // after its own fields (name, cmt, desc, …), by name
      fields[i] = definition.GetFieldIndex(columns[i].name.c_str());
      if (fields[i] < 0) fail(where, "cannot create column \"" + columns[i].name + "\"", errors);
      continue;
    }
    fields[i] = static_cast<int>(i);
    const char* written = definition.GetFieldDefn(static_cast<int>(i))->GetNameRef();
    if (layouts[i].name != written)
      throw InputError(where + ": column \"" + columns[i].name + "\" would be written as \"" + written + "\"");
  }
  return fields;
}

// `textLimit` (0: none) cuts longer text on a character boundary, counted in `truncated`.
void setCell(OGRFeature& feature, int field, const Column& column, const CellValue& value, size_t row, size_t textLimit,
             int64_t& truncated) {
  if (std::holds_alternative<std::monostate>(value)) {
    feature.SetFieldNull(field);
  } else if (const auto* text = std::get_if<std::string>(&value);
             text && column.type != ColumnType::integer && column.type != ColumnType::real) {
    if (textLimit && text->size() > textLimit) {
      feature.SetField(field, utf8Prefix(*text, textLimit).c_str());
      ++truncated;
    } else {
      feature.SetField(field, text->c_str());
    }
  } else if (const auto* integer = std::get_if<int64_t>(&value); integer && column.type == ColumnType::integer) {
    feature.SetField(field, static_cast<GIntBig>(*integer));
  } else if (const auto* real = std::get_if<double>(&value); real && column.type == ColumnType::real) {
    // JSON has no NaN/Infinity; null in every format keeps them alike.
    if (std::isfinite(*real))
      feature.SetField(field, *real);
    else
      feature.SetFieldNull(field);
  } else {
    throw std::invalid_argument(rowName(row) + ": column \"" + column.name + "\" is " + typeName(column.type) +
                                " but the cell holds another type");
  }
}

void writeRow(OGRLayer& layer, const OutputTable& table, const std::vector<int>& fields, size_t row,
              OGRGeometryUniquePtr geometry, size_t textLimit, int64_t& truncated, const std::string& where,
              const GdalErrorCapture& errors) {
  const std::vector<CellValue>& cells = table.rows[row];
  if (cells.size() != table.columns.size())
    throw std::invalid_argument(rowName(row) + " has " + std::to_string(cells.size()) + " cells for " +
                                std::to_string(table.columns.size()) + " columns");
  OGRFeature feature(layer.GetLayerDefn());
  for (size_t i = 0; i < cells.size(); ++i)
    setCell(feature, fields[i], table.columns[i], cells[i], row, textLimit, truncated);
  if (geometry && layer.GetGeomType() != wkbNone) feature.SetGeometryDirectly(geometry.release());
  if (layer.CreateFeature(&feature) != OGRERR_NONE) fail(where, "cannot write " + rowName(row), errors);
}

void toLonLat(std::vector<OGRGeometryUniquePtr>& geometries, const OGRSpatialReference& from,
              const std::string& where) {
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> transform(OGRCreateCoordinateTransformation(&from, &wgs84));
  if (!transform) throw InputError(where + ": cannot transform to WGS84 lon/lat for GPX");
  for (auto& geometry : geometries)
    if (geometry && geometry->transform(transform.get()) != OGRERR_NONE)
      throw InputError(where + ": a geometry cannot be transformed to WGS84 lon/lat for GPX");
}

// Writes the whole table to `path` and closes it; `where` (the target) names it in errors.
void writeDataset(const OutputTable& table, TableFormat format, const fs::path& path, const std::string& where,
                  TableWriteReport& report, const Progress* progress) {
  std::vector<OGRGeometryUniquePtr> geometries = parseGeometries(table);
  const OGRwkbGeometryType geometryType = format == TableFormat::csv   ? wkbNone
                                          : format == TableFormat::shp ? shapefileGeometryType(geometries, where)
                                                                       : layerGeometryType(geometries);
  const std::vector<FieldLayout> layouts = fieldLayouts(table, format, where);
  for (size_t i = 0; i < layouts.size(); ++i)
    if (layouts[i].name != table.columns[i].name)
      report.renamedColumns.emplace_back(table.columns[i].name, layouts[i].name);
  OutputTable lonLat;
  const OutputTable* written = &table;
  if (format == TableFormat::gpx) {  // GPX is WGS84 lon/lat, and the driver does not reproject
    toLonLat(geometries, tableSrs(table, where), where);
    lonLat.name = table.name;
    lonLat.crsDefinition = "EPSG:4326";
    written = &lonLat;
  }

  GdalErrorCapture errors;
  // Rollback journal, not WAL: WAL mode is stored in the file, and every later reader would
  // create -wal/-shm files beside it (e.g. on a read-only share).
  ScopedGdalConfig journal("OGR_SQLITE_JOURNAL", "DELETE");
  GDALDatasetUniquePtr dataset = createDataset(format, path, where, errors);
  OGRLayer& layer = createLayer(*dataset, *written, format, geometryType, where, errors);
  const std::vector<int> fields = createFields(layer, table.columns, layouts, format, where, errors);
  const size_t textLimit = format == TableFormat::shp ? kDbfTextBytes : 0;

  // One transaction for all rows (GeoPackage); the text formats do not support them.
  const bool transaction = dataset->StartTransaction() == OGRERR_NONE;
  for (size_t row = 0; row < table.rows.size(); ++row) {
    if (progress && row % 4096 == 0) {
      progress->report("writing", static_cast<double>(row) / static_cast<double>(table.rows.size()));
      progress->checkCancelled();
    }
    OGRGeometryUniquePtr geometry;
    if (!geometries.empty()) geometry = std::move(geometries[row]);
    writeRow(layer, table, fields, row, std::move(geometry), textLimit, report.truncatedCells, where, errors);
  }
  if (transaction && dataset->CommitTransaction() != OGRERR_NONE) fail(where, "cannot commit the rows", errors);

  // GDAL 3.6 has no Close() that reports errors: the drivers flush when the dataset is
  // destroyed and can only tell us through CPLError.
  dataset.reset();
  if (!errors.lastError().empty()) fail(where, "cannot finish writing", errors);
}

}  // namespace

TableFormat tableFormatFor(const fs::path& file) {
  const std::string extension = lowerExtension(file);
  if (extension == ".csv") return TableFormat::csv;
  if (extension == ".geojson" || extension == ".json") return TableFormat::geojson;
  if (extension == ".gpkg") return TableFormat::gpkg;
  if (extension == ".gpx") return TableFormat::gpx;
  if (extension == ".shp") return TableFormat::shp;
  if (extension == ".xlsx") return TableFormat::xlsx;
  throw InputError(file.string() + ": unsupported output format \"" + file.extension().string() +
                   "\"; use .csv, .xlsx, .geojson, .gpkg, .gpx or .shp");
}

std::vector<std::string> writeNotes(const TableWriteReport& report) {
  std::vector<std::string> notes;
  if (!report.renamedColumns.empty()) {
    std::string line = "shapefile field names:";
    for (size_t i = 0; i < report.renamedColumns.size(); ++i)
      line += (i ? ", " : " ") + report.renamedColumns[i].first + " → " + report.renamedColumns[i].second;
    notes.push_back(line);
  }
  if (report.truncatedCells > 0 && report.format == TableFormat::xlsx)
    notes.push_back("xlsx: " + std::to_string(report.truncatedCells) +
                    " text values longer than 32,767 characters were cut (Excel's limit); .gpkg keeps them whole");
  else if (report.truncatedCells > 0)
    notes.push_back("shapefile: " + std::to_string(report.truncatedCells) +
                    " text values longer than 254 bytes were cut (the DBF limit); .gpkg keeps them whole");
  return notes;
}

TableWriteReport writeTable(const OutputTable& table, const fs::path& file, const std::vector<fs::path>& inputs,
                            const Progress* progress) {
  const TableFormat format = tableFormatFor(file);
  TableWriteReport report;
  report.format = format;
  checkOutputTarget(file, inputs);
  ensureGdalRegistered();
  if (format == TableFormat::shp) {
    // Not only the .shp: writing over any file of the set would destroy an input.
    for (const fs::path& sibling : shapefileSiblings(file)) checkOutputTarget(sibling, inputs);
    AtomicShapefileOutput temporary(file);
    writeDataset(table, format, temporary.path(), file.string(), report, progress);
    // GDAL writes the .cpg for ENCODING=UTF-8; without it readers would guess the encoding.
    const fs::path cpg = fs::path(temporary.path()).replace_extension(".cpg");
    if (!fs::exists(cpg)) {
      std::ofstream(cpg) << "UTF-8";
      if (!fs::exists(cpg)) throw InputError(file.string() + ": cannot write " + cpg.filename().string());
    }
    report.files = temporary.commit();
    return report;
  }
  AtomicOutput temporary(file);
  if (format == TableFormat::xlsx)
    report.truncatedCells = writeXlsx(table, temporary.path(), file.string(), progress).truncatedCells;
  else
    writeDataset(table, format, temporary.path(), file.string(), report, progress);
  temporary.commit();
  report.files.push_back(file);
  return report;
}

}  // namespace urbangis
