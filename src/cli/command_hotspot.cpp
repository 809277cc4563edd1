// urbangis hotspot kde|hexbin|gistar CATALOG --layer L … --out FILE

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

constexpr const char* kUsage =
    "usage: urbangis hotspot kde [CATALOG] --layer L [--kernel K] [--radius M] [--cell M] [--weight F] --out FILE.tif\n"
    "       urbangis hotspot hexbin [CATALOG] --layer L --size M [--clip ZONES] [--weight F] [--out FILE]\n"
    "       urbangis hotspot gistar [CATALOG] --layer L (--hex M | --by ZONES) [--distance M | --knn K]\n"
    "                               [--fdr] [--weight F] [--out FILE]\n"
    "       each also takes --since YYYY-MM-DD --until YYYY-MM-DD: only the points of those days";

void say(const std::vector<std::string>& messages) {
  for (const auto& message : messages) std::cerr << "urbangis: " << message << "\n";
}

}  // namespace

int runHotspot(const std::vector<std::string>& args) {
  if (args.empty()) throw InputError(std::string("hotspot needs kde, hexbin or gistar\n") + kUsage);
  const std::string method = args.front();
  const Arguments arguments({args.begin() + 1, args.end()},
                            {"layer", "kernel", "radius", "cell", "weight", "out", "size", "clip", "hex", "by",
                             "distance", "knn", "since", "until"},
                            {"fdr"});
  const CommandCatalog input(arguments, {{"layer"}, {"by", LayerRole::zones}, {"clip", LayerRole::zones}}, "hotspot");
  const Catalog& catalog = input.catalog();
  const auto layer = input.layers("layer");
  if (!layer) throw InputError(std::string("hotspot needs --layer POINTS_LAYER_ID\n") + kUsage);
  const HotspotSource source{
      *layer, arguments.value("weight").value_or(""),
      TimeWindow::parse(arguments.value("since").value_or(""), arguments.value("until").value_or(""))};
  const auto out = arguments.value("out");
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt);

  if (method == "kde") {
    if (!out) throw InputError("hotspot kde needs --out FILE.tif");
    KdeRequest request;
    if (auto kernel = arguments.value("kernel")) {
      const auto shape = parseKernel(*kernel);
      if (!shape)
        throw InputError("unknown kernel \"" + *kernel +
                         "\"; use quartic, triangular, uniform, triweight, epanechnikov or gaussian");
      request.kernel = *shape;
    }
    if (auto radius = arguments.value("radius")) request.radius = positive(*radius, "--radius");
    if (auto cell = arguments.value("cell")) request.cell = positive(*cell, "--cell");
    KdeOutcome outcome = runKde(catalog, source, request, progress);
    say(outcome.messages);
    outcome.inputs.push_back(catalog.file);
    writeGeoTiff(outcome.raster, *out, outcome.inputs);
    std::cerr << "urbangis: wrote " << *out << "\n";
    return 0;
  }

  TableOutcome outcome;
  if (method == "hexbin") {
    const auto size = arguments.value("size");
    if (!size) throw InputError("hotspot hexbin needs --size M (the hexagon's side in metres)");
    outcome = runHexbin(catalog, source, {positive(*size, "--size"), input.layers("clip").value_or("")}, progress);
  } else if (method == "gistar") {
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
    outcome = runGiStar(catalog, source, run, progress);
  } else {
    throw InputError("unknown hotspot method \"" + method + "\"\n" + kUsage);
  }
  say(outcome.messages);
  if (out) {
    outcome.inputs.push_back(catalog.file);
    for (const auto& note : writeNotes(writeTable(outcome.table, *out, outcome.inputs)))
      std::cerr << "urbangis: " << note << "\n";
    std::cerr << "urbangis: wrote " << outcome.table.rows.size() << " rows to " << *out << "\n";
  } else {
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
  }
  return 0;
}

}  // namespace urbangis::cli
