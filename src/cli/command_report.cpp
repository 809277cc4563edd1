// urbangis report [CATALOG] --year YYYY --out DIR [--lang zh|en] [--choropleth LAYER] [--hotspot LAYER]
//                 [--threads N]

#include <QDate>

#include <cstdlib>
#include <iostream>

#include "analysis/figures/annual_figures.h"
#include "cli/arguments.h"
#include "cli/command_catalog_input.h"
#include "cli/commands.h"
#include "cli/offscreen_gui.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "report/report_writer.h"

namespace urbangis::cli {
namespace {

int parseYear(const std::string& text) {
  char* end = nullptr;
  const long year = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end || text.size() != 4 || year < 1900 || year > 2999)
    throw InputError("--year \"" + text + "\": expected a four-digit year such as 2023");
  return static_cast<int>(year);
}

int runReport(const Arguments& arguments) {
  const auto yearText = arguments.value("year");
  if (!yearText) throw InputError("report needs --year YYYY (the calendar year to report on)");
  const int year = parseYear(*yearText);
  const auto out = arguments.value("out");
  if (!out || out->empty())
    throw InputError("report needs --out DIR (the folder for report.html, report.pdf and report.odt)");
  const std::string language = arguments.value("lang").value_or("zh");
  unsigned threads = 0;
  if (auto text = arguments.value("threads")) {
    char* end = nullptr;
    const long value = std::strtol(text->c_str(), &end, 10);
    if (end == text->c_str() || *end || value < 1 || value > 256)
      throw InputError("--threads \"" + *text + "\": expected 1 to 256");
    threads = static_cast<unsigned>(value);
  }
  const CommandCatalog input(arguments, {{"choropleth", LayerRole::points}, {"hotspot", LayerRole::points}}, "report");
  const Catalog& catalog = input.catalog();
  // Check the target before the work: a file (an input or not) is no folder.
  std::vector<std::filesystem::path> catalogFiles{catalog.file};
  for (const LayerSpec& spec : catalog.layers) catalogFiles.push_back(spec.resolvedSource);
  checkReportTarget(*out, catalogFiles);
  for (const char* option : {"choropleth", "hotspot"})
    if (auto id = input.layers(option)) {
      const LayerSpec& spec = catalog.layer(*id);
      if (spec.role != LayerRole::points)
        throw InputError("--" + std::string(option) + " " + *id + ": is a " + std::string(roleName(spec.role)) +
                         " layer; the map needs a points layer");
    }

  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt, arguments);
  AnnualRequest request;
  request.year = year;
  request.threads = threads;
  const AnnualFigures figures = computeAnnualFigures(catalog, request, progress);
  for (const std::string& warning : figures.warnings) std::cerr << "urbangis: " << warning << "\n";

  const OffscreenGui gui;

  const std::string today = QDate::currentDate().toString(Qt::ISODate).toStdString();
  const ReportContent content = buildReportContent(catalog, figures, language, today);
  ReportMapOptions mapOptions;
  mapOptions.choroplethLayer = input.layers("choropleth").value_or("");
  mapOptions.hotspotLayer = input.layers("hotspot").value_or("");
  mapOptions.language = language;
  mapOptions.madeOn = content.madeOn;
  const ReportMaps maps = buildReportMaps(catalog, figures, mapOptions, progress);
  for (const std::string& message : maps.messages) std::cerr << "urbangis: " << message << "\n";

  std::vector<std::filesystem::path> inputs = figures.inputs;
  inputs.insert(inputs.end(), maps.inputs.begin(), maps.inputs.end());
  progress.report("writing the report", -1);
  progress.checkCancelled();
  const ReportFiles files = writeReport(content, maps, *out, inputs);
  std::cerr << "urbangis: wrote " << files.html.string() << ", " << files.pdf.string() << " (" << files.pdfPages
            << " pages) and " << files.odt.string() << ": " << figures.layers.size() << " layers, "
            << content.tables.size() << " tables, " << maps.maps.size() << " maps\n";
  return 0;
}

}  // namespace

Command reportCommand() {
  CommandSpec spec{
      "report",
      "[CATALOG] --year YYYY --out DIR [options]",
      "The annual report: headline figures, monthly trends, tables by zone and maps, as HTML, PDF and ODT.",
      "Writes DIR/report.html (with an interactive map), DIR/report.pdf (A4) and DIR/report.odt (the same, to "
      "edit in WPS, Word or LibreOffice). The figures are those of "
      "`urbangis stats` for the calendar year, compared with the year before where the data has it "
      "(docs/report.md).",
      {
          {"year", "YYYY", "The calendar year to report on."},
          {"out", "DIR", "The folder to write the report into (made if missing; never a data folder's file).", false,
           ValueKind::directory},
          {"lang", "LANG", "Language of the report (default zh).", false, ValueKind::text, {"zh", "en"}},
          {"choropleth", "LAYER",
           "The points layer whose density by community the choropleth map shows "
           "(default: the busiest).",
           false, ValueKind::layer},
          {"hotspot", "LAYER", "The points layer of the hot-spot map (default: the busiest).", false, ValueKind::layer},
          {"threads", "N", "Worker threads, 1–256 (default: every core)."},
      },
      {
          {"urbangis report --year 2023 --out report_2023",
           "The embedded Daye data's 2023 report, in Chinese, into report_2023/."},
          {"urbangis report layers/daye.json --year 2023 --lang en --hotspot gas_hazards --out report_en",
           "The same in English, with the gas hazards' hot spots as its map."},
      }};
  return {std::move(spec), &runReport};
}

}  // namespace urbangis::cli
