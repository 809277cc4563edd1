// urbangis convert [--src-crs CRS] --dst-crs CRS IN OUT [--layer NAME] [--x COL --y COL]

#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "core/error.h"
#include "io/outputs/layer_convert.h"

namespace urbangis::cli {
namespace {

CrsSpec crsOption(const std::string& value, const char* option) {
  auto spec = parseCrsName(value);
  if (!spec)
    throw InputError(std::string(option) + ": unknown CRS \"" + value +
                     "\"; use gcj02, bd09, wgs84, cgcs2000 or EPSG:n (case-insensitive)");
  return *spec;
}

int runConvert(const Arguments& arguments) {
  if (arguments.positionals().size() != 2)
    throw InputError("convert takes an input and an output file: convert --src-crs gcj02 --dst-crs wgs84 IN OUT");
  const auto to = arguments.value("dst-crs");
  if (!to) throw InputError("convert needs --dst-crs CRS (gcj02, bd09, wgs84, cgcs2000 or EPSG:n)");
  ConvertRequest request;
  request.input = arguments.positionals()[0];
  request.output = arguments.positionals()[1];
  request.to = crsOption(*to, "--dst-crs");
  if (auto from = arguments.value("src-crs")) request.from = crsOption(*from, "--src-crs");
  request.layer = arguments.value("layer").value_or("");
  request.x = arguments.value("x").value_or("");
  request.y = arguments.value("y").value_or("");
  if (request.x.empty() != request.y.empty()) throw InputError("--x and --y go together");
  const ConvertReport report = convertLayer(request);
  for (const auto& note : report.notes) std::cerr << "urbangis: " << note << "\n";
  std::cerr << "urbangis: converted " << report.features << " features from " << report.fromLabel << " to "
            << report.toLabel << " into " << request.output.string();
  if (report.withoutGeometry) std::cerr << " (" << report.withoutGeometry << " without geometry, kept)";
  std::cerr << "\n";
  return 0;
}

}  // namespace

Command convertCommand() {
  const std::string crs = " gcj02 (火星坐标), bd09 (Baidu), wgs84, cgcs2000 or EPSG:n, case-insensitive.";
  CommandSpec spec{
      "convert",
      "[--src-crs CRS] --dst-crs CRS IN OUT [options]",
      "Convert a file between GCJ-02, BD-09, WGS84, CGCS2000 and EPSG:n (exact offsets; every attribute kept).",
      "Reads IN (any vector format GDAL reads, or a CSV of coordinates) and writes OUT in the format of its "
      "extension. IN is never modified and OUT may not be IN. The GCJ-02 and BD-09 offsets are undone by "
      "iteration to below a millimetre.",
      {
          {"src-crs",
           "CRS",
           "The CRS IN is in (default: the one IN declares; give it for GCJ-02/BD-09 data, which "
           "declares WGS84)." +
               crs,
           false,
           ValueKind::text,
           {},
           {"from"}},
          {"dst-crs", "CRS", "The CRS to write OUT in." + crs, false, ValueKind::text, {}, {"to"}},
          {"layer", "NAME", "The layer of IN to convert, when it has several."},
          {"x", "COLUMN",
           "With --y: IN is a CSV whose points are in these columns (x: longitude or easting); a CSV "
           "OUT keeps its columns, with the coordinates rewritten."},
          {"y", "COLUMN", "With --x: the CSV column of the latitudes or northings."},
      },
      {
          {"urbangis convert --src-crs gcj02 --dst-crs wgs84 amap_points.geojson points_wgs84.geojson",
           "Points taken from an AMap (高德) or Tencent map, moved back onto WGS84."},
          {"urbangis convert --src-crs bd09 --dst-crs cgcs2000 --x lng --y lat baidu.csv cases.gpkg",
           "A CSV of Baidu coordinates as a CGCS2000 GeoPackage."},
      },
      ValueKind::file};
  return {std::move(spec), &runConvert};
}

}  // namespace urbangis::cli
