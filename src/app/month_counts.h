#pragma once
// Months in the loaded data and a zone's monthly counts, from what the viewer already holds in
// memory (the render layers in the working CRS): the month slider and the trend chart need no
// second read of the files.

#include <cstdint>
#include <map>
#include <vector>

#include "app/map_document.h"
#include "render/render_layer.h"

namespace urbangis::viewer {

// Every month (monthKeyOf) a feature of a loaded timed points layer falls in, in order.
std::vector<int32_t> monthsPresent(const std::vector<DocumentLayer>& layers);

// Per month: how many of `points` lie inside the zone feature with `zoneFid` (its rings by the
// even-odd rule, so holes are left out). Points without a readable time are not counted.
std::map<int32_t, size_t> monthlyCountsInZone(const RenderLayer& zones, int64_t zoneFid, const RenderLayer& points);

}  // namespace urbangis::viewer
