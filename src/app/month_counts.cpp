#include "app/month_counts.h"

#include <set>

namespace urbangis::viewer {
namespace {

// Even-odd crossing test over every ring of the feature.
bool inside(const RenderLayer& layer, const DrawFeature& zone, double x, double y) {
  bool in = false;
  for (uint32_t part = zone.firstPart; part < zone.firstPart + zone.partCount; ++part) {
    const uint32_t first = layer.partStarts[part], last = layer.partStarts[part + 1];
    for (uint32_t i = first, j = last - 1; i < last; j = i++) {
      const double xi = layer.x[i], yi = layer.y[i], xj = layer.x[j], yj = layer.y[j];
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) in = !in;
    }
  }
  return in;
}

}  // namespace

std::vector<int32_t> monthsPresent(const std::vector<DocumentLayer>& layers) {
  std::set<int32_t> months;
  for (const DocumentLayer& layer : layers)
    if (layer.rendered && layer.rendered->timed)
      for (const DrawFeature& feature : layer.rendered->features)
        if (feature.month != kNoMonth) months.insert(feature.month);
  return {months.begin(), months.end()};
}

std::map<int32_t, size_t> monthlyCountsInZone(const RenderLayer& zones, int64_t zoneFid, const RenderLayer& points) {
  std::map<int32_t, size_t> counts;
  for (const DrawFeature& zone : zones.features) {
    if (zone.fid != zoneFid || zone.kind != DrawKind::polygon) continue;
    for (const DrawFeature& point : points.features) {
      if (point.month == kNoMonth) continue;
      const uint32_t at = points.partStarts[point.firstPart];
      const double x = points.x[at], y = points.y[at];
      if (x < zone.minX || x > zone.maxX || y < zone.minY || y > zone.maxY) continue;
      if (inside(zones, zone, x, y)) ++counts[point.month];
    }
  }
  return counts;
}

}  // namespace urbangis::viewer
