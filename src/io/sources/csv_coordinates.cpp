#include "io/sources/csv_coordinates.h"

#include <cmath>
#include <cstdlib>

#include "core/crs.h"
#include "io/sources/text_encoding.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

constexpr size_t kExamples = 3;

// A cell holding one finite number (spaces around allowed), as OGR's CSV reader takes it.
bool readNumber(const std::string& text, double& value) {
  const char* begin = text.c_str();
  while (*begin == ' ' || *begin == '\t') ++begin;
  char* end = nullptr;
  value = std::strtod(begin, &end);
  while (end && (*end == ' ' || *end == '\t')) ++end;
  return end != begin && end && *end == '\0' && std::isfinite(value);
}

std::string rowName(int64_t ordinal, OGRFeature& feature, int idIndex) {
  std::string name = "feature " + std::to_string(ordinal);
  if (idIndex >= 0 && feature.IsFieldSetAndNotNull(idIndex))
    name += std::string(" (") + feature.GetFieldDefnRef(idIndex)->GetNameRef() + " = " +
            feature.GetFieldAsString(idIndex) + ")";
  return name;
}

bool isLonLat(const CrsSpec& crs) {
  const ProjContext proj;
  return crs.offset != ChineseOffset::none || Crs(proj, crs).isGeographic();
}

constexpr double kProjectedLimit = 1e9;  // metres

}  // namespace

void leaveOutUnusableCsvRows(const LayerSpec& spec, OGRLayer& layer) {
  if (spec.x.empty() || geometryOf(spec.role) != GeometryFamily::point || !spec.crs) return;
  // Latitudes up to ±180 pass, so that `info` can still tell longitude and latitude swapped;
  // beyond ±90 no transformation places them, and they are left out there.
  if (isLonLat(*spec.crs))
    layer.SetSpatialFilterRect(-180, -180, 180, 180);
  else
    layer.SetSpatialFilterRect(-kProjectedLimit, -kProjectedLimit, kProjectedLimit, kProjectedLimit);
}

std::string CsvCoordinateRows::warning(const LayerSpec& spec) const {
  if (count() == 0) return {};
  std::string kinds;
  const auto kind = [&](int64_t n, const char* what) {
    if (n > 0) kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + what;
  };
  kind(empty, "empty");
  kind(notNumbers, "not numbers");
  kind(outOfRange, "out of range");
  std::string list;
  for (const auto& example : examples) list += (list.empty() ? "" : "; ") + example;
  if (count() > static_cast<int64_t>(examples.size())) list += "; …";
  return spec.where() + ": " + std::to_string(count()) + " of " + std::to_string(rows) +
         " rows have no usable coordinates and are left out (" + kinds + ": " + list +
         "); correct those that should have a place";
}

CsvCoordinateRows findUnusableCsvCoordinates(const LayerSpec& spec, const std::string& path, bool geographic) {
  CsvCoordinateRows found;
  if (spec.x.empty()) return found;
  GDALDatasetUniquePtr plain = openDataset(path, GDAL_OF_VECTOR);
  OGRLayer& layer = *plain->GetLayer(0);
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  const int xIndex = definition.GetFieldIndex(spec.x.c_str()), yIndex = definition.GetFieldIndex(spec.y.c_str());
  if (xIndex < 0 || yIndex < 0) return found;
  int idIndex = spec.idField.empty() ? -1 : definition.GetFieldIndex(spec.idField.c_str());
  if (idIndex < 0 && definition.GetFieldCount() > 0) idIndex = 0;
  const double limit = geographic ? 0 : kProjectedLimit;
  for (auto& feature : layer) {
    ++found.rows;
    const std::string x = feature->GetFieldAsString(xIndex), y = feature->GetFieldAsString(yIndex);
    std::string problem;
    double xValue = 0, yValue = 0;
    const bool xNumber = readNumber(x, xValue), yNumber = readNumber(y, yValue);
    const auto blank = [](const std::string& text) { return text.find_first_not_of(" \t") == std::string::npos; };
    if (blank(x) || blank(y)) {
      ++found.empty;
      problem =
          blank(x) && blank(y) ? spec.x + " and " + spec.y + " are empty" : (blank(x) ? spec.x : spec.y) + " is empty";
    } else if (!xNumber || !yNumber) {
      ++found.notNumbers;
      problem = !xNumber ? spec.x + " \"" + x + "\" is not a number" : spec.y + " \"" + y + "\" is not a number";
    } else if (geographic ? std::abs(xValue) > 180 || std::abs(yValue) > 90
                          : std::abs(xValue) > limit || std::abs(yValue) > limit) {
      ++found.outOfRange;
      problem = spec.x + " " + x + ", " + spec.y + " " + y +
                (geographic ? " is beyond longitude ±180 or latitude ±90" : " is beyond a billion metres");
    } else {
      continue;
    }
    if (found.examples.size() < kExamples)
      found.examples.push_back(rowName(found.rows, *feature, idIndex) + ": " + problem);
  }
  return found;
}

std::string unusableCsvCoordinatesWarning(const LayerSpec& spec) {
  if (spec.x.empty() || geometryOf(spec.role) != GeometryFamily::point) return {};
  const VectorSource source = openCatalogLayer(spec);
  const CrsSpec crs = layerCrsSpec(spec, *source.layer);
  const bool geographic = isLonLat(crs);
  return findUnusableCsvCoordinates(spec, source.utf8Copy ? source.utf8Copy->path() : spec.resolvedSource, geographic)
      .warning(spec);
}

}  // namespace urbangis
