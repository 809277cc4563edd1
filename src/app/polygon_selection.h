#pragma once
// Which features of a drawn layer a polygon drawn on the map touches: what the polygon
// selection tool selects. The polygon is prepared once (GEOS) and tested against each feature's
// coordinates as the layer holds them for drawing (working CRS), so no file is read.

#include <QPointF>

#include <cstdint>
#include <optional>
#include <vector>

#include "render/render_layer.h"

namespace urbangis::viewer {

// Fids of the features of `layer` that intersect the polygon through `vertices` (working CRS,
// not closed: the last vertex joins the first). A self-crossing polygon is repaired first (its
// lobes count). Empty when the vertices enclose no area. Only features shown in `month`
// (RenderLayer::shows): what is not on the map is not selected.
std::vector<int64_t> fidsIntersectingPolygon(const RenderLayer& layer, const std::vector<QPointF>& vertices,
                                             std::optional<int32_t> month = std::nullopt);

}  // namespace urbangis::viewer
