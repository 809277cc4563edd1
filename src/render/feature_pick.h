#pragma once
// Which drawn features lie under a place on the map: inside a polygon, within a tolerance of a
// line or a point. What the viewer's identify tool asks of every visible layer.

#include <cstdint>
#include <optional>
#include <vector>

#include "render/render_layer.h"

namespace urbangis {

// Indexes into layer.features of the features at (x, y) (working CRS), nearest first for lines
// and points; `tolerance` in working-CRS units (a few pixels at the current scale). Only features
// shown in `month` (RenderLayer::shows) are picked.
std::vector<size_t> pickFeatures(const RenderLayer& layer, double x, double y, double tolerance,
                                 std::optional<int32_t> month = std::nullopt);

}  // namespace urbangis
