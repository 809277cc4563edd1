// urbangis grid [CATALOG] --by ZONES [--cell M] [--min-area M2] [--split-by NETWORK]
//               [--major-classes A,B] [--out FILE] [--threads N]

#include <chrono>
#include <cmath>
#include <iostream>

#include "analysis/grids/grid_table.h"
#include "cli/arguments.h"
#include "cli/command_catalog_input.h"
#include "cli/commands.h"
#include "cli/table_headings.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "io/outputs/table_writer.h"

namespace urbangis::cli {
namespace {

double number(const std::string& text, const char* option, bool zeroAllowed) {
  const std::optional<double> value = parseNumber(text);
  if (!value || *value < 0 || (!zeroAllowed && *value == 0))
    throw InputError(std::string(option) + " needs a number " + (zeroAllowed ? "of 0 or more" : "greater than 0") +
                     ", got \"" + text + "\"");
  return *value;
}

int runGrid(const Arguments& arguments) {
  if (!arguments.value("by"))
    throw InputError("grid needs --by ZONES (communities or villages: an id or a file; urbangis grid --help)");

  GridRequest request;
  if (auto cell = arguments.value("cell")) request.cell = number(*cell, "--cell", false);
  if (auto minArea = arguments.value("min-area")) request.minAreaM2 = number(*minArea, "--min-area", true);
  if (auto classes = arguments.value("major-classes")) {
    request.majorClasses = splitList(*classes);
    if (request.majorClasses.empty()) throw InputError("--major-classes needs at least one road class");
  }
  if (auto threads = arguments.value("threads")) {
    const double count = number(*threads, "--threads", false);
    if (count != static_cast<unsigned>(count) || count > 256) throw InputError("--threads must be 1–256");
    request.threads = static_cast<unsigned>(count);
  }
  const auto out = arguments.value("out");
  if (out) tableFormatFor(*out);  // refuse an unknown format before any work

  const auto started = std::chrono::steady_clock::now();
  const CommandCatalog input(arguments, {{"by", LayerRole::zones}, {"split-by", LayerRole::network}}, "grid");
  const Catalog& catalog = input.catalog();
  request.zonesLayer = *input.layers("by");
  request.splitBy = input.layers("split-by").value_or("");

  const InterruptFlag interrupt;
  GridOutcome outcome;
  {
    const TerminalProgress progress(interrupt, arguments);
    outcome = runUnitGrids(catalog, request, progress);
    for (const auto& message : outcome.messages) std::cerr << "urbangis: " << message << "\n";
    if (out) {
      labelTable(outcome.table, arguments, *out, catalog, nullptr, {"单元网格", "Unit grids"});
      std::vector<std::filesystem::path> inputs = outcome.inputs;
      inputs.push_back(catalog.file);
      for (const auto& note : writeNotes(writeTable(outcome.table, *out, inputs, &progress)))
        std::cerr << "urbangis: " << note << "\n";
    }
  }
  if (out) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "urbangis: wrote " << outcome.table.rows.size() << " unit grids to " << *out << " in " << seconds
              << " s (working CRS " << outcome.workingCrs << ")\n";
    return 0;
  }
  for (size_t c = 0; c < outcome.table.columns.size(); ++c)
    std::cout << (c ? "\t" : "") << outcome.table.columns[c].name;
  std::cout << "\n";
  std::cout.precision(10);
  for (const auto& row : outcome.table.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      std::cout << (c ? "\t" : "");
      if (const auto* text = std::get_if<std::string>(&row[c])) std::cout << *text;
      if (const auto* real = std::get_if<double>(&row[c])) std::cout << *real;
    }
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

Command gridCommand() {
  CommandSpec spec{
      "grid",
      "[CATALOG] --by ZONES [options]",
      "Unit grids (单元网格) inside every community, with 15-digit grid codes, optionally cut along major roads.",
      "Square cells of --cell metres clipped to each zone (slivers under --min-area merged into a neighbour), "
      "coded by the national standard for digital urban management (GB/T 30428.2); docs/grids.md. Without "
      "--out the grids are printed tab-separated.",
      {
          {"by", "ZONES", "The zones to divide: communities or villages (a layer id or a file).", false,
           ValueKind::layer},
          {"cell", "M", "The cells' side in metres (default 100)."},
          {"min-area", "M2",
           "Pieces smaller than this many m² join a neighbour (default: a quarter of a cell, 2500 m² at "
           "100 m)."},
          {"split-by", "NETWORK", "Also cut the grids along the major roads of this network layer.", false,
           ValueKind::layer},
          {"major-classes", "A,B,…",
           "With --split-by: the road classes that cut, comma-separated (default: 快速路, 主干道, "
           "主干路, 次干道, 次干路, motorway, trunk, primary, secondary)."},
          {"threads", "N", "Worker threads, 1–256 (default: every core)."},
          {"out", "FILE", "Write the grids to FILE: .gpkg, .geojson, .csv, .xlsx (a list for Excel and WPS) or .shp.",
           false, ValueKind::file},
          headersOption(),
      },
      {
          {"urbangis grid --by communities --out grids.gpkg", "100 m unit grids for every Daye community."},
          {"urbangis grid --by communities --cell 150 --split-by roads --out grids_roads.gpkg",
           "150 m grids cut along the major roads."},
      }};
  return {std::move(spec), &runGrid};
}

}  // namespace urbangis::cli
