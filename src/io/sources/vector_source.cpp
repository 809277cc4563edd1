#include "io/sources/vector_source.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/postgis/pg_source.h"
#include "io/sources/csv_coordinates.h"
#include "io/sources/text_encoding.h"

namespace urbangis {
namespace {

namespace fs = std::filesystem;

// A plain file, as opposed to a GDAL connection string ("PG:…", "CSV:/vsistdin/") or a
// virtual file system path.
bool isFilePath(const std::string& path) {
  const auto colon = path.find(':');
  const bool connection =
      colon != std::string::npos && colon > 1 &&
      std::all_of(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
      });
  return !connection && path.rfind("/vsi", 0) != 0 && path.rfind("<", 0) != 0;  // "<OGRVRTDataSource>…": text
}

bool isCsv(const std::string& path) {
  const std::string extension = lowerExtension(path);
  return extension == ".csv" || extension == ".tsv" || path.rfind("CSV:", 0) == 0;
}

// A spreadsheet's (XLSX, ODS …) point layer from its coordinate columns: GDAL's OGR VRT driver
// builds the points (PointFromColumns), as the CSV driver does for a CSV with X/Y_POSSIBLE_NAMES.
std::string pointsFromColumns(const LayerSpec& spec) {
  std::string sheet = spec.layerName;
  if (sheet.empty()) {
    GDALDatasetUniquePtr dataset = openDataset(spec.resolvedSource, GDAL_OF_VECTOR);
    if (dataset->GetLayerCount() != 1)
      throw InputError(spec.where() + ": the file has " + std::to_string(dataset->GetLayerCount()) +
                       " sheets; name one with \"layer\"");
    sheet = dataset->GetLayer(0)->GetName();
  }
  return "<OGRVRTDataSource><OGRVRTLayer name=\"" + xmlEscaped(sheet) + "\"><SrcDataSource>" +
         xmlEscaped(spec.resolvedSource) + "</SrcDataSource><SrcLayer>" + xmlEscaped(sheet) +
         "</SrcLayer><GeometryType>wkbPoint</GeometryType><GeometryField encoding=\"PointFromColumns\" x=\"" +
         xmlEscaped(spec.x) + "\" y=\"" + xmlEscaped(spec.y) + "\"/></OGRVRTLayer></OGRVRTDataSource>";
}

std::string fieldList(OGRFeatureDefn& definition) {
  std::string names;
  for (int i = 0; i < definition.GetFieldCount(); ++i)
    names += (i ? ", " : "") + std::string(definition.GetFieldDefn(i)->GetNameRef());
  return names.empty() ? "(none)" : names;
}

// Why a file GDAL could not open may be so, and what to do: the line and column of a JSON
// syntax error, a file of zero bytes (an interrupted copy, a preallocated file), or in general
// a damaged or cut-short file.
std::string howToFix(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::string head(4096, '\0');
  stream.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(stream.gcount()));
  std::string extension = fs::path(path).extension().string();
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!head.empty() && head.find_first_not_of('\0') == std::string::npos)
    return "; its first " + std::to_string(head.size()) +
           " bytes are all zero, as an interrupted copy or download leaves a file: copy it again";
  std::error_code error;
  if ((extension == ".geojson" || extension == ".json") && fs::file_size(path, error) < (256u << 20)) {
    stream.clear();
    stream.seekg(0);
    std::ostringstream bytes;
    bytes << stream.rdbuf();
    const std::string text = bytes.str();
    try {
      const nlohmann::json parsed = nlohmann::json::parse(text);  // throws at the error
      (void)parsed;
    } catch (const nlohmann::json::parse_error& syntax) {
      const size_t at = std::min(syntax.byte > 0 ? syntax.byte - 1 : 0, text.size());
      const size_t lineStart = text.rfind('\n', at == 0 ? 0 : at - 1);
      const size_t line =
          static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
      const size_t column = at - (lineStart == std::string::npos || at == 0 ? 0 : lineStart + 1) + 1;
      return "; JSON syntax error at line " + std::to_string(line) + ", column " + std::to_string(column) +
             " (a missing comma or bracket?): fix the file there";
    } catch (const nlohmann::json::exception&) {
    }
  }
  return "; the file may be damaged, cut short or not really a \"" + extension +
         "\" file: check it, or copy it again from where it came from";
}

// Bytes that are not UTF-8 in a CSV whose catalog entry declares UTF-8: read as they are they
// would become garbage text (and wrong categories), so the catalog is corrected instead.
void checkDeclaredUtf8(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::string line;
  for (size_t number = 1; std::getline(stream, line) && number <= 1'000'000; ++number) {
    if (isValidUtf8(line)) continue;
    const std::string guess =
        decodesAsGbk(line) ? "it decodes as GBK: declare \"encoding\": \"GBK\"" : "declare the file's real encoding";
    throw InputError(path + ": line " + std::to_string(number) +
                     " is not UTF-8, though the catalog declares \"encoding\": \"UTF-8\"; " + guess +
                     ", or remove \"encoding\" to have it detected");
  }
}

}  // namespace

