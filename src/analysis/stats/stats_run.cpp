#include "analysis/stats/stats_run.h"

#include <algorithm>

#include "analysis/stats/case_indicators.h"
#include "analysis/stats/national_classes.h"
#include "analysis/stats/postgis_stats.h"
#include "core/error.h"
#include "io/catalog/class_map.h"
#include "io/sources/csv_coordinates.h"

namespace urbangis {

StatsEngine parseStatsEngine(std::string_view name) {
  if (name == "auto") return StatsEngine::automatic;
  if (name == "local") return StatsEngine::local;
  if (name == "postgis") return StatsEngine::postgis;
  throw InputError("--engine " + std::string(name) + ": use local, postgis or auto");
}

StatsRunResult runStats(const Catalog& catalog, const StatsRun& run, const Progress& progress) {
  const StatsRequest& request = run.request;
  StatsRunResult result;
  if (run.cases || run.monthly) {
    CaseIndicatorRequest cases{request.zonesLayer, request.layers, request.window, run.monthly};
    CaseIndicatorResult indicators = computeCaseIndicators(catalog, cases, progress);
    result.table = std::move(indicators.table);
    result.warnings = std::move(indicators.warnings);
    result.inputs = std::move(indicators.inputs);
    result.workingCrs = std::move(indicators.workingCrs);
  } else {
    result.inPostgis = run.engine == StatsEngine::postgis ||
                       (run.engine == StatsEngine::automatic && postgisEngineApplies(catalog, request));
    static_cast<StatsResult&>(result) =
        result.inPostgis ? computeStatsInPostgis(catalog, request, progress) : computeStats(catalog, request, progress);
  }
  if (!run.classes.empty() && run.classes != "local") {
    const std::filesystem::path file = classMapFile(run.classes, catalog.file);
    const ClassMap map = loadClassMap(file);
    std::vector<std::string> ids;
    for (const LayerSpec& layer : catalog.layers) ids.push_back(layer.id);
    result.table = byNationalClass(result.table, ids, map, result.warnings);
    result.inputs.push_back(file);
  }
  // CSV rows without usable coordinates, named as `info` names them (io/sources/csv_coordinates.h).
  std::vector<std::string> csvWarnings;
  for (const LayerSpec& layer : catalog.layers)
    if (request.layers.empty() ||
        std::find(request.layers.begin(), request.layers.end(), layer.id) != request.layers.end())
      if (std::string warning = unusableCsvCoordinatesWarning(layer); !warning.empty())
        csvWarnings.push_back(std::move(warning));
  result.warnings.insert(result.warnings.begin(), csvWarnings.begin(), csvWarnings.end());
  return result;
}

}  // namespace urbangis
