// urbangis export [CATALOG] --layer L [--where EXPR] [--by ZONES] [--format F] [--keep-crs]
//                 [--to CRS] [--classes national|local|FILE] --out FILE

#include <iostream>

#include "analysis/export/export_layer.h"
#include "cli/arguments.h"
#include "cli/command_catalog_input.h"
#include "cli/commands.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "io/outputs/table_writer.h"

namespace urbangis::cli {

int runExport(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"layer", "where", "by", "format", "out", "to", "classes"}, {"keep-crs"});
  const CommandCatalog input(arguments, {{"layer"}, {"by", LayerRole::zones}}, "export");
  const Catalog& catalog = input.catalog();
  const auto layer = input.layers("layer");
  const auto out = arguments.value("out");
  if (!layer || !out) throw InputError("export needs --layer LAYER_ID and --out FILE");
  const TableFormat format = tableFormatFor(*out);
  if (auto named = arguments.value("format")) {
    const std::string wanted = *named;
    const bool matches =
        (wanted == "geojson" && format == TableFormat::geojson) || (wanted == "gpkg" && format == TableFormat::gpkg) ||
        (wanted == "csv" && format == TableFormat::csv) || (wanted == "shp" && format == TableFormat::shp);
    if (wanted != "geojson" && wanted != "gpkg" && wanted != "csv" && wanted != "shp")
      throw InputError("--format " + wanted + ": use geojson, gpkg, csv or shp");
    if (!matches) throw InputError("--format " + wanted + " does not match the extension of " + *out);
  }
  ExportRequest request;
  request.layer = *layer;
  if (auto where = arguments.value("where")) request.where = FilterExpression::parse(*where);
  request.byZones = input.layers("by").value_or("");
  request.keepCrs = arguments.has("keep-crs");
  if (auto to = arguments.value("to")) {
    request.to = parseCrsName(*to);
    if (!request.to) throw InputError("--to: unknown CRS \"" + *to + "\"; use gcj02, bd09, wgs84, cgcs2000 or EPSG:n");
  }
  // National classes ride along by default when the catalog's folder has the mapping file.
  const std::string classes = arguments.value("classes").value_or("national");
  const std::filesystem::path classFile = classMapFile(classes, catalog.file);
  if (classes != "local" && (arguments.value("classes") || std::filesystem::exists(classFile)))
    request.classes = loadClassMap(classFile);
  request.coordinates = format == TableFormat::csv && geometryOf(catalog.layer(*layer).role) == GeometryFamily::point;
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt);
  ExportOutcome outcome = exportLayer(catalog, request, progress);
  for (const auto& message : outcome.messages) std::cerr << "urbangis: " << message << "\n";
  outcome.inputs.push_back(catalog.file);
  const TableWriteReport written = writeTable(outcome.table, *out, outcome.inputs, &progress);
  for (const auto& note : writeNotes(written)) std::cerr << "urbangis: " << note << "\n";
  std::cerr << "urbangis: wrote " << *out << (format == TableFormat::geojson && !request.keepCrs ? " (RFC 7946)" : "")
            << "\n";
  return 0;
}

}  // namespace urbangis::cli
