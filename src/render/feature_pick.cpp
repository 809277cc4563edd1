#include "render/feature_pick.h"

#include <algorithm>
#include <cmath>

namespace urbangis {
namespace {

double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay, squared = dx * dx + dy * dy;
  const double t = squared > 0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / squared, 0.0, 1.0) : 0.0;
  return std::hypot(px - (ax + t * dx), py - (ay + t * dy));
}

}  // namespace

std::vector<size_t> pickFeatures(const RenderLayer& layer, double x, double y, double tolerance,
                                 std::optional<int32_t> month) {
  std::vector<std::pair<double, size_t>> hits;
  for (size_t f = 0; f < layer.features.size(); ++f) {
    const DrawFeature& feature = layer.features[f];
    if (!layer.shows(feature, month)) continue;
    if (x < feature.minX - tolerance || x > feature.maxX + tolerance || y < feature.minY - tolerance ||
        y > feature.maxY + tolerance)
      continue;
    double nearest = INFINITY;
    bool inside = false;
    for (uint32_t part = feature.firstPart; part < feature.firstPart + feature.partCount; ++part) {
      const uint32_t first = layer.partStarts[part], last = layer.partStarts[part + 1];
      if (feature.kind == DrawKind::point) {
        nearest = std::min(nearest, std::hypot(layer.x[first] - x, layer.y[first] - y));
        continue;
      }
      for (uint32_t i = first; i + 1 < last; ++i) {
        nearest = std::min(nearest, segmentDistance(x, y, layer.x[i], layer.y[i], layer.x[i + 1], layer.y[i + 1]));
        // Even-odd crossing count over all rings: holes are outside.
        if (feature.kind == DrawKind::polygon && ((layer.y[i] > y) != (layer.y[i + 1] > y)) &&
            x < (layer.x[i + 1] - layer.x[i]) * (y - layer.y[i]) / (layer.y[i + 1] - layer.y[i]) + layer.x[i])
          inside = !inside;
      }
    }
    if (inside)
      hits.emplace_back(0.0, f);
    else if (nearest <= tolerance)
      hits.emplace_back(nearest, f);
  }
  std::stable_sort(hits.begin(), hits.end());
  std::vector<size_t> picked;
  for (const auto& [distance, index] : hits) picked.push_back(index);
  return picked;
}

}  // namespace urbangis
