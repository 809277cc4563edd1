// urbangis grid [CATALOG] --by ZONES [--cell M] [--min-area M2] [--split-by NETWORK]
//               [--major-classes A,B] [--out FILE] [--threads N]

#include <chrono>
#include <cmath>
#include <iostream>

#include "analysis/grids/grid_table.h"
#include "cli/arguments.h"
#include "cli/command_catalog_input.h"
#include "cli/commands.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "io/outputs/table_writer.h"

namespace urbangis::cli {
namespace {

constexpr const char* kUsage =
    "usage: urbangis grid [CATALOG] --by ZONES [--cell M] [--min-area M2] [--split-by NETWORK]\n"
    "                     [--major-classes A,B] [--out FILE.gpkg|.geojson|.csv|.shp] [--threads N]";

double number(const std::string& text, const char* option, bool zeroAllowed) {
  const std::optional<double> value = parseNumber(text);
  if (!value || *value < 0 || (!zeroAllowed && *value == 0))
    throw InputError(std::string(option) + " needs a number " + (zeroAllowed ? "of 0 or more" : "greater than 0") +
                     ", got \"" + text + "\"\n" + kUsage);
  return *value;
}

}  // namespace

int runGrid(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"by", "cell", "min-area", "split-by", "major-classes", "out", "threads"}, {});
  if (!arguments.value("by"))
    throw InputError(std::string("grid needs --by ZONES (communities or villages: an id or a file)\n") + kUsage);

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
    const TerminalProgress progress(interrupt);
    outcome = runUnitGrids(catalog, request, progress);
    for (const auto& message : outcome.messages) std::cerr << "urbangis: " << message << "\n";
    if (out) {
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

}  // namespace urbangis::cli