bool holdsKindGeometry(LayerRole role, OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbPoint:
    case wkbMultiPoint:
      return geometryOf(role) == GeometryFamily::point;
    case wkbLineString:
    case wkbMultiLineString:
      return geometryOf(role) == GeometryFamily::line;
    case wkbPolygon:
    case wkbMultiPolygon:
      return geometryOf(role) == GeometryFamily::polygon;
    default:
      return false;
  }
}

GDALDatasetUniquePtr openDataset(const std::string& path, unsigned kindFlags,
                                 const std::vector<std::string>& openOptions) {
  ensureGdalRegistered();
  refusePassword(path, "source");
  if (isFilePath(path)) {
    std::error_code error;
    if (!fs::exists(path, error)) throw InputError(path + ": file not found");
    if (!fs::is_directory(path, error) && fs::file_size(path, error) == 0)
      throw InputError(path +
                       ": file is empty (0 bytes), as an interrupted copy or export leaves it; "
                       "copy or export it again");
  }
  std::vector<const char*> options;
  for (const auto& option : openOptions) options.push_back(option.c_str());
  options.push_back(nullptr);
  GdalErrorCapture errors;
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), kindFlags | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                                 nullptr, options.data(), nullptr));
  if (!dataset) {
    std::string why = errors.lastError().empty() ? "not a format GDAL can read" : errors.lastError();
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    for (char& c : why)
      if (c == '\n') c = ' ';  // libpq's messages span lines; ours are one
    throw InputError(redactSecrets(path + ": cannot open: " + why) + (isFilePath(path) ? howToFix(path) : ""));
  }
  return dataset;
}

std::string geometryTypeName(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbNone:
      return "None";
    case wkbUnknown:
      return "Geometry";
    case wkbPoint:
      return "Point";
    case wkbLineString:
      return "LineString";
    case wkbPolygon:
      return "Polygon";
    case wkbMultiPoint:
      return "MultiPoint";
    case wkbMultiLineString:
      return "MultiLineString";
    case wkbMultiPolygon:
      return "MultiPolygon";
    case wkbGeometryCollection:
      return "GeometryCollection";
    default:
      return OGRGeometryTypeToName(wkbFlatten(type));
  }
}

std::string sourceCrsDefinition(OGRLayer& layer) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (!srs) return {};
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  if (srs->exportToWkt(&wkt, options) != OGRERR_NONE || !wkt) {
    CPLFree(wkt);
    return {};
  }
  std::string text = wkt;
  CPLFree(wkt);
  return text;
}

CrsSpec layerCrsSpec(const LayerSpec& spec, OGRLayer& layer) {
  if (spec.crs) return *spec.crs;
  std::string definition = sourceCrsDefinition(layer);
  if (definition.empty())
    throw InputError(spec.where() +
                     ": the layer has no CRS; declare one in the catalog, e.g. \"crs\": "
                     "\"EPSG:4490\" (CGCS2000 lon/lat) or \"crs\": \"WGS84\"");
  return CrsSpec{std::move(definition), ChineseOffset::none, spec.source};
}

VectorSource openVectorSource(const std::string& sourcePath, const std::string& encoding,
                              std::vector<std::string> options) {
  VectorSource source;
  std::string path = sourcePath;
  std::string extension = fs::path(path).extension().string();
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Text encodings as Chinese data comes: an explicit `encoding` wins; otherwise the
  // shapefile's .cpg / language driver id, checked against the bytes; GBK CSVs are read from
  // a UTF-8 copy (GDAL's CSV driver takes UTF-8 only).
  if (extension == ".shp" || extension == ".dbf") {
    EncodingChoice choice{encoding, ""};
    if (choice.encoding.empty() && fs::exists(path)) choice = chooseShapefileEncoding(path);
    if (!choice.encoding.empty()) options.push_back("ENCODING=" + choice.encoding);
    if (!choice.note.empty()) source.notes.push_back(choice.note);
  } else if (extension == ".csv" && fs::exists(path)) {
    EncodingChoice choice{encoding, ""};
    if (choice.encoding.empty()) choice = chooseCsvEncoding(path);
    std::string upper = choice.encoding;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == "UTF-8" || upper == "UTF8") checkDeclaredUtf8(path);
    if (!upper.empty() && upper != "UTF-8" && upper != "UTF8") {
      source.utf8Copy = utf8CopyOfCsv(path, choice.encoding);
      path = source.utf8Copy->path();
    }
    if (!choice.note.empty()) source.notes.push_back(choice.note);
  }
  source.dataset = openDataset(path, GDAL_OF_VECTOR, options);
  return source;
}

