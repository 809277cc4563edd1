#pragma once
// `urbangis stats`: one row per zone of a zones layer with counts, densities, covered areas and
// lengths of the catalog's point, area and line layers, plus a last row "(none)" for what falls
// in no zone. Column names and rules are documented in docs/stats.md.

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/time_window.h"
#include "core/catalog.h"
#include "core/output_table.h"
#include "core/progress.h"

namespace urbangis {

struct StatsRequest {
  std::string zonesLayer;
  std::vector<std::string> layers;  // empty: every points, areas and lines layer
  TimeWindow window;
  unsigned threads = 0;  // 0: one per core
};

struct StatsResult {
  OutputTable table;
  std::vector<std::string> warnings;  // one line each, for stderr
  std::string workingCrs;             // described
  bool workingCrsChosen = false;
  std::vector<std::filesystem::path> inputs;  // files read: never to be written over
};

// The layers a request summarises: its --layers, else every points, areas and lines layer of
// the catalog. Throws InputError for a requested layer of another role.
std::vector<const LayerSpec*> statsLayers(const Catalog& catalog, const StatsRequest& request);

StatsResult computeStats(const Catalog& catalog, const StatsRequest& request, const Progress& progress);

}  // namespace urbangis
