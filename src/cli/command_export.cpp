// urbangis export [CATALOG] --layer L [--where EXPR] [--by ZONES] [--format F] [--keep-crs]
//                 [--dst-crs CRS] [--classes national|local|FILE] --out FILE

#include <iostream>

#include "analysis/export/export_layer.h"
#include "cli/arguments.h"
#include "cli/command_catalog_input.h"
#include "cli/commands.h"
#include "cli/table_headings.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "io/outputs/table_writer.h"

namespace urbangis::cli {
namespace {

int runExport(const Arguments& arguments) {
  const CommandCatalog input(arguments, {{"layer"}, {"by", LayerRole::zones}}, "export");
  const Catalog& catalog = input.catalog();
  const auto layer = input.layers("layer");
  const auto out = arguments.value("out");
  if (!layer || !out) throw InputError("export needs --layer LAYER_ID and --out FILE");
  const TableFormat format = tableFormatFor(*out);
  if (auto named = arguments.value("format"))  // the spec allows only the names below
    if (tableFormatFor("out." + *named) != format)
      throw InputError("--format " + *named + " does not match the extension of " + *out);
  ExportRequest request;
  request.layer = *layer;
  if (auto where = arguments.value("where")) request.where = FilterExpression::parse(*where);
  request.byZones = input.layers("by").value_or("");
  request.keepCrs = arguments.has("keep-crs");
  if (auto to = arguments.value("dst-crs")) {
    request.to = parseCrsName(*to);
    if (!request.to)
      throw InputError("--dst-crs: unknown CRS \"" + *to + "\"; use gcj02, bd09, wgs84, cgcs2000 or EPSG:n");
  }
  // National classes ride along by default when the catalog's folder has the mapping file.
  const std::string classes = arguments.value("classes").value_or("national");
  const std::filesystem::path classFile = classMapFile(classes, catalog.file);
  if (classes != "local" && (arguments.value("classes") || std::filesystem::exists(classFile)))
    request.classes = loadClassMap(classFile);
  // Tables without geometry carry a point layer's places as lon/lat columns.
  request.coordinates = (format == TableFormat::csv || format == TableFormat::xlsx) &&
                        geometryOf(catalog.layer(*layer).role) == GeometryFamily::point;
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt, arguments);
  ExportOutcome outcome = exportLayer(catalog, request, progress);
  for (const auto& message : outcome.messages) std::cerr << "urbangis: " << message << "\n";
  outcome.inputs.push_back(catalog.file);
  const LayerSpec& exported = catalog.layer(*layer);
  labelTable(outcome.table, arguments, *out, catalog, &exported, exported.title);
  const TableWriteReport written = writeTable(outcome.table, *out, outcome.inputs, &progress);
  for (const auto& note : writeNotes(written)) std::cerr << "urbangis: " << note << "\n";
  std::cerr << "urbangis: wrote " << *out << (format == TableFormat::geojson && !request.keepCrs ? " (RFC 7946)" : "")
            << "\n";
  return 0;
}

}  // namespace

Command exportCommand() {
  CommandSpec spec{
      "export",
      "[CATALOG] --layer LAYER --out FILE [options]",
      "A layer, filtered, joined to zones and with its national classes, as GeoJSON, GeoPackage, CSV, XLSX or "
      "shapefile.",
      "GeoJSON is written as RFC 7946 (WGS84 lon/lat, 7 decimals) unless --keep-crs; a CSV or XLSX of points "
      "carries lon/lat columns, dates stay dates. The output is written atomically and never over an input.",
      {
          {"layer", "LAYER", "The layer to export: a layer id or a data file.", false, ValueKind::layer},
          {"where", "EXPR",
           "Only the features that match, e.g. \"status = 'pending' AND month >= '2023-06'\" "
           "(the filter language of docs/cli.md)."},
          {"by", "ZONES", "Add the id and name of the zone each feature lies in (a zones layer id or file).", false,
           ValueKind::layer},
          {"classes", "national|local|FILE",
           "Add the national event class of each feature's category: `national` (the default when the mapping "
           "file sits beside the catalog), a mapping file, or `local` for none.",
           false, ValueKind::file},
          {"dst-crs",
           "CRS",
           "Write in this CRS: gcj02, bd09, wgs84, cgcs2000 or EPSG:n (GCJ-02 for AMap, BD-09 "
           "for Baidu).",
           false,
           ValueKind::text,
           {},
           {"to"}},
          {"keep-crs", "", "Keep the layer's own CRS (GeoJSON then is not RFC 7946)."},
          {"format",
           "FORMAT",
           "Check that FILE's extension is this format.",
           false,
           ValueKind::text,
           {"geojson", "gpkg", "csv", "xlsx", "shp"}},
          {"out", "FILE", "The file to write: .geojson, .gpkg, .csv, .xlsx (for Excel and WPS) or .shp.", false,
           ValueKind::file},
          headersOption(),
      },
      {
          {"urbangis export --layer complaints --where \"type = '油烟'\" --out fumes.geojson",
           "The cooking-fume complaints as RFC 7946 GeoJSON, for a web page or a phone."},
          {"urbangis export --layer gas_hazards --by communities --out gas.xlsx",
           "Gas hazards with lon/lat, dates and their community, as an Excel workbook."},
          {"urbangis export --layer cable --dst-crs gcj02 --out cable_amap.geojson",
           "The cable corridors shifted onto AMap's GCJ-02 map."},
      }};
  return {std::move(spec), &runExport};
}

}  // namespace urbangis::cli
