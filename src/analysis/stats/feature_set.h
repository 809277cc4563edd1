#pragma once
// The polygons or lines of an `areas`, `lines` or `network` layer, in the working CRS,
// repaired, filtered by time, with their sum-field values: what the overlay statistics and the
// road graph work from.

#include <string>
#include <vector>

#include "analysis/time_window.h"
#include "analysis/zones/zones.h"
#include "core/catalog.h"
#include "core/geos_context.h"
#include "io/sources/layer_times.h"

namespace urbangis {

struct FeatureSet {
  std::vector<GeomPtr> geometries;        // working CRS, valid, of the layer's dimension
  std::vector<std::vector<double>> sums;  // [feature][sum field]; NaN read as 0
  std::vector<std::array<double, 4>> envelopes;
  std::vector<std::string> repaired;  // ids of features MakeValid changed
  int64_t dropped = 0;                // nothing of the right dimension left, or no geometry
  int64_t outsideWindow = 0;
  TimeIssues timeIssues;  // time_field values that are not usable dates (read with a window only)
};

// `dimension` 2 for polygons, 1 for lines.
FeatureSet loadFeatures(const LayerSpec& spec, const GeosContext& geos, const MeasureFrame& frame,
                        const TimeWindow& window, int dimension);

}  // namespace urbangis