VectorSource openCatalogLayer(const LayerSpec& spec) {
  if (!spec.isVector()) throw InputError(spec.where() + ": is a raster layer, not a vector one");
  std::vector<std::string> options;
  const bool spreadsheet = !spec.x.empty() && !isCsv(spec.resolvedSource);
  if (!spec.x.empty() && !spreadsheet) {
    options.push_back("X_POSSIBLE_NAMES=" + spec.x);
    options.push_back("Y_POSSIBLE_NAMES=" + spec.y);
    options.push_back("KEEP_GEOM_COLUMNS=NO");
  }
  VectorSource source;
  try {
    source = spreadsheet ? openVectorSource(pointsFromColumns(spec), "", {})
                         : openVectorSource(spec.resolvedSource, spec.encoding, options);
  } catch (const InputError& error) {
    std::error_code missing;
    const bool notFound = isFilePath(spec.resolvedSource) && !fs::exists(spec.resolvedSource, missing);
    throw InputError(std::string(error.what()) + " (" + spec.where() + ")" +
                     (notFound ? "; correct \"source\" in the catalog (a relative path starts from the "
                                 "catalog's folder)"
                               : ""));
  }
  const std::string path = source.utf8Copy ? source.utf8Copy->path() : spec.resolvedSource;
  GDALDataset& dataset = *source.dataset;
  if (spec.layerName.empty()) {
    if (dataset.GetLayerCount() != 1) {
      std::string names;
      for (int i = 0; i < dataset.GetLayerCount(); ++i)
        names += (i ? ", " : "") + std::string(dataset.GetLayer(i)->GetName());
      throw InputError(spec.where() + ": the source has " + std::to_string(dataset.GetLayerCount()) +
                       " layers; name one with \"layer\": " + names);
    }
    source.layer = dataset.GetLayer(0);
  } else {
    source.layer = dataset.GetLayerByName(spec.layerName.c_str());
    if (!source.layer)
      throw InputError(spec.where() + ": no layer \"" + spec.layerName + "\" in " + redactSecrets(spec.resolvedSource));
  }
  source.where = redactSecrets(spec.resolvedSource) + ", layer " + source.layer->GetName();
  for (std::string& note : source.notes) note = spec.id + ": " + note;

  OGRFeatureDefn& definition = *source.layer->GetLayerDefn();
  // Fields are found by name, so two of one name are ambiguous; and GDAL 3.6 builds a broken
  // layer from a CSV with two columns of the coordinate's name and KEEP_GEOM_COLUMNS=NO (reading
  // it crashed in the Arrow stream, as fuzzing found): checked on the columns as the file has them.
  GDALDatasetUniquePtr plainCsv = spec.x.empty() || spreadsheet ? nullptr : openDataset(path, GDAL_OF_VECTOR);
  OGRFeatureDefn& columns = plainCsv ? *plainCsv->GetLayer(0)->GetLayerDefn() : definition;
  std::set<std::string> names;
  for (int i = 0; i < columns.GetFieldCount(); ++i) {
    std::string name = columns.GetFieldDefn(i)->GetNameRef();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!names.insert(name).second)
      throw InputError(spec.where() + ": the layer has two fields named \"" +
                       std::string(columns.GetFieldDefn(i)->GetNameRef()) + "\"; rename one of them");
  }
  if (!spec.x.empty() && source.layer->GetGeomType() == wkbNone) {
    // Listed from the file as it is: the open options above hide the column that did match.
    GDALDatasetUniquePtr plain = openDataset(path, GDAL_OF_VECTOR);
    throw InputError(spec.where() + ": coordinate columns \"" + spec.x + "\"/\"" + spec.y +
                     "\" not found; the file's columns are: " + fieldList(*plain->GetLayer(0)->GetLayerDefn()));
  }
  if (source.layer->GetGeomType() == wkbNone) throw InputError(spec.where() + ": the layer has no geometry column");
  const OGRwkbGeometryType declared = wkbFlatten(source.layer->GetGeomType());
  const bool checkedPerFeature = declared == wkbUnknown || declared == wkbGeometryCollection;
  if (!checkedPerFeature && !holdsKindGeometry(spec.role, declared))
    throw InputError(spec.where() + ": role " + std::string(roleName(spec.role)) + " needs " +
                     std::string(layerKind(spec.role).geometryNoun) + ", but the layer holds " +
                     geometryTypeName(source.layer->GetGeomType()));
  for (const auto& [key, field] : spec.declaredFields())
    if (definition.GetFieldIndex(field.c_str()) < 0)
      throw InputError(spec.where() + ": " + key + " names field \"" + field +
                       "\", which the layer does not have; its fields are: " + fieldList(definition));
  leaveOutUnusableCsvRows(spec, *source.layer);  // CSV rows without a usable point (io/sources/csv_coordinates.h)
  return source;
}

}  // namespace urbangis
