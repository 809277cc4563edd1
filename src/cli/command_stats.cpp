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
#include "cli/table_headings.h"
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

int runStatsCommand(const Arguments& arguments) {
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
  const TerminalProgress progress(interrupt, arguments);
  StatsRunResult result = runStats(catalog, run, progress);
  for (const auto& warning : result.warnings) std::cerr << "urbangis: " << warning << "\n";
  if (out) {
    const LocalizedText& zones = catalog.layer(request.zonesLayer).title;
    const LocalizedText title =
        run.cases
            ? LocalizedText{zones.in("zh") + (run.monthly ? "逐月案件指标" : "案件指标"),
                            (run.monthly ? "Monthly case indicators by " : "Case indicators by ") + zones.in("en")}
            : LocalizedText{zones.in("zh") + "统计", "Statistics by " + zones.in("en")};
    labelTable(result.table, arguments, *out, catalog, nullptr, title);
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

}  // namespace

Command statsCommand() {
  CommandSpec spec{
      "stats",
      "[CATALOG] --by ZONES [options]",
      "Per-zone counts, densities, covered areas and lengths; by national class; case indicators.",
      "Counts every points layer per zone (and per category), the share of each zone covered by area layers "
      "(overlaps unioned before measuring, ellipsoidal areas) and the length of line layers inside it. "
      "Without --out the table is printed on the terminal.",
      {
          {"by", "ZONES",
           "The zones to count in: a zones layer id (districts, communities, grids …) or a file of "
           "zones (wards.geojson).",
           false, ValueKind::layer},
          {"layers", "A,B,…",
           "Only these layers (ids or data files), comma-separated; default every points, "
           "area and line layer of the catalog.",
           false, ValueKind::layer},
          {"since", "YYYY-MM-DD", "Only the features of that day or later (by the layer's time field)."},
          {"until", "YYYY-MM-DD", "Only the features of that day or earlier."},
          {"classes", "national|FILE",
           "One column per national event class instead of per local category: `national` reads the class "
           "mapping beside the catalog, or give a mapping file.",
           false, ValueKind::file},
          {"cases", "",
           "Case indicators instead of counts: closure rate, hours to close, handled, answered and "
           "satisfied, per zone."},
          {"monthly", "", "With --cases: one row per zone and month."},
          {"engine",
           "ENGINE",
           "Where the counting runs: `local` (this machine), `postgis` (in the database of "
           "PostGIS layers), `auto` (postgis when every layer is in one database).",
           false,
           ValueKind::text,
           {"auto", "local", "postgis"}},
          {"threads", "N", "Worker threads, 1–256 (default: every core)."},
          {"out", "FILE",
           "Write the table to FILE instead of the terminal: .xlsx (for Excel and WPS), .csv, .geojson (with the "
           "zones' shapes), .gpkg or .shp.",
           false, ValueKind::file},
          headersOption(),
      },
      {
          {"urbangis stats --by districts",
           "Counts and densities of the embedded Daye data by district, on the terminal."},
          {"urbangis stats layers/daye.json --by communities --since 2023-01-01 --until 2023-06-30 --out h1.xlsx",
           "The first half of 2023 by community, as an Excel workbook with Chinese headings."},
          {"urbangis stats city.json --by wards.geojson --layers cases.csv --cases --monthly --out cases.csv",
           "Case indicators of your own cases file, by ward and month."},
      }};
  return {std::move(spec), &runStatsCommand};
}

}  // namespace urbangis::cli
