#pragma once
// The one call behind every per-zone table: `urbangis stats`, the viewer's analysis panel,
// `render --style-by`, `export --by` and the report's zone tables. It chooses the engine (PostGIS
// when every layer is in one database, unless told otherwise), computes case indicators instead
// of counts when asked, sums categories into national classes, and names CSV rows without usable
// coordinates as `info` does — so every face gives the same table for the same request.

#include <string>
#include <string_view>

#include "analysis/stats/stats.h"
#include "analysis/time_window.h"
#include "core/catalog.h"
#include "core/progress.h"

namespace urbangis {

enum class StatsEngine {
  automatic,  // PostGIS when the zones and every layer are tables of one database, else local
  local,      // GDAL reads, GEOS overlays on every core
  postgis,    // in the database; an error when a layer is not there
};

// "auto", "local" or "postgis"; InputError naming the choices otherwise.
StatsEngine parseStatsEngine(std::string_view name);

struct StatsRun {
  StatsRequest request;  // zones, layers, time window, threads
  StatsEngine engine = StatsEngine::automatic;
  // Case indicators (closure, on-time, hours to close, flag shares) instead of counts; always
  // computed locally (the PostGIS engine has no case indicators yet).
  bool cases = false;
  bool monthly = false;  // case indicators per zone and month
  // National event / component classes instead of the layers' own categories: "national" (the
  // catalog's national_classes.json), a class-map file, or empty / "local" for none.
  std::string classes;
};

struct StatsRunResult : StatsResult {
  bool inPostgis = false;  // which engine computed the table
};

StatsRunResult runStats(const Catalog& catalog, const StatsRun& run, const Progress& progress);

}  // namespace urbangis
