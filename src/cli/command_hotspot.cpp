// urbangis hotspot kde|hexbin|gistar [CATALOG] --layer L … [--out FILE]

#include <iostream>

#include "analysis/hotspots/hotspots.h"
#include "cli/arguments.h"
#include "cli/command_catalog_input.h"
#include "cli/commands.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "io/outputs/table_writer.h"

namespace urbangis::cli {
namespace {

double positive(const std::string& text, const char* option) {
  const std::optional<double> value = parseNumber(text);
  if (!value || !(*value > 0))
    throw InputError(std::string(option) + " needs a number of metres greater than 0, got \"" + text + "\"");
  return *value;
}

void say(const std::vector<std::string>& messages) {
  for (const auto& message : messages) std::cerr << "urbangis: " << message << "\n";
}

// The points every method reads: --layer, --weight, --since/--until.
HotspotSource sourceOf(const Arguments& arguments, const CommandCatalog& input) {
  const auto layer = input.layers("layer");
  if (!layer) throw InputError("hotspot " + arguments.spec().path.substr(8) + " needs --layer POINTS_LAYER");
  return {*layer, arguments.value("weight").value_or(""),
          TimeWindow::parse(arguments.value("since").value_or(""), arguments.value("until").value_or(""))};
}

// A table to --out, or tab-separated on stdout without it.
int finish(TableOutcome& outcome, const Catalog& catalog, const std::optional<std::string>& out) {
  say(outcome.messages);
  if (out) {
    outcome.inputs.push_back(catalog.file);
    for (const auto& note : writeNotes(writeTable(outcome.table, *out, outcome.inputs)))
      std::cerr << "urbangis: " << note << "\n";
    std::cerr << "urbangis: wrote " << outcome.table.rows.size() << " rows to " << *out << "\n";
    return 0;
  }
  for (size_t c = 0; c < outcome.table.columns.size(); ++c)
    std::cout << (c ? "\t" : "") << outcome.table.columns[c].name;
  std::cout << "\n";
  for (const auto& row : outcome.table.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      std::cout << (c ? "\t" : "");
      if (const auto* text = std::get_if<std::string>(&row[c])) std::cout << *text;
      if (const auto* integer = std::get_if<int64_t>(&row[c])) std::cout << *integer;
      if (const auto* real = std::get_if<double>(&row[c])) std::cout << *real;
    }
    std::cout << "\n";
  }
  return 0;
}

int runKdeCommand(const Arguments& arguments) {
  const CommandCatalog input(arguments, {{"layer"}}, "hotspot kde");
  const Catalog& catalog = input.catalog();
  const HotspotSource source = sourceOf(arguments, input);
  const auto out = arguments.value("out");
  if (!out) throw InputError("hotspot kde needs --out FILE.tif");
  KdeRequest request;
  if (auto kernel = arguments.value("kernel"))
    request.kernel = parseKernel(*kernel).value();  // one of the spec's choices
  if (auto radius = arguments.value("radius")) request.radius = positive(*radius, "--radius");
  if (auto cell = arguments.value("cell")) request.cell = positive(*cell, "--cell");
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt, arguments);
  KdeOutcome outcome = runKde(catalog, source, request, progress);
  say(outcome.messages);
  outcome.inputs.push_back(catalog.file);
  writeGeoTiff(outcome.raster, *out, outcome.inputs);
  std::cerr << "urbangis: wrote " << *out << "\n";
  return 0;
}

int runHexbinCommand(const Arguments& arguments) {
  const CommandCatalog input(arguments, {{"layer"}, {"clip", LayerRole::zones}}, "hotspot hexbin");
  const Catalog& catalog = input.catalog();
  const HotspotSource source = sourceOf(arguments, input);
  const auto hex = arguments.value("hex");
  if (!hex) throw InputError("hotspot hexbin needs --hex M (the hexagons' side in metres)");
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt, arguments);
  TableOutcome outcome =
      runHexbin(catalog, source, {positive(*hex, "--hex"), input.layers("clip").value_or("")}, progress);
  return finish(outcome, catalog, arguments.value("out"));
}

int runGiStarCommand(const Arguments& arguments) {
  const CommandCatalog input(arguments, {{"layer"}, {"by", LayerRole::zones}}, "hotspot gistar");
  const Catalog& catalog = input.catalog();
  const HotspotSource source = sourceOf(arguments, input);
  GiStarRun run;
  const auto hex = arguments.value("hex");
  const auto by = input.layers("by");
  if (hex.has_value() == by.has_value())
    throw InputError("hotspot gistar needs either --hex M (hexagon cells) or --by ZONES_LAYER");
  if (hex) run.hexSize = positive(*hex, "--hex");
  if (by) run.zones = *by;
  if (auto distance = arguments.value("distance")) run.statistic.distance = positive(*distance, "--distance");
  if (auto knn = arguments.value("knn")) {
    if (run.statistic.distance) throw InputError("give --distance or --knn, not both");
    try {
      run.statistic.knn = std::stoi(*knn);
    } catch (const std::exception&) {
      throw InputError("--knn needs a whole number, got \"" + *knn + "\"");
    }
  }
  run.statistic.fdr = arguments.has("fdr");
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt, arguments);
  TableOutcome outcome = runGiStar(catalog, source, run, progress);
  return finish(outcome, catalog, arguments.value("out"));
}

