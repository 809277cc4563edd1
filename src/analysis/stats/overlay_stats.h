#pragma once
// Statistics of polygon and line layers by zone, measured on the ellipsoid and with overlaps
// counted once: per zone, the layer's pieces inside the zone are unioned, then measured.
// - areas: how many features intersect the zone, the area of their union inside it;
// - lines: the length of their union inside the zone and, for a layer that `covers` a
//   network, the share of the zone's road length within `buffer_m` of the layer's lines.
// Sum fields go to the zone holding each feature's representative point (point on surface /
// interior point), so every feature's values are counted once.

#include <cstdint>
#include <vector>

#include "analysis/stats/feature_set.h"
#include "analysis/zones/zone_locator.h"
#include "analysis/zones/zones.h"
#include "core/progress.h"

namespace urbangis {

struct OverlayStats {
  std::vector<int64_t> counts;            // per zone, then "(none)": features intersecting it
  std::vector<double> measure;            // m² (areas) or m (lines) of the union inside the zone
  std::vector<double> roadShare;          // lines covering a network: percent; NaN without roads
  std::vector<std::vector<double>> sums;  // [sum field][zone or none]
};

// `features` of dimension 2 (areas) or 1 (lines). `roads`, when given, is the covered network.
OverlayStats overlayByZone(const ZoneSet& zones, const ZoneLocator& locator, const FeatureSet& features, int dimension,
                           const FeatureSet* roads, double bufferM, const CrsSpec& working, const Progress& progress,
                           unsigned threads, std::string_view stage);

}  // namespace urbangis
