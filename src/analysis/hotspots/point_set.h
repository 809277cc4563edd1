#pragma once
// All points of a `points` layer, in the working CRS, with an optional weight field: what the
// hot-spot analyses work from. Features without a usable point are counted, not kept.

#include <string>
#include <vector>

#include "analysis/time_window.h"
#include "core/catalog.h"
#include "core/crs.h"

namespace urbangis {

struct PointSet {
  std::vector<double> x, y, weight;  // weight 1 when no weight field is given
  int64_t withoutPoint = 0;
  int64_t outsideWindow = 0;  // features whose time_field falls outside the window (or is unreadable)
  std::vector<std::string> warnings;
};

// Only features whose time_field lies in `window` when it is active. Throws InputError for a
// weight that is missing from the layer or NaN in some feature, and for an active window on a
// layer without a time_field.
PointSet loadPoints(const LayerSpec& spec, const CrsSpec& working, const std::string& weightField,
                    const TimeWindow& window = {});

}  // namespace urbangis