// The options of every method: which points, weighted how, of which days.
std::vector<OptionSpec> pointOptions(std::vector<OptionSpec> own) {
  std::vector<OptionSpec> options{
      {"layer", "LAYER", "The points layer: a layer id or a data file.", false, ValueKind::layer},
      {"weight", "FIELD", "Weight each point by this numeric field (e.g. a count of complaints at one address)."},
      {"since", "YYYY-MM-DD", "Only the points of that day or later (by the layer's time field)."},
      {"until", "YYYY-MM-DD", "Only the points of that day or earlier."},
  };
  options.insert(options.end(), own.begin(), own.end());
  return options;
}

const char* const kHexHelp = "The hexagons' side in metres (flat-topped hexagons over the layer's extent).";

}  // namespace

Command hotspotKdeCommand() {
  CommandSpec spec{
      "hotspot kde",
      "[CATALOG] --layer LAYER --out FILE.tif [options]",
      "A kernel density raster (events per km²) of a points layer, as a GeoTIFF.",
      "The surface integrates to the number (or weight) of the points. Without --radius the bandwidth follows "
      "the rule docs/hotspots.md gives (said on stderr); without --cell the cell is a tenth of the radius.",
      pointOptions({
          {"kernel",
           "KERNEL",
           "The kernel's shape (default quartic, as QGIS and ArcGIS).",
           false,
           ValueKind::text,
           {"quartic", "triangular", "uniform", "triweight", "epanechnikov", "gaussian"}},
          {"radius", "M", "The kernel's radius (bandwidth) in metres."},
          {"cell", "M", "The raster's cell size in metres."},
          {"out", "FILE.tif", "The GeoTIFF to write (tiled, compressed, with overviews).", false, ValueKind::file},
      }),
      {
          {"urbangis hotspot kde --layer gas_hazards --out gas_kde.tif",
           "Density of the embedded Daye gas hazards, radius and cell chosen by rule."},
          {"urbangis hotspot kde --layer street_order --radius 500 --cell 25 --since 2023-07-01 --until 2023-09-30 "
           "--out q3.tif",
           "Street-order cases of the third quarter of 2023, 500 m quartic kernel on 25 m cells."},
      }};
  return {std::move(spec), &runKdeCommand};
}

Command hotspotHexbinCommand() {
  CommandSpec spec{
      "hotspot hexbin",
      "[CATALOG] --layer LAYER --hex M [options]",
      "Points counted in hexagons: the cells with points, their counts and densities.",
      "Without --out the table (cell id, centre, count, density) is printed tab-separated.",
      pointOptions({
          {"hex", "M", kHexHelp, false, ValueKind::text, {}, {"size"}},
          {"clip", "ZONES", "Only the hexagons that meet these zones (a zones layer id or file), e.g. the city.", false,
           ValueKind::layer},
          {"out", "FILE", "Write the hexagons to FILE: .gpkg, .geojson, .csv or .shp.", false, ValueKind::file},
      }),
      {
          {"urbangis hotspot hexbin --layer gas_hazards --hex 400 --out gas_hex.geojson",
           "Gas hazards in 400 m hexagons, as GeoJSON."},
          {"urbangis hotspot hexbin --layer complaints --hex 250 --clip districts --out complaints_hex.gpkg",
           "Complaints in 250 m hexagons over the districts only."},
      }};
  return {std::move(spec), &runHexbinCommand};
}

Command hotspotGistarCommand() {
  CommandSpec spec{
      "hotspot gistar",
      "[CATALOG] --layer LAYER (--hex M | --by ZONES) [options]",
      "Getis-Ord Gi* hot and cold spots of a points layer, in hexagons or zones, with their confidence.",
      "Each cell's z-score and p-value over its neighbours (a distance band or the k nearest), and its class "
      "(hot or cold spot at 90, 95 or 99 % confidence), as ArcGIS Pro's Hot Spot Analysis; docs/hotspots.md "
      "gives every choice the numbers depend on.",
      pointOptions({
          {"hex", "M", kHexHelp},
          {"by", "ZONES", "Zones as the cells instead of hexagons (a zones layer id or file).", false,
           ValueKind::layer},
          {"distance", "M",
           "Neighbours within this distance in metres (default: the distance that gives every "
           "cell at least one neighbour)."},
          {"knn", "K", "The K nearest cells as neighbours instead of a distance band."},
          {"fdr", "",
           "Correct the confidence for the many cells tested (false discovery rate), as ArcGIS Pro's "
           "option."},
          {"out", "FILE", "Write the cells to FILE: .gpkg, .geojson, .csv or .shp.", false, ValueKind::file},
      }),
      {
          {"urbangis hotspot gistar --layer gas_hazards --hex 500 --fdr --out gas_gistar.gpkg",
           "Hot spots of gas hazards in 500 m hexagons, FDR-corrected."},
          {"urbangis hotspot gistar --layer complaints --by communities --knn 8 --out complaints_gistar.geojson",
           "Hot and cold communities for complaints, each with its 8 nearest as neighbours."},
      }};
  return {std::move(spec), &runGiStarCommand};
}

}  // namespace urbangis::cli
