// urbangis stats CATALOG --by ZONES [--layers a,b] [--since D] [--until D] [--out FILE]
//                [--cases [--monthly]] [--classes national|FILE]

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "analysis/stats/stats_run.h"
#include "cli/arguments.h"
#include "cli/command_catalog_input.h"
#include "cli/commands.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "io/outputs/table_writer.h"

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
  const Arguments arguments(args, {"by", "layers", "since", "until", "out", "threads", "classes", "engine"},
                            {"cases", "monthly"});
  if (!arguments.value("by"))
    throw InputError("stats needs --by ZONES (a zones layer id, or a file of zones: --by wards.geojson)");

  StatsRun run;
  StatsRequest& request = run.request;
  request.window = TimeWindow::parse(arguments.value("since").value_or(""), arguments.value("until").value_or(""));
  if (auto threads = arguments.value("threads")) {
    request.threads = static_cast<unsigned>(std::stoul(*threads));
    if (request.threads == 0 || request.threads > 256) throw InputError("--threads must be 1–256");
  }
  run.engine = parseStatsEngine(arguments.value("engine").value_or("auto"));
  run.cases = arguments.has("cases");
  run.monthly = arguments.has("monthly");
  run.classes = arguments.value("classes").value_or("");
  const std::optional<std::string> out = arguments.value("out");
  if (out) tableFormatFor(*out);  // refuse an unknown format before any work

  const auto started = std::chrono::steady_clock::now();
  const CommandCatalog input(arguments, {{"by", LayerRole::zones}, {"layers", std::nullopt, true}}, "stats");
  const Catalog& catalog = input.catalog();
  request.zonesLayer = *input.layers("by");
  if (auto layers = input.layers("layers")) request.layers = splitList(*layers);

  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt);
  const StatsRunResult result = runStats(catalog, run, progress);
  for (const auto& warning : result.warnings) std::cerr << "urbangis: " << warning << "\n";
  if (out) {
    std::vector<std::filesystem::path> inputs = result.inputs;
    inputs.push_back(catalog.file);
    for (const auto& note : writeNotes(writeTable(result.table, *out, inputs)))
      std::cerr << "urbangis: " << note << "\n";
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "urbangis: wrote " << result.table.rows.size() << " rows × " << result.table.columns.size()
              << " columns to " << *out << " in " << seconds << " s (working CRS " << result.workingCrs << ")\n";
  } else {
    printTable(result.table, std::cout);
  }
  return 0;
}

}  // namespace urbangis::cli
