#pragma once
// Counts a points layer by zone: how many points each zone holds, per category (and, for an
// assets inventory, per condition), and the totals of its sum fields. Points stream through in
// batches (memory stays flat for any size) and are located on every core; a point in no zone counts in the extra last
// slot, "(none)".

#include <cstdint>
#include <future>
#include <string>
#include <vector>

#include "analysis/time_window.h"
#include "analysis/zones/zone_locator.h"
#include "analysis/zones/zone_tally.h"
#include "analysis/zones/zones.h"
#include "core/catalog.h"
#include "core/progress.h"
#include "io/sources/layer_times.h"

namespace urbangis {

struct PointCounts {
  std::vector<int64_t> counts;                    // per zone, then "(none)"
  std::vector<std::string> categories;            // sorted; "" stands for a missing category
  std::vector<std::vector<int64_t>> byCategory;   // [category][zone or none]
  std::vector<std::string> conditions;            // assets: status_field values, sorted as categories
  std::vector<std::vector<int64_t>> byCondition;  // [condition][zone or none]
  std::vector<std::vector<double>> sums;          // [sum field][zone or none]
  int64_t features = 0;                           // read from the layer
  int64_t withoutPoint = 0;                       // no usable point (null, empty, not transformable)
  int64_t outsideWindow = 0;                      // left out by --since/--until
  TimeIssues timeIssues;  // time_field values that are not usable dates (read with a window only)
  ZoneTally placement;    // how the points in the window fell among the zones
};

// Reading starts at once; locating waits for `locator`, so the caller can build it while the
// first batches stream in (set an exception on the promise to abandon the count).
PointCounts countPoints(const LayerSpec& spec, std::shared_future<const ZoneLocator*> locator, const CrsSpec& working,
                        const TimeWindow& window, const Progress& progress, unsigned threads);

}  // namespace urbangis
