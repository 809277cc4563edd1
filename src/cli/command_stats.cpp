// urbangis stats CATALOG --by ZONES [--layers a,b] [--since D] [--until D] [--out FILE]
//                [--cases [--monthly]] [--classes national|FILE]

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "analysis/case_indicators.h"
#include "analysis/postgis_stats.h"
#include "analysis/national_classes.h"
#include "analysis/stats.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "io/csv_coordinates.h"
#include "io/resources.h"

namespace urbangis::cli {
namespace {

std::string cellText(const CellValue& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* integer = std::get_if<int64_t>(&cell)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&cell)) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", *real);
    return buffer;
  }
  return "";
}

// Display width of UTF-8 text: CJK characters take two columns in a terminal.
size_t displayWidth(const std::string& text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    width += length >= 3 ? 2 : 1;
    i += length;
  }
  return width;
}

// An aligned text table for the terminal (use --out for CSV, GeoJSON or GeoPackage).
void printTable(const OutputTable& table, std::ostream& out) {
  std::vector<std::vector<std::string>> cells{{}};
  for (const auto& column : table.columns) cells[0].push_back(column.name);
  for (const auto& row : table.rows) {
    cells.emplace_back();
    for (const auto& cell : row) cells.back().push_back(cellText(cell));
  }
  std::vector<size_t> widths(table.columns.size(), 0);
  for (const auto& row : cells)
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], displayWidth(row[c]));
  for (const auto& row : cells) {
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string padding(widths[c] - displayWidth(row[c]), ' ');
      const bool numeric = c >= 2 && &row != &cells[0];
      out << (c ? "  " : "") << (numeric ? padding + row[c] : row[c] + padding);
    }
    out << "\n";
  }
}

}  // namespace

int runStats(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"by", "layers", "since", "until", "out", "threads", "classes", "engine"}, {"cases", "monthly"});
  if (arguments.positionals().size() > 1)
    throw InputError("stats takes one catalog, got " + std::to_string(arguments.positionals().size()));
  const std::string catalogPath = arguments.positionals().empty() ? defaultCatalog().string()
                                                                  : arguments.positionals().front();
  const auto by = arguments.value("by");
  if (!by) throw InputError("stats needs --by ZONES_LAYER_ID (the zones layer to aggregate by)");

  StatsRequest request;
  request.zonesLayer = *by;
  if (auto layers = arguments.value("layers")) request.layers = splitList(*layers);
  request.window = TimeWindow::parse(arguments.value("since").value_or(""),
                                     arguments.value("until").value_or(""));
  if (auto threads = arguments.value("threads")) {
    request.threads = static_cast<unsigned>(std::stoul(*threads));
    if (request.threads == 0 || request.threads > 256) throw InputError("--threads must be 1–256");
  }
  const std::optional<std::string> out = arguments.value("out");
  if (out) tableFormatFor(*out);  // refuse an unknown format before any work

  const auto started = std::chrono::steady_clock::now();
  const Catalog catalog = loadCatalog(catalogPath);
  const InterruptFlag interrupt;
  StatsResult result;
  if (arguments.has("cases") || arguments.has("monthly")) {
    // Case indicators (closure, on-time, hours to close, flag shares), per zone or per zone and month.
    CaseIndicatorRequest cases{request.zonesLayer, request.layers, request.window, arguments.has("monthly")};
    const TerminalProgress progress(interrupt);
    CaseIndicatorResult indicators = computeCaseIndicators(catalog, cases, progress);
    result.table = std::move(indicators.table);
    result.warnings = std::move(indicators.warnings);
    result.inputs = std::move(indicators.inputs);
    result.workingCrs = std::move(indicators.workingCrs);
  } else {
    // --engine postgis|local|auto (default auto: PostGIS when every layer is in one database).
    const std::string engine = arguments.value("engine").value_or("auto");
    if (engine != "auto" && engine != "local" && engine != "postgis")
      throw InputError("--engine " + engine + ": use local, postgis or auto");
    const bool inDatabase = engine == "postgis" || (engine == "auto" && postgisEngineApplies(catalog, request));
    const TerminalProgress progress(interrupt);
    result = inDatabase ? computeStatsInPostgis(catalog, request, progress) : computeStats(catalog, request, progress);
  }
  if (auto classes = arguments.value("classes"); classes && *classes != "local") {
    // National event / component classes instead of the layers' own categories.
    const std::filesystem::path file = classMapFile(*classes, catalog.file);
    const ClassMap map = loadClassMap(file);
    std::vector<std::string> ids;
    for (const LayerSpec& layer : catalog.layers) ids.push_back(layer.id);
    result.table = byNationalClass(result.table, ids, map, result.warnings);
    result.inputs.push_back(file);
  }
  // CSV rows without usable coordinates, named as `info` names them (io/csv_coordinates.h).
  std::vector<std::string> csvWarnings;
  for (const LayerSpec& layer : catalog.layers)
    if (request.layers.empty() || std::find(request.layers.begin(), request.layers.end(), layer.id) != request.layers.end())
      if (std::string warning = unusableCsvCoordinatesWarning(layer); !warning.empty())
        csvWarnings.push_back(std::move(warning));
  result.warnings.insert(result.warnings.begin(), csvWarnings.begin(), csvWarnings.end());
  for (const auto& warning : result.warnings) std::cerr << "urbangis: " << warning << "\n";
  if (out) {
    std::vector<std::filesystem::path> inputs = result.inputs;
    inputs.push_back(catalog.file);
    for (const auto& note : writeNotes(writeTable(result.table, *out, inputs))) std::cerr << "urbangis: " << note << "\n";
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "urbangis: wrote " << result.table.rows.size() << " rows × "
              << result.table.columns.size() << " columns to " << *out << " in " << seconds
              << " s (working CRS " << result.workingCrs << ")\n";
  } else {
    printTable(result.table, std::cout);
  }
  return 0;
}

}  // namespace urbangis::cli
