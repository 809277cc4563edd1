#pragma once
// What a bureau is assessed on, per zone (community, unit grid …): of the cases a layer opened
// in the window, how many are closed, the closure rate, the on-time rate against the layer's
// deadline, the median hours to close, and the share of "yes" in each flag field (handled,
// answered, satisfied …) — for the whole window or month by month. Rules in docs/stats.md.

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/time_window.h"
#include "core/catalog.h"
#include "core/output_table.h"
#include "core/progress.h"

namespace urbangis {

struct CaseIndicatorRequest {
  std::string zonesLayer;
  std::vector<std::string> layers;  // empty: every layer with a time_field and a way to tell closure
  TimeWindow window;                // on the open time
  bool monthly = false;             // one row per zone and month (by open time) instead of per zone
};

struct CaseIndicatorResult {
  OutputTable table;
  std::vector<std::string> warnings;
  std::vector<std::filesystem::path> inputs;
  std::string workingCrs;  // described; zones and cases are matched there
};

// Throws InputError for a named layer that has no time_field, no close_time_field and no
// status_field with closed_values, or that names a field its source lacks.
CaseIndicatorResult computeCaseIndicators(const Catalog& catalog, const CaseIndicatorRequest& request,
                                          const Progress& progress);

}  // namespace urbangis
